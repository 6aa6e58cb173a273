package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.testprograms.ClockAndThreads;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Clocks, sleeps, threads, executors, timers, monitors, randomness and exit of an unmodified program. */
class ClockAndThreadsTest {

    private static String[] run(long seed) {
        DceWorld w = new DceWorld(seed);
        SimProcess p = DceWorld.java(w.h1, "clock", 0, ClockAndThreads.class);
        w.sim.runUntil(120 * DceWorld.S);
        return new String[] {p.stdout().text(), p.stderr().text(), String.valueOf(p.exitStatus()),
                String.valueOf(p.endedAtNanos()), Long.toHexString(w.sim.traceHash())};
    }

    @Test
    void everythingTimedHappensInVirtualTimeAndTwoRunsAreIdentical() {
        String[] first = run(7);
        System.out.println(first[0]);
        System.out.println(first[1]);
        assertEquals("", first[1]);
        assertEquals("3", first[2]);
        String[] second = run(7);
        assertEquals(String.join("\n", first), String.join("\n", second));
    }
}
