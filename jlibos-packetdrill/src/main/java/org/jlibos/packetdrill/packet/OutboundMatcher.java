package org.jlibos.packetdrill.packet;

import java.util.List;

import org.jlibos.kernel.wire.Bytes;
import org.jlibos.kernel.wire.IpProtocol;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.packetdrill.script.PacketSpec;

/**
 * Compares a packet the stack sent, already mapped into script space, with the script's
 * {@code >} line, field by field in the order of packetdrill's {@code verify_outbound_live_*}
 * (README §5.8): IP version, protocol, header length, total length, ECN/TOS and TTL when given;
 * TCP data offset, every flag, reserved bits, seq, ack, window when given, urgent pointer; the
 * options in order (TSval only with {@code --tcp_ts_tick_usecs}, TSecr never); a zero payload.
 * Timing is the caller's business.
 */
public final class OutboundMatcher {

    private OutboundMatcher() {
    }

    /**
     * How TS values are checked: when {@code tickMicros} is 0 they are not; otherwise
     * |actual − script| × tick must not exceed {@code toleranceMicros}.
     */
    public record TimestampCheck(long tickMicros, long toleranceMicros) {
        public static final TimestampCheck NONE = new TimestampCheck(0, 0);
    }

    /** The first field that differs, or null when the packet matches. */
    public static String compareTcp(PacketSpec.Tcp script, byte[] scriptOptions, LivePacket actual,
                                    TimestampCheck ts) {
        if (actual.protocol() != IpProtocol.TCP) {
            return "ipv4_protocol: expected " + IpProtocol.TCP + " (tcp), actual " + actual.protocol();
        }
        String ip = compareIp(script.ip(), actual);
        if (ip != null) {
            return ip;
        }
        int allowance = script.anyOptions() ? actual.tcpOptionsLength() : 0;
        int scriptTcpHeader = TcpHeader.MIN_LENGTH + scriptOptions.length;
        int expectedTotal = Ipv4Header.MIN_LENGTH + scriptTcpHeader + script.payloadLength() + allowance;
        String f;
        if ((f = field("ipv4_header_length", Ipv4Header.MIN_LENGTH / 4, actual.ipHeaderLength() / 4)) != null) {
            return f;
        }
        if ((f = field("ipv4_total_length", expectedTotal, actual.totalLength())) != null) {
            return f + " (payload " + script.payloadLength() + " bytes expected, " + actual.payloadLength() + " sent"
                    + (script.anyOptions() ? "" : "; options " + scriptOptions.length + " bytes expected, "
                    + actual.tcpOptionsLength() + " sent") + ")";
        }
        if ((f = field("tcp_data_offset", (scriptTcpHeader + allowance) / 4, actual.tcpHeaderLength() / 4)) != null) {
            return f;
        }
        int expectedFlags = TcpFlags.parse(script.flags());
        boolean ace = (expectedFlags & TcpFlags.ACE_MODE) != 0;
        int actualFlags = actual.tcpFlags();
        int[] order = {TcpHeader.FIN, TcpHeader.SYN, TcpHeader.RST, TcpHeader.PSH, TcpHeader.ACK, TcpHeader.URG};
        String[] names = {"tcp_fin", "tcp_syn", "tcp_rst", "tcp_psh", "tcp_ack", "tcp_urg"};
        for (int i = 0; i < order.length; i++) {
            if ((f = flag(names[i], expectedFlags, actualFlags, order[i])) != null) {
                return f;
            }
        }
        if (ace) {
            if ((f = field("tcp_ace", aceOf(expectedFlags), aceOf(actualFlags))) != null) {
                return f;
            }
        } else {
            if ((f = flag("tcp_ece", expectedFlags, actualFlags, TcpHeader.ECE)) != null
                    || (f = flag("tcp_cwr", expectedFlags, actualFlags, TcpHeader.CWR)) != null
                    || (f = flag("tcp_ae", expectedFlags, actualFlags, TcpHeader.AE)) != null) {
                return f;
            }
        }
        if ((f = field("tcp_reserved_bits", 0, actual.tcpReserved())) != null
                || (f = field("tcp_seq", script.seqStart(), actual.tcpSeq())) != null
                || (f = field("tcp_ack_seq", script.ack() == null ? 0 : script.ack(), actual.tcpAck())) != null) {
            return f;
        }
        if (script.window() != null && (f = field("tcp_window", script.window(), actual.tcpWindow())) != null) {
            return f;
        }
        if ((f = field("tcp_urg_ptr", script.urgent() == null ? 0 : script.urgent(), actual.tcpUrgentPointer())) != null) {
            return f;
        }
        if (!script.anyOptions() && (f = compareOptions(scriptOptions, actual, ts)) != null) {
            return f;
        }
        if (!actual.payloadIsZero()) {
            return "incorrect outbound data payload (not all zero bytes)";
        }
        return null;
    }

