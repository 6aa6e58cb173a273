package org.jlibos.bench;

import java.util.SplittableRandom;

/**
 * Precomputed pseudo-random event delays, so the measured loops draw no random numbers and
 * allocate nothing: exponentially distributed (the classic "hold model" increment), mean
 * {@value #MEAN_NANOS} ns, at least 1 ns, in a power-of-two table indexed with a mask.
 */
final class Delays {

    static final int SIZE = 1 << 16;
    static final int MASK = SIZE - 1;
    static final long MEAN_NANOS = 1_000;

    private Delays() {
    }

    static long[] exponential(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] d = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double u = 1.0 - r.nextDouble(); // (0, 1]
            d[i] = Math.max(1L, Math.round(-Math.log(u) * MEAN_NANOS));
        }
        return d;
    }
}
