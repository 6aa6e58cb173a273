package org.jlibos.dce.net;

import java.net.InetAddress;
import java.net.SocketException;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.kernel.ipv4.InterfaceAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.Kernel;
import org.jlibos.sim.node.Node;

/** java.net addresses as java.net sockets give them to the kernel, and a node's own addresses. */
final class InetAddresses {

    /** No IPv4 address on any non-loopback device. */
    static final long NONE = -1;

    private InetAddresses() {
    }

    /**
     * The IPv4 address (host byte order) a java.net address means to the IPv4-only kernel:
     * {@code ::} and {@code ::1} are the IPv4 wildcard and loopback, IPv4-mapped addresses
     * are their IPv4 address; any other IPv6 address fails like socket(AF_INET6) would.
     */
    static int toInt(InetAddress address) throws SocketException {
        if (address == null) {
            return 0;
        }
        long a = KernelAddresses.toKernel(address);
        if (a == KernelAddresses.NOT_IPV4) {
            a = KernelAddresses.fromIpv4Mapped(address);
        }
        if (a == KernelAddresses.NOT_IPV4) {
            throw new SocketException("Protocol family unavailable: the simulated kernel has no IPv6 ("
                    + address.getHostAddress() + ")");
        }
        return (int) a;
    }

    /** The node's address as other nodes name it (the kernel's primary global address), or {@link #NONE}. */
    static long primaryAddress(Node node) {
        return node.kernel().ipv4().primaryGlobalAddress();
    }

    /** Whether {@code address} is configured on one of the node's non-loopback devices. */
    static boolean isNodeAddress(Node node, int address) {
        Kernel k = node.kernel();
        for (InterfaceAddress a : k.ipv4().addresses()) {
            NetDevice dev = k.device(a.ifindex());
            if (a.address() == address && dev != null && dev.type() != NetDevice.Type.LOOPBACK) {
                return true;
            }
        }
        return false;
    }
}
