package org.jlibos.packetdrill.run;

import java.util.Map;

import org.jlibos.kernel.wire.IcmpV4Header;

/** packetdrill's IPv4 ICMP type and code names (README §5.9); {@code type_N} and {@code code_N} too. */
final class IcmpNames {

    private static final Map<String, Integer> TYPES = Map.ofEntries(
            Map.entry("echo_reply", IcmpV4Header.ECHO_REPLY),
            Map.entry("unreachable", IcmpV4Header.DEST_UNREACHABLE),
            Map.entry("source_quench", IcmpV4Header.SOURCE_QUENCH),
            Map.entry("redirect", IcmpV4Header.REDIRECT),
            Map.entry("echo_request", IcmpV4Header.ECHO_REQUEST),
            Map.entry("time_exceeded", IcmpV4Header.TIME_EXCEEDED),
            Map.entry("parameter_problem", IcmpV4Header.PARAMETER_PROBLEM),
            Map.entry("timestamp_request", IcmpV4Header.TIMESTAMP),
            Map.entry("timestamp_reply", IcmpV4Header.TIMESTAMP_REPLY));

    private static final Map<String, Integer> UNREACHABLE_CODES = Map.ofEntries(
            Map.entry("net_unreachable", 0), Map.entry("host_unreachable", 1), Map.entry("protocol_unreachable", 2),
            Map.entry("port_unreachable", 3), Map.entry("frag_needed", 4), Map.entry("source_route_failed", 5),
            Map.entry("net_unknown", 6), Map.entry("host_unknown", 7), Map.entry("source_host_isolated", 8),
            Map.entry("net_prohibited", 9), Map.entry("host_prohibited", 10), Map.entry("net_unreachable_for_tos", 11),
            Map.entry("host_unreachable_for_tos", 12), Map.entry("packet_filtered", 13),
            Map.entry("precedence_violation", 14), Map.entry("precedence_cutoff", 15));

    private static final Map<String, Integer> OTHER_CODES = Map.ofEntries(
            Map.entry("ttl_exceeded", 0), Map.entry("fragment_reassembly_time_exceeded", 1),
            Map.entry("net_redirect", 0), Map.entry("host_redirect", 1));

    private IcmpNames() {
    }

    /** {type, code}, or null when a name is unknown. A missing code is 0. */
    static int[] typeAndCode(String type, String code) {
        Integer t = TYPES.get(type);
        if (t == null) {
            t = numbered(type, "type_");
        }
        if (t == null) {
            return null;
        }
        if (code == null) {
            return new int[] {t, 0};
        }
        Integer c = t == IcmpV4Header.DEST_UNREACHABLE ? UNREACHABLE_CODES.get(code) : OTHER_CODES.get(code);
        if (c == null) {
            c = numbered(code, "code_");
        }
        return c == null ? null : new int[] {t, c};
    }

    private static Integer numbered(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return null;
        }
        try {
            int v = Integer.parseInt(name.substring(prefix.length()));
            return v >= 0 && v <= 255 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
