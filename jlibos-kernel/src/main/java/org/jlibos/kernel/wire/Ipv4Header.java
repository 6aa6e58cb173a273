package org.jlibos.kernel.wire;

/**
 * IPv4 header (RFC 791; the Type of Service byte split into DSCP and ECN by RFC 2474 and
 * RFC 3168).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: bit 0 reserved (must be zero), bit 1 DF (Don't Fragment), bit 2 MF (More Fragments).
 * </pre>
 *
 * <p>Addresses are {@code int}s as in {@link Ipv4Address}. Protocol numbers are in
 * {@link IpProtocol}. Received headers are checked with {@link #validate}, which returns a code
 * instead of throwing so the receive path can count the drop as Linux does.
 */
public final class Ipv4Header {

    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;
    public static final int OPTIONS_OFFSET = 20;

    /** Header length without options (IHL 5). */
    public static final int MIN_LENGTH = 20;
    /** Header length with the most options (IHL 15). */
    public static final int MAX_LENGTH = 60;
    /** Largest total length. */
    public static final int MAX_TOTAL_LENGTH = 65535;
    public static final int VERSION = 4;
    /** Linux's default TTL ({@code net.ipv4.ip_default_ttl}). */
    public static final int DEFAULT_TTL = 64;

    /** {@link #flags} value bit: Don't Fragment. */
    public static final int FLAG_DF = 0b010;
    /** {@link #flags} value bit: More Fragments. */
    public static final int FLAG_MF = 0b001;
    /** {@link #flags} value bit: reserved, must be zero (RFC 3514's "evil bit"). */
    public static final int FLAG_RESERVED = 0b100;

    /** Bits of the 16-bit flags/fragment-offset word ({@link #flagsAndFragmentOffset}), as Linux's IP_DF. */
    public static final int DF_BIT = 0x4000;
    /** Linux's IP_MF. */
    public static final int MF_BIT = 0x2000;
    /** Linux's IP_CE (the reserved bit). */
    public static final int RESERVED_BIT = 0x8000;
    /** Linux's IP_OFFSET: the fragment offset in 8-byte units. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    /** ECN codepoints (RFC 3168). */
    public static final int ECN_NOT_ECT = 0;
    public static final int ECN_ECT1 = 1;
    public static final int ECN_ECT0 = 2;
    public static final int ECN_CE = 3;

    /** Option types (the whole type byte: copied flag, class, number). */
    public static final int OPTION_EOL = 0;
    public static final int OPTION_NOP = 1;
    public static final int OPTION_RECORD_ROUTE = 7;
    public static final int OPTION_TIMESTAMP = 68;
    public static final int OPTION_LSRR = 131;
    public static final int OPTION_SSRR = 137;
    public static final int OPTION_ROUTER_ALERT = 148;

    /** {@link #validate} result: the header is fine. */
    public static final int OK = 0;
    /** Fewer bytes than the fixed header, or than the IHL says (IpInHdrErrors). */
    public static final int TOO_SHORT = 1;
    /** Version is not 4 (IpInHdrErrors). */
    public static final int BAD_VERSION = 2;
    /** IHL below 5 (IpInHdrErrors). */
    public static final int BAD_IHL = 3;
    /** Header checksum does not verify (IpExtInCsumErrors and IpInHdrErrors). */
    public static final int BAD_CHECKSUM = 4;
    /** Total length is more than the bytes received (IpExtInTruncatedPkts). */
    public static final int TRUNCATED = 5;
    /** Total length is less than the header length (IpInHdrErrors). */
    public static final int BAD_TOTAL_LENGTH = 6;

    private Ipv4Header() {
    }

    /**
     * Checks a received header the way Linux's {@code ip_rcv_core} does, in the same order, and
     * returns {@link #OK} or the first problem. {@code available} is the number of bytes
     * received from {@code off} on. A result of OK guarantees {@code totalLength <= available};
     * the caller then trims link-layer padding past the total length.
     */
    public static int validate(byte[] b, int off, int available) {
        if (available < MIN_LENGTH) {
            return TOO_SHORT;
        }
        if (version(b, off) != VERSION) {
            return BAD_VERSION;
        }
        int ihl = ihl(b, off);
        if (ihl < 5) {
            return BAD_IHL;
        }
        int headerLength = ihl * 4;
        if (available < headerLength) {
            return TOO_SHORT;
        }
        if (InternetChecksum.compute(b, off, headerLength) != 0) {
            return BAD_CHECKSUM;
        }
        int totalLength = totalLength(b, off);
        if (totalLength > available) {
            return TRUNCATED;
        }
        if (totalLength < headerLength) {
            return BAD_TOTAL_LENGTH;
        }
        return OK;
    }

