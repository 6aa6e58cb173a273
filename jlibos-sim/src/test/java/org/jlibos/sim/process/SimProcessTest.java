package org.jlibos.sim.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Test;

class SimProcessTest {

    private final Simulation sim = new Simulation(SimulationConfig.withSeed(1), new ProgramRegistry());
    private final Node h1 = sim.addNode("h1");

    @Test
    void mainReturnValueIsTheExitStatusAndOutputIsCaptured() {
        h1.install("hello", ctx -> {
            ctx.out().println("hello " + String.join(",", ctx.args()));
            ctx.err().print("warn");
            return 3;
        });
        SimProcess p = h1.spawn("greet", 2_000, "hello a 'b c'");
        assertEquals(SimProcess.State.NEW, p.state());
        sim.runUntilIdle();
        assertEquals(3, p.exitStatus());
        assertEquals(2_000, p.startedAtNanos());
        assertEquals(2_000, p.endedAtNanos());
        assertEquals("hello hello,a,b c\n", p.stdout().text());
        assertEquals("warn", p.stderr().text());
        assertEquals(1, p.pid());
        assertEquals("h1", p.env().get("HOSTNAME"));
    }

    @Test
    void exitFromAnyThreadEndsTheProcessAndItsThreads() {
        List<String> log = new ArrayList<>();
        h1.install("multi", ctx -> {
            ctx.startThread("quitter", () -> {
                try {
                    ctx.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                ctx.exit(7);
            });
            try {
                ctx.sleep(1_000_000);
                log.add("main slept through");
            } finally {
                log.add("main unwound@" + ctx.now());
            }
            return 0;
        });
        SimProcess p = h1.spawn("m", 0, "multi");
        sim.runUntilIdle();
        assertEquals(7, p.exitStatus());
        assertEquals(1_000, p.endedAtNanos());
        assertEquals(List.of("main unwound@1000"), log);
        assertTrue(p.threads().stream().noneMatch(Thread::isAlive));
        assertEquals(1_000, sim.now(), "no thread should be left sleeping");
    }

    @Test
    void aThrowingProgramExitsWithStatusOneAndItsStackTrace() {
        h1.install("crash", ctx -> {
            throw new IllegalStateException("boom");
        });
        h1.install("after", ctx -> {
            ctx.out().print("still running");
            return 0;
        });
        SimProcess crash = h1.spawn("c", 0, "crash");
        SimProcess after = h1.spawn("a", 10, "after");
        sim.runUntilIdle();
        assertEquals(1, crash.exitStatus());
        assertTrue(crash.stderr().text().startsWith("Exception in thread \"main\" java.lang.IllegalStateException: boom\n\tat "),
                crash.stderr().text());
        assertEquals("still running", after.stdout().text());
    }

    @Test
    void killEndsAllThreadsWithStatus137() {
        List<String> log = new ArrayList<>();
        h1.install("daemon", ctx -> {
            ctx.startThread("worker", () -> {
                try {
                    ctx.sleep(Long.MAX_VALUE / 2);
                } catch (InterruptedException e) {
                    log.add("worker interrupted");
                }
            });
            ctx.sleep(Long.MAX_VALUE / 2);
            return 0;
        });
        SimProcess d = h1.spawn("d", 0, "daemon");
        sim.simulator().schedule(5_000, "kill", () -> d.kill(SimProcess.SIGKILL));
        sim.runUntilIdle();
        assertEquals(137, d.exitStatus());
        assertEquals(9, d.termSignal());
        assertEquals(5_000, d.endedAtNanos());
        assertFalse(d.isAlive());
        assertEquals(List.of(), log, "a killed process's threads unwind; they do not see an interrupt");
        assertTrue(d.threads().stream().noneMatch(Thread::isAlive));
    }

    @Test
    void killBeforeStartCancelsTheStart() {
        h1.install("never", ctx -> {
            ctx.out().print("ran");
            return 0;
        });
        SimProcess p = h1.spawn("n", 1_000, "never");
        sim.simulator().schedule(10, "kill", () -> p.kill(SimProcess.SIGTERM));
        sim.runUntilIdle();
        assertEquals(143, p.exitStatus());
        assertEquals("", p.stdout().text());
        assertEquals(-1, p.startedAtNanos());
    }

    @Test
    void waitForBlocksUntilAnotherProcessExits() {
        h1.install("short", ctx -> {
            ctx.sleep(2_500);
            return 4;
        });
        h1.install("parent", ctx -> {
            SimProcess child = h1.spawn("child", ctx.now(), "short");
            int status = child.waitFor();
            ctx.out().print("child exited " + status + " at " + ctx.now());
            return 0;
        });
        SimProcess parent = h1.spawn("p", 100, "parent");
        sim.runUntilIdle();
        assertEquals("child exited 4 at 2600", parent.stdout().text());
    }

    @Test
    void unknownProgramIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h1.spawn("x", 0, List.of("nosuch"), Map.of()));
        assertEquals("nosuch: command not found on node h1", e.getMessage());
    }
}
