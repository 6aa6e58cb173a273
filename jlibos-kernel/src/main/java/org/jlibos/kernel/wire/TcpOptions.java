package org.jlibos.kernel.wire;

/**
 * TCP options of one segment, parsed and written without allocation. An instance is a small
 * mutable value the caller owns and reuses (one per socket or per receive path):
 * {@link #parse} fills it from a header's options region, {@link #write} emits it in Linux's
 * option layout.
 *
 * <pre>
 * kind  length  meaning
 *   0     -     End of Option List
 *   1     -     No-Operation (padding)
 *   2     4     Maximum Segment Size                 (RFC 9293)
 *   3     3     Window Scale shift                   (RFC 7323)
 *   4     2     SACK Permitted                       (RFC 2018)
 *   5   2+8n    SACK blocks (left edge, right edge)  (RFC 2018)
 *   8    10     Timestamps TSval, TSecr              (RFC 7323)
 *  19    18     MD5 signature                        (RFC 2385)
 *  34   2+c     TCP Fast Open cookie                 (RFC 7413)
 * 254   4+c     experimental, magic 0xF989: Fast Open (pre-RFC 7413)
 * </pre>
 *
 * <p><b>Parsing</b> follows Linux's {@code tcp_parse_options}: NOPs are skipped, EOL ends the
 * list, a known option whose length is not the expected one is ignored (as Linux ignores it),
 * an unknown kind is skipped by its length and counted. A list that cannot be walked, an option
 * whose kind has no room for its length byte, a length below 2, or a length running past the
 * region, makes {@link #parse} return false; Linux stops parsing there and keeps what it had,
 * so the fields parsed before the bad option stay set. Values are stored raw: the TCP layer
 * decides what applies (MSS only on SYN, the window scale clamped to {@link #MAX_WINDOW_SCALE}
 * with a warning, SACK blocks only when SACK was negotiated).
 *
 * <p><b>Writing</b> follows Linux's {@code tcp_options_write} byte for byte, with each option
 * padded to a 32-bit word:
 * <pre>
 * MSS                      02 04 mm mm
 * SACK-permitted + TS      04 02 08 0a tsval tsecr       (SACK-permitted shares TS's word)
 * TS without SACK-perm.    01 01 08 0a tsval tsecr
 * SACK-permitted, no TS    01 01 04 02
 * window scale             01 03 03 ws
 * SACK blocks              01 01 05 len  start end ...
 * </pre>
 * so a SYN with everything is {@code <mss M,sackOK,TS val V ecr 0,nop,wscale W>} (20 bytes),
 * an established segment {@code <nop,nop,TS val V ecr E>} (12 bytes) followed by
 * {@code <nop,nop,sack ...>} when there are SACK blocks.
 *
 * <p>Sequence numbers in SACK blocks and TS values are raw 32-bit {@code int}s, as in
 * {@link TcpHeader}.
 */
public final class TcpOptions {

    public static final int KIND_EOL = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WINDOW_SCALE = 3;
    public static final int KIND_SACK_PERMITTED = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMP = 8;
    public static final int KIND_MD5 = 19;
    public static final int KIND_FAST_OPEN = 34;
    public static final int KIND_EXPERIMENTAL = 254;
    /** Magic after kind 254 for experimental Fast Open. */
    public static final int FAST_OPEN_EXPERIMENTAL_MAGIC = 0xf989;

    public static final int LENGTH_MSS = 4;
    public static final int LENGTH_WINDOW_SCALE = 3;
    public static final int LENGTH_SACK_PERMITTED = 2;
    public static final int LENGTH_TIMESTAMP = 10;
    public static final int LENGTH_MD5 = 18;
    public static final int LENGTH_SACK_BASE = 2;
    public static final int LENGTH_SACK_PER_BLOCK = 8;

    /** Most option bytes in a header. */
    public static final int MAX_LENGTH = TcpHeader.MAX_OPTIONS_LENGTH;
    /** Most SACK blocks that fit (4 without timestamps, 3 with). */
    public static final int MAX_SACK_BLOCKS = 4;
    /** Largest window scale shift (RFC 7323 §2.3). */
    public static final int MAX_WINDOW_SCALE = 14;

