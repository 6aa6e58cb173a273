package org.jlibos.dce.nio;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SockAddr;

/** Conversions between java.net socket addresses and the kernel's {@link InetSockAddr}. */
final class Addresses {

    private static final int LOOPBACK = 0x7f000001;

    private Addresses() {
    }

    /**
     * The kernel address for {@code address}; null means the wildcard with an ephemeral port.
     * The JDK hands IPv6 wildcard and loopback addresses to IPv4-only code on dual-stack hosts
     * (e.g. {@code new InetSocketAddress(port)}), so those two are mapped to their IPv4 twins.
     */
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

    static int toKernel(InetAddress address) {
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }
        if (address instanceof Inet6Address) {
            if (address.isAnyLocalAddress()) {
                return 0;
            }
            if (address.isLoopbackAddress()) {
                return LOOPBACK;
            }
        }
        // The simulated kernel has IPv4 sockets only.
        throw new UnsupportedAddressTypeException();
    }

    static InetSocketAddress toJava(SockAddr address) {
        InetSockAddr a = (InetSockAddr) address;
        return new InetSocketAddress(toJava(a.address()), a.port());
    }

    static InetAddress toJava(int address) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
