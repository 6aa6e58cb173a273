package org.jlibos.kernel.stats;

/** A kernel's MIB counters: one long per {@link SnmpCounter}, incremented without allocation. */
public final class Snmp {

    private static final SnmpCounter[] ALL = SnmpCounter.values();
    private final long[] values = new long[ALL.length];

    public void inc(SnmpCounter c) {
        values[c.ordinal()]++;
    }

    public void add(SnmpCounter c, long n) {
        values[c.ordinal()] += n;
    }

    public long get(SnmpCounter c) {
        return values[c.ordinal()];
    }

    /** Counter value by nstat name, or -1 when unknown. */
    public long get(String nstatName) {
        for (SnmpCounter c : ALL) {
            if (c.nstatName.equals(nstatName)) {
                return values[c.ordinal()];
            }
        }
        return -1;
    }
}