    /** Maximum segment size, or -1 when absent. */
    public int mss = -1;
    /** Window scale shift as received (not clamped), or -1 when absent. */
    public int windowScale = -1;
    public boolean sackPermitted;
    /** Whether the timestamps option is present; then {@link #tsVal} and {@link #tsEcr} hold it. */
    public boolean hasTimestamp;
    public int tsVal;
    public int tsEcr;
    /** Number of SACK blocks in {@link #sackStart}/{@link #sackEnd}, 0..4. */
    public int sackBlockCount;
    /** Left edges (first sequence number) of the SACK blocks. */
    public final int[] sackStart = new int[MAX_SACK_BLOCKS];
    /** Right edges (sequence number after the last byte) of the SACK blocks. */
    public final int[] sackEnd = new int[MAX_SACK_BLOCKS];
    /** Parse only: offset in the parsed array of the 16-byte MD5 digest, or -1 when absent. */
    public int md5Offset = -1;
    /** Parse only: offset of the Fast Open cookie in the parsed array, or -1 when absent. */
    public int fastOpenCookieOffset = -1;
    /** Parse only: length of the Fast Open cookie, 0 for a cookie request, -1 when absent. */
    public int fastOpenCookieLength = -1;
    /** Parse only: the Fast Open option was the experimental kind 254 form. */
    public boolean fastOpenExperimental;
    /** Parse only: options of unknown kind that were skipped. */
    public int unknownOptionCount;

    /** Resets every field to "absent". */
    public TcpOptions clear() {
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        hasTimestamp = false;
        tsVal = 0;
        tsEcr = 0;
        sackBlockCount = 0;
        md5Offset = -1;
        fastOpenCookieOffset = -1;
        fastOpenCookieLength = -1;
        fastOpenExperimental = false;
        unknownOptionCount = 0;
        return this;
    }

    /** Sets the timestamps option. */
    public TcpOptions setTimestamp(int tsVal, int tsEcr) {
        this.hasTimestamp = true;
        this.tsVal = tsVal;
        this.tsEcr = tsEcr;
        return this;
    }

    /** Appends a SACK block; returns false (and adds nothing) when four are already there. */
    public boolean addSackBlock(int start, int end) {
        if (sackBlockCount == MAX_SACK_BLOCKS) {
            return false;
        }
        sackStart[sackBlockCount] = start;
        sackEnd[sackBlockCount] = end;
        sackBlockCount++;
        return true;
    }

    public boolean hasMss() {
        return mss >= 0;
    }

    public boolean hasWindowScale() {
        return windowScale >= 0;
    }