    /**
     * Whether {@code next} can follow {@code previous} in one TSO/GSO burst (packetdrill's
     * {@code verify_packet_fragments}): same headers except seq, PSH, FIN and CWR, seq continuing
     * where the previous payload ended, and, unless it completes the script's payload, the same
     * payload size as the previous fragment. Returns null when it can.
     */
    public static String compareFragments(LivePacket previous, LivePacket next, int sniffedSoFar, int expectedTotal) {
        String f;
        if ((f = field("ipv4_protocol", previous.protocol(), next.protocol())) != null
                || (f = field("ipv4_header_length", previous.ipHeaderLength(), next.ipHeaderLength())) != null
                || (f = field("tcp_data_offset", previous.tcpHeaderLength() / 4, next.tcpHeaderLength() / 4)) != null) {
            return f;
        }
        int[] bits = {TcpHeader.SYN, TcpHeader.RST, TcpHeader.ACK, TcpHeader.URG, TcpHeader.ECE, TcpHeader.AE};
        String[] names = {"tcp_syn", "tcp_rst", "tcp_ack", "tcp_urg", "tcp_ece", "tcp_ae"};
        for (int i = 0; i < bits.length; i++) {
            if ((f = flag(names[i], previous.tcpFlags(), next.tcpFlags(), bits[i])) != null) {
                return f;
            }
        }
        if ((f = field("tcp_reserved_bits", previous.tcpReserved(), next.tcpReserved())) != null
                || (f = field("tcp_seq", (previous.tcpSeq() + previous.payloadLength()) & 0xffffffffL, next.tcpSeq())) != null
                || (f = field("tcp_ack_seq", previous.tcpAck(), next.tcpAck())) != null
                || (f = field("tcp_window", previous.tcpWindow(), next.tcpWindow())) != null
                || (f = field("tcp_urg_ptr", previous.tcpUrgentPointer(), next.tcpUrgentPointer())) != null) {
            return f;
        }
        int payload = next.payloadLength();
        if (payload < expectedTotal - sniffedSoFar && payload != previous.payloadLength()) {
            return "fragment payload: expected " + previous.payloadLength() + " bytes vs actual " + payload
                    + " bytes; total payload: expected " + expectedTotal + " bytes vs actual " + (payload + sniffedSoFar)
                    + " bytes";
        }
        return null;
    }

    /** A {@code > udp (N)} line: protocol and payload length. */
    public static String compareUdp(PacketSpec.Udp script, LivePacket actual) {
        if (actual.protocol() != IpProtocol.UDP) {
            return "ipv4_protocol: expected " + IpProtocol.UDP + " (udp), actual " + actual.protocol();
        }
        String ip = compareIp(script.ip(), actual);
        if (ip != null) {
            return ip;
        }
        String f = field("udp_payload_length", script.length(), actual.payloadLength());
        if (f != null) {
            return f;
        }
        return actual.payloadIsZero() ? null : "incorrect outbound data payload (not all zero bytes)";
    }

    /** A {@code > icmp} line: type and code only, as packetdrill checks. */
    public static String compareIcmp(int type, int code, LivePacket actual) {
        if (actual.protocol() != IpProtocol.ICMP) {
            return "ipv4_protocol: expected " + IpProtocol.ICMP + " (icmp), actual " + actual.protocol();
        }
        String f = field("icmp_type", type, actual.icmpType());
        return f != null ? f : field("icmp_code", code, actual.icmpCode());
    }

