package org.jlibos.packetdrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The interpreter against the real simulated kernel, with scripts that need only what the
 * kernel offers without TCP: socket calls, UDP datagrams in and out, blocking calls, commands.
 */
class ExecutorTest {

    private static ScriptResult run(String name) {
        return TestScripts.run("scripts/" + name);
    }

    private static void assertFails(ScriptResult r, int line, String message) {
        assertEquals(ScriptResult.Status.FAIL, r.status(), r.reportLine());
        assertEquals(line, r.line(), r.reportLine());
        assertEquals(message, r.message(), r.reportLine());
        assertFalse(r.internalError(), r.reportLine());
    }

    @Test
    void syscallsWithoutTcpPass() {
        ScriptResult r = run("syscalls.pkt");
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
        assertTrue(r.reportLine().matches("PASS .*syscalls\\.pkt"), r.reportLine());
        assertEquals(500_000_000L, r.simulatedNanos(), "script time 0.5 s is virtual time 0.5 s");
    }

    @Test
    void blockingReceiveWokenByAnInjectedDatagram() {
        List<String> log = new ArrayList<>();
        ScriptResult r = TestScripts.run("scripts/udp-roundtrip.pkt", k -> { }, log);
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine() + "\n" + String.join("\n", log));
        String all = String.join("\n", log);
        assertTrue(all.contains("  0.000000 line 9: recv(3, ..., 100, 0) (may block until 0.1 s)"), all);
        assertTrue(all.contains("  0.100000 line 10: inject < udp (10)"), all);
        assertTrue(all.contains("  0.100000 line 9: recv(...) returned 10"), all);
        assertTrue(all.contains("  0.100000 line 12: sent udp (20) (matches)"), all);
        assertTrue(all.contains("  0.300000 line 13: %{ }% block skipped"), all);
        assertTrue(r.notes().contains("sysctl net.ipv4.tcp_sack=0"), r.notes().toString());
        assertTrue(r.notes().contains("sysctl net.ipv4.tcp_fack=0: not in the simulated kernel's table; ignored"),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("line 13: Python block not evaluated")), r.notes().toString());
    }

    @Test
    void injectedIcmpErrorQuotesTheSocketsDatagram() {
        ScriptResult r = run("icmp-port-unreachable.pkt");
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
    }

    @Test
    void activeOpenLearnsThePortAndIsnFromTheSyn() {
        assumeTrue(CorpusRunTest.kernelHasTcp(), "the kernel has no TCP yet");
        ScriptResult r = run("tcp-active-open.pkt");
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
    }

    @Test
    void wrongReturnValueNamesLineExpectedAndActual() {
        assertFails(run("fail-result.pkt"), 3,
                "bind(3, ..., ...): expected result 0, got -1 EINVAL (Invalid argument)");
    }

    @Test
    void wrongErrnoNamesBoth() {
        assertFails(run("fail-errno.pkt"), 3, "recv(3, ..., 100, 0): expected errno ECONNRESET (Connection reset by peer), "
                + "got EAGAIN (Resource temporarily unavailable)");
    }

    @Test
    void packetSentTooEarly() {
        assertFails(run("fail-early-packet.pkt"), 5, "expected outbound udp (20), got udp (20) sent at 0.500000 sec "
                + "(timing error: expected outbound packet at 0.800000 sec but happened at 0.500000 sec; tolerance 0.037500 sec)");
    }

    @Test
    void packetNeverSent() {
        assertFails(run("fail-timeout.pkt"), 4,
                "timed out waiting for outbound packet udp (20) expected at 0.100000 sec (nothing sent by 2.112500 sec)");
    }

    @Test
    void callThatBlocksWithoutEllipsis() {
        assertFails(run("fail-blocked.pkt"), 3, "recv(3, ..., 100, 0) blocked, but a call written without '...' must "
                + "return at once (non-blocking system call blocked)");
    }

    @Test
    void blockingCallReturningLate() {
        assertFails(run("fail-blocking-late.pkt"), 5, "recv(3, ..., 100, 0): timing error: expected system call return "
                + "at 0.100000 sec but happened at 0.300000 sec; tolerance 0.012500 sec");
    }

    @Test
    void blockingCallStillBlockedAtTheEnd() {
        assertFails(run("fail-still-blocking.pkt"), 3,
                "runtime error: exiting while a blocking system call is in progress: recv(3, ..., 100, 0)");
    }

    @Test
    void unsupportedConstructsAreNamed() {
        assertFails(run("fail-unsupported-command.pkt"), 1, "unsupported command `nstat -n`");
        assertFails(run("fail-unsupported-call.pkt"), 2,
                "unsupported: open() (the simulated host has no file system, pipes or capabilities)");
    }

    @Test
    void syntaxErrorsFailTheScriptWithTheirLine() {
        assertFails(run("fail-syntax.pkt"), 2, "syntax error: inconsistent sequence range 0:10(0): end must be start + length");
    }

    @Test
    void selfTestFailingAsAnnouncedIsAnExpectedFailure() {
        ScriptResult r = run("xfail-as-announced.pkt");
        assertEquals(ScriptResult.Status.EXPECTED_FAILURE, r.status(), r.reportLine());
        assertFalse(r.isFailure());
        assertTrue(r.reportLine().matches("XFAIL .*xfail-as-announced\\.pkt: line 4: fcntl\\(3, F_SETFL, O_RDWR\\|O_NONBLOCK\\): "
                + "expected result 7, got 0"), r.reportLine());
    }

    @Test
    void selfTestThatPassesIsAFailure() {
        ScriptResult r = run("xfail-but-passes.pkt");
        assertEquals(ScriptResult.Status.UNEXPECTED_PASS, r.status(), r.reportLine());
        assertTrue(r.isFailure());
        assertTrue(r.reportLine().endsWith(": line 3: expected to fail at line 3 (this line was supposed to fail) but passed"),
                r.reportLine());
    }

    @Test
    void selfTestFailingElsewhereIsAFailure() {
        ScriptResult r = run("xfail-elsewhere.pkt");
        assertEquals(ScriptResult.Status.FAIL, r.status(), r.reportLine());
        assertEquals(2, r.line());
        assertTrue(r.message().endsWith("[expected to fail at line 4 (only this line should fail), not here]"), r.message());
    }

    @Test
    void sameScriptSameResult() {
        for (String name : List.of("udp-roundtrip.pkt", "fail-early-packet.pkt", "fail-blocking-late.pkt")) {
            ScriptResult a = run(name);
            ScriptResult b = run(name);
            assertEquals(a.reportLine(), b.reportLine());
            assertEquals(a.notes(), b.notes());
            assertEquals(a.simulatedNanos(), b.simulatedNanos());
        }
    }
}
