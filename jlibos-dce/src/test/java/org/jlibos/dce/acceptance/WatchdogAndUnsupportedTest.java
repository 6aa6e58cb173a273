package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.Spinner;
import org.jlibos.dce.programs.Unsupported;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.WatchdogException;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 6: a program that spins forever is stopped by the watchdog with a clear message;
 * a program that uses an unsupported API fails with that API's name.
 */
class WatchdogAndUnsupportedTest {

    @TempDir
    Path tmp;

    @Test
    void spinningProgramIsStoppedByTheWatchdogNamingItsLoop() throws Exception {
        DceWorld w = new DceWorld(SimulationConfig.withSeed(1).withWatchdog(2_000_000_000L));
        Path stop = tmp.resolve("stop-spinning");
        DceWorld.java(w.h1, "spinner", 0, Spinner.class, stop.toString());
        WatchdogException e;
        try {
            e = assertThrows(WatchdogException.class, () -> w.sim.runUntil(10 * DceWorld.S));
        } finally {
            Files.createFile(stop); // the abandoned loop would otherwise burn a core for the rest of the build
        }
        assertTrue(e.getMessage().startsWith("watchdog: simulated thread 'main' of process spinner (pid 1 on h1: java -cp "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" ran "), e.getMessage());
        assertTrue(e.getMessage().contains("s of wall time without blocking at virtual time 0 ns; the run was stopped"), e.getMessage());
        assertTrue(e.getMessage().contains("\tat spinner//org.jlibos.dce.programs.Spinner.main(Spinner.java:"), e.getMessage());
    }

    @Test
    void unsupportedApiFailsWithItsName() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h1, "multicast", 0, Unsupported.class);
        w.sim.runUntilIdle();
        assertEquals(1, p.exitStatus());
        assertTrue(p.stderr().text().startsWith("Exception in thread \"main\" java.lang.UnsupportedOperationException: "
                + "MulticastSocket.joinGroup: the simulated kernel has no IP multicast"), p.stderr().text());
    }

    @Test
    void startingOsProcessesAndAsynchronousChannelsFailWithTheirNames() {
        DceWorld w = new DceWorld(1);
        SimProcess exec = DceWorld.java(w.h1, "exec", 0, Unsupported.class, "exec");
        SimProcess async = DceWorld.java(w.h1, "async", 0, Unsupported.class, "async");
        w.sim.runUntilIdle();
        assertEquals(1, exec.exitStatus());
        assertTrue(exec.stderr().text().startsWith("Exception in thread \"main\" java.lang.UnsupportedOperationException: "
                + "ProcessBuilder.start / Runtime.exec: a simulated host cannot start operating-system processes"), exec.stderr().text());
        assertEquals(1, async.exitStatus());
        assertTrue(async.stderr().text().startsWith("Exception in thread \"main\" java.lang.UnsupportedOperationException: "
                + "AsynchronousSocketChannel.open: asynchronous channels are not supported on simulated hosts"), async.stderr().text());
    }

    @Test
    void aProgramThatPinsTheCarrierIsReportedWithItsStack() {
        DceWorld w = new DceWorld(SimulationConfig.withSeed(1).withWatchdog(1_000_000_000L));
        DceWorld.java(w.h1, "pinning", 0, org.jlibos.dce.programs.PinningInitializer.class);
        WatchdogException e = assertThrows(WatchdogException.class, () -> w.sim.runUntil(10 * DceWorld.S));
        assertTrue(e.getMessage().startsWith("watchdog: simulated thread 'main' of process pinning (pid 1 on h1: java -cp "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" pinned the carrier thread (it blocked the carrier, TIMED_WAITING, instead of "
                + "parking in virtual time) at virtual time 0 ns; the run was stopped"), e.getMessage());
        assertTrue(e.getMessage().contains("PinningInitializer$Slow.<clinit>(PinningInitializer.java:"), e.getMessage());
    }
}
