package org.jlibos.bench;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jlibos.sim.event.EventQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Timer re-arming, the other half of the queue choice (one op = one hold step plus one re-arm).
 * Kernel timers (TCP retransmission, delayed ACK, neighbour reachability) are long-lived events
 * moved to a new time far more often than they fire. Each op does the hold step of
 * {@link EventQueueBenchmark}, then moves one pseudo-randomly chosen pending event to
 * now + a table delay: {@link EventQueue} and {@link BinaryHeapEventQueue} re-arm in place in
 * O(log n) through the element's heap index; {@link PriorityQueue} has no such index, so it
 * needs {@code remove(Object)} (a linear scan) and {@code add}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class EventQueueRearmBenchmark {

    /** Ops per invocation: small, because the PriorityQueue variant is O(pending) per op. */
    public static final int BATCH = 10_000;

    /** Offset into the delay table for the re-arm delay, so it differs from the hold delay. */
    private static final int REARM_OFFSET = 7919;

    @Param({"1000", "100000"})
    public int pending;

    private long[] delays;
    private int[] picks;
    private int index;
    private BenchEvent[] all;

    private EventQueue quaternary;
    private BinaryHeapEventQueue binary;
    private PriorityQueue<BenchEvent> priorityQueue;
    private long pqSeq;

    @Setup
    public void setup(BenchmarkParams params) {
        delays = Delays.exponential(EventQueueBenchmark.SEED);
        SplittableRandom r = new SplittableRandom(EventQueueBenchmark.SEED + 1);
        picks = new int[Delays.SIZE];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = r.nextInt(pending);
        }
        all = new BenchEvent[pending];
        String method = params.getBenchmark();
        method = method.substring(method.lastIndexOf('.') + 1);
        switch (method) {
            case "rearmQuaternaryHeap" -> quaternary = new EventQueue();
            case "rearmBinaryHeap" -> binary = new BinaryHeapEventQueue();
            case "rearmPriorityQueue" -> priorityQueue = new PriorityQueue<>(pending, BenchEvent.PQ_ORDER);
            default -> throw new IllegalStateException("no setup for " + method);
        }
        for (int i = 0; i < pending; i++) {
            BenchEvent e = new BenchEvent();
            all[i] = e;
            long t = delays[i & Delays.MASK];
            if (quaternary != null) {
                quaternary.add(e, t);
            } else if (binary != null) {
                binary.add(e, t);
            } else {
                e.pqTime = t;
                e.pqSeq = pqSeq++;
                priorityQueue.add(e);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rearmQuaternaryHeap() {
        EventQueue q = quaternary;
        long[] d = delays;
        int idx = index;
        for (int i = 0; i < BATCH; i++, idx++) {
            long now = q.peekTime();
            q.add(q.poll(), now + d[idx & Delays.MASK]);
            q.add(all[picks[idx & Delays.MASK]], now + d[(idx + REARM_OFFSET) & Delays.MASK]);
        }
        index = idx;
        return q.peekTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rearmBinaryHeap() {
        BinaryHeapEventQueue q = binary;
        long[] d = delays;
        int idx = index;
        for (int i = 0; i < BATCH; i++, idx++) {
            long now = q.peekTime();
            q.add(q.poll(), now + d[idx & Delays.MASK]);
            q.add(all[picks[idx & Delays.MASK]], now + d[(idx + REARM_OFFSET) & Delays.MASK]);
        }
        index = idx;
        return q.peekTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rearmPriorityQueue() {
        PriorityQueue<BenchEvent> q = priorityQueue;
        long[] d = delays;
        int idx = index;
        long seq = pqSeq;
        for (int i = 0; i < BATCH; i++, idx++) {
            BenchEvent e = q.poll();
            long now = e.pqTime;
            e.pqTime = now + d[idx & Delays.MASK];
            e.pqSeq = seq++;
            q.add(e);
            BenchEvent t = all[picks[idx & Delays.MASK]];
            q.remove(t);
            t.pqTime = now + d[(idx + REARM_OFFSET) & Delays.MASK];
            t.pqSeq = seq++;
            q.add(t);
        }
        index = idx;
        pqSeq = seq;
        return q.peek().pqTime;
    }
}
