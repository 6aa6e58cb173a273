package org.jlibos.kernel.tcp;

import java.util.random.RandomGenerator;

/**
 * SYN cookies (Linux {@code syncookies.c}): when the SYN queue is full the listener answers
 * with a SYN-ACK whose ISN encodes everything needed to rebuild the connection from the final
 * ACK alone:
 *
 * <pre>
 * cookie = H(saddr, daddr, sport, dport, 0) + client ISN + (minute &lt;&lt; 24)
 *        + ((H(saddr, daddr, sport, dport, minute) + MSS index) mod 2^24)
 * </pre>
 *
 * <p>valid for two minutes; the MSS index picks one of 536, 1300, 1440, 1460. When the SYN
 * carried timestamps, the low 6 bits of our TSval carry the window scale, SACK-permitted and
 * ECN, and come back in the ACK's TSecr ({@code cookie_init_timestamp}). The keyed hash uses a
 * per-host secret from the run's seed; it plays SipHash's role without its cost.
 *
 * <p>The same secret gives each connection's timestamp offset from its addresses
 * ({@code secure_tcp_ts_off}), so a cookie's TSecr can be decoded later.
 */
final class SynCookies {

    static final int[] MSS_TABLE = {536, 1300, 1440, 1460};
    static final int COOKIE_BITS = 24;
    static final int COOKIE_MASK = (1 << COOKIE_BITS) - 1;
    static final int MAX_AGE = 2;
    static final int TS_BITS = 6;
    static final int TS_MASK = (1 << TS_BITS) - 1;
    static final int TS_OPT_WSCALE_MASK = 0xf;
    static final int TS_OPT_SACK = 1 << 4;
    static final int TS_OPT_ECN = 1 << 5;
    private static final long MINUTE = 60 * TcpConstants.S;

    private final long secret0;
    private final long secret1;
    private final long tsSecret;

    SynCookies(RandomGenerator random) {
        this.secret0 = random.nextLong();
        this.secret1 = random.nextLong();
        this.tsSecret = random.nextLong();
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static int hash(long key, int saddr, int daddr, int sport, int dport, int count) {
        long h = key;
        h = mix(h ^ ((long) saddr << 32 | (daddr & 0xffffffffL)));
        h = mix(h ^ ((long) sport << 48 | (long) (dport & 0xffff) << 32 | (count & 0xffffffffL)));
        return (int) h;
    }

    static int minute(long nowNanos) {
        return (int) (nowNanos / MINUTE);
    }

    /** The cookie ISN for a SYN from {@code saddr:sport} (client ISN {@code sseq}) to {@code daddr:dport}. */
    int make(int saddr, int daddr, int sport, int dport, int sseq, int mssIndex, long nowNanos) {
        int count = minute(nowNanos);
        return hash(secret0, saddr, daddr, sport, dport, 0) + sseq + (count << COOKIE_BITS)
                + ((hash(secret1, saddr, daddr, sport, dport, count) + mssIndex) & COOKIE_MASK);
    }

    /** The MSS index a returned cookie encodes, or -1 when it is not ours or too old. */
    int check(int saddr, int daddr, int sport, int dport, int sseq, int cookie, long nowNanos) {
        int count = minute(nowNanos);
        cookie -= hash(secret0, saddr, daddr, sport, dport, 0) + sseq;
        int diff = (count - (cookie >>> COOKIE_BITS)) & (0xffffffff >>> COOKIE_BITS);
        if (diff >= MAX_AGE) {
            return -1;
        }
        int index = (cookie - hash(secret1, saddr, daddr, sport, dport, count - diff)) & COOKIE_MASK;
        return index < MSS_TABLE.length ? index : -1;
    }

    /** The MSS table index for a peer MSS: the largest entry not above it. */
    static int mssIndex(int mss) {
        int i = MSS_TABLE.length - 1;
        while (i > 0 && mss < MSS_TABLE[i]) {
            i--;
        }
        return i;
    }

    /** The per-connection timestamp offset for the address pair (local, remote). */
    int tsOffset(int local, int remote) {
        return (int) mix(tsSecret ^ ((long) local << 32 | (remote & 0xffffffffL)));
    }

    /** {@code cookie_init_timestamp}: a TSval (before the offset) whose low bits carry the options. */
    static int timestamp(int tsNowTicks, int wscale, boolean wscaleOk, boolean sackOk, boolean ecnOk) {
        int options = wscaleOk ? wscale : TS_OPT_WSCALE_MASK;
        if (sackOk) {
            options |= TS_OPT_SACK;
        }
        if (ecnOk) {
            options |= TS_OPT_ECN;
        }
        int ts = (tsNowTicks >>> TS_BITS) << TS_BITS;
        ts |= options;
        if (Integer.compareUnsigned(ts, tsNowTicks) > 0) {
            ts -= 1 << TS_BITS;
        }
        return ts;
    }
}
