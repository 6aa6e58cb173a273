package org.jlibos.kernel.stats;

/**
 * The MIB counters the kernel keeps, named as Linux's {@code nstat} prints them
 * ({@code /proc/net/snmp} and {@code /proc/net/netstat} prefixes joined to the field name).
 */
public enum SnmpCounter {
    IP_IN_RECEIVES("IpInReceives"),
    IP_IN_HDR_ERRORS("IpInHdrErrors"),
    IP_IN_ADDR_ERRORS("IpInAddrErrors"),
    IP_FORW_DATAGRAMS("IpForwDatagrams"),
    IP_IN_UNKNOWN_PROTOS("IpInUnknownProtos"),
    IP_IN_DISCARDS("IpInDiscards"),
    IP_IN_DELIVERS("IpInDelivers"),
    IP_OUT_REQUESTS("IpOutRequests"),
    IP_OUT_DISCARDS("IpOutDiscards"),
    IP_OUT_NO_ROUTES("IpOutNoRoutes"),
    IP_REASM_TIMEOUT("IpReasmTimeout"),
    IP_REASM_REQDS("IpReasmReqds"),
    IP_REASM_OKS("IpReasmOKs"),
    IP_REASM_FAILS("IpReasmFails"),
    IP_FRAG_OKS("IpFragOKs"),
    IP_FRAG_FAILS("IpFragFails"),
    IP_FRAG_CREATES("IpFragCreates"),
    IP_EXT_IN_CSUM_ERRORS("IpExtInCsumErrors"),
    IP_EXT_IN_TRUNCATED_PKTS("IpExtInTruncatedPkts"),
    IP_EXT_IN_NO_ROUTES("IpExtInNoRoutes"),
    ICMP_IN_MSGS("IcmpInMsgs"),
    ICMP_IN_ERRORS("IcmpInErrors"),
    ICMP_IN_CSUM_ERRORS("IcmpInCsumErrors"),
    ICMP_IN_DEST_UNREACHS("IcmpInDestUnreachs"),
    ICMP_IN_TIME_EXCDS("IcmpInTimeExcds"),
    ICMP_IN_PARM_PROBS("IcmpInParmProbs"),
    ICMP_IN_ECHOS("IcmpInEchos"),
    ICMP_IN_ECHO_REPS("IcmpInEchoReps"),
    ICMP_OUT_MSGS("IcmpOutMsgs"),
    ICMP_OUT_ERRORS("IcmpOutErrors"),
    ICMP_OUT_RATE_LIMIT_GLOBAL("IcmpOutRateLimitGlobal"),
    ICMP_OUT_RATE_LIMIT_HOST("IcmpOutRateLimitHost"),
    ICMP_OUT_DEST_UNREACHS("IcmpOutDestUnreachs"),
    ICMP_OUT_TIME_EXCDS("IcmpOutTimeExcds"),
    ICMP_OUT_ECHOS("IcmpOutEchos"),
    ICMP_OUT_ECHO_REPS("IcmpOutEchoReps"),
    UDP_IN_DATAGRAMS("UdpInDatagrams"),
    UDP_NO_PORTS("UdpNoPorts"),
    UDP_IN_ERRORS("UdpInErrors"),
    UDP_OUT_DATAGRAMS("UdpOutDatagrams"),
    UDP_RCVBUF_ERRORS("UdpRcvbufErrors"),
    UDP_SNDBUF_ERRORS("UdpSndbufErrors"),
    UDP_IN_CSUM_ERRORS("UdpInCsumErrors"),
    UDP_IGNORED_MULTI("UdpIgnoredMulti");

    public final String nstatName;

    SnmpCounter(String nstatName) {
        this.nstatName = nstatName;
    }
}
