package org.jlibos.packetdrill.packet;

import org.jlibos.kernel.wire.TcpHeader;

/**
 * Script flag strings ({@code "S."}, {@code "FP."}, {@code "SEW"}, {@code "-"}) to header bits
 * and back (README §5.5). Bits are {@link TcpHeader}'s, with {@link TcpHeader#AE} as bit 8.
 * Digits 0-7 are the AccECN ACE field (AE, CWR, ECE as a 3-bit number).
 */
public final class TcpFlags {

    /** The flag bits a parsed string sets, plus {@link #ACE_MODE} when digits were used. */
    public static final int ACE_MODE = 1 << 16;

    private TcpFlags() {
    }

    /** Parses a script flag string; throws IllegalArgumentException for unknown letters. */
    public static int parse(String flags) {
        if (flags.equals("-")) {
            return 0;
        }
        int bits = 0;
        for (char c : flags.toCharArray()) {
            bits |= switch (c) {
                case 'F' -> TcpHeader.FIN;
                case 'S' -> TcpHeader.SYN;
                case 'R' -> TcpHeader.RST;
                case 'P' -> TcpHeader.PSH;
                case '.' -> TcpHeader.ACK;
                case 'U' -> TcpHeader.URG;
                case 'E' -> TcpHeader.ECE;
                case 'W' -> TcpHeader.CWR;
                case 'A' -> TcpHeader.AE;
                default -> {
                    if (c >= '0' && c <= '7') {
                        int ace = c - '0';
                        yield ACE_MODE | ((ace & 4) != 0 ? TcpHeader.AE : 0) | ((ace & 2) != 0 ? TcpHeader.CWR : 0)
                                | ((ace & 1) != 0 ? TcpHeader.ECE : 0);
                    }
                    throw new IllegalArgumentException("unknown TCP flag '" + c + "' in \"" + flags + "\"");
                }
            };
        }
        return bits;
    }

    /** Header bits (FIN..CWR in the low byte, AE as bit 8) in script syntax; "-" for none. */
    public static String format(int bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & TcpHeader.FIN) != 0) {
            sb.append('F');
        }
        if ((bits & TcpHeader.SYN) != 0) {
            sb.append('S');
        }
        if ((bits & TcpHeader.RST) != 0) {
            sb.append('R');
        }
        if ((bits & TcpHeader.PSH) != 0) {
            sb.append('P');
        }
        if ((bits & TcpHeader.URG) != 0) {
            sb.append('U');
        }
        if ((bits & TcpHeader.ECE) != 0) {
            sb.append('E');
        }
        if ((bits & TcpHeader.CWR) != 0) {
            sb.append('W');
        }
        if ((bits & TcpHeader.AE) != 0) {
            sb.append('A');
        }
        if ((bits & TcpHeader.ACK) != 0) {
            sb.append('.');
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }
}
