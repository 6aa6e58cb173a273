package org.jlibos.kernel.tcp.cc;

/**
 * CUBIC (RFC 9438) as Linux's {@code tcp_cubic.c}, the default module, with its defaults:
 * beta 717/1024 (≈ 0.7), C = bic_scale/1024 × 10 = 0.4, fast convergence, TCP friendliness
 * (the Reno-friendly region) and HyStart with both ACK-train and delay detection.
 *
 * <p>The window follows W(t) = C·(t − K)³ + W_max with t in units of 1/1024 s and K the time
 * to climb back to W_max: K = ∛((W_max − cwnd) / C). The arithmetic is Linux's fixed-point
 * code (including its table-driven cube root), so cwnd evolves packet for packet as on Linux.
 * Time is counted in jiffies at HZ = 1000.
 */
public final class Cubic implements CongestionControl {

    /** {@code BICTCP_BETA_SCALE}. */
    static final int BETA_SCALE = 1024;
    /** {@code BICTCP_HZ}: time in the cubic function is in units of 2^-10 s. */
    static final int BICTCP_HZ = 10;
    static final int HZ = 1000;
    static final int HYSTART_ACK_TRAIN = 1;
    static final int HYSTART_DELAY = 2;
    static final int HYSTART_MIN_SAMPLES = 8;
    static final long HYSTART_DELAY_MIN_US = 4000;
    static final long HYSTART_DELAY_MAX_US = 16000;

    // Module parameters (/sys/module/tcp_cubic/parameters), Linux defaults.
    private final boolean fastConvergence;
    private final int beta;
    private final int bicScale;
    private final boolean tcpFriendliness;
    private final boolean hystart;
    private final int hystartDetect;
    private final int hystartLowWindow;
    private final long hystartAckDeltaUs;
    // Derived at module load (cubictcp_register).
    private final int betaScale;
    private final long cubeRttScale;
    private final long cubeFactor;

    // Per-connection state (struct bictcp).
    private int cnt;
    private int lastMaxCwnd;
    private int lastCwnd;
    private long lastTime;
    private int bicOriginPoint;
    private long bicK;
    private long delayMin;
    private long epochStart;
    private int ackCnt;
    private int tcpCwnd;
    private int sampleCnt;
    private boolean found;
    private long roundStart;
    private int endSeq;
    private long lastAck;
    private long currRtt;

    /** CUBIC with Linux's default parameters. */
    public Cubic() {
        this(true, 717, 41, true, true, HYSTART_ACK_TRAIN | HYSTART_DELAY, 16, 2000);
    }

    /**
     * CUBIC with explicit module parameters ({@code fast_convergence}, {@code beta},
     * {@code bic_scale}, {@code tcp_friendliness}, {@code hystart}, {@code hystart_detect},
     * {@code hystart_low_window}, {@code hystart_ack_delta_us}).
     */
    public Cubic(boolean fastConvergence, int beta, int bicScale, boolean tcpFriendliness, boolean hystart,
                 int hystartDetect, int hystartLowWindow, long hystartAckDeltaUs) {
        this.fastConvergence = fastConvergence;
        this.beta = beta;
        this.bicScale = bicScale;
        this.tcpFriendliness = tcpFriendliness;
        this.hystart = hystart;
        this.hystartDetect = hystartDetect;
        this.hystartLowWindow = hystartLowWindow;
        this.hystartAckDeltaUs = hystartAckDeltaUs;
        this.betaScale = 8 * (BETA_SCALE + beta) / 3 / (BETA_SCALE - beta);
        this.cubeRttScale = bicScale * 10L;
        this.cubeFactor = (1L << (10 + 3 * BICTCP_HZ)) / (bicScale * 10L);
    }

    @Override
    public String name() {
        return "cubic";
    }

    private void reset() {
        cnt = 0;
        lastMaxCwnd = 0;
        lastCwnd = 0;
        lastTime = 0;
        bicOriginPoint = 0;
        bicK = 0;
        delayMin = 0;
        epochStart = 0;
        ackCnt = 0;
        tcpCwnd = 0;
        sampleCnt = 0;
        found = false;
    }

