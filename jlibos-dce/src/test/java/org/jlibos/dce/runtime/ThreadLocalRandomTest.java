package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.ThreadLocalRandomDraws;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** ThreadLocalRandom in program code repeats with the seed, draw after draw, thread by thread. */
class ThreadLocalRandomTest {

    private static String run(long seed) {
        DceWorld w = new DceWorld(seed);
        SimProcess p = DceWorld.java(w.h1, "tlr", 0, ThreadLocalRandomDraws.class);
        w.sim.runUntilIdle();
        return p.stdout().text() + p.stderr().text();
    }

    @Test
    void everyDrawRepeatsWithTheSeed() {
        String first = run(3);
        assertEquals(first, run(3));
        assertEquals(first, run(3));
        assertNotEquals(first, run(4));
        assertEquals(2, first.lines().count(), first);
    }
}
