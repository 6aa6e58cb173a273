package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.ClockAndThreads;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/**
 * Clocks, sleeps, platform threads, executors, timers, CompletableFuture, contended monitors,
 * randomness and System.exit of an unmodified program, all in virtual time.
 */
class ClockAndThreadsTest {

    private record Run(String stdout, String stderr, int status, long endedAt, long traceHash) {
    }

    private static Run run(long seed) {
        DceWorld w = new DceWorld(seed);
        SimProcess p = DceWorld.java(w.h1, "clock", 0, ClockAndThreads.class);
        w.sim.runUntil(120 * DceWorld.S);
        return new Run(p.stdout().text(), p.stderr().text(), p.exitStatus(), p.endedAtNanos(), w.sim.traceHash());
    }

    private static final String TIMELINE = """
            start 2026-01-01T00:00:00Z millis=1767225600000
            slept 1500 ms, now 2026-01-01T00:00:01.500Z
            worker alive=true
            worker worker-1 done at +1750 ms
            joined; alive=false
            task0@2350
            task1@2250
            task2@2150
            task3@2450
            task4@2450
            task5@2450
            pool terminated=true order=[task2, task1, task0, task3, task4, task5]
            tick at +2550 ms
            tick at +2750 ms
            tick at +2950 ms
            latch true
            async on true then
            await timeout false after 2000 ms
            counter 12 handoffs 000111222333 at +5070 ms
            """;

    @Test
    void everythingTimedHappensInVirtualTime() {
        Run r = run(7);
        assertEquals(TIMELINE + "random 210 455 482 7abb57fa-fee1-4354-84c2-a04e2ed75254\nexiting with 3\n", r.stdout());
        assertEquals("", r.stderr());
        // System.exit(3) from another thread ends the process (not the JVM) at that instant.
        assertEquals(3, r.status());
        assertEquals(5_070_000_000L, r.endedAt());
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRandomness() {
        Run a = run(7);
        Run b = run(7);
        assertEquals(a, b);
        Run c = run(8);
        assertEquals(a.endedAt(), c.endedAt());
        assertEquals(TIMELINE, c.stdout().substring(0, TIMELINE.length()));
        assertNotEquals(a.stdout(), c.stdout());
    }
}
