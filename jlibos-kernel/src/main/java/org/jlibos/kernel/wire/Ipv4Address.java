package org.jlibos.kernel.wire;

/**
 * IPv4 addresses as {@code int}s in host order: 10.0.1.2 is {@code 0x0a000102}, the value
 * {@link Bytes#getI32} reads from a header. Ints keep the packet path free of allocation; use
 * {@link Integer#compareUnsigned} to order them.
 *
 * <p>Text parsing follows {@code inet_pton(AF_INET)}: exactly four decimal octets 0..255, no
 * sign, no leading zeros (so "010" is rejected rather than read as octal like
 * {@code inet_aton} would), no surrounding spaces.
 */
public final class Ipv4Address {

    /** 0.0.0.0 (INADDR_ANY). */
    public static final int UNSPECIFIED = 0;
    /** 255.255.255.255, the limited broadcast address (INADDR_BROADCAST). */
    public static final int BROADCAST = 0xffff_ffff;
    /** 127.0.0.1 */
    public static final int LOOPBACK = 0x7f00_0001;
    /** Address length in bytes. */
    public static final int LENGTH = 4;

    private Ipv4Address() {
    }

    /**
     * Parses dotted-quad text such as "10.0.1.2".
     *
     * @throws IllegalArgumentException naming the text when it is not a valid address
     */
    public static int parse(String text) {
        long a = tryParse(text);
        if (a < 0) {
            throw new IllegalArgumentException("invalid IPv4 address: '" + text + "'");
        }
        return (int) a;
    }

    /** Like {@link #parse} but returns -1 instead of throwing; the address is in the low 32 bits. */
    public static long tryParse(CharSequence text) {
        if (text == null) {
            return -1;
        }
        int len = text.length();
        long addr = 0;
        int octets = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < len && i - start < 4) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            addr = (addr << 8) | value;
            octets++;
            if (octets == 4) {
                return i == len ? addr : -1;
            }
            if (i >= len || text.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    /** True when {@code text} is a valid dotted-quad address. */
    public static boolean isValid(CharSequence text) {
        return tryParse(text) >= 0;
    }

    /** "10.0.1.2" */
    public static String format(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }

    /** The address from four octets, most significant first: {@code of(10, 0, 1, 2)}. */
    public static int of(int a, int b, int c, int d) {
        return ((a & 0xff) << 24) | ((b & 0xff) << 16) | ((c & 0xff) << 8) | (d & 0xff);
    }

    /**
     * The netmask of a prefix length: 24 gives 255.255.255.0, 0 gives 0.0.0.0.
     *
     * @throws IllegalArgumentException unless 0 &lt;= prefixLen &lt;= 32
     */
    public static int mask(int prefixLen) {
        checkPrefixLength(prefixLen);
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }

    /** The prefix length of a contiguous netmask, or -1 when the mask has holes. */
    public static int prefixLength(int mask) {
        int len = Integer.bitCount(mask);
        return mask(len) == mask ? len : -1;
    }

    /** {@code addr} with its host bits cleared. */
    public static int network(int addr, int prefixLen) {
        return addr & mask(prefixLen);
    }

    /** {@code addr} with its host bits set: the directed broadcast address of its subnet. */
    public static int broadcast(int addr, int prefixLen) {
        return addr | ~mask(prefixLen);
    }

    /** True when {@code addr} lies in {@code network/prefixLen}. */
    public static boolean inPrefix(int addr, int network, int prefixLen) {
        int m = mask(prefixLen);
        return (addr & m) == (network & m);
    }

    /**
     * Parses "10.0.1.1/24" keeping the host bits, as {@code ip addr add} does; without "/len"
     * the length is 32, as in iproute2.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid prefix
     */
    public static Ipv4Prefix parseCidr(String text) {
        return Ipv4Prefix.parse(text);
    }

    /** 224.0.0.0/4 (class D). */
    public static boolean isMulticast(int addr) {
        return (addr & 0xf000_0000) == 0xe000_0000;
    }

    /** 224.0.0.0/24, link-local multicast that routers never forward (RFC 5771). */
    public static boolean isLocalMulticast(int addr) {
        return (addr & 0xffff_ff00) == 0xe000_0000;
    }

    /** The limited broadcast address 255.255.255.255 only (not a subnet's broadcast). */
    public static boolean isBroadcast(int addr) {
        return addr == BROADCAST;
    }

    /** 127.0.0.0/8 */
    public static boolean isLoopback(int addr) {
        return (addr >>> 24) == 127;
    }

    /** 169.254.0.0/16 (RFC 3927). */
    public static boolean isLinkLocal(int addr) {
        return (addr & 0xffff_0000) == 0xa9fe_0000;
    }

    /** 0.0.0.0 */
    public static boolean isUnspecified(int addr) {
        return addr == UNSPECIFIED;
    }

    /** 0.0.0.0/8, "this network", never a valid source or destination on the wire (Linux ipv4_is_zeronet). */
    public static boolean isZeroNet(int addr) {
        return (addr >>> 24) == 0;
    }

    /** 10/8, 172.16/12, 192.168/16 (RFC 1918). */
    public static boolean isPrivate(int addr) {
        return (addr >>> 24) == 10 || (addr & 0xfff0_0000) == 0xac10_0000 || (addr & 0xffff_0000) == 0xc0a8_0000;
    }

    /** 240.0.0.0/4 except 255.255.255.255 (class E, reserved). */
    public static boolean isReserved(int addr) {
        return (addr & 0xf000_0000) == 0xf000_0000 && addr != BROADCAST;
    }

    static void checkPrefixLength(int prefixLen) {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("IPv4 prefix length out of range 0..32: " + prefixLen);
        }
    }
}
