package org.jlibos.kernel.tcp;

import java.util.Arrays;

/**
 * Per-connection time series for results and plots: congestion window, slow-start threshold,
 * smoothed RTT and bytes in flight, recorded whenever one of them changes. Samples are kept
 * column-wise in primitive arrays that grow by doubling, so recording allocates only when a
 * column grows (no boxing, no per-sample objects).
 *
 * <p>Units: time in virtual nanoseconds; cwnd and ssthresh in packets, as Linux keeps them
 * (ssthresh is {@code Integer.MAX_VALUE} before the first loss); srtt in microseconds; bytes in
 * flight in bytes (exact while nothing is SACKed or lost, else in-flight packets times the MSS).
 *
 * <p>Recording is off by default (a 60 s bulk flow changes these values on every ACK: about
 * half a million samples, 12 MB); turn it on per kernel with {@link Tcp#setRecordTimeSeries}
 * before connections start, or per socket with {@link TcpSocket#recordTimeSeries()}.
 */
public final class TcpTimeSeries {

    private long[] time = new long[256];
    private int[] cwnd = new int[256];
    private int[] ssthresh = new int[256];
    private int[] srttUs = new int[256];
    private int[] bytesInFlight = new int[256];
    private int size;

    /** Appends a sample if any value differs from the last one. */
    void sample(long now, int cw, int ss, long srtt, int flight) {
        // flight: bytes
        int s = (int) Math.min(srtt, Integer.MAX_VALUE);
        if (size > 0) {
            int last = size - 1;
            if (cwnd[last] == cw && ssthresh[last] == ss && srttUs[last] == s && bytesInFlight[last] == flight) {
                return;
            }
            if (time[last] == now) {
                // Same instant: keep only the final values of this instant.
                cwnd[last] = cw;
                ssthresh[last] = ss;
                srttUs[last] = s;
                bytesInFlight[last] = flight;
                return;
            }
        }
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            cwnd = Arrays.copyOf(cwnd, n);
            ssthresh = Arrays.copyOf(ssthresh, n);
            srttUs = Arrays.copyOf(srttUs, n);
            bytesInFlight = Arrays.copyOf(bytesInFlight, n);
        }
        time[size] = now;
        cwnd[size] = cw;
        ssthresh[size] = ss;
        srttUs[size] = s;
        bytesInFlight[size] = flight;
        size++;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    public long timeNanos(int i) {
        return time[i];
    }

    public int cwnd(int i) {
        return cwnd[i];
    }

    public int ssthresh(int i) {
        return ssthresh[i];
    }

    public int srttMicros(int i) {
        return srttUs[i];
    }

    public int bytesInFlight(int i) {
        return bytesInFlight[i];
    }

    /** Copies of the columns, trimmed to {@link #size()}. */
    public long[] times() {
        return Arrays.copyOf(time, size);
    }

    public int[] cwnds() {
        return Arrays.copyOf(cwnd, size);
    }

    public int[] ssthreshes() {
        return Arrays.copyOf(ssthresh, size);
    }

    public int[] srttsMicros() {
        return Arrays.copyOf(srttUs, size);
    }

    public int[] bytesInFlights() {
        return Arrays.copyOf(bytesInFlight, size);
    }

    /** CSV with a header line: {@code time_ns,cwnd,ssthresh,srtt_us,bytes_in_flight}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("time_ns,cwnd,ssthresh,srtt_us,bytes_in_flight\n");
        for (int i = 0; i < size; i++) {
            sb.append(time[i]).append(',').append(cwnd[i]).append(',').append(ssthresh[i]).append(',')
                    .append(srttUs[i]).append(',').append(bytesInFlight[i]).append('\n');
        }
        return sb.toString();
    }
}