    private void hystartReset(CongestionWindow w) {
        roundStart = w.nowUs;
        lastAck = w.nowUs;
        endSeq = w.sndNxt;
        currRtt = Long.MAX_VALUE;
        sampleCnt = 0;
    }

    @Override
    public void init(CongestionWindow w) {
        reset();
        if (hystart) {
            hystartReset(w);
        }
    }

    @Override
    public void onEvent(CongestionWindow w, int event) {
        if (event == EVENT_TX_START) {
            long now = w.jiffies;
            long delta = now - w.lastSendJiffies;
            // Application-limited (idle) for a while: shift the epoch to keep growth on the curve.
            if (epochStart != 0 && delta > 0) {
                epochStart += delta;
                if (epochStart > now) {
                    epochStart = now;
                }
            }
        }
    }

    private static final int[] CBRT_TABLE = {
        0, 54, 54, 54, 118, 118, 118, 118,
        123, 129, 134, 138, 143, 147, 151, 156,
        157, 161, 164, 168, 170, 173, 176, 179,
        181, 185, 187, 190, 192, 194, 197, 199,
        200, 202, 204, 206, 209, 211, 213, 215,
        217, 219, 221, 222, 224, 225, 227, 229,
        231, 232, 234, 236, 237, 239, 240, 242,
        244, 245, 246, 248, 250, 251, 252, 254,
    };