    /** The constant's name of a {@link #validate} result, for logs and test messages. */
    public static String validationResultName(int code) {
        return switch (code) {
            case OK -> "OK";
            case TOO_SHORT -> "TOO_SHORT";
            case BAD_VERSION -> "BAD_VERSION";
            case BAD_IHL -> "BAD_IHL";
            case BAD_CHECKSUM -> "BAD_CHECKSUM";
            case TRUNCATED -> "TRUNCATED";
            case BAD_TOTAL_LENGTH -> "BAD_TOTAL_LENGTH";
            default -> "UNKNOWN(" + code + ")";
        };
    }

    public static int version(byte[] b, int off) {
        return (b[off + VERSION_IHL_OFFSET] >>> 4) & 0xf;
    }

    public static void setVersion(byte[] b, int off, int version) {
        b[off] = (byte) ((b[off] & 0x0f) | ((version & 0xf) << 4));
    }

    /** Internet Header Length in 32-bit words (5..15). */
    public static int ihl(byte[] b, int off) {
        return b[off + VERSION_IHL_OFFSET] & 0xf;
    }

    public static void setIhl(byte[] b, int off, int ihl) {
        b[off] = (byte) ((b[off] & 0xf0) | (ihl & 0xf));
    }

    /** Header length in bytes (IHL * 4). */
    public static int headerLength(byte[] b, int off) {
        return ihl(b, off) * 4;
    }

    /** Sets the IHL from a length in bytes (a multiple of 4, 20..60). */
    public static void setHeaderLength(byte[] b, int off, int bytes) {
        setIhl(b, off, bytes >>> 2);
    }

    /** The whole Type of Service / Traffic Class byte (DSCP and ECN). */
    public static int tos(byte[] b, int off) {
        return Bytes.getU8(b, off + TOS_OFFSET);
    }

    public static void setTos(byte[] b, int off, int tos) {
        Bytes.put8(b, off + TOS_OFFSET, tos);
    }

    /** Differentiated Services Code Point, 0..63. */
    public static int dscp(byte[] b, int off) {
        return tos(b, off) >>> 2;
    }

    public static void setDscp(byte[] b, int off, int dscp) {
        setTos(b, off, ((dscp & 0x3f) << 2) | ecn(b, off));
    }

    /** ECN codepoint, one of {@link #ECN_NOT_ECT}, {@link #ECN_ECT1}, {@link #ECN_ECT0}, {@link #ECN_CE}. */
    public static int ecn(byte[] b, int off) {
        return tos(b, off) & 3;
    }

    public static void setEcn(byte[] b, int off, int ecn) {
        setTos(b, off, (tos(b, off) & 0xfc) | (ecn & 3));
    }

    /** Length of the whole datagram, header and data, in bytes. */
    public static int totalLength(byte[] b, int off) {
        return Bytes.getU16(b, off + TOTAL_LENGTH_OFFSET);
    }

    public static void setTotalLength(byte[] b, int off, int length) {
        Bytes.put16(b, off + TOTAL_LENGTH_OFFSET, length);
    }

    /** Offset of the payload (the transport header): {@code off + headerLength}. */
    public static int payloadOffset(byte[] b, int off) {
        return off + headerLength(b, off);
    }

    /** Total length minus header length. */
    public static int payloadLength(byte[] b, int off) {
        return totalLength(b, off) - headerLength(b, off);
    }

    public static int identification(byte[] b, int off) {
        return Bytes.getU16(b, off + IDENTIFICATION_OFFSET);
    }

    public static void setIdentification(byte[] b, int off, int id) {
        Bytes.put16(b, off + IDENTIFICATION_OFFSET, id);
    }

    /** The raw 16-bit flags and fragment offset word; test it with {@link #DF_BIT}, {@link #MF_BIT}. */
    public static int flagsAndFragmentOffset(byte[] b, int off) {
        return Bytes.getU16(b, off + FLAGS_FRAGMENT_OFFSET);
    }

