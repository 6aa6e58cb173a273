package org.jlibos.bench;

import java.util.Comparator;

import org.jlibos.sim.event.Event;

/**
 * The element of the queue-comparison benchmarks: one class for all three queues, so they move
 * the same objects. {@link org.jlibos.sim.event.EventQueue} keeps its own bookkeeping inside
 * {@link Event}; {@link BinaryHeapEventQueue} and the {@link java.util.PriorityQueue} variant
 * cannot reach those package-private fields and use the ones here instead.
 */
class BenchEvent extends Event {

    /** (time, sequence) order, as a comparator for {@link java.util.PriorityQueue}. */
    static final Comparator<BenchEvent> PQ_ORDER = (a, b) -> {
        int c = Long.compare(a.pqTime, b.pqTime);
        return c != 0 ? c : Long.compare(a.pqSeq, b.pqSeq);
    };

    /** Position in a {@link BinaryHeapEventQueue}; -1 when not queued there. */
    int binaryIndex = -1;
    /** Time in a binary heap or priority queue. */
    long altTime;
    /** Keys for the {@link java.util.PriorityQueue} variant. */
    long pqTime;
    long pqSeq;

    @Override
    protected void fire() {
        // queue benchmarks never dispatch
    }

    @Override
    public String describe() {
        return "bench event";
    }
}
