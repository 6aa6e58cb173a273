package org.jlibos.kernel.wire;

/**
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers"): the IPv4 Protocol field and
 * the IPv6 Next Header field share one registry, so both headers use these constants.
 */
public final class IpProtocol {

    /** IPv6 Hop-by-Hop Options header. */
    public static final int HOPOPTS = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    /** IPv4-in-IPv4 (ipip tunnels). */
    public static final int IPIP = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 encapsulation (6in4, sit tunnels). */
    public static final int IPV6 = 41;
    /** IPv6 Routing header. */
    public static final int ROUTING = 43;
    /** IPv6 Fragment header. */
    public static final int FRAGMENT = 44;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    /** IPv6 No Next Header. */
    public static final int NONE = 59;
    /** IPv6 Destination Options header. */
    public static final int DSTOPTS = 60;
    public static final int SCTP = 132;
    /** Raw IP (IPPROTO_RAW). */
    public static final int RAW = 255;

    private IpProtocol() {
    }

    /** The name as {@code /etc/protocols} and tcpdump spell it ("tcp", "icmp"), else the number. */
    public static String name(int protocol) {
        return switch (protocol) {
            case HOPOPTS -> "hopopts";
            case ICMP -> "icmp";
            case IGMP -> "igmp";
            case IPIP -> "ipip";
            case TCP -> "tcp";
            case UDP -> "udp";
            case IPV6 -> "ipv6";
            case ROUTING -> "ipv6-route";
            case FRAGMENT -> "ipv6-frag";
            case GRE -> "gre";
            case ESP -> "esp";
            case AH -> "ah";
            case ICMPV6 -> "ipv6-icmp";
            case NONE -> "ipv6-nonxt";
            case DSTOPTS -> "ipv6-opts";
            case SCTP -> "sctp";
            case RAW -> "raw";
            default -> Integer.toString(protocol);
        };
    }
}