    /** Linux's {@code cubic_root}: table lookup then one Newton-Raphson step (error ≈ 0.2%). */
    static long cubicRoot(long a) {
        int b = 64 - Long.numberOfLeadingZeros(a);
        if (b < 7) {
            return (CBRT_TABLE[(int) a] + 35) >> 6;
        }
        b = ((b * 84) >> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        long x = ((long) (CBRT_TABLE[shift] + 10) << b) >> 6;
        x = 2 * x + a / (x * (x - 1));
        x = (x * 341) >> 10;
        return x;
    }

    /** {@code bictcp_update}: computes {@link #cnt}, the ACKs per one-packet increase. */
    private void update(CongestionWindow w, int cwnd, int acked) {
        long jiffies = w.jiffies;
        ackCnt += acked;
        if (lastCwnd == cwnd && jiffies - lastTime <= HZ / 32) {
            return;
        }
        // The cubic function updates cnt at most once per jiffy; reductions reset epochStart.
        if (!(epochStart != 0 && jiffies == lastTime)) {
            lastCwnd = cwnd;
            lastTime = jiffies;
            if (epochStart == 0) {
                epochStart = jiffies;
                ackCnt = acked;
                tcpCwnd = cwnd;
                if (lastMaxCwnd <= cwnd) {
                    bicK = 0;
                    bicOriginPoint = cwnd;
                } else {
                    // K = cbrt((wmax - cwnd) * srtt/C), in 2^-10 s units.
                    bicK = cubicRoot(cubeFactor * (lastMaxCwnd - cwnd));
                    bicOriginPoint = lastMaxCwnd;
                }
            }
            long t = jiffies - epochStart;
            t += (delayMin + 999) / 1000; // usecs_to_jiffies(delay_min)
            t = (t << BICTCP_HZ) / HZ;
            long offs = t < bicK ? bicK - t : t - bicK;
            long delta;
            if (offs > (1L << 18)) {
                delta = Integer.MAX_VALUE; // beyond Linux's stated range (> 256 s from K)
            } else {
                delta = (cubeRttScale * offs * offs * offs) >>> (10 + 3 * BICTCP_HZ);
            }
            long target = t < bicK ? bicOriginPoint - delta : bicOriginPoint + delta;
            if (target > cwnd) {
                cnt = (int) (cwnd / (target - cwnd));
            } else {
                cnt = 100 * cwnd; // very small increment
            }
            // Initial growth when the bandwidth is unknown: at least 5% per RTT.
            if (lastMaxCwnd == 0 && cnt > 20) {
                cnt = 20;
            }
        }
        if (tcpFriendliness) {
            int d = (cwnd * betaScale) >> 3;
            if (d > 0) {
                while (ackCnt > d) {
                    ackCnt -= d;
                    tcpCwnd++;
                }
            }
            if (tcpCwnd > cwnd) {
                int maxCnt = cwnd / (tcpCwnd - cwnd);
                if (cnt > maxCnt) {
                    cnt = maxCnt;
                }
            }
        }
        // At most one packet per two ACKed: cwnd grows at most 1.5x per RTT.
        cnt = Math.max(cnt, 2);
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
        update(w, w.cwnd, acked);
        w.congestionAvoidanceAi(cnt, acked);
    }

    @Override
    public int ssthresh(CongestionWindow w) {
        epochStart = 0;
        // W_max and fast convergence: release bandwidth faster when W_max shrinks.
        if (w.cwnd < lastMaxCwnd && fastConvergence) {
            lastMaxCwnd = (int) ((long) w.cwnd * (BETA_SCALE + beta) / (2 * BETA_SCALE));
        } else {
            lastMaxCwnd = w.cwnd;
        }
        return Math.max((int) ((long) w.cwnd * beta / BETA_SCALE), 2);
    }

    @Override
    public void setState(CongestionWindow w, int state) {
        if (state == CA_LOSS) {
            reset();
            hystartReset(w);
        }
    }

    /** {@code hystart_ack_delay}: allowance for TSO/GRO batching, at most 1 ms. */
    private long hystartAckDelay(CongestionWindow w) {
        if (w.pacingRate == 0 || w.gsoMaxSize == 0) {
            return 0;
        }
        return Math.min(1000L, (long) w.gsoMaxSize * 4 * 1_000_000L / w.pacingRate);
    }

    private void hystartUpdate(CongestionWindow w, long delay) {
        if (org.jlibos.kernel.tcp.Seq.after(w.sndUna, endSeq)) {
            hystartReset(w);
        }
        if (w.cwnd < hystartLowWindow) {
            return;
        }
        if ((hystartDetect & HYSTART_ACK_TRAIN) != 0) {
            long now = w.nowUs;
            // ACK-train detection: closely spaced ACKs spanning more than half the min delay.
            if (now - lastAck <= hystartAckDeltaUs) {
                lastAck = now;
                long threshold = delayMin + hystartAckDelay(w);
                threshold >>= 1; // no pacing (sk_pacing_status == SK_PACING_NONE)
                if (now - roundStart > threshold) {
                    found = true;
                    w.ssthresh = w.cwnd;
                }
            }
        }
        if ((hystartDetect & HYSTART_DELAY) != 0) {
            if (currRtt > delay) {
                currRtt = delay;
            }
            if (sampleCnt < HYSTART_MIN_SAMPLES) {
                sampleCnt++;
            } else {
                long thresh = Math.max(HYSTART_DELAY_MIN_US, Math.min(HYSTART_DELAY_MAX_US, delayMin >> 3));
                if (currRtt > delayMin + thresh) {
                    found = true;
                    w.ssthresh = w.cwnd;
                }
            }
        }
    }

    @Override
    public void onPacketsAcked(CongestionWindow w, int ackedPackets, long rttUs) {
        if (rttUs < 0) {
            return;
        }
        // Discard delay samples right after fast recovery.
        if (epochStart != 0 && w.jiffies - epochStart < HZ) {
            return;
        }
        long delay = rttUs == 0 ? 1 : rttUs;
        if (delayMin == 0 || delayMin > delay) {
            delayMin = delay;
        }
        if (!found && w.inSlowStart() && hystart) {
            hystartUpdate(w, delay);
        }
    }

    // ---- for tests and TCP_INFO-like introspection -----------------------------------------------

    /** W_max, packets ({@code last_max_cwnd}). */
    public int lastMaxCwnd() {
        return lastMaxCwnd;
    }

    /** K, in 2^-10 s ({@code bic_K}). */
    public long k() {
        return bicK;
    }

    /** Whether HyStart ended slow start. */
    public boolean hystartFound() {
        return found;
    }

    /** Minimum delay seen, microseconds ({@code delay_min}). */
    public long delayMinUs() {
        return delayMin;
    }
}
