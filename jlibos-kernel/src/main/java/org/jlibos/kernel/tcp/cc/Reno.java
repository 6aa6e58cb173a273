package org.jlibos.kernel.tcp.cc;

/**
 * Reno (RFC 5681) as Linux's built-in {@code reno} module: slow start, then one packet per
 * RTT; on loss, ssthresh = cwnd / 2. Combined with TCP's fast recovery this is NewReno
 * (RFC 6582) towards peers without SACK and SACK-based recovery otherwise.
 */
public final class Reno implements CongestionControl {

    @Override
    public String name() {
        return "reno";
    }

    @Override
    public void init(CongestionWindow w) {
    }

    @Override
    public int ssthresh(CongestionWindow w) {
        return Math.max(w.cwnd >> 1, 2);
    }

    @Override
    public void congestionAvoidance(CongestionWindow w, int ack, int acked) {
        if (!w.isCwndLimited()) {
            return;
        }
        if (w.inSlowStart()) {
            acked = w.slowStart(acked);
            if (acked == 0) {
                return;
            }
        }
        w.congestionAvoidanceAi(w.cwnd, acked);
    }
}
