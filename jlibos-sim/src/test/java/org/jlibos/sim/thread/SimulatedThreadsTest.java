package org.jlibos.sim.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.ProgramRegistry;
import org.junit.jupiter.api.Test;

class SimulatedThreadsTest {

    static Simulation newSimulation(long seed) {
        return new Simulation(SimulationConfig.withSeed(seed), new ProgramRegistry());
    }

    static void start(Node node, long at, Program program) {
        node.install("prog", program);
        node.spawn(null, at, List.of("prog"), Map.of());
    }

    @Test
    void sleepAdvancesOnlyVirtualTime() {
        Simulation sim = newSimulation(1);
        Node h1 = sim.addNode("h1");
        List<String> log = new ArrayList<>();
        start(h1, 1_000, ctx -> {
            log.add("start@" + ctx.now());
            ctx.sleep(3_600_000_000_000L); // a virtual hour
            log.add("woke@" + ctx.now());
            LockSupport.parkNanos(250);
            log.add("parked@" + ctx.now());
            Object monitor = new Object();
            synchronized (monitor) {
                monitor.wait(2); // Object.wait(ms) is virtual on JDK 24+
            }
            log.add("waited@" + ctx.now());
            return 0;
        });
        long wall = System.nanoTime();
        sim.runUntilIdle();
        assertTrue(System.nanoTime() - wall < 10_000_000_000L, "a virtual hour took real hours");
        assertEquals(List.of("start@1000", "woke@3600000001000", "parked@3600000001250", "waited@3600002001250"), log);
    }

    @Test
    void parkUnparkAndJoin() {
        Simulation sim = newSimulation(1);
        Node h1 = sim.addNode("h1");
        List<String> log = new ArrayList<>();
        start(h1, 0, ctx -> {
            Thread waiter = ctx.startThread("waiter", () -> {
                log.add("waiter parks@" + ctx.now());
                LockSupport.park();
                log.add("waiter resumed@" + ctx.now());
            });
            ctx.sleep(500);
            log.add("main unparks@" + ctx.now());
            LockSupport.unpark(waiter);
            waiter.join();
            log.add("joined@" + ctx.now() + " alive=" + waiter.isAlive());
            return 0;
        });
        sim.runUntilIdle();
        assertEquals(List.of("waiter parks@0", "main unparks@500", "waiter resumed@500", "joined@500 alive=false"), log);
    }

    @Test
    void interruptWakesASleeperWithInterruptedException() {
        Simulation sim = newSimulation(1);
        Node h1 = sim.addNode("h1");
        List<String> log = new ArrayList<>();
        start(h1, 0, ctx -> {
            Thread sleeper = ctx.startThread("sleeper", () -> {
                try {
                    ctx.sleep(10_000);
                    log.add("slept");
                } catch (InterruptedException e) {
                    log.add("interrupted@" + ctx.now());
                }
            });
            ctx.sleep(3_000);
            sleeper.interrupt();
            sleeper.join();
            return 0;
        });
        sim.runUntilIdle();
        assertEquals(List.of("interrupted@3000"), log);
    }

    @Test
    void waitQueueWakesInFifoOrderAndTimesOut() {
        Simulation sim = newSimulation(1);
        Node h1 = sim.addNode("h1");
        List<String> log = new ArrayList<>();
        WaitQueue q = h1.host().newWaitQueue();
        start(h1, 0, ctx -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                ctx.startThread("w" + n, () -> {
                    int r = q.await(n == 2 ? 700 : WaitQueue.NO_DEADLINE);
                    log.add("w" + n + "=" + r + "@" + ctx.now());
                });
            }
            ctx.sleep(100);
            q.wakeOne();
            ctx.sleep(100);
            log.add("waiters=" + q.waiters());
            ctx.sleep(1000);
            q.wakeAll();
            return 0;
        });
        // a kernel event (not a thread) wakes too
        sim.simulator().schedule(50, "noop", () -> { });
        sim.runUntilIdle();
        assertEquals(List.of("w0=0@100", "waiters=2", "w2=1@700", "w1=0@1200"), log);
    }

    @Test
    void thousandSleepersGiveTheSameLogTwice() {
        List<String> first = thousandSleepers(42);
        List<String> second = thousandSleepers(42);
        assertEquals(1000 * 10 + 1, first.size());
        assertEquals(first, second);
        assertTrue(!first.equals(thousandSleepers(43)));
    }

    private static List<String> thousandSleepers(long seed) {
        Simulation sim = newSimulation(seed);
        Node h1 = sim.addNode("h1");
        List<String> log = new ArrayList<>();
        long hour = 3_600_000_000_000L;
        start(h1, 0, ctx -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int id = i;
                RandomGenerator r = ctx.random("sleeper-" + i);
                threads.add(ctx.startThread("s" + i, () -> {
                    try {
                        for (int k = 0; k < 10; k++) {
                            ctx.sleep(r.nextLong(hour / 10));
                            log.add(ctx.now() + " s" + id + " " + k);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            log.add("all done by " + (ctx.now() <= hour));
            return 0;
        });
        sim.runUntil(hour);
        return log;
    }
}
