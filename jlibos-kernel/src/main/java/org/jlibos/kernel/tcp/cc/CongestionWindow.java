package org.jlibos.kernel.tcp.cc;

/**
 * The part of a connection's state that congestion control reads and writes: Linux's
 * {@code snd_cwnd}, {@code snd_ssthresh}, {@code snd_cwnd_cnt} and friends, plus the inputs
 * a module may look at. Windows are in packets (segments of the current MSS), as in Linux.
 *
 * <p>TCP refreshes the input fields before every call into a {@link CongestionControl}; the
 * module changes {@link #cwnd}, {@link #ssthresh} and {@link #cwndCnt}. The helpers
 * {@link #slowStart} and {@link #congestionAvoidanceAi} are Linux's {@code tcp_slow_start}
 * and {@code tcp_cong_avoid_ai}, shared by every module.
 */
public final class CongestionWindow {

    /** {@code TCP_INFINITE_SSTHRESH}: no threshold yet, slow start until the first loss. */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;

    // ---- state the module owns ---------------------------------------------------------------

    /** Congestion window, packets. */
    public int cwnd;
    /** Slow-start threshold, packets. */
    public int ssthresh = INFINITE_SSTHRESH;
    /** Linear-increase counter ({@code snd_cwnd_cnt}): packets acked since the last increase. */
    public int cwndCnt;
    /** Upper bound of cwnd ({@code snd_cwnd_clamp}). */
    public int cwndClamp = Integer.MAX_VALUE;
    /** cwnd before the last reduction ({@code prior_cwnd}), for undo and PRR. */
    public int priorCwnd;

    // ---- inputs TCP keeps current --------------------------------------------------------------

    /** Now, microseconds ({@code tcp_mstamp}). */
    public long nowUs;
    /** Now in jiffies (milliseconds, HZ=1000) plus a constant offset so it is never 0. */
    public long jiffies;
    /** Smoothed RTT, microseconds (0 before the first sample). */
    public long srttUs;
    /** Windowed minimum RTT, microseconds (0 before the first sample). */
    public long minRttUs;
    /** Sending MSS, bytes. */
    public int mss;
    /** snd_una and snd_nxt. */
    public int sndUna;
    public int sndNxt;
    /** Packets in flight ({@code tcp_packets_in_flight}). */
    public int inFlight;
    /** Packets sent and not yet cumulatively acked ({@code packets_out}). */
    public int packetsOut;
    /** Most packets outstanding in the current window ({@code max_packets_out}). */
    public int maxPacketsOut;
    /** Whether the last window was limited by cwnd rather than the application ({@code is_cwnd_limited}). */
    public boolean cwndLimited;
    /** Pacing rate, bytes per second, computed as Linux does even without the fq qdisc. */
    public long pacingRate;
    /** Largest GSO/TSO burst the device takes, bytes (0: no segmentation offload). */
    public int gsoMaxSize;
    /** Jiffies of the last data transmission ({@code lsndtime}), before the current one. */
    public long lastSendJiffies;

    /** {@code tcp_in_slow_start}. */
    public boolean inSlowStart() {
        return cwnd < ssthresh;
    }

    /**
     * {@code tcp_is_cwnd_limited}: in slow start, grow only while cwnd is below twice what was
     * in flight; afterwards only when the last window really filled cwnd.
     */
    public boolean isCwndLimited() {
        if (inSlowStart()) {
            return cwnd < 2 * maxPacketsOut;
        }
        return cwndLimited;
    }

    /**
     * {@code tcp_slow_start}: cwnd grows by the packets acked, up to ssthresh. Returns the acked
     * packets left over once ssthresh is reached (to be used in congestion avoidance).
     */
    public int slowStart(int acked) {
        int c = Math.min(cwnd + acked, ssthresh);
        acked -= c - cwnd;
        cwnd = Math.min(c, cwndClamp);
        return acked;
    }

    /**
     * {@code tcp_cong_avoid_ai}: additive increase by one packet per {@code w} packets acked
     * (w = cwnd gives Reno's one packet per RTT).
     */
    public void congestionAvoidanceAi(int w, int acked) {
        if (cwndCnt >= w) {
            cwndCnt = 0;
            cwnd++;
        }
        cwndCnt += acked;
        if (cwndCnt >= w) {
            int delta = cwndCnt / w;
            cwndCnt -= delta * w;
            cwnd += delta;
        }
        cwnd = Math.min(cwnd, cwndClamp);
    }
}
