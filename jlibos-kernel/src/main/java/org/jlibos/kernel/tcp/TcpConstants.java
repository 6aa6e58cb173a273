package org.jlibos.kernel.tcp;

/**
 * Linux's fixed TCP parameters ({@code include/net/tcp.h}), in the units this package uses:
 * nanoseconds for times, packets for windows. Sysctl-controlled values are read from
 * {@code net.ipv4.tcp_*} instead.
 */
public final class TcpConstants {

    private TcpConstants() {
    }

    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    /** {@code TCP_RTO_MIN}: smallest retransmission timeout (overridden by tcp_rto_min_us). */
    public static final long RTO_MIN = 200 * MS;
    /** {@code TCP_RTO_MAX}: largest retransmission timeout. */
    public static final long RTO_MAX = 120 * S;
    /** {@code TCP_TIMEOUT_MIN_US}: 2 ms, the loss probe's slack when several segments are out. */
    public static final long TIMEOUT_MIN_US = 2_000;
    /** {@code TCP_TIMEOUT_INIT}: RTO before any RTT sample (RFC 6298 §2.1). */
    public static final long TIMEOUT_INIT = 1 * S;
    /** {@code TCP_TIMEOUT_FALLBACK}: RTO after a SYN was retransmitted without an RTT sample. */
    public static final long TIMEOUT_FALLBACK = 3 * S;
    /** {@code TCP_DELACK_MIN}: shortest delayed-ACK timeout. */
    public static final long DELACK_MIN = 40 * MS;
    /** {@code TCP_DELACK_MAX}: longest delayed-ACK timeout. */
    public static final long DELACK_MAX = 200 * MS;
    /** {@code TCP_ATO_MIN}: initial ACK timeout estimate. */
    public static final long ATO_MIN = 40 * MS;
    /** {@code TCP_TIMEWAIT_LEN}: how long TIME_WAIT lasts. */
    public static final long TIMEWAIT_LEN = 60 * S;
    /** {@code TCP_RESOURCE_PROBE_INTERVAL}: retry after a local send failure. */
    public static final long RESOURCE_PROBE_INTERVAL = 500 * MS;
    /** {@code TCP_KEEPALIVE_TIME} etc. are sysctls; {@code MAX_TCP_KEEPIDLE} bounds the options. */
    public static final int MAX_KEEPIDLE = 32767;
    public static final int MAX_KEEPINTVL = 32767;
    public static final int MAX_KEEPCNT = 127;

    /** {@code TCP_INIT_CWND}: initial congestion window, packets (RFC 6928). */
    public static final int INIT_CWND = 10;
    /** {@code TCP_INFINITE_SSTHRESH}. */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;
    /** {@code TCP_MAX_QUICKACKS}. */
    public static final int MAX_QUICKACKS = 16;
    /** {@code TCP_FASTRETRANS_THRESH}: duplicate ACKs before fast retransmit. */
    public static final int FASTRETRANS_THRESH = 3;
    /** {@code TCP_MSS_DEFAULT}: MSS assumed when the peer sends no MSS option (RFC 9293). */
    public static final int MSS_DEFAULT = 536;
    /** {@code GSO_LEGACY_MAX_SIZE}: the largest packet TCP hands to GSO/TSO. */
    public static final int GSO_MAX_SIZE = 65536;
    /** {@code TCP_MIN_MSS}. */
    public static final int MIN_MSS = 88;
    /** {@code TCP_MIN_SND_MSS}: floor of the sending MSS. */
    public static final int MIN_SND_MSS = 48;
    /** {@code TCP_MAX_WSCALE}. */
    public static final int MAX_WSCALE = 14;
    /** {@code MAX_TCP_WINDOW}: largest unscaled window. */
    public static final int MAX_TCP_WINDOW = 32767;
    /** Largest window the 16-bit field can carry. */
    public static final int MAX_UNSCALED_WINDOW = 65535;
    /** {@code TCP_PAWS_24DAYS}: ts_recent older than this is stale (RFC 7323 §5.5). */
    public static final long PAWS_24DAYS = 24L * 86400 * S;
    /** {@code TCP_PAWS_MSL}: seconds after which a TIME_WAIT timestamp no longer guards PAWS. */
    public static final long PAWS_MSL = 60 * S;
    /** {@code TCP_PAWS_WINDOW}: slack in timestamp comparisons, in TS ticks. */
    public static final int PAWS_WINDOW = 1;
    /** {@code TCP_PINGPONG_THRESH}: data exchanges before an interactive connection delays ACKs. */
    public static final int PINGPONG_THRESH = 1;
    /** Bytes of the fixed TCP header. */
    public static final int HEADER = 20;
    /** Bytes of the aligned timestamp option ({@code TCPOLEN_TSTAMP_ALIGNED}). */
    public static final int TS_ALIGNED = 12;
    /** IPv4 + TCP headers without options. */
    public static final int IPV4_TCP_HEADERS = 40;
    /** Linux's {@code MAX_TCP_HEADER} plus skb_shared_info, for send-buffer sizing per MSS. */
    public static final int SKB_OVERHEAD = 320 + 320;
}
