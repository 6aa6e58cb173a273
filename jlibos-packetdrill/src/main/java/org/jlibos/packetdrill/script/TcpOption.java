package org.jlibos.packetdrill.script;

import java.util.List;

/** One entry of a TCP option list {@code <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>} (README §5.5). */
public sealed interface TcpOption {

    record Nop() implements TcpOption {
        @Override
        public String toString() {
            return "nop";
        }
    }

    record Eol() implements TcpOption {
        @Override
        public String toString() {
            return "eol";
        }
    }

    record Mss(int value) implements TcpOption {
        @Override
        public String toString() {
            return "mss " + value;
        }
    }

    record WindowScale(int shift) implements TcpOption {
        @Override
        public String toString() {
            return "wscale " + shift;
        }
    }

    record SackPermitted() implements TcpOption {
        @Override
        public String toString() {
            return "sackOK";
        }
    }

    /** {@code sack L:R L:R ...}; edges are 32-bit sequence numbers in script space. */
    record Sack(List<long[]> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("sack");
            for (long[] b : blocks) {
                sb.append(' ').append(b[0]).append(':').append(b[1]);
            }
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Sack s) || s.blocks.size() != blocks.size()) {
                return false;
            }
            for (int i = 0; i < blocks.size(); i++) {
                if (!java.util.Arrays.equals(blocks.get(i), s.blocks.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }

    record Timestamp(long val, long ecr) implements TcpOption {
        @Override
        public String toString() {
            return "TS val " + val + " ecr " + ecr;
        }
    }

    /** {@code md5 <hex>}: a 16-byte signature. */
    record Md5(String hex) implements TcpOption {
        @Override
        public String toString() {
            return "md5 " + hex;
        }
    }

    /** {@code FO [cookie]} (kind 34) or, when {@code experimental}, {@code FOEXP [cookie]} (kind 254). */
    record FastOpen(String cookieHex, boolean experimental) implements TcpOption {
        @Override
        public String toString() {
            return (experimental ? "FOEXP" : "FO") + (cookieHex.isEmpty() ? "" : " " + cookieHex);
        }
    }

    /** The list as a script writes it between {@code <} and {@code >}. */
    static String format(List<TcpOption> options) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(options.get(i));
        }
        return sb.toString();
    }
}
