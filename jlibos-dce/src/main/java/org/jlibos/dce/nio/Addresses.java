package org.jlibos.dce.nio;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SockAddr;

/** Channel socket addresses as the kernel's {@link InetSockAddr}, failing as NIO channels do. */
final class Addresses {

    private Addresses() {
    }

    /** The kernel address for {@code address}; null means the wildcard with an ephemeral port. */
    static InetSockAddr toKernel(SocketAddress address) {
        if (address == null) {
            return InetSockAddr.ANY;
        }
        if (!(address instanceof InetSocketAddress isa)) {
            throw new UnsupportedAddressTypeException();
        }
        if (isa.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        return new InetSockAddr(toKernel(isa.getAddress()), isa.getPort());
    }

    private static int toKernel(InetAddress address) {
        long a = KernelAddresses.toKernel(address);
        if (a == KernelAddresses.NOT_IPV4) {
            // The simulated kernel has IPv4 sockets only.
            throw new UnsupportedAddressTypeException();
        }
        return (int) a;
    }

    static InetSocketAddress toJava(SockAddr address) {
        InetSockAddr a = (InetSockAddr) address;
        return new InetSocketAddress(KernelAddresses.toInetAddress(a.address()), a.port());
    }
}
