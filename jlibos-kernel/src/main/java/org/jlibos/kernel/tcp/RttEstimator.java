package org.jlibos.kernel.tcp;

/**
 * Round-trip time estimation and the retransmission timeout (RFC 6298) exactly as Linux's
 * {@code tcp_rtt_estimator()} and {@code tcp_set_rto()} compute them, in microseconds:
 *
 * <ul>
 *   <li>SRTT is kept scaled by 8 and updated with gain 1/8 (RFC 6298 alpha);</li>
 *   <li>the mean deviation {@code mdev} is kept scaled by 4 with gain 1/4 (beta), but a
 *       sample below SRTT moves it with gain 1/32 only (Linux's Eifel-like damping);</li>
 *   <li>{@code rttvar} is the largest mdev seen in the last window of data, never below the
 *       minimum RTO, and decays once per window;</li>
 *   <li>RTO = SRTT + rttvar, rounded up to whole milliseconds (jiffies at HZ=1000) and capped
 *       at 120 s; so a path with little variance gets RTO ≈ SRTT + 200 ms.</li>
 * </ul>
 *
 * <p>Before the first sample the RTO is 1 s (RFC 6298 §2.1). The minimum RTT over the last
 * {@code tcp_min_rtt_wlen} seconds is tracked with Linux's windowed min filter
 * ({@code lib/minmax.c}, Kathleen Nichols' algorithm). Exponential backoff is applied by the
 * retransmit timer, not here.
 */
public final class RttEstimator {

    private final long rtoMinUs;
    private final long minRttWindowUs;

    /** SRTT << 3, microseconds; 0 until the first sample. */
    private long srtt8;
    /** mdev << 2. */
    private long mdev4;
    /** Largest mdev (<< 2) in the current window. */
    private long mdevMax4;
    /** rttvar (<< 2): the variance term added to SRTT for the RTO. */
    private long rttvar4;
    /** snd_nxt when the current measurement window began ({@code rtt_seq}). */
    private int rttSeq;
    private long rtoNanos = TcpConstants.TIMEOUT_INIT;
    private int samples;

    // Windowed min filter: three (time, value) samples, microseconds.
    private final long[] minTime = new long[3];
    private final long[] minValue = new long[3];

    /**
     * @param rtoMinUs       minimum RTO in microseconds (net.ipv4.tcp_rto_min_us, 200000)
     * @param minRttWindowUs window of the min-RTT filter (tcp_min_rtt_wlen, 300 s)
     */
    public RttEstimator(long rtoMinUs, long minRttWindowUs) {
        this.rtoMinUs = rtoMinUs;
        this.minRttWindowUs = minRttWindowUs;
    }

    /**
     * Feeds one RTT sample {@code rttUs} (Karn's rule is the caller's job). {@code sndUna} and
     * {@code sndNxt} delimit the windows in which rttvar may decay, as Linux's {@code rtt_seq}.
     */
    public void sample(long rttUs, int sndUna, int sndNxt) {
        long m = Math.max(rttUs, 1);
        samples++;
        if (srtt8 != 0) {
            long srtt = srtt8;
            m -= srtt >> 3;
            srtt += m;
            if (m < 0) {
                m = -m;
                m -= mdev4 >> 2;
                if (m > 0) {
                    m >>= 3;
                }
            } else {
                m -= mdev4 >> 2;
            }
            mdev4 += m;
            if (mdev4 > mdevMax4) {
                mdevMax4 = mdev4;
                if (mdevMax4 > rttvar4) {
                    rttvar4 = mdevMax4;
                }
            }
            if (Seq.after(sndUna, rttSeq)) {
                if (mdevMax4 < rttvar4) {
                    rttvar4 -= (rttvar4 - mdevMax4) >> 2;
                }
                rttSeq = sndNxt;
                mdevMax4 = rtoMinUs;
            }
            srtt8 = Math.max(1, srtt);
        } else {
            srtt8 = m << 3;
            mdev4 = m << 1;
            rttvar4 = Math.max(mdev4, rtoMinUs);
            mdevMax4 = rttvar4;
            rttSeq = sndNxt;
        }
        long rtoUs = (srtt8 >> 3) + rttvar4;
        long ms = (rtoUs + 999) / 1000;
        rtoNanos = Math.min(ms * TcpConstants.MS, TcpConstants.RTO_MAX);
    }

    /** Records {@code rttUs} in the min-RTT filter at time {@code nowUs} ({@code tcp_update_rtt_min}). */
    public void sampleMin(long rttUs, long nowUs) {
        long v = Math.max(rttUs, 1);
        if (v <= minValue[0] || nowUs - minTime[2] > minRttWindowUs || minValue[0] == 0) {
            for (int i = 0; i < 3; i++) {
                minTime[i] = nowUs;
                minValue[i] = v;
            }
            return;
        }
        if (v <= minValue[1]) {
            minTime[2] = minTime[1] = nowUs;
            minValue[2] = minValue[1] = v;
        } else if (v <= minValue[2]) {
            minTime[2] = nowUs;
            minValue[2] = v;
        }
        long dt = nowUs - minTime[0];
        if (dt > minRttWindowUs) {
            shift(nowUs, v);
            if (nowUs - minTime[0] > minRttWindowUs) {
                shift(nowUs, v);
            }
        } else if (minTime[1] == minTime[0] && dt > minRttWindowUs / 4) {
            minTime[2] = minTime[1] = nowUs;
            minValue[2] = minValue[1] = v;
        } else if (minTime[2] == minTime[1] && dt > minRttWindowUs / 2) {
            minTime[2] = nowUs;
            minValue[2] = v;
        }
    }

    private void shift(long t, long v) {
        minTime[0] = minTime[1];
        minValue[0] = minValue[1];
        minTime[1] = minTime[2];
        minValue[1] = minValue[2];
        minTime[2] = t;
        minValue[2] = v;
    }

    /** Sets the RTO directly (initial 1 s, the 3 s fallback after SYN loss). */
    public void setRtoNanos(long rto) {
        this.rtoNanos = rto;
    }

    /** The minimum RTO ({@code tcp_rto_min_us}), microseconds. */
    public long rtoMinUs() {
        return rtoMinUs;
    }

    /** Current RTO without backoff, nanoseconds. */
    public long rtoNanos() {
        return rtoNanos;
    }

    /** Smoothed RTT in microseconds (tcpi_rtt), 0 before the first sample. */
    public long srttUs() {
        return srtt8 >> 3;
    }

    /** SRTT scaled by 8, as Linux's {@code srtt_us}. */
    public long srttScaled() {
        return srtt8;
    }

    /** Mean deviation in microseconds (tcpi_rttvar = mdev_us >> 2). */
    public long rttvarUs() {
        return mdev4 >> 2;
    }

    /** The variance term of the RTO (Linux's rttvar_us), microseconds. */
    public long rtoVarianceUs() {
        return rttvar4;
    }

    /** Windowed minimum RTT in microseconds, 0 before the first sample. */
    public long minRttUs() {
        return minValue[0];
    }

    public boolean hasSample() {
        return srtt8 != 0;
    }

    public int samples() {
        return samples;
    }
}
