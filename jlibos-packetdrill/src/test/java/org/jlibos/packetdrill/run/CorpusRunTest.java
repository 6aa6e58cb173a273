package org.jlibos.packetdrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.packetdrill.Corpus;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.junit.jupiter.api.Test;

/**
 * The whole starter corpus (MANIFEST.tsv order) through the runner: it completes, every script
 * within a time bound, twice with identical results, without an exception escaping the runner.
 * The self-tests must fail as they announce, and exactly the scripts listed in the README's
 * conformance table fail: this is the TCP conformance regression test.
 */
class CorpusRunTest {

    private static final long WALL_BOUND_NANOS = 60_000_000_000L;

    @Test
    void wholeCorpusCompletesDeterministicallyWithinBounds() {
        Path corpus = Corpus.find();
        assumeTrue(corpus != null, "the starter corpus (shared/conformance/packetdrill) is not next to this checkout");
        List<Path> scripts = Corpus.manifestScripts(corpus);
        List<String> ids = Corpus.manifestIds(corpus);
        assertEquals(43, scripts.size());

        PacketdrillRunner runner = new PacketdrillRunner(RunOptions.defaults());
        PacketdrillRunner.Summary first = runner.runAll(scripts, r -> { });
        PacketdrillRunner.Summary second = runner.runAll(scripts, r -> { });

        List<String> report = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            ScriptResult a = first.results().get(i);
            ScriptResult b = second.results().get(i);
            String rel = corpus.relativize(scripts.get(i)).toString();
            report.add(String.format("%-4s %s", ids.get(i), a.reportLine().replace(corpus + "/", "")));
            assertFalse(a.internalError(), "the runner itself failed on " + rel + ": " + a.message());
            assertTrue(a.wallNanos() < WALL_BOUND_NANOS, rel + " took " + a.wallNanos() / 1e9 + " s");
            assertEquals(a.reportLine(), b.reportLine(), "same script, same result: " + rel);
            assertEquals(a.notes(), b.notes(), rel);
            assertEquals(a.simulatedNanos(), b.simulatedNanos(), rel);
        }
        report.add(first.expectedFailures() + " expected failures");
        report.add(first.line());
        System.out.println("packetdrill starter corpus:\n  " + String.join("\n  ", report));
        assertEquals(scripts.size(), first.passed() + first.failed() + first.expectedFailures());

        ScriptResult s1 = first.results().get(ids.indexOf("S1"));
        ScriptResult s2 = first.results().get(ids.indexOf("S2"));
        ScriptResult s3 = first.results().get(ids.indexOf("S3"));
        assertEquals(ScriptResult.Status.EXPECTED_FAILURE, s1.status(), s1.reportLine());
        assertEquals(6, s1.line());
        assertEquals(ScriptResult.Status.EXPECTED_FAILURE, s2.status(), s2.reportLine());
        assertEquals(4, s2.line());
        assertEquals(ScriptResult.Status.EXPECTED_FAILURE, s3.status(), s3.reportLine());
        assertEquals(13, s3.line());

        // The conformance baseline the README lists: these scripts fail, every other one passes.
        // A change that breaks a passing script, or fixes a failing one, must update both.
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            if (first.results().get(i).status() == ScriptResult.Status.FAIL) {
                failing.add(ids.get(i) + " " + corpus.relativize(scripts.get(i)));
            }
        }
        assertEquals(List.of("20 google-packetdrill/gtests/net/tcp/inq/server.pkt",
                "30 google-packetdrill/gtests/net/tcp/blocking/blocking-write.pkt",
                "37 google-packetdrill/gtests/net/tcp/slow_start/slow-start-after-win-update.pkt"), failing,
                String.join("\n", report));
        assertEquals(37, first.passed());
    }

    @Test
    void selfTestsReportExactlyWhatDiffered() {
        Path corpus = Corpus.find();
        assumeTrue(corpus != null, "the starter corpus (shared/conformance/packetdrill) is not next to this checkout");
        Path dir = corpus.resolve("google-packetdrill/gtests/net/packetdrill/tests/linux/packetdrill");
        PacketdrillRunner runner = new PacketdrillRunner(RunOptions.defaults());
        assertEquals("XFAIL " + dir.resolve("socket_err.pkt") + ": line 6: socket(..., SOCK_STREAM, IPPROTO_UDP): "
                + "expected a non-negative result (3), got -1 EPROTONOSUPPORT (Protocol not supported)",
                runner.run(dir.resolve("socket_err.pkt")).reportLine());
        assertEquals("XFAIL " + dir.resolve("socket_wrong_err.pkt") + ": line 4: socket(..., SOCK_STREAM, IPPROTO_UDP): "
                + "expected result -99, got -1 EPROTONOSUPPORT (Protocol not supported)",
                runner.run(dir.resolve("socket_wrong_err.pkt")).reportLine());
    }

    /** Whether socket(AF_INET, SOCK_STREAM, 0) works yet on a simulated host. */
    static boolean kernelHasTcp() {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withWatchdog(0), new ProgramRegistry());
        Node n = sim.addNode("probe");
        boolean[] ok = new boolean[1];
        n.install("probe", ctx -> {
            try {
                ctx.sys().socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
                ok[0] = true;
            } catch (ErrnoException e) {
                ok[0] = false;
            }
            return 0;
        });
        n.spawn("probe", 0, List.of("probe"), Map.of());
        sim.runUntil(1);
        return ok[0];
    }
}
