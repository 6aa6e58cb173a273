package org.jlibos.dce.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;

import org.jlibos.kernel.ipv4.InterfaceAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.node.Node;

/** Conversions between java.net addresses and the kernel's IPv4 ints, and a node's own address. */
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
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return fromBytes(b, 0);
        }
        if (address instanceof Inet6Address) {
            if (address.isAnyLocalAddress()) {
                return 0;
            }
            if (address.isLoopbackAddress()) {
                return Ipv4Address.LOOPBACK;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return fromBytes(b, 12);
            }
        }
        throw new SocketException("Protocol family unavailable: the simulated kernel has no IPv6 ("
                + address.getHostAddress() + ")");
    }

    static int fromBytes(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    static byte[] toBytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** An address with no host name (as accept() and recvfrom() report peers). */
    static InetAddress toInetAddress(int address) {
        try {
            return InetAddress.getByAddress(toBytes(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static InetAddress toInetAddress(String hostName, int address) {
        try {
            return InetAddress.getByAddress(hostName, toBytes(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The node's address as other nodes name it: the first IPv4 address of its first
     * non-loopback device that has one, in device (ifindex) order; {@link #NONE} when none.
     */
    static long primaryAddress(Node node) {
        Kernel k = node.kernel();
        for (NetDevice dev : k.devices()) {
            if (dev.type() == NetDevice.Type.LOOPBACK) {
                continue;
            }
            for (InterfaceAddress a : k.ipv4().addresses(dev.ifindex())) {
                return a.address() & 0xffff_ffffL;
            }
        }
        return NONE;
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
