package org.jlibos.packetdrill.script;

import java.util.List;

/** The packet of a {@code <} or {@code >} line (README §5.5, §5.9). */
public sealed interface PacketSpec permits PacketSpec.Tcp, PacketSpec.Udp, PacketSpec.Icmp {

    /** {@code <}: the script injects it; {@code >}: the stack must send it. */
    enum Direction {
        INBOUND("<"), OUTBOUND(">");

        public final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }
    }

    Direction direction();

    IpInfo ip();

    /**
     * The IP-level expectations or settings in {@code [...]}: ECN codepoint, TOS byte, TTL and
     * IPv6 flow label; null fields are not given.
     *
     * @param ecn one of {@code ect0 ect1 ect01 ce noecn}, or null
     */
    record IpInfo(String ecn, Integer tos, Integer ttl, Integer flowLabel) {
        public static final IpInfo NONE = new IpInfo(null, null, null, null);

        public boolean isEmpty() {
            return ecn == null && tos == null && ttl == null && flowLabel == null;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            if (ecn != null) {
                sb.append(ecn);
            }
            if (tos != null) {
                sb.append(sb.length() > 1 ? ", " : "").append("tos 0x").append(Integer.toHexString(tos));
            }
            if (ttl != null) {
                sb.append(sb.length() > 1 ? ", " : "").append("ttl ").append(ttl);
            }
            if (flowLabel != null) {
                sb.append(sb.length() > 1 ? ", " : "").append("flowlabel 0x").append(Integer.toHexString(flowLabel));
            }
            return sb.append(']').toString();
        }
    }

    /**
     * A TCP segment line: {@code dir [ip] [sport>dport] flags start:end(len) [ack N] [win N]
     * [urg N] [<options>|<...>]}.
     *
     * @param flags       the flag letters as written ({@code "S."}, {@code "FP."}, {@code "-"})
     * @param ack         the ack field, or null when absent (then 0 on the wire)
     * @param window      the window field, or null (outbound: not checked)
     * @param urgent      the urgent pointer, or null (0)
     * @param options     the options in order; null when the line has no {@code <...>} part
     * @param anyOptions  the line says {@code <...>}: any options are fine
     */
    record Tcp(Direction direction, IpInfo ip, Integer srcPort, Integer dstPort, String flags, long seqStart,
               long seqEnd, int payloadLength, Long ack, Integer window, Integer urgent, List<TcpOption> options,
               boolean anyOptions) implements PacketSpec {

        public Tcp {
            options = options == null ? null : List.copyOf(options);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(direction.symbol);
            if (!ip.isEmpty()) {
                sb.append(' ').append(ip);
            }
            if (srcPort != null) {
                sb.append(' ').append(srcPort).append('>').append(dstPort);
            }
            sb.append(' ').append(flags).append(' ').append(seqStart).append(':').append(seqEnd)
                    .append('(').append(payloadLength).append(')');
            if (ack != null) {
                sb.append(" ack ").append(ack);
            }
            if (window != null) {
                sb.append(" win ").append(window);
            }
            if (urgent != null) {
                sb.append(" urg ").append(urgent);
            }
            if (anyOptions) {
                sb.append(" <...>");
            } else if (options != null) {
                sb.append(" <").append(TcpOption.format(options)).append('>');
            }
            return sb.toString();
        }
    }

    /** {@code dir [ip] udp [sport>dport] (LEN)}. */
    record Udp(Direction direction, IpInfo ip, Integer srcPort, Integer dstPort, int length) implements PacketSpec {
        @Override
        public String toString() {
            return direction.symbol + (ip.isEmpty() ? "" : " " + ip) + " udp"
                    + (srcPort != null ? " " + srcPort + ">" + dstPort : "") + " (" + length + ")";
        }
    }

    /**
     * {@code dir icmp TYPE [CODE] [mtu N] [id N] [echoed]}.
     *
     * @param code      the code name, or null
     * @param echoed    what the ICMP error quotes, or null
     */
    record Icmp(Direction direction, IpInfo ip, String type, String code, Long mtu, Long id, Echoed echoed)
            implements PacketSpec {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(direction.symbol);
            if (!ip.isEmpty()) {
                sb.append(' ').append(ip);
            }
            sb.append(" icmp ").append(type);
            if (code != null) {
                sb.append(' ').append(code);
            }
            if (mtu != null) {
                sb.append(" mtu ").append(mtu);
            }
            if (id != null) {
                sb.append(" id ").append(id);
            }
            if (echoed != null) {
                sb.append(' ').append(echoed);
            }
            return sb.toString();
        }
    }

    /**
     * The quoted packet of an ICMP error: {@code [start:end(len)]} (a TCP segment of the stack,
     * seq in local space), {@code [udp (N)]} or {@code [raw (N)]}.
     */
    record Echoed(String protocol, long seqStart, long seqEnd, int length) {
        @Override
        public String toString() {
            return switch (protocol) {
                case "tcp" -> "[" + seqStart + ":" + seqEnd + "(" + length + ")]";
                default -> "[" + protocol + " (" + length + ")]";
            };
        }
    }
}
