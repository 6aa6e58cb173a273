package org.jlibos.dce.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jlibos.kernel.wire.Ipv4Address;

/** Conversions between java.net addresses and the kernel's IPv4 addresses (ints in host byte order). */
public final class KernelAddresses {

    /** What the conversions answer for an address the IPv4-only kernel has no equivalent of. */
    public static final long NOT_IPV4 = -1;

    private KernelAddresses() {
    }

    /**
     * The kernel address for {@code address}, or {@link #NOT_IPV4}. The JDK hands IPv6 wildcard
     * and loopback addresses to IPv4-only code on dual-stack hosts (e.g.
     * {@code new InetSocketAddress(port)}), so those two are their IPv4 twins.
     */
    public static long toKernel(InetAddress address) {
        if (address instanceof Inet4Address) {
            return fromBytes(address.getAddress(), 0) & 0xffff_ffffL;
        }
        if (address instanceof Inet6Address) {
            if (address.isAnyLocalAddress()) {
                return 0;
            }
            if (address.isLoopbackAddress()) {
                return Ipv4Address.LOOPBACK;
            }
        }
        return NOT_IPV4;
    }

    /**
     * The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, which
     * {@code Inet6Address.getByAddress} keeps as IPv6), or {@link #NOT_IPV4}.
     */
    public static long fromIpv4Mapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return NOT_IPV4;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return NOT_IPV4;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return NOT_IPV4;
        }
        return fromBytes(b, 12) & 0xffff_ffffL;
    }

    /** The address in the four network-order bytes at {@code offset}. */
    public static int fromBytes(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    public static byte[] toBytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** An address with no host name (as accept() and recvfrom() report peers). */
    public static InetAddress toInetAddress(int address) {
        try {
            return InetAddress.getByAddress(toBytes(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static InetAddress toInetAddress(String hostName, int address) {
        try {
            return InetAddress.getByAddress(hostName, toBytes(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
