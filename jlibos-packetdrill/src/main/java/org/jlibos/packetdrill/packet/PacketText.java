package org.jlibos.packetdrill.packet;

import org.jlibos.kernel.wire.TcpOptions;

/** A live packet in script syntax, for messages and verbose logs: {@code S. 0:0(0) ack 1 win 65535 <mss 1460>}. */
public final class PacketText {

    private PacketText() {
    }

    /** The packet as a {@code >} line would describe it (values as they are in the bytes). */
    public static String format(LivePacket p) {
        StringBuilder sb = new StringBuilder();
        int ecn = p.tos() & 3;
        if (ecn != 0) {
            sb.append('[').append(switch (ecn) {
                case 1 -> "ect1";
                case 2 -> "ect0";
                default -> "ce";
            }).append("] ");
        }
        if (p.isTcp()) {
            int flags = p.tcpFlags();
            long seq = p.tcpSeq();
            int len = p.payloadLength();
            sb.append(TcpFlags.format(flags)).append(' ').append(seq).append(':').append((seq + len) & 0xffffffffL)
                    .append('(').append(len).append(')');
            if ((flags & org.jlibos.kernel.wire.TcpHeader.ACK) != 0 || p.tcpAck() != 0) {
                sb.append(" ack ").append(p.tcpAck());
            }
            sb.append(" win ").append(p.tcpWindow());
            if (p.tcpUrgentPointer() != 0) {
                sb.append(" urg ").append(p.tcpUrgentPointer());
            }
            if (p.tcpOptionsLength() > 0) {
                sb.append(" <").append(TcpOptions.format(p.bytes(), p.tcpOptionsOffset(), p.tcpOptionsLength())).append('>');
            }
        } else if (p.isUdp()) {
            sb.append("udp (").append(p.payloadLength()).append(')');
        } else if (p.isIcmp()) {
            sb.append("icmp type_").append(p.icmpType()).append(" code_").append(p.icmpCode());
        } else {
            sb.append("ip protocol ").append(p.protocol()).append(" (").append(p.totalLength()).append(" bytes)");
        }
        return sb.toString();
    }
}