    /**
     * Parses the {@code len} option bytes at {@code off} (the region after the fixed TCP
     * header) into this object, clearing it first. Returns false when the list is malformed
     * (see the class comment).
     */
    public boolean parse(byte[] b, int off, int len) {
        clear();
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == KIND_EOL) {
                return true;
            }
            if (kind == KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return false;
            }
            int size = b[i + 1] & 0xff;
            if (size < 2 || size > end - i) {
                return false;
            }
            switch (kind) {
                case KIND_MSS -> {
                    if (size == LENGTH_MSS) {
                        mss = Bytes.getU16(b, i + 2);
                    }
                }
                case KIND_WINDOW_SCALE -> {
                    if (size == LENGTH_WINDOW_SCALE) {
                        windowScale = b[i + 2] & 0xff;
                    }
                }
                case KIND_SACK_PERMITTED -> {
                    if (size == LENGTH_SACK_PERMITTED) {
                        sackPermitted = true;
                    }
                }
                case KIND_SACK -> {
                    int data = size - LENGTH_SACK_BASE;
                    if (data >= LENGTH_SACK_PER_BLOCK && data % LENGTH_SACK_PER_BLOCK == 0) {
                        int n = Math.min(data / LENGTH_SACK_PER_BLOCK, MAX_SACK_BLOCKS);
                        for (int k = 0; k < n; k++) {
                            int at = i + LENGTH_SACK_BASE + k * LENGTH_SACK_PER_BLOCK;
                            sackStart[k] = Bytes.getI32(b, at);
                            sackEnd[k] = Bytes.getI32(b, at + 4);
                        }
                        sackBlockCount = n;
                    }
                }
                case KIND_TIMESTAMP -> {
                    if (size == LENGTH_TIMESTAMP) {
                        hasTimestamp = true;
                        tsVal = Bytes.getI32(b, i + 2);
                        tsEcr = Bytes.getI32(b, i + 6);
                    }
                }
                case KIND_MD5 -> {
                    if (size == LENGTH_MD5) {
                        md5Offset = i + 2;
                    }
                }
                case KIND_FAST_OPEN -> {
                    fastOpenCookieOffset = i + 2;
                    fastOpenCookieLength = size - 2;
                    fastOpenExperimental = false;
                }
                case KIND_EXPERIMENTAL -> {
                    if (size >= 4 && Bytes.getU16(b, i + 2) == FAST_OPEN_EXPERIMENTAL_MAGIC) {
                        fastOpenCookieOffset = i + 4;
                        fastOpenCookieLength = size - 4;
                        fastOpenExperimental = true;
                    } else {
                        unknownOptionCount++;
                    }
                }
                default -> unknownOptionCount++;
            }
            i += size;
        }
        return true;
    }

    /**
     * Number of bytes {@link #write} emits for the current fields: a multiple of 4, at most
     * {@link #MAX_LENGTH}. SACK blocks that do not fit are left out, as Linux does.
     */
    public int length() {
        int n = fixedLength();
        return n + sackLength(n);
    }

    /**
     * Writes MSS (when {@link #mss} &gt;= 0), SACK-permitted, timestamps, window scale (when
     * {@link #windowScale} &gt;= 0) and SACK blocks in Linux's layout (see the class comment)
     * and returns the number of bytes written. MD5 and Fast Open are not written.
     */
    public int write(byte[] b, int off) {
        int i = off;
        if (mss >= 0) {
            Bytes.put32(b, i, (KIND_MSS << 24) | (LENGTH_MSS << 16) | (mss & 0xffff));
            i += 4;
        }
        boolean sackPermPending = sackPermitted;
        if (hasTimestamp) {
            if (sackPermPending) {
                Bytes.put32(b, i, (KIND_SACK_PERMITTED << 24) | (LENGTH_SACK_PERMITTED << 16)
                        | (KIND_TIMESTAMP << 8) | LENGTH_TIMESTAMP);
                sackPermPending = false;
            } else {
                Bytes.put32(b, i, (KIND_NOP << 24) | (KIND_NOP << 16) | (KIND_TIMESTAMP << 8) | LENGTH_TIMESTAMP);
            }
            Bytes.put32(b, i + 4, tsVal);
            Bytes.put32(b, i + 8, tsEcr);
            i += 12;
        }
        if (sackPermPending) {
            Bytes.put32(b, i, (KIND_NOP << 24) | (KIND_NOP << 16) | (KIND_SACK_PERMITTED << 8) | LENGTH_SACK_PERMITTED);
            i += 4;
        }
        if (windowScale >= 0) {
            Bytes.put32(b, i, (KIND_NOP << 24) | (KIND_WINDOW_SCALE << 16) | (LENGTH_WINDOW_SCALE << 8) | (windowScale & 0xff));
            i += 4;
        }
        int blocks = sackBlocksThatFit(i - off);
        if (blocks > 0) {
            Bytes.put32(b, i, (KIND_NOP << 24) | (KIND_NOP << 16) | (KIND_SACK << 8)
                    | (LENGTH_SACK_BASE + blocks * LENGTH_SACK_PER_BLOCK));
            i += 4;
            for (int k = 0; k < blocks; k++) {
                Bytes.put32(b, i, sackStart[k]);
                Bytes.put32(b, i + 4, sackEnd[k]);
                i += 8;
            }
        }
        return i - off;
    }

    private int fixedLength() {
        int n = 0;
        if (mss >= 0) {
            n += 4;
        }
        if (hasTimestamp) {
            n += 12;
        } else if (sackPermitted) {
            n += 4;
        }
        if (windowScale >= 0) {
            n += 4;
        }
        return n;
    }

    private int sackBlocksThatFit(int used) {
        int room = (MAX_LENGTH - used - 4) / LENGTH_SACK_PER_BLOCK;
        return Math.max(0, Math.min(sackBlockCount, room));
    }

    private int sackLength(int used) {
        int blocks = sackBlocksThatFit(used);
        return blocks == 0 ? 0 : 4 + blocks * LENGTH_SACK_PER_BLOCK;
    }

    /**
     * The options in wire order as packetdrill scripts write them between {@code <...>}, e.g.
     * {@code "mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8"}; tcpdump prints the same list
     * (except SACK blocks) in {@code options [...]}. Numbers are unsigned. Stops after "eol";
     * a malformed option prints as "malformed" and ends the list. For logs and tests:
     * allocates.
     */
    public static String format(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        int i = off;
        int end = off + len;
        while (i < end) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            int kind = b[i] & 0xff;
            if (kind == KIND_EOL) {
                sb.append("eol");
                break;
            }
            if (kind == KIND_NOP) {
                sb.append("nop");
                i++;
                continue;
            }
            int size = i + 1 < end ? b[i + 1] & 0xff : 0;
            if (size < 2 || size > end - i) {
                sb.append("malformed");
                break;
            }
            int data = i + 2;
            switch (kind) {
                case KIND_MSS -> sb.append(size == LENGTH_MSS ? "mss " + Bytes.getU16(b, data) : "mss?");
                case KIND_WINDOW_SCALE -> sb.append(size == LENGTH_WINDOW_SCALE ? "wscale " + (b[data] & 0xff) : "wscale?");
                case KIND_SACK_PERMITTED -> sb.append("sackOK");
                case KIND_SACK -> {
                    sb.append("sack");
                    for (int at = data; at + 8 <= i + size; at += 8) {
                        sb.append(' ').append(Bytes.getU32(b, at)).append(':').append(Bytes.getU32(b, at + 4));
                    }
                }
                case KIND_TIMESTAMP -> {
                    if (size == LENGTH_TIMESTAMP) {
                        sb.append("TS val ").append(Bytes.getU32(b, data)).append(" ecr ").append(Bytes.getU32(b, data + 4));
                    } else {
                        sb.append("TS?");
                    }
                }
                case KIND_MD5 -> sb.append("md5");
                case KIND_FAST_OPEN -> {
                    sb.append("FO");
                    if (size > 2) {
                        sb.append(' ').append(Bytes.toHex(b, data, size - 2));
                    }
                }
                case KIND_EXPERIMENTAL -> {
                    if (size >= 4 && Bytes.getU16(b, data) == FAST_OPEN_EXPERIMENTAL_MAGIC) {
                        sb.append("FOEXP");
                        if (size > 4) {
                            sb.append(' ').append(Bytes.toHex(b, data + 2, size - 4));
                        }
                    } else {
                        sb.append("exp");
                    }
                }
                default -> sb.append("unknown-").append(kind);
            }
            i += size;
        }
        return sb.toString();
    }

    /** The fields in packetdrill-like text, for debugging (not wire order). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TcpOptions[");
        String sep = "";
        if (mss >= 0) {
            sb.append("mss ").append(mss);
            sep = ",";
        }
        if (sackPermitted) {
            sb.append(sep).append("sackOK");
            sep = ",";
        }
        if (hasTimestamp) {
            sb.append(sep).append("TS val ").append(Integer.toUnsignedString(tsVal))
                    .append(" ecr ").append(Integer.toUnsignedString(tsEcr));
            sep = ",";
        }
        if (windowScale >= 0) {
            sb.append(sep).append("wscale ").append(windowScale);
            sep = ",";
        }
        if (sackBlockCount > 0) {
            sb.append(sep).append("sack");
            for (int k = 0; k < sackBlockCount; k++) {
                sb.append(' ').append(Integer.toUnsignedString(sackStart[k])).append(':')
                        .append(Integer.toUnsignedString(sackEnd[k]));
            }
        }
        return sb.append(']').toString();
    }
}
