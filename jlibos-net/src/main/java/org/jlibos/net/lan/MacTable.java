package org.jlibos.net.lan;

/**
 * A switch's forwarding database: MAC address to port, with ageing (Linux bridge default
 * {@code ageing_time} 300 s). Open addressing over primitive arrays, so learning and lookup
 * never allocate or box; entries are never iterated, so the table has no order to leak.
 */
public final class MacTable {

    /** Linux bridge's default ageing time. */
    public static final long DEFAULT_AGEING_NANOS = 300_000_000_000L;

    private static final long USED = 1L << 63;

    private final long ageingNanos;
    private long[] keys = new long[64];
    private int[] ports = new int[64];
    private long[] seen = new long[64];
    private int size;

    public MacTable(long ageingNanos) {
        if (ageingNanos <= 0) {
            throw new IllegalArgumentException("ageing time must be positive: " + ageingNanos + " ns");
        }
        this.ageingNanos = ageingNanos;
    }

    /** Records that {@code mac} was seen on {@code port} at {@code now}. */
    public void learn(long mac, int port, long now) {
        int i = slot(mac);
        if (keys[i] == 0) {
            if ((size + 1) * 2 > keys.length) {
                grow();
                i = slot(mac);
            }
            keys[i] = mac | USED;
            size++;
        }
        ports[i] = port;
        seen[i] = now;
    }

    /** The port {@code mac} was last seen on, or -1 when unknown or aged out. */
    public int lookup(long mac, long now) {
        int i = slot(mac);
        if (keys[i] == 0 || now - seen[i] > ageingNanos) {
            return -1;
        }
        return ports[i];
    }

    /** Addresses ever learned (aged entries included until relearned). */
    public int size() {
        return size;
    }

    private int slot(long mac) {
        int mask = keys.length - 1;
        long key = mac | USED;
        int i = (int) mix(mac) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] k = keys;
        int[] p = ports;
        long[] s = seen;
        keys = new long[k.length * 2];
        ports = new int[k.length * 2];
        seen = new long[k.length * 2];
        for (int j = 0; j < k.length; j++) {
            if (k[j] != 0) {
                int i = slot(k[j] & ~USED);
                keys[i] = k[j];
                ports[i] = p[j];
                seen[i] = s[j];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