    private static String compareIp(PacketSpec.IpInfo ip, LivePacket actual) {
        String f = field("ipv4_version", 4, actual.ipVersion());
        if (f != null) {
            return f;
        }
        int ecn = actual.tos() & 0x3;
        if (ip.ecn() != null) {
            switch (ip.ecn()) {
                case "ect01" -> {
                    if (ecn != Ipv4Header.ECN_ECT0 && ecn != Ipv4Header.ECN_ECT1) {
                        return "ip_ecn: expected 0x1 or 0x2 (ect01), actual 0x" + Integer.toHexString(ecn);
                    }
                }
                default -> {
                    if ((f = field("ip_ecn", ecnCodepoint(ip.ecn()), ecn)) != null) {
                        return f;
                    }
                }
            }
        }
        if (ip.tos() != null && (f = field("tos", ip.tos(), actual.tos())) != null) {
            return f;
        }
        if (ip.ttl() != null && (f = field("ttl", ip.ttl(), actual.ttl())) != null) {
            return f;
        }
        return null;
    }

    /** The two ECN bits a script name stands for. */
    public static int ecnCodepoint(String name) {
        return switch (name) {
            case "ect0" -> Ipv4Header.ECN_ECT0;
            case "ect1" -> Ipv4Header.ECN_ECT1;
            case "ce" -> Ipv4Header.ECN_CE;
            case "noecn" -> Ipv4Header.ECN_NOT_ECT;
            default -> throw new IllegalArgumentException("ECN codepoint " + name + " has no single value");
        };
    }

    private static String compareOptions(byte[] scriptOptions, LivePacket actual, TimestampCheck ts) {
        List<TcpOptionCodec.RawOption> s = TcpOptionCodec.walk(scriptOptions, 0, scriptOptions.length);
        List<TcpOptionCodec.RawOption> a = actual.tcpOptions();
        if (a == null) {
            return "bad outbound TCP options: malformed option list <"
                    + TcpOptions.format(actual.bytes(), actual.tcpOptionsOffset(), actual.tcpOptionsLength()) + ">";
        }
        byte[] ab = actual.bytes();
        for (int i = 0; i < Math.max(s.size(), a.size()); i++) {
            if (i >= s.size() || i >= a.size() || s.get(i).kind() != a.get(i).kind()) {
                return "bad outbound TCP options (option " + (i + 1) + " differs)";
            }
            TcpOptionCodec.RawOption so = s.get(i);
            TcpOptionCodec.RawOption ao = a.get(i);
            switch (ao.kind()) {
                case TcpOptions.KIND_EOL, TcpOptions.KIND_NOP -> {
                }
                case TcpOptions.KIND_TIMESTAMP -> {
                    if (ts.tickMicros() > 0 && so.length() == TcpOptions.LENGTH_TIMESTAMP
                            && ao.length() == TcpOptions.LENGTH_TIMESTAMP) {
                        long sv = Bytes.getU32(scriptOptions, so.offset() + 2);
                        long av = Bytes.getU32(ab, ao.offset() + 2);
                        long diff = Math.abs((int) (av - sv));
                        if (diff * ts.tickMicros() > ts.toleranceMicros()) {
                            return "bad outbound TCP timestamp value: expected TS val " + sv + ", actual " + av
                                    + " (tick " + ts.tickMicros() + " us, tolerance " + ts.toleranceMicros() + " us)";
                        }
                    }
                }
                default -> {
                    if (so.length() != ao.length()) {
                        return "bad lengths for outbound TCP option " + ao.kind() + ": expected " + so.length()
                                + ", actual " + ao.length();
                    }
                    if (!java.util.Arrays.equals(scriptOptions, so.offset() + 2, so.offset() + so.length(),
                            ab, ao.offset() + 2, ao.offset() + ao.length())) {
                        return "bad value of outbound TCP option " + ao.kind();
                    }
                }
            }
        }
        return null;
    }

    private static int aceOf(int flags) {
        return ((flags & TcpHeader.AE) != 0 ? 4 : 0) | ((flags & TcpHeader.CWR) != 0 ? 2 : 0)
                | ((flags & TcpHeader.ECE) != 0 ? 1 : 0);
    }

    private static String flag(String name, int expected, int actual, int bit) {
        return field(name, (expected & bit) != 0 ? 1 : 0, (actual & bit) != 0 ? 1 : 0);
    }

    private static String field(String name, long expected, long actual) {
        return expected == actual ? null : name + ": expected " + expected + ", actual " + actual;
    }
}
