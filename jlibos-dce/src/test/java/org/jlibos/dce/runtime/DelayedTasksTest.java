package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.DelayedTasks;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** CompletableFuture timeouts, delayed executors and scheduled executors run in virtual time. */
class DelayedTasksTest {

    @Test
    void delayedTasksRunAtTheirVirtualTimes() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h1, "delayed", 0, DelayedTasks.class);
        w.sim.runUntil(60 * DceWorld.S);
        assertEquals("""
                orTimeout: TimeoutException at +1000 ms
                completeOnTimeout: fallback at +1500 ms
                delayedExecutor ran at +1750 ms
                ForkJoinPool.schedule: done at +1850 ms
                fixed rate tick at +1850 ms
                fixed rate tick at +2150 ms
                fixed rate tick at +2450 ms
                fixed rate tick at +2750 ms
                refused: ForkJoinPool.scheduleAtFixedRate/scheduleWithFixedDelay (periodic ForkJoinPool tasks) \
                are not supported on simulated hosts
                """, p.stdout().text());
        assertEquals("", p.stderr().text());
        assertEquals(0, p.exitStatus());
    }
}
