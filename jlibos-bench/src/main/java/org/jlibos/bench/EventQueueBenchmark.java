package org.jlibos.bench;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.EventQueue;
import org.jlibos.sim.event.Simulator;
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
 * Event scheduling and dispatch throughput (one op = one event).
 *
 * <p>Workload for every method: the hold model. {@code pending} events are queued; each step
 * removes the earliest one and queues it again at its time plus a pseudo-random delay taken
 * from a precomputed table ({@link Delays}: exponential, mean 1 µs), so the queue size stays
 * at {@code pending}, nothing is allocated and no random number is drawn per event.
 *
 * <ul>
 *   <li>{@code simulatorDispatch}: the real path: {@link Simulation#runUntil(long)} dispatches
 *       events whose {@code fire()} re-arms themselves with {@link Simulator#scheduleAfter}
 *       (clock, trace hash, no-progress check and all);</li>
 *   <li>{@code holdQuaternaryHeap}: the same hold loop on a bare {@link EventQueue} (4-ary heap,
 *       what the simulator uses);</li>
 *   <li>{@code holdBinaryHeap}: on {@link BinaryHeapEventQueue}, the same design with arity 2;</li>
 *   <li>{@code holdPriorityQueue}: on {@link PriorityQueue} with a (time, seq) comparator.</li>
 * </ul>
 *
 * Each invocation processes {@value #BATCH} events; state carries over between invocations
 * (the queues are in steady state after setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class EventQueueBenchmark {

    /** Events per benchmark invocation. */
    public static final int BATCH = 1_000_000;

    static final long SEED = 0x5EED_0001L;

    @Param({"1", "1000", "100000"})
    public int pending;

    private long[] delays;
    private int delayIndex;

    private Simulation simulation;
    private HoldDriver driver;

    private EventQueue quaternary;
    private BinaryHeapEventQueue binary;
    private PriorityQueue<BenchEvent> priorityQueue;
    private long pqSeq;

    @Setup
    public void setup(BenchmarkParams params) {
        delays = Delays.exponential(SEED);
        delayIndex = 0;
        String method = params.getBenchmark();
        method = method.substring(method.lastIndexOf('.') + 1);
        switch (method) {
            case "simulatorDispatch" -> setupSimulator();
            case "holdQuaternaryHeap" -> {
                quaternary = new EventQueue();
                for (int i = 0; i < pending; i++) {
                    quaternary.add(new BenchEvent(), nextDelay());
                }
            }
            case "holdBinaryHeap" -> {
                binary = new BinaryHeapEventQueue();
                for (int i = 0; i < pending; i++) {
                    binary.add(new BenchEvent(), nextDelay());
                }
            }
            case "holdPriorityQueue" -> {
                priorityQueue = new PriorityQueue<>(Math.max(1, pending), BenchEvent.PQ_ORDER);
                for (int i = 0; i < pending; i++) {
                    BenchEvent e = new BenchEvent();
                    e.pqTime = nextDelay();
                    e.pqSeq = pqSeq++;
                    priorityQueue.add(e);
                }
            }
            default -> throw new IllegalStateException("no setup for " + method);
        }
    }

    private long nextDelay() {
        return delays[delayIndex++ & Delays.MASK];
    }

    private void setupSimulator() {
        simulation = new Simulation(SimulationConfig.withSeed(SEED).withWatchdog(0));
        Simulator sim = simulation.simulator();
        driver = new HoldDriver(sim, delays);
        for (int i = 0; i < pending; i++) {
            sim.schedule(new SelfReschedulingEvent(driver), nextDelay());
        }
        // Warm the queue into steady state so the first invocation is not special.
        driver.target = pending;
        simulation.runUntil(Long.MAX_VALUE);
        if (sim.pendingEvents() != pending) {
            throw new IllegalStateException("pending " + sim.pendingEvents() + " != " + pending);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long simulatorDispatch() {
        HoldDriver d = driver;
        long before = d.dispatched;
        d.target = before + BATCH;
        simulation.runUntil(Long.MAX_VALUE);
        if (d.dispatched != before + BATCH) {
            throw new IllegalStateException("dispatched " + (d.dispatched - before) + " events, expected " + BATCH);
        }
        return simulation.now();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long holdQuaternaryHeap() {
        EventQueue q = quaternary;
        long[] d = delays;
        int idx = delayIndex;
        for (int i = 0; i < BATCH; i++) {
            long now = q.peekTime();
            Event e = q.poll();
            q.add(e, now + d[idx++ & Delays.MASK]);
        }
        delayIndex = idx;
        return q.peekTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long holdBinaryHeap() {
        BinaryHeapEventQueue q = binary;
        long[] d = delays;
        int idx = delayIndex;
        for (int i = 0; i < BATCH; i++) {
            long now = q.peekTime();
            BenchEvent e = q.poll();
            q.add(e, now + d[idx++ & Delays.MASK]);
        }
        delayIndex = idx;
        return q.peekTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long holdPriorityQueue() {
        PriorityQueue<BenchEvent> q = priorityQueue;
        long[] d = delays;
        int idx = delayIndex;
        long seq = pqSeq;
        for (int i = 0; i < BATCH; i++) {
            BenchEvent e = q.poll();
            e.pqTime += d[idx++ & Delays.MASK];
            e.pqSeq = seq++;
            q.add(e);
        }
        delayIndex = idx;
        pqSeq = seq;
        return q.peek().pqTime;
    }

    /** Shared state of the self-rescheduling events: delay table, counter, stop target. */
    static final class HoldDriver {
        final Simulator sim;
        final long[] delays;
        long dispatched;
        long target;

        HoldDriver(Simulator sim, long[] delays) {
            this.sim = sim;
            this.delays = delays;
        }
    }

    /** A null event: when fired it re-arms itself a table delay later, and stops the run at the target. */
    static final class SelfReschedulingEvent extends Event {
        private final HoldDriver driver;

        SelfReschedulingEvent(HoldDriver driver) {
            this.driver = driver;
        }

        @Override
        protected void fire() {
            HoldDriver d = driver;
            long n = ++d.dispatched;
            d.sim.scheduleAfter(this, d.delays[(int) n & Delays.MASK]);
            if (n == d.target) {
                d.sim.stop();
            }
        }

        @Override
        public String describe() {
            return "hold";
        }
    }
}