    public static void setFlagsAndFragmentOffset(byte[] b, int off, int word) {
        Bytes.put16(b, off + FLAGS_FRAGMENT_OFFSET, word);
    }

    /** The 3 flag bits as a value 0..7: {@link #FLAG_RESERVED}, {@link #FLAG_DF}, {@link #FLAG_MF}. */
    public static int flags(byte[] b, int off) {
        return flagsAndFragmentOffset(b, off) >>> 13;
    }

    /** Sets the 3 flag bits, keeping the fragment offset. */
    public static void setFlags(byte[] b, int off, int flags) {
        setFlagsAndFragmentOffset(b, off, ((flags & 7) << 13) | fragmentOffsetUnits(b, off));
    }

    public static boolean dontFragment(byte[] b, int off) {
        return (flagsAndFragmentOffset(b, off) & DF_BIT) != 0;
    }

    public static void setDontFragment(byte[] b, int off, boolean df) {
        int w = flagsAndFragmentOffset(b, off);
        setFlagsAndFragmentOffset(b, off, df ? w | DF_BIT : w & ~DF_BIT);
    }

    public static boolean moreFragments(byte[] b, int off) {
        return (flagsAndFragmentOffset(b, off) & MF_BIT) != 0;
    }

    public static void setMoreFragments(byte[] b, int off, boolean mf) {
        int w = flagsAndFragmentOffset(b, off);
        setFlagsAndFragmentOffset(b, off, mf ? w | MF_BIT : w & ~MF_BIT);
    }

    /** Fragment offset in 8-byte units, as on the wire (0..8191). */
    public static int fragmentOffsetUnits(byte[] b, int off) {
        return flagsAndFragmentOffset(b, off) & FRAGMENT_OFFSET_MASK;
    }

    /** Sets the fragment offset in 8-byte units, keeping the flags. */
    public static void setFragmentOffsetUnits(byte[] b, int off, int units) {
        setFlagsAndFragmentOffset(b, off, (flagsAndFragmentOffset(b, off) & ~FRAGMENT_OFFSET_MASK) | (units & FRAGMENT_OFFSET_MASK));
    }

    /** Fragment offset in bytes (units * 8). */
    public static int fragmentOffset(byte[] b, int off) {
        return fragmentOffsetUnits(b, off) << 3;
    }

    /** Sets the fragment offset from bytes, which must be a multiple of 8; keeps the flags. */
    public static void setFragmentOffset(byte[] b, int off, int bytes) {
        setFragmentOffsetUnits(b, off, bytes >>> 3);
    }

