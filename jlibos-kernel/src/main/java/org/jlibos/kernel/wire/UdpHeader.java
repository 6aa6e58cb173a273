package org.jlibos.kernel.wire;

/**
 * UDP header (RFC 768).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     data octets ...
 * +-+-+-+-+-+-+-+-
 * </pre>
 *
 * <p>Length covers header and data. The checksum covers a pseudo-header (source, destination,
 * protocol 17, UDP length), the header and the data. Over IPv4 a checksum of zero means "none"
 * (RFC 768), so a computed zero is sent as 0xffff; over IPv6 the checksum is mandatory
 * (RFC 8200 §8.1).
 */
public final class UdpHeader {

    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    /** Header length in bytes. */
    public static final int LENGTH = 8;
    /** The checksum field value meaning "no checksum" (IPv4 only). */
    public static final int NO_CHECKSUM = 0;

    private UdpHeader() {
    }

    public static int srcPort(byte[] b, int off) {
        return Bytes.getU16(b, off + SRC_PORT_OFFSET);
    }

    public static void setSrcPort(byte[] b, int off, int port) {
        Bytes.put16(b, off + SRC_PORT_OFFSET, port);
    }

    public static int dstPort(byte[] b, int off) {
        return Bytes.getU16(b, off + DST_PORT_OFFSET);
    }

    public static void setDstPort(byte[] b, int off, int port) {
        Bytes.put16(b, off + DST_PORT_OFFSET, port);
    }

    /** The Length field: header plus data in bytes (at least 8). */
    public static int length(byte[] b, int off) {
        return Bytes.getU16(b, off + LENGTH_OFFSET);
    }

    public static void setLength(byte[] b, int off, int length) {
        Bytes.put16(b, off + LENGTH_OFFSET, length);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /** Stores a value in the checksum field (see {@link #fillChecksumIpv4} to compute and store). */
    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + CHECKSUM_OFFSET, checksum);
    }

    /** Offset of the data. */
    public static int payloadOffset(int off) {
        return off + LENGTH;
    }

    /**
     * The checksum to send for the {@code len}-byte datagram at {@code off} (header and data)
     * from {@code src} to {@code dst}, the field taken as zero; never 0 (a computed 0 is 0xffff).
     */
    public static int computeChecksumIpv4(byte[] b, int off, int len, int src, int dst) {
        long sum = InternetChecksum.ipv4PseudoHeaderSum(src, dst, IpProtocol.UDP, len);
        return finish(b, off, len, sum);
    }

    /** Computes the IPv4 checksum and stores it. */
    public static void fillChecksumIpv4(byte[] b, int off, int len, int src, int dst) {
        setChecksum(b, off, computeChecksumIpv4(b, off, len, src, dst));
    }

    /** True when the datagram carries no checksum (0) or a correct one, as Linux's udp4 receive accepts. */
    public static boolean isChecksumValidIpv4(byte[] b, int off, int len, int src, int dst) {
        if (checksum(b, off) == NO_CHECKSUM) {
            return true;
        }
        long sum = InternetChecksum.ipv4PseudoHeaderSum(src, dst, IpProtocol.UDP, len);
        return InternetChecksum.fold(InternetChecksum.sum(b, off, len, sum)) == 0;
    }

    /**
     * The checksum to send over IPv6; the 16-byte source and destination addresses are at
     * {@code srcOff} and {@code dstOff} in {@code addrs} (usually the IPv6 header in the same
     * packet array). Never 0.
     */
    public static int computeChecksumIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(addrs, srcOff, dstOff, IpProtocol.UDP, len);
        return finish(b, off, len, sum);
    }

    /** Computes the IPv6 checksum and stores it. */
    public static void fillChecksumIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        setChecksum(b, off, computeChecksumIpv6(b, off, len, addrs, srcOff, dstOff));
    }

    /** True when the checksum verifies; a zero checksum is invalid over IPv6. */
    public static boolean isChecksumValidIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        if (checksum(b, off) == NO_CHECKSUM) {
            return false;
        }
        long sum = InternetChecksum.ipv6PseudoHeaderSum(addrs, srcOff, dstOff, IpProtocol.UDP, len);
        return InternetChecksum.fold(InternetChecksum.sum(b, off, len, sum)) == 0;
    }

    /** Writes the whole header with a zero checksum; fill the checksum once the data is in place. */
    public static void write(byte[] b, int off, int srcPort, int dstPort, int length) {
        setSrcPort(b, off, srcPort);
        setDstPort(b, off, dstPort);
        setLength(b, off, length);
        setChecksum(b, off, 0);
    }

    private static int finish(byte[] b, int off, int len, long pseudoSum) {
        long sum = InternetChecksum.sum(b, off, CHECKSUM_OFFSET, pseudoSum);
        sum = InternetChecksum.sum(b, off + LENGTH, len - LENGTH, sum);
        int checksum = InternetChecksum.fold(sum);
        return checksum == 0 ? 0xffff : checksum;
    }
}
