package org.jlibos.sim.event;

import java.util.Arrays;

/**
 * The pending-event set: a 4-ary min-heap ordered by (time, insertion sequence), so events at
 * equal times run in the order they were scheduled.
 *
 * <p>Keys live in primitive arrays parallel to the event array, so sifting compares longs
 * without touching the event objects; a 4-ary heap halves the depth of a binary heap and keeps
 * the four children of a node in one or two cache lines. {@code jlibos-bench}'s
 * {@code EventQueueBenchmark} compares it with a binary heap and {@link java.util.PriorityQueue}
 * (README, "Performance").
 */
public final class EventQueue {

    private static final int ARITY = 4;

    private Event[] events = new Event[64];
    private long[] times = new long[64];
    private int size;
    private long nextSeq;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** Sequence number of the earliest event (the trace hash includes it). */
    public long peekSeq() {
        return events[0].seq;
    }

    public Event peek() {
        return size == 0 ? null : events[0];
    }

    /** Queues {@code e} at {@code time}, or moves it there if already queued (re-arming). */
    public void add(Event e, long time) {
        add(e, time, nextSeq++);
    }

    /** Like {@link #add(Event, long)} with a sequence number chosen by the caller (the simulator). */
    public void add(Event e, long time, long seq) {
        e.time = time;
        e.seq = seq;
        int i = e.heapIndex;
        if (i >= 0) {
            // Re-arming counts as a new insertion: it runs after events already queued at that time.
            long oldTime = times[i];
            times[i] = time;
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

    /** Removes and returns the earliest event, or null when empty. */
    public Event poll() {
        if (size == 0) {
            return null;
        }
        Event first = events[0];
        first.heapIndex = -1;
        int last = --size;
        if (last > 0) {
            Event moved = events[last];
            long t = times[last];
            events[last] = null;
            siftDown(0, moved, t, moved.seq);
        } else {
            events[0] = null;
        }
        return first;
    }

    /** Removes {@code e} if queued; returns whether it was. */
    public boolean remove(Event e) {
        int i = e.heapIndex;
        if (i < 0) {
            return false;
        }
        e.heapIndex = -1;
        int last = --size;
        if (i == last) {
            events[last] = null;
            return true;
        }
        Event moved = events[last];
        long t = times[last];
        events[last] = null;
        if (before(t, moved.seq, times[i], events[i].seq)) {
            siftUp(i, moved, t, moved.seq);
        } else {
            siftDown(i, moved, t, moved.seq);
        }
        return true;
    }

    /** Drops every queued event. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].heapIndex = -1;
            events[i] = null;
        }
        size = 0;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    /*
     * Sequence numbers live in the events, not in a parallel array: they are only read when two
     * times are equal, which is rare in the heap (events for the current instant go to the
     * simulator's FIFO), so sifting moves two arrays instead of three.
     */
    private void siftUp(int i, Event e, long t, long s) {
        Event[] ev = events;
        long[] ts = times;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = ts[parent];
            if (t > pt) {
                break;
            }
            Event pe = ev[parent];
            if (t == pt && s > pe.seq) {
                break;
            }
            ev[i] = pe;
            ts[i] = pt;
            pe.heapIndex = i;
            i = parent;
        }
        ev[i] = e;
        ts[i] = t;
        e.heapIndex = i;
    }

    private void siftDown(int i, Event e, long t, long s) {
        Event[] ev = events;
        long[] ts = times;
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = ts[first];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = ts[c];
                if (ct < bt || (ct == bt && ev[c].seq < ev[best].seq)) {
                    best = c;
                    bt = ct;
                }
            }
            if (t < bt || (t == bt && s < ev[best].seq)) {
                break;
            }
            Event be = ev[best];
            ev[i] = be;
            ts[i] = bt;
            be.heapIndex = i;
            i = best;
        }
        ev[i] = e;
        ts[i] = t;
        e.heapIndex = i;
    }

    private void grow() {
        int n = events.length * 2;
        events = Arrays.copyOf(events, n);
        times = Arrays.copyOf(times, n);
    }
}