    /** True for any fragment: MF set or a non-zero offset (Linux's ip_is_fragment). */
    public static boolean isFragment(byte[] b, int off) {
        return (flagsAndFragmentOffset(b, off) & (MF_BIT | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public static int ttl(byte[] b, int off) {
        return Bytes.getU8(b, off + TTL_OFFSET);
    }

    public static void setTtl(byte[] b, int off, int ttl) {
        Bytes.put8(b, off + TTL_OFFSET, ttl);
    }

    /**
     * Decrements the TTL by one and patches the header checksum incrementally (RFC 1624), as a
     * forwarding router does (RFC 1812 §5.3.1), and returns the new TTL. The caller checks for
     * TTL &lt;= 1 first (such a packet is dropped with ICMP Time Exceeded instead); a TTL of 0
     * is left as it is and 0 is returned.
     */
    public static int decrementTtl(byte[] b, int off) {
        int ttl = ttl(b, off);
        if (ttl == 0) {
            return 0;
        }
        int protocol = protocol(b, off);
        int oldWord = (ttl << 8) | protocol;
        int newWord = ((ttl - 1) << 8) | protocol;
        setTtl(b, off, ttl - 1);
        setHeaderChecksum(b, off, InternetChecksum.update16(headerChecksum(b, off), oldWord, newWord));
        return ttl - 1;
    }

    /** Protocol number, see {@link IpProtocol}. */
    public static int protocol(byte[] b, int off) {
        return Bytes.getU8(b, off + PROTOCOL_OFFSET);
    }

    public static void setProtocol(byte[] b, int off, int protocol) {
        Bytes.put8(b, off + PROTOCOL_OFFSET, protocol);
    }

    /** The Header Checksum field as stored. */
    public static int headerChecksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /** Stores a value in the Header Checksum field (see {@link #fillChecksum} to compute and store). */
    public static void setHeaderChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + CHECKSUM_OFFSET, checksum);
    }

    /** The checksum the header should carry, computed over {@link #headerLength} bytes with the field taken as zero. */
    public static int computeChecksum(byte[] b, int off) {
        long sum = InternetChecksum.sum(b, off, CHECKSUM_OFFSET, 0);
        sum = InternetChecksum.sum(b, off + SRC_OFFSET, headerLength(b, off) - SRC_OFFSET, sum);
        return InternetChecksum.fold(sum);
    }

    /** Computes the header checksum and stores it; call after all other fields are set. */
    public static void fillChecksum(byte[] b, int off) {
        setHeaderChecksum(b, off, computeChecksum(b, off));
    }

    /** True when the header (IHL words) sums to all ones, the stored checksum included. */
    public static boolean isChecksumValid(byte[] b, int off) {
        return InternetChecksum.compute(b, off, headerLength(b, off)) == 0;
    }

    public static int src(byte[] b, int off) {
        return Bytes.getI32(b, off + SRC_OFFSET);
    }

    public static void setSrc(byte[] b, int off, int addr) {
        Bytes.put32(b, off + SRC_OFFSET, addr);
    }

    public static int dst(byte[] b, int off) {
        return Bytes.getI32(b, off + DST_OFFSET);
    }

    public static void setDst(byte[] b, int off, int addr) {
        Bytes.put32(b, off + DST_OFFSET, addr);
    }

    /** Rewrites the source address and patches the checksum incrementally (NAT, gVisor's SetSourceAddressWithChecksumUpdate). */
    public static void setSrcWithChecksumUpdate(byte[] b, int off, int addr) {
        setHeaderChecksum(b, off, InternetChecksum.update32(headerChecksum(b, off), src(b, off), addr));
        setSrc(b, off, addr);
    }

    /** Rewrites the destination address and patches the checksum incrementally. */
    public static void setDstWithChecksumUpdate(byte[] b, int off, int addr) {
        setHeaderChecksum(b, off, InternetChecksum.update32(headerChecksum(b, off), dst(b, off), addr));
        setDst(b, off, addr);
    }

    /** Offset of the options region (right after the fixed header). */
    public static int optionsOffset(int off) {
        return off + OPTIONS_OFFSET;
    }

    /** Length of the options region in bytes, including padding: headerLength - 20. */
    public static int optionsLength(byte[] b, int off) {
        return headerLength(b, off) - MIN_LENGTH;
    }

    /**
     * Offset of the first option of {@code type} in the options region, or -1 when it is absent,
     * after an End of Option List, or the options are malformed (a length below 2 or past the
     * header). Options other than EOL and NOP are type, length, data.
     */
    public static int findOption(byte[] b, int off, int type) {
        int i = optionsOffset(off);
        int end = off + headerLength(b, off);
        while (i < end) {
            int t = b[i] & 0xff;
            if (t == OPTION_EOL) {
                return -1;
            }
            if (t == type) {
                return i;
            }
            if (t == OPTION_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return -1;
            }
            int len = b[i + 1] & 0xff;
            if (len < 2 || i + len > end) {
                return -1;
            }
            i += len;
        }
        return -1;
    }

    /**
     * Writes a 20-byte header without options and its checksum: version 4, IHL 5, fragment
     * offset 0, MF clear.
     */
    public static void write(byte[] b, int off, int tos, int totalLength, int identification, boolean dontFragment,
                             int ttl, int protocol, int src, int dst) {
        b[off + VERSION_IHL_OFFSET] = (byte) 0x45;
        setTos(b, off, tos);
        setTotalLength(b, off, totalLength);
        setIdentification(b, off, identification);
        setFlagsAndFragmentOffset(b, off, dontFragment ? DF_BIT : 0);
        setTtl(b, off, ttl);
        setProtocol(b, off, protocol);
        setHeaderChecksum(b, off, 0);
        setSrc(b, off, src);
        setDst(b, off, dst);
        fillChecksum(b, off);
    }
}
