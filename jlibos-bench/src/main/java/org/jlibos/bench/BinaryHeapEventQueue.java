package org.jlibos.bench;

import java.util.Arrays;

/**
 * A binary-heap twin of {@link org.jlibos.sim.event.EventQueue} for comparison: the same API
 * shape ({@code add}, {@code poll}, {@code remove}, {@code peekTime}, {@code size}), the same
 * (time, insertion sequence) order with re-arming counted as a new insertion, the same layout
 * (keys in primitive arrays parallel to the element array, each element knowing its heap index),
 * only the arity differs (2 instead of 4).
 */
final class BinaryHeapEventQueue {

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
        long seq = nextSeq++;
        e.altTime = time;
        int i = e.binaryIndex;
        if (i >= 0) {
            long oldTime = times[i];
            times[i] = time;
            seqs[i] = seq;
            if (time < oldTime) {
                siftUp(i, e, time, seq);
            } else {
                siftDown(i, e, time, seq);
            }
            return;
        }
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

    boolean remove(BenchEvent e) {
        int i = e.binaryIndex;
        if (i < 0) {
            return false;
        }
        e.binaryIndex = -1;
        int last = --size;
        if (i == last) {
            events[last] = null;
            return true;
        }
        BenchEvent moved = events[last];
        long t = times[last];
        long s = seqs[last];
        events[last] = null;
        if (t < times[i] || (t == times[i] && s < seqs[i])) {
            siftUp(i, moved, t, s);
        } else {
            siftDown(i, moved, t, s);
        }
        return true;
    }

    private void siftUp(int i, BenchEvent e, long t, long s) {
        BenchEvent[] ev = events;
        long[] ts = times;
        long[] ss = seqs;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = ts[parent];
            if (t > pt || (t == pt && s > ss[parent])) {
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
            int left = (i << 1) + 1;
            if (left >= n) {
                break;
            }
            int best = left;
            long bt = ts[left];
            long bs = ss[left];
            int right = left + 1;
            if (right < n) {
                long rt = ts[right];
                if (rt < bt || (rt == bt && ss[right] < bs)) {
                    best = right;
                    bt = rt;
                    bs = ss[right];
                }
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            BenchEvent be = ev[best];
            ev[i] = be;
            ts[i] = bt;
            ss[i] = bs;
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
