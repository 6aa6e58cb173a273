package org.jlibos.kernel.wire;

/**
 * TCP header (RFC 9293 §3.1; ECE and CWR from RFC 3168, AE from RFC 9768 AccECN).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset|Rsrvd|E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           [Options]                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             Data ...                          :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p><b>Sequence and acknowledgment numbers</b> are returned as the raw 32 bits in an
 * {@code int} ({@link #seq}, {@link #ack}): sequence space wraps modulo 2^32, and the TCP code
 * compares them as Linux's {@code before()/after()} do, by the sign of the 32-bit difference
 * ({@code (a - b) < 0}). {@link #seqUnsigned} and {@link #ackUnsigned} give 0..2^32-1 as a
 * {@code long} for printing. Options are parsed and written by {@link TcpOptions}.
 */
public final class TcpHeader {

    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int SEQ_OFFSET = 4;
    public static final int ACK_OFFSET = 8;
    /** Byte holding the data offset (high nibble), reserved bits and the AE flag. */
    public static final int DATA_OFFSET_OFFSET = 12;
    /** Byte holding CWR..FIN. */
    public static final int FLAGS_OFFSET = 13;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_POINTER_OFFSET = 18;
    public static final int OPTIONS_OFFSET = 20;

    /** Header length without options (data offset 5). */
    public static final int MIN_LENGTH = 20;
    /** Header length with the most options (data offset 15). */
    public static final int MAX_LENGTH = 60;
    /** Most option bytes a header can carry. */
    public static final int MAX_OPTIONS_LENGTH = MAX_LENGTH - MIN_LENGTH;

    // Flag bits of the byte at FLAGS_OFFSET, as returned by flags().
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    /**
     * AccECN's AE bit (formerly NS), the low bit of byte 12. Not part of {@link #flags}; read it
     * with {@link #ae}. {@link #flagsToString} accepts it so {@code flags | AE} prints as tcpdump does.
     */
    public static final int AE = 0x100;

    /** {@link #validateIpv4} result: the header is fine. */
    public static final int OK = 0;
    /** Fewer bytes than the fixed header or than the data offset says (Linux drops without counting). */
    public static final int TOO_SHORT = 1;
    /** Data offset below 5 (TcpInErrs). */
    public static final int BAD_DATA_OFFSET = 2;
    /** Checksum does not verify (TcpInCsumErrors and TcpInErrs). */
    public static final int BAD_CHECKSUM = 3;

    private static final String[] FLAG_STRINGS = buildFlagStrings();

    private TcpHeader() {
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

    /** Sequence number as raw 32 bits (see the class comment). */
    public static int seq(byte[] b, int off) {
        return Bytes.getI32(b, off + SEQ_OFFSET);
    }

    /** Sequence number as 0..2^32-1. */
    public static long seqUnsigned(byte[] b, int off) {
        return Bytes.getU32(b, off + SEQ_OFFSET);
    }

    public static void setSeq(byte[] b, int off, int seq) {
        Bytes.put32(b, off + SEQ_OFFSET, seq);
    }

    /** Acknowledgment number as raw 32 bits (meaningful only with {@link #ACK}). */
    public static int ack(byte[] b, int off) {
        return Bytes.getI32(b, off + ACK_OFFSET);
    }

    /** Acknowledgment number as 0..2^32-1. */
    public static long ackUnsigned(byte[] b, int off) {
        return Bytes.getU32(b, off + ACK_OFFSET);
    }

    public static void setAck(byte[] b, int off, int ack) {
        Bytes.put32(b, off + ACK_OFFSET, ack);
    }

    /** Data offset: header length in 32-bit words (5..15). */
    public static int dataOffset(byte[] b, int off) {
        return (b[off + DATA_OFFSET_OFFSET] >>> 4) & 0xf;
    }

    /** Sets the data offset in 32-bit words, keeping the reserved bits and AE. */
    public static void setDataOffset(byte[] b, int off, int words) {
        int i = off + DATA_OFFSET_OFFSET;
        b[i] = (byte) ((b[i] & 0x0f) | ((words & 0xf) << 4));
    }

    /** Header length in bytes, options included (data offset * 4). */
    public static int headerLength(byte[] b, int off) {
        return dataOffset(b, off) * 4;
    }

    /** Sets the data offset from a length in bytes (a multiple of 4, 20..60). */
    public static void setHeaderLength(byte[] b, int off, int bytes) {
        setDataOffset(b, off, bytes >>> 2);
    }

    /** The three reserved bits between the data offset and AE (zero when sent). */
    public static int reserved(byte[] b, int off) {
        return (b[off + DATA_OFFSET_OFFSET] >>> 1) & 0x7;
    }

    /** The AccECN AE bit. */
    public static boolean ae(byte[] b, int off) {
        return (b[off + DATA_OFFSET_OFFSET] & 1) != 0;
    }

    public static void setAe(byte[] b, int off, boolean ae) {
        int i = off + DATA_OFFSET_OFFSET;
        b[i] = (byte) (ae ? b[i] | 1 : b[i] & ~1);
    }

    /** The eight flags CWR..FIN as bits ({@link #FIN}, {@link #SYN}, ...). */
    public static int flags(byte[] b, int off) {
        return Bytes.getU8(b, off + FLAGS_OFFSET);
    }

    public static void setFlags(byte[] b, int off, int flags) {
        Bytes.put8(b, off + FLAGS_OFFSET, flags);
    }

    /** True when all bits of {@code flag} are set. */
    public static boolean hasFlags(byte[] b, int off, int flag) {
        return (flags(b, off) & flag) == flag;
    }

    /** Receive window, unscaled as on the wire. */
    public static int window(byte[] b, int off) {
        return Bytes.getU16(b, off + WINDOW_OFFSET);
    }

    public static void setWindow(byte[] b, int off, int window) {
        Bytes.put16(b, off + WINDOW_OFFSET, window);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /** Stores a value in the checksum field (see {@link #fillChecksumIpv4} to compute and store). */
    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + CHECKSUM_OFFSET, checksum);
    }

