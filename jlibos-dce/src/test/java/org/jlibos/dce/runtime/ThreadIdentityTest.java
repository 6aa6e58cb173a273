package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.ThreadIdentity;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** A platform thread run by a simulated proxy keeps its identity for the program. */
class ThreadIdentityTest {

    @Test
    void currentThreadUnparkAndContextLoaderSeeTheProgramsThreadObject() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h1, "identity", 0, ThreadIdentity.class);
        w.sim.runUntilIdle();
        assertEquals("", p.stderr().text());
        // nanoTime's origin is 1,000,000 s: +250 ms after the start at virtual time 0.
        assertEquals("""
                same=true name=worker unparked at +250 ccl=true
                after join: alive=false state=TERMINATED
                second start: IllegalThreadStateException
                main is main: main
                """, p.stdout().text());
        assertEquals(0, p.exitStatus());
    }
}
