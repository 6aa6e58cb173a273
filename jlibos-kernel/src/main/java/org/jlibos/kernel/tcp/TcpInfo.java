package org.jlibos.kernel.tcp;

/**
 * A snapshot of one connection, after Linux's {@code struct tcp_info} ({@code getsockopt(TCP_INFO)},
 * what {@code ss -ti} prints and packetdrill's {@code tcpi_*} variables name). Units as in
 * Linux: microseconds for rto/ato/rtt, milliseconds for the last-event ages, packets for
 * windows and counts of segments, bytes for the byte counters, bytes per second for rates.
 */
public final class TcpInfo {

    public static final int OPT_TIMESTAMPS = 1;
    public static final int OPT_SACK = 2;
    public static final int OPT_WSCALE = 4;
    public static final int OPT_ECN = 8;
    public static final int OPT_ECN_SEEN = 16;

    /** Linux state number (TcpState.linux): 1 ESTABLISHED ... 11 CLOSING. */
    public int state;
    /** Congestion state: 0 Open, 1 Disorder, 2 CWR, 3 Recovery, 4 Loss. */
    public int caState;
    public int retransmits;
    public int probes;
    public int backoff;
    public int options;
    public int sndWscale;
    public int rcvWscale;
    public long rtoUs;
    public long atoUs;
    public int sndMss;
    public int rcvMss;
    public int unacked;
    public int sacked;
    public int lost;
    public int retrans;
    public long lastDataSentMs;
    public long lastDataRecvMs;
    public long lastAckRecvMs;
    public int pmtu;
    public int rcvSsthresh;
    public long rttUs;
    public long rttvarUs;
    public int sndSsthresh;
    public int sndCwnd;
    public int advmss;
    public int reordering;
    public long rcvRttUs;
    public int rcvSpace;
    public long totalRetrans;
    public long pacingRate;
    public long bytesAcked;
    public long bytesReceived;
    public long segsOut;
    public long segsIn;
    public int notsentBytes;
    public long minRttUs;
    public long dataSegsIn;
    public long dataSegsOut;
    public long deliveryRate;
    public long delivered;
    public long bytesSent;
    public long bytesRetrans;
    public int sndWnd;
    public int rcvWnd;
    public int totalRto;
    public String congestionControl;

    /** The state's name as ss prints it. */
    public String stateName() {
        for (TcpState s : TcpState.values()) {
            if (s.linux == state) {
                return s.ssName;
            }
        }
        return "UNKNOWN";
    }

    /** The second line of {@code ss -ti} for this connection (a documented subset of its fields). */
    public String ssLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(congestionControl);
        if ((options & OPT_WSCALE) != 0) {
            sb.append(" wscale:").append(sndWscale).append(',').append(rcvWscale);
        }
        sb.append(" rto:").append(fmtMs(rtoUs));
        if (rttUs > 0) {
            sb.append(" rtt:").append(fmtMs(rttUs)).append('/').append(fmtMs(rttvarUs));
        }
        if (atoUs > 0) {
            sb.append(" ato:").append(fmtMs(atoUs));
        }
        sb.append(" mss:").append(sndMss).append(" pmtu:").append(pmtu).append(" rcvmss:").append(rcvMss)
                .append(" advmss:").append(advmss).append(" cwnd:").append(sndCwnd);
        if (sndSsthresh < 0x7fffffff) {
            sb.append(" ssthresh:").append(sndSsthresh);
        }
        if (bytesSent > 0) {
            sb.append(" bytes_sent:").append(bytesSent);
        }
        if (bytesRetrans > 0) {
            sb.append(" bytes_retrans:").append(bytesRetrans);
        }
        if (bytesAcked > 0) {
            sb.append(" bytes_acked:").append(bytesAcked);
        }
        if (bytesReceived > 0) {
            sb.append(" bytes_received:").append(bytesReceived);
        }
        sb.append(" segs_out:").append(segsOut).append(" segs_in:").append(segsIn);
        if (dataSegsOut > 0) {
            sb.append(" data_segs_out:").append(dataSegsOut);
        }
        if (dataSegsIn > 0) {
            sb.append(" data_segs_in:").append(dataSegsIn);
        }
        if (deliveryRate > 0) {
            sb.append(" delivery_rate ").append(fmtRate(deliveryRate * 8));
        }
        if (unacked > 0) {
            sb.append(" unacked:").append(unacked);
        }
        if (retrans > 0 || totalRetrans > 0) {
            sb.append(" retrans:").append(retrans).append('/').append(totalRetrans);
        }
        if (lost > 0) {
            sb.append(" lost:").append(lost);
        }
        if (sacked > 0) {
            sb.append(" sacked:").append(sacked);
        }
        sb.append(" rcv_space:").append(rcvSpace).append(" rcv_ssthresh:").append(rcvSsthresh);
        if (minRttUs > 0) {
            sb.append(" minrtt:").append(fmtMs(minRttUs));
        }
        sb.append(" snd_wnd:").append(sndWnd);
        return sb.toString();
    }

    private static String fmtMs(long us) {
        if (us % 1000 == 0) {
            return Long.toString(us / 1000);
        }
        String s = String.format(java.util.Locale.ROOT, "%.3f", us / 1000.0);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String fmtRate(long bps) {
        if (bps >= 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1fGbps", bps / 1e9);
        }
        if (bps >= 1_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1fMbps", bps / 1e6);
        }
        if (bps >= 1000) {
            return String.format(java.util.Locale.ROOT, "%.1fKbps", bps / 1e3);
        }
        return bps + "bps";
    }

    @Override
    public String toString() {
        return stateName() + " " + ssLine();
    }
}
