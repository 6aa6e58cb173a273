package org.jlibos.kernel.icmp;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Linux's ICMP output rate limits ({@code icmpv4_xrlim_allow}, {@code icmp_global_allow}):
 * <ul>
 * <li>per destination host, for the types in icmp_ratemask (unreachable, source quench, time
 *     exceeded, parameter problem): a token bucket refilled one token per icmp_ratelimit ms,
 *     holding at most 6 ({@code XRLIM_BURST_FACTOR}); a new host starts full;</li>
 * <li>for the whole host: icmp_msgs_per_sec with a burst of icmp_msgs_burst.</li>
 * </ul>
 * Errors going out of the loopback device are never limited.
 */
final class IcmpRateLimiter {

    static final int BURST_FACTOR = 6;
    /**
     * Hosts remembered at most. Linux's inet_peer cache is garbage-collected too; forgetting a
     * host only gives it a fresh burst, while remembering every source of a flood would not be
     * bounded.
     */
    static final int MAX_PEERS = 4096;

    private static final class Peer {
        long tokensNanos;
        long lastNanos;
    }

    private final Int2ObjectHashMap<Peer> peers = new Int2ObjectHashMap<>();
    private long globalCredit = -1;
    private long globalStamp;

    /** Per-host check; {@code intervalNanos} is icmp_ratelimit. */
    boolean allowHost(int dst, long now, long intervalNanos) {
        if (intervalNanos <= 0) {
            return true;
        }
        Peer p = peers.get(dst);
        if (p == null) {
            if (peers.size() >= MAX_PEERS) {
                peers.clear();
            }
            p = new Peer();
            p.lastNanos = now - 60_000_000_000L;
            peers.put(dst, p);
        }
        long tokens = p.tokensNanos + (now - p.lastNanos);
        p.lastNanos = now;
        if (tokens > BURST_FACTOR * intervalNanos) {
            tokens = BURST_FACTOR * intervalNanos;
        }
        boolean allowed = tokens >= intervalNanos;
        if (allowed) {
            tokens -= intervalNanos;
        }
        p.tokensNanos = tokens;
        return allowed;
    }

    int peerCount() {
        return peers.size();
    }

    /** Host-wide check: msgsPerSec messages per second, burst msgsBurst. */
    boolean allowGlobal(long now, long msgsPerSec, long msgsBurst) {
        if (msgsPerSec <= 0) {
            return true;
        }
        if (globalCredit < 0) {
            globalCredit = msgsBurst;
            globalStamp = now;
        }
        long elapsed = now - globalStamp;
        long refill = elapsed * msgsPerSec / 1_000_000_000L;
        if (refill > 0) {
            globalCredit = Math.min(msgsBurst, globalCredit + refill);
            globalStamp = now;
        }
        if (globalCredit > 0) {
            globalCredit--;
            return true;
        }
        return false;
    }
}
