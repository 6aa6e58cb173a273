package org.jlibos.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated-thread switches (one op = one park → resume of a simulated thread).
 *
 * <p>Both variants run one process on one node whose main thread starts a second thread, so
 * the threads are ordinary simulated threads of a {@link SimProcess} (with
 * {@link SimProcess#current()} set), driven by {@link Simulation#runUntil(long)} on the
 * benchmark thread (watchdog off).
 *
 * <ul>
 *   <li>{@code parkUnpark}: the threads ping-pong with {@link LockSupport#park()} /
 *       {@link LockSupport#unpark(Thread)}: each hand-over makes the other thread's
 *       continuation a ready event at the current instant, then the handing thread parks.
 *       One event per switch; all switches of a batch happen at one virtual instant.</li>
 *   <li>{@code timedSleep}: both threads loop on {@code ctx.sleep(1000)} (a timed park in
 *       virtual time: a timer event, then the continuation event). Two events per switch.</li>
 * </ul>
 *
 * Each invocation performs {@value #BATCH} switches.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ThreadSwitchBenchmark {

    /** Switches per benchmark invocation. */
    public static final int BATCH = 100_000;

    /** Virtual sleep of the {@code timedSleep} threads. */
    public static final long SLEEP_NANOS = 1_000;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long parkUnpark(PingPong s) {
        long before = s.switches;
        s.remaining = BATCH;
        // Each batch starts 1 ns later: the hand-overs all happen at one virtual instant, and the
        // simulator stops a run with more than SimulationConfig.maxEventsPerInstant() events at
        // one instant (default 10 M) as making no progress.
        s.simulator.schedule(s.kick, s.simulator.now() + 1);
        s.simulation.runUntil(Long.MAX_VALUE);
        if (s.switches - before != BATCH) {
            throw new IllegalStateException((s.switches - before) + " switches, expected " + BATCH);
        }
        return s.switches;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long timedSleep(Sleepers s) {
        long before = s.wakeups;
        // Two threads, each waking every SLEEP_NANOS: BATCH wake-ups in BATCH / 2 sleeps' time.
        s.simulation.runUntil(s.simulation.now() + (BATCH / 2) * SLEEP_NANOS);
        if (s.wakeups - before != BATCH) {
            throw new IllegalStateException((s.wakeups - before) + " wake-ups, expected " + BATCH);
        }
        return s.wakeups;
    }

    /** Two simulated threads handing a turn back and forth with park/unpark. */
    @State(Scope.Thread)
    public static class PingPong {
        Simulation simulation;
        Simulator simulator;
        SimProcess process;
        final Thread[] threads = new Thread[2];
        /** Whose turn it is: 0 (main) or 1 (the second thread). */
        int turn;
        /** Hand-overs left in this batch; the thread holding the turn parks when it is 0. */
        long remaining;
        long switches;
        boolean stopping;
        /** Wakes whoever holds the turn (a kernel-style event on the carrier). */
        final Event kick = new Event() {
            @Override
            protected void fire() {
                if (stopping) {
                    LockSupport.unpark(threads[0]);
                    LockSupport.unpark(threads[1]);
                } else {
                    LockSupport.unpark(threads[turn]);
                }
            }

            @Override
            public String describe() {
                return "kick";
            }
        };

        @Setup
        public void setup() {
            simulation = new Simulation(SimulationConfig.withSeed(1).withWatchdog(0));
            simulator = simulation.simulator();
            Node node = simulation.addNode("n1");
            node.install("pingpong", ctx -> {
                ctx.startThread("pong", () -> play(1));
                play(0);
                return 0;
            });
            process = node.spawn("pingpong", 0, List.of("pingpong"), Map.of());
            simulation.runUntil(Long.MAX_VALUE); // both threads start and park: the run goes idle
            if (threads[0] == null || threads[1] == null) {
                throw new IllegalStateException("ping-pong threads did not start");
            }
        }

        private void play(int side) {
            threads[side] = Thread.currentThread();
            int other = 1 - side;
            while (true) {
                while (turn != side || remaining == 0) {
                    if (stopping) {
                        return;
                    }
                    LockSupport.park();
                }
                remaining--;
                switches++;
                turn = other;
                LockSupport.unpark(threads[other]);
            }
        }

        @TearDown
        public void tearDown() {
            stopping = true;
            simulator.schedule(kick, simulator.now());
            simulation.runUntil(Long.MAX_VALUE);
            if (process.isAlive() || process.exitStatus() != 0) {
                throw new IllegalStateException("ping-pong process did not end cleanly: " + process.state()
                        + " status " + process.exitStatus() + "\n" + process.stderr());
            }
        }
    }

    /** Two simulated threads sleeping {@value #SLEEP_NANOS} ns of virtual time in a loop. */
    @State(Scope.Thread)
    public static class Sleepers {
        Simulation simulation;
        SimProcess process;
        long wakeups;
        boolean stopping;

        @Setup
        public void setup() {
            simulation = new Simulation(SimulationConfig.withSeed(1).withWatchdog(0));
            Node node = simulation.addNode("n1");
            node.install("sleeper", ctx -> {
                ctx.startThread("sleeper-2", () -> {
                    try {
                        sleepLoop(ctx);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sleepLoop(ctx);
                return 0;
            });
            process = node.spawn("sleeper", 0, List.of("sleeper"), Map.of());
            simulation.runUntil(0); // both threads start at t=0 and sleep until t=1000
        }

        private void sleepLoop(org.jlibos.sim.process.ProcessContext ctx) throws InterruptedException {
            while (!stopping) {
                ctx.sleep(SLEEP_NANOS);
                wakeups++;
            }
        }

        @TearDown
        public void tearDown() {
            stopping = true;
            simulation.runUntilIdle();
            if (process.isAlive() || process.exitStatus() != 0) {
                throw new IllegalStateException("sleeper process did not end cleanly: " + process.state()
                        + " status " + process.exitStatus() + "\n" + process.stderr());
            }
        }
    }
}
