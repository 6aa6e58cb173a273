package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.StaticCounter;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Each simulated JVM process has its own statics, and killing one ends all of its threads. */
class ProcessIsolationTest {

    @Test
    void ownStaticsAndKillEndsEveryThread() {
        DceWorld w = new DceWorld(1);
        SimProcess a = DceWorld.java(w.h1, "a", 0, StaticCounter.class);
        SimProcess b = DceWorld.java(w.h1, "b", 0, StaticCounter.class);
        w.sim.runUntil(DceWorld.S);
        assertEquals("runs=1\n", a.stdout().text());
        assertEquals("runs=1\n", b.stdout().text());
        a.kill(SimProcess.SIGTERM);
        b.kill(SimProcess.SIGKILL);
        // The stubborn ticker threads ignore interrupts; they unwind at their next clock read,
        // so nothing is left to run and the simulation goes idle.
        assertEquals(Simulator.StopReason.IDLE, w.sim.runUntil(10 * DceWorld.S));
        assertEquals(143, a.exitStatus());
        assertEquals(137, b.exitStatus());
        for (SimProcess p : new SimProcess[] {a, b}) {
            for (Thread t : p.threads()) {
                assertEquals(Thread.State.TERMINATED, t.getState(), t.getName());
            }
        }
        assertEquals("", a.stderr().text());
    }

    @Test
    void aClosedSimulationLeavesNothingReachable() throws Exception {
        java.lang.ref.WeakReference<ClassLoader> loader = startAndDrop();
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, loader.get(), "the program's class loader is still reachable");
    }

    /** Runs a program whose threads never end to a time limit, then forgets the world. */
    private static java.lang.ref.WeakReference<ClassLoader> startAndDrop() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h1, "forever", 0, StaticCounter.class);
        w.sim.runUntil(DceWorld.S);
        assertEquals("runs=1\n", p.stdout().text());
        java.lang.ref.WeakReference<ClassLoader> loader = new java.lang.ref.WeakReference<>(((DceProcess) p.attachment()).loader());
        // Its threads are parked for good; the JVM (with the agent) would keep them, and so the
        // world, reachable: closing kills the process and lets them unwind.
        w.sim.close();
        assertEquals(137, p.exitStatus());
        return loader;
    }
}
