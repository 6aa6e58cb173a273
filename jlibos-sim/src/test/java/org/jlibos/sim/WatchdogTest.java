package org.jlibos.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** Lets the abandoned carrier of the spin test finish once the test is over. */
    static volatile boolean keepSpinning = true;

    @AfterEach
    void releaseSpinner() {
        keepSpinning = false;
    }

    static long spin() {
        long n = 0;
        while (keepSpinning) {
            n++;
        }
        return n;
    }

    @Test
    void aThreadThatNeverBlocksIsReportedWithItsStack() {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withWatchdog(300_000_000L), new ProgramRegistry());
        Node h1 = sim.addNode("h1");
        h1.install("spinner", ctx -> {
            ctx.sleep(1_000);
            return (int) spin();
        });
        h1.spawn("busy", 0, List.of("spinner"), Map.of());
        WatchdogException e = assertThrows(WatchdogException.class, () -> sim.runUntil(10_000));
        assertTrue(e.getMessage().startsWith("watchdog: simulated thread 'main' of process busy (pid 1 on h1: spinner) ran "),
                e.getMessage());
        assertTrue(e.getMessage().contains("s of wall time without blocking at virtual time 1000 ns; the run was stopped\n\tat "),
                e.getMessage());
        assertTrue(e.getMessage().contains("at org.jlibos.sim.WatchdogTest.spin("), e.getMessage());
        assertThrows(IllegalStateException.class, () -> sim.runUntil(20_000));
    }

    static final class SleepsInStaticInitializer {
        static {
            // Parking inside <clinit> pins the carrier: the virtual thread cannot unmount.
            LockSupport.parkNanos(60_000_000_000L);
        }

        static void touch() {
        }
    }

    @Test
    void aPinnedCarrierIsReported() {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withWatchdog(300_000_000L), new ProgramRegistry());
        Node h1 = sim.addNode("h1");
        h1.install("pinner", ctx -> {
            SleepsInStaticInitializer.touch();
            return 0;
        });
        h1.spawn("pin", 0, List.of("pinner"), Map.of());
        WatchdogException e = assertThrows(WatchdogException.class, () -> sim.runUntil(10_000));
        assertTrue(e.getMessage().startsWith("watchdog: simulated thread 'main' of process pin (pid 1 on h1: pinner) "
                + "pinned the carrier thread (it blocked the carrier, TIMED_WAITING, instead of parking in virtual time)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SleepsInStaticInitializer.<clinit>"), e.getMessage());
    }

    @Test
    void aThreadThatOnlyYieldsStopsTheRun() {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withMaxEventsPerInstant(10_000), new ProgramRegistry());
        Node h1 = sim.addNode("h1");
        h1.install("yielder", ctx -> {
            while (true) {
                Thread.yield();
            }
        });
        SimProcess p = h1.spawn("y", 5, List.of("yielder"), Map.of());
        SimulationException e = assertThrows(SimulationException.class, () -> sim.runUntil(10_000));
        assertTrue(e.getMessage().startsWith("no progress in virtual time: 10001 events at t=5 ns without the clock "
                + "advancing (last: simulated thread step); the thread is 'main' of " + p), e.getMessage());
        assertEquals(5, sim.now());
    }
}
