package org.jlibos.kernel.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4), as Linux's {@code before()} and
 * {@code after()}: sequence numbers are raw 32-bit {@code int}s and are compared by the sign
 * of their 32-bit difference, so comparisons stay right across wraparound as long as the two
 * numbers are less than 2^31 apart (the window is always far smaller).
 */
public final class Seq {

    private Seq() {
    }

    /** {@code a} comes strictly before {@code b}. */
    public static boolean before(int a, int b) {
        return a - b < 0;
    }

    /** {@code a} comes strictly after {@code b}. */
    public static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** {@code a <= b} in sequence space. */
    public static boolean beforeOrEqual(int a, int b) {
        return a - b <= 0;
    }

    /** {@code a >= b} in sequence space. */
    public static boolean afterOrEqual(int a, int b) {
        return a - b >= 0;
    }

    /** {@code low <= seq <= high} in sequence space ({@code between()} in Linux). */
    public static boolean between(int seq, int low, int high) {
        return Integer.compareUnsigned(high - low, seq - low) >= 0;
    }

    /** The later of two sequence numbers. */
    public static int max(int a, int b) {
        return after(a, b) ? a : b;
    }

    /** The earlier of two sequence numbers. */
    public static int min(int a, int b) {
        return before(a, b) ? a : b;
    }

    /** As an unsigned number 0..2^32-1, for printing. */
    public static long unsigned(int seq) {
        return seq & 0xffffffffL;
    }
}
