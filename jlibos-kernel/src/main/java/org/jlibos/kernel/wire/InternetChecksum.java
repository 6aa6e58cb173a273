package org.jlibos.kernel.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the 16-bit ones'-complement of the ones'-complement sum of
 * the data taken as big-endian 16-bit words, used by IPv4, ICMP, UDP and TCP. This is the one
 * checksum routine of the kernel.
 *
 * <p>Work is split in two steps, as in Linux ({@code csum_partial} / {@code csum_fold}):
 * {@link #sum} adds data into an un-folded partial sum kept in a {@code long}, so sums of a
 * pseudo-header, a header and a payload chain without folding in between; {@link #fold} turns
 * the final sum into the checksum to store. Because 2^16 = 1 (mod 0xffff), adding big-endian
 * 32-bit (or 64-bit halves) words gives the same folded result as adding 16-bit words, which is
 * how {@link #sum} reads 8 bytes per step.
 *
 * <p>A receiver checks a packet by summing it <em>including</em> its checksum field: the data
 * is intact when {@link #compute} over it returns 0 (RFC 1071 §1, "the result is all 1 bits").
 *
 * <p>Odd lengths: the last odd byte is padded with a zero byte on the right (RFC 1071 §4.1),
 * so only the final chunk of a chained sum may have an odd length.
 */
public final class InternetChecksum {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private InternetChecksum() {
    }

    /**
     * Adds {@code len} bytes at {@code off} to {@code initialSum} and returns the un-folded sum.
     * The value is not the sum of 16-bit words itself (8 bytes are added per step as two 32-bit
     * words) but is congruent to it modulo 0xffff, so {@link #reduce} and {@link #fold} give
     * the RFC's result. It stays exact (no overflow) while below 2^62, i.e. for any packet.
     */
    public static long sum(byte[] b, int off, int len, long initialSum) {
        long sum = initialSum;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long w = (long) LONG_BE.get(b, i);
            sum += (w >>> 32) + (w & 0xffff_ffffL);
            i += 8;
        }
        if (end - i >= 4) {
            sum += Bytes.getU32(b, i);
            i += 4;
        }
        if (end - i >= 2) {
            sum += Bytes.getU16(b, i);
            i += 2;
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries of {@code sum} back in: the 16-bit ones'-complement sum, 0..0xffff. */
    public static int reduce(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum to store for a partial sum: the complement of {@link #reduce(long)}. */
    public static int fold(long sum) {
        return ~reduce(sum) & 0xffff;
    }

    /** The checksum of {@code len} bytes at {@code off}; 0 when they include a valid checksum. */
    public static int compute(byte[] b, int off, int len) {
        return fold(sum(b, off, len, 0));
    }

    /**
     * Partial sum of the IPv4 pseudo-header (RFC 768, RFC 9293 §3.1): source, destination,
     * zero, protocol and the transport length.
     */
    public static long ipv4PseudoHeaderSum(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (long) length;
    }

    /**
     * Partial sum of the IPv6 pseudo-header (RFC 8200 §8.1): the 16-byte source at
     * {@code srcOff} and destination at {@code dstOff} in {@code b}, the 32-bit upper-layer
     * length and the next-header value.
     */
    public static long ipv6PseudoHeaderSum(byte[] b, int srcOff, int dstOff, int nextHeader, long length) {
        long sum = sum(b, srcOff, 16, 0);
        sum = sum(b, dstOff, 16, sum);
        return sum + ((length >>> 16) & 0xffff) + (length & 0xffff) + (nextHeader & 0xff);
    }

    /**
     * Incremental update when one 16-bit word of the covered data changes from {@code oldWord}
     * to {@code newWord} (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')). Used by routers that
     * decrement the TTL and by address rewriting; equals a full recomputation.
     */
    public static int update16(int oldChecksum, int oldWord, int newWord) {
        long sum = (~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return fold(sum);
    }

    /** {@link #update16} for a 32-bit field (an IPv4 address, a sequence number). */
    public static int update32(int oldChecksum, int oldValue, int newValue) {
        long sum = (~oldChecksum & 0xffff)
                + (~(oldValue >>> 16) & 0xffff) + (~oldValue & 0xffff)
                + (newValue >>> 16) + (newValue & 0xffff);
        return fold(sum);
    }
}
