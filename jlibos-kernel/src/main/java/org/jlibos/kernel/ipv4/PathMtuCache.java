package org.jlibos.kernel.ipv4;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Path MTUs learned from ICMP "fragmentation needed" (RFC 1191), per destination, expiring
 * after 10 minutes as Linux's route exceptions do ({@code ip_rt_mtu_expires}), with Linux's
 * 552-byte floor ({@code min_pmtu}).
 */
public final class PathMtuCache {

    public static final long EXPIRES_NANOS = 600_000_000_000L;
    public static final int MIN_PMTU = 552;
    /** Destinations remembered at most; a flood of forged "fragmentation needed" cannot grow it further. */
    public static final int MAX_ENTRIES = 4096;

    private static final class Entry {
        int mtu;
        long expires;
    }

    private final Int2ObjectHashMap<Entry> entries = new Int2ObjectHashMap<>();

    /** The learned MTU towards {@code dst}, or 0 when none is known (or it expired). */
    public int get(int dst, long now) {
        Entry e = entries.get(dst);
        if (e == null) {
            return 0;
        }
        if (now >= e.expires) {
            entries.remove(dst);
            return 0;
        }
        return e.mtu;
    }

    /** Records a smaller MTU for {@code dst}; larger values than the current one are ignored. */
    public void update(int dst, int mtu, int currentMtu, long now) {
        if (mtu < MIN_PMTU) {
            mtu = Math.min(currentMtu, MIN_PMTU);
        }
        if (mtu >= currentMtu) {
            return;
        }
        Entry e = entries.get(dst);
        if (e == null) {
            if (entries.size() >= MAX_ENTRIES) {
                evictExpiredOrAll(now);
            }
            e = new Entry();
            entries.put(dst, e);
        }
        e.mtu = mtu;
        e.expires = now + EXPIRES_NANOS;
    }

    private void evictExpiredOrAll(long now) {
        entries.values().removeIf(x -> x.expires <= now);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
    }

    public int size() {
        return entries.size();
    }
}
