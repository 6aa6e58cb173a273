package org.jlibos.bench;

import java.util.Arrays;

/**
 * Analysis only, <em>not</em> a correct event queue: a copy of
 * {@link org.jlibos.sim.event.EventQueue}'s 4-ary heap (same layout: keys in primitive arrays
 * parallel to the element array, heap index kept in each element, sequence numbers still stored
 * and moved) whose sift loops compare times only, so equal-time events come out in arbitrary
 * order. Its gap to {@code EventQueue} is what the two-key (time, seq) comparison costs; it is
 * the lower bound for any design that keeps sequence numbers out of the sift loops. Only
 * {@code add} (of an unqueued element), {@code poll} and {@code peekTime} are provided.
 */
final class TimeOnlyQuaternaryHeap {

    private BenchEvent[] events = new BenchEvent[64];
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    void add(BenchEvent e, long time) {
        if (e.binaryIndex >= 0) {
            throw new UnsupportedOperationException("re-arming is not part of this analysis");
        }
        long seq = nextSeq++;
        e.altTime = time;
        if (size == events.length) {
            grow();
        }
        siftUp(size++, e, time, seq);
    }

    BenchEvent poll() {
        if (size == 0) {
            return null;
        }
        BenchEvent first = events[0];
        first.binaryIndex = -1;
        int last = --size;
        if (last > 0) {
            BenchEvent moved = events[last];
            long t = times[last];
            long s = seqs[last];
            events[last] = null;
            siftDown(0, moved, t, s);
        } else {
            events[0] = null;
        }
        return first;
    }

    private void siftUp(int i, BenchEvent e, long t, long s) {
        BenchEvent[] ev = events;
        long[] ts = times;
        long[] ss = seqs;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = ts[parent];
            if (t >= pt) {
                break;
            }
            BenchEvent pe = ev[parent];
            ev[i] = pe;
            ts[i] = pt;
            ss[i] = ss[parent];
            pe.binaryIndex = i;
            i = parent;
        }
        ev[i] = e;
        ts[i] = t;
        ss[i] = s;
        e.binaryIndex = i;
    }

    private void siftDown(int i, BenchEvent e, long t, long s) {
        BenchEvent[] ev = events;
        long[] ts = times;
        long[] ss = seqs;
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = ts[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = ts[c];
                if (ct < bt) {
                    best = c;
                    bt = ct;
                }
            }
            if (t <= bt) {
                break;
            }
            BenchEvent be = ev[best];
            ev[i] = be;
            ts[i] = bt;
            ss[i] = ss[best];
            be.binaryIndex = i;
            i = best;
        }
        ev[i] = e;
        ts[i] = t;
        ss[i] = s;
        e.binaryIndex = i;
    }

    private void grow() {
        int n = events.length * 2;
        events = Arrays.copyOf(events, n);
        times = Arrays.copyOf(times, n);
        seqs = Arrays.copyOf(seqs, n);
    }
}