    public static int urgentPointer(byte[] b, int off) {
        return Bytes.getU16(b, off + URGENT_POINTER_OFFSET);
    }

    public static void setUrgentPointer(byte[] b, int off, int urgentPointer) {
        Bytes.put16(b, off + URGENT_POINTER_OFFSET, urgentPointer);
    }

    /** Offset of the options region. */
    public static int optionsOffset(int off) {
        return off + OPTIONS_OFFSET;
    }

    /** Length of the options region, padding included: headerLength - 20 (negative if the data offset is bad). */
    public static int optionsLength(byte[] b, int off) {
        return headerLength(b, off) - MIN_LENGTH;
    }

    /** Offset of the segment's data. */
    public static int payloadOffset(byte[] b, int off) {
        return off + headerLength(b, off);
    }

    /**
     * Checks a received segment of {@code len} bytes (header and data) as Linux's
     * {@code tcp_v4_rcv} does, in its order, and returns {@link #OK} or the first problem.
     */
    public static int validateIpv4(byte[] b, int off, int len, int src, int dst) {
        if (len < MIN_LENGTH) {
            return TOO_SHORT;
        }
        int doff = dataOffset(b, off);
        if (doff < 5) {
            return BAD_DATA_OFFSET;
        }
        if (doff * 4 > len) {
            return TOO_SHORT;
        }
        if (!isChecksumValidIpv4(b, off, len, src, dst)) {
            return BAD_CHECKSUM;
        }
        return OK;
    }

    /** The checksum the {@code len}-byte segment should carry over IPv4, with the field taken as zero. */
    public static int computeChecksumIpv4(byte[] b, int off, int len, int src, int dst) {
        return finish(b, off, len, InternetChecksum.ipv4PseudoHeaderSum(src, dst, IpProtocol.TCP, len));
    }

    /** Computes the IPv4 checksum and stores it. */
    public static void fillChecksumIpv4(byte[] b, int off, int len, int src, int dst) {
        setChecksum(b, off, computeChecksumIpv4(b, off, len, src, dst));
    }

    public static boolean isChecksumValidIpv4(byte[] b, int off, int len, int src, int dst) {
        long sum = InternetChecksum.ipv4PseudoHeaderSum(src, dst, IpProtocol.TCP, len);
        return InternetChecksum.fold(InternetChecksum.sum(b, off, len, sum)) == 0;
    }

    /**
     * The checksum over IPv6; the 16-byte addresses are at {@code srcOff} and {@code dstOff} in
     * {@code addrs} (usually the IPv6 header in the same packet array).
     */
    public static int computeChecksumIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        return finish(b, off, len, InternetChecksum.ipv6PseudoHeaderSum(addrs, srcOff, dstOff, IpProtocol.TCP, len));
    }

    public static void fillChecksumIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        setChecksum(b, off, computeChecksumIpv6(b, off, len, addrs, srcOff, dstOff));
    }

    public static boolean isChecksumValidIpv6(byte[] b, int off, int len, byte[] addrs, int srcOff, int dstOff) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(addrs, srcOff, dstOff, IpProtocol.TCP, len);
        return InternetChecksum.fold(InternetChecksum.sum(b, off, len, sum)) == 0;
    }

    /**
     * Writes the fixed header: ports, seq, ack, header length (options included, in bytes),
     * flags, window; checksum and urgent pointer zero, reserved bits and AE clear. Write the
     * options with {@link TcpOptions#write} and then fill the checksum.
     */
    public static void write(byte[] b, int off, int srcPort, int dstPort, int seq, int ack, int headerLength,
                             int flags, int window) {
        setSrcPort(b, off, srcPort);
        setDstPort(b, off, dstPort);
        setSeq(b, off, seq);
        setAck(b, off, ack);
        b[off + DATA_OFFSET_OFFSET] = (byte) ((headerLength >>> 2) << 4);
        setFlags(b, off, flags);
        setWindow(b, off, window);
        setChecksum(b, off, 0);
        setUrgentPointer(b, off, 0);
    }

    /**
     * Flags as tcpdump prints them inside {@code Flags [...]}: one letter per set flag in the
     * order F S R P . U E W e (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE), so SYN is "S", SYN-ACK
     * "S.", a pure ACK ".", data "P.", FIN-ACK "F." and no flags "none". Bits above {@link #AE}
     * are ignored. Returns a shared string; does not allocate.
     */
    public static String flagsToString(int flags) {
        return FLAG_STRINGS[flags & 0x1ff];
    }

    private static String[] buildFlagStrings() {
        int[] bits = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE};
        String[] letters = {"F", "S", "R", "P", ".", "U", "E", "W", "e"};
        String[] table = new String[0x200];
        for (int f = 0; f < table.length; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < bits.length; i++) {
                if ((f & bits[i]) != 0) {
                    sb.append(letters[i]);
                }
            }
            table[f] = sb.isEmpty() ? "none" : sb.toString();
        }
        return table;
    }

    private static int finish(byte[] b, int off, int len, long pseudoSum) {
        long sum = InternetChecksum.sum(b, off, CHECKSUM_OFFSET, pseudoSum);
        sum = InternetChecksum.sum(b, off + URGENT_POINTER_OFFSET, len - URGENT_POINTER_OFFSET, sum);
        return InternetChecksum.fold(sum);
    }
}
