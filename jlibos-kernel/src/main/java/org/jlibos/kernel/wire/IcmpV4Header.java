package org.jlibos.kernel.wire;

/**
 * ICMP for IPv4 (RFC 792): the 8-byte header common to all messages. The second word depends
 * on the type, so it has one accessor per meaning.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    rest of header (by type)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Data ...
 * +-+-+-+-+-
 *
 * rest of header:
 *   Echo, Echo Reply:            | Identifier | Sequence Number |
 *   Destination Unreachable:     |  unused (16) | Next-Hop MTU  |   (MTU for code 4, RFC 1191)
 *   Time Exceeded, Source Quench:|            unused             |
 *   Parameter Problem:           | Pointer |       unused        |
 *   Redirect:                    |   Gateway Internet Address    |
 * Error messages carry the offending IP header and at least 8 bytes of its data.
 * </pre>
 *
 * <p>The checksum covers the whole ICMP message (header and data), with no pseudo-header.
 */
public final class IcmpV4Header {

    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    /** The type-dependent second word. */
    public static final int REST_OFFSET = 4;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int POINTER_OFFSET = 4;
    public static final int GATEWAY_OFFSET = 4;
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    /** Header length in bytes; data (echo payload or the quoted datagram) follows. */
    public static final int LENGTH = 8;

    // Types.
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    public static final int TIMESTAMP = 13;
    public static final int TIMESTAMP_REPLY = 14;

    // Destination Unreachable codes (RFC 792, RFC 1122, RFC 1812).
    public static final int UNREACH_NET = 0;
    public static final int UNREACH_HOST = 1;
    public static final int UNREACH_PROTOCOL = 2;
    public static final int UNREACH_PORT = 3;
    /** Fragmentation needed and DF set; carries the next-hop MTU (RFC 1191). */
    public static final int UNREACH_FRAG_NEEDED = 4;
    public static final int UNREACH_SOURCE_ROUTE_FAILED = 5;
    public static final int UNREACH_NET_UNKNOWN = 6;
    public static final int UNREACH_HOST_UNKNOWN = 7;
    public static final int UNREACH_NET_PROHIBITED = 9;
    public static final int UNREACH_HOST_PROHIBITED = 10;
    /** Communication administratively prohibited (RFC 1812), Linux's {@code prohibit} route and REJECT. */
    public static final int UNREACH_ADMIN_PROHIBITED = 13;

    // Time Exceeded codes.
    public static final int EXCEEDED_TTL = 0;
    public static final int EXCEEDED_REASSEMBLY = 1;

    // Redirect codes.
    public static final int REDIRECT_NET = 0;
    public static final int REDIRECT_HOST = 1;

    // Parameter Problem codes.
    public static final int PARAMPROB_POINTER = 0;
    public static final int PARAMPROB_MISSING_OPTION = 1;
    public static final int PARAMPROB_BAD_LENGTH = 2;

    private IcmpV4Header() {
    }

    public static int type(byte[] b, int off) {
        return Bytes.getU8(b, off + TYPE_OFFSET);
    }

    public static void setType(byte[] b, int off, int type) {
        Bytes.put8(b, off + TYPE_OFFSET, type);
    }

    public static int code(byte[] b, int off) {
        return Bytes.getU8(b, off + CODE_OFFSET);
    }

    public static void setCode(byte[] b, int off, int code) {
        Bytes.put8(b, off + CODE_OFFSET, code);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /** Stores a value in the checksum field (see {@link #fillChecksum} to compute and store). */
    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + CHECKSUM_OFFSET, checksum);
    }

    /** The whole second word as raw bits. */
    public static int restOfHeader(byte[] b, int off) {
        return Bytes.getI32(b, off + REST_OFFSET);
    }

    public static void setRestOfHeader(byte[] b, int off, int v) {
        Bytes.put32(b, off + REST_OFFSET, v);
    }

    /** Echo / Echo Reply identifier (Linux ping uses the socket's port or pid). */
    public static int identifier(byte[] b, int off) {
        return Bytes.getU16(b, off + IDENTIFIER_OFFSET);
    }

    public static void setIdentifier(byte[] b, int off, int id) {
        Bytes.put16(b, off + IDENTIFIER_OFFSET, id);
    }

    /** Echo / Echo Reply sequence number. */
    public static int sequence(byte[] b, int off) {
        return Bytes.getU16(b, off + SEQUENCE_OFFSET);
    }

    public static void setSequence(byte[] b, int off, int seq) {
        Bytes.put16(b, off + SEQUENCE_OFFSET, seq);
    }

    /** Destination Unreachable / Fragmentation Needed: the next-hop MTU (RFC 1191), 0 from old routers. */
    public static int nextHopMtu(byte[] b, int off) {
        return Bytes.getU16(b, off + NEXT_HOP_MTU_OFFSET);
    }

    public static void setNextHopMtu(byte[] b, int off, int mtu) {
        Bytes.put16(b, off + NEXT_HOP_MTU_OFFSET, mtu);
    }

    /** The 16 unused bits before the next-hop MTU in Destination Unreachable (zero when sent). */
    public static int unused(byte[] b, int off) {
        return Bytes.getU16(b, off + REST_OFFSET);
    }

    /** Parameter Problem: offset of the octet in the quoted header where the problem was found. */
    public static int pointer(byte[] b, int off) {
        return Bytes.getU8(b, off + POINTER_OFFSET);
    }

    public static void setPointer(byte[] b, int off, int pointer) {
        Bytes.put8(b, off + POINTER_OFFSET, pointer);
    }

    /** Redirect: the gateway to use instead. */
    public static int gateway(byte[] b, int off) {
        return Bytes.getI32(b, off + GATEWAY_OFFSET);
    }

    public static void setGateway(byte[] b, int off, int addr) {
        Bytes.put32(b, off + GATEWAY_OFFSET, addr);
    }

    /** Offset of the data after the header: echo payload, or the quoted IP header of an error. */
    public static int dataOffset(int off) {
        return off + LENGTH;
    }

    /**
     * True for error messages (Destination Unreachable, Source Quench, Redirect, Time Exceeded,
     * Parameter Problem), about which no ICMP error is ever sent (RFC 1122 §3.2.2).
     */
    public static boolean isError(int type) {
        return type == DEST_UNREACHABLE || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /** The checksum the {@code len}-byte message should carry, computed with the field taken as zero. */
    public static int computeChecksum(byte[] b, int off, int len) {
        long sum = InternetChecksum.sum(b, off, CHECKSUM_OFFSET, 0);
        sum = InternetChecksum.sum(b, off + REST_OFFSET, len - REST_OFFSET, sum);
        return InternetChecksum.fold(sum);
    }

    /** Computes the checksum over the {@code len}-byte message and stores it. */
    public static void fillChecksum(byte[] b, int off, int len) {
        setChecksum(b, off, computeChecksum(b, off, len));
    }

    /** True when the {@code len}-byte message verifies with its stored checksum. */
    public static boolean isChecksumValid(byte[] b, int off, int len) {
        return InternetChecksum.compute(b, off, len) == 0;
    }

    /** Writes type, code, a zero checksum and the second word (e.g. {@code id << 16 | seq}). */
    public static void write(byte[] b, int off, int type, int code, int restOfHeader) {
        setType(b, off, type);
        setCode(b, off, code);
        setChecksum(b, off, 0);
        setRestOfHeader(b, off, restOfHeader);
    }
}
