package org.jlibos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The jlibos command end to end, in this JVM: exit codes, output, result files. */
class CliTest {

    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {
    }

    static Outcome jlibos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    static Path resource(String name) {
        return Path.of("src/test/resources/scenarios", name);
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void runWritesSummaryAndProcessOutput() throws IOException {
        Path out = tmp.resolve("hello");
        Outcome o = jlibos("run", "../examples/hello.yaml", "--out", out.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("scenario hello (seed 7): 30s of virtual time in "), o.out());
        assertTrue(o.out().contains("PASS nap: exit == 0, ended by 6s\n"), o.out());
        assertTrue(o.out().endsWith("PASSED: 3 of 3 expectations held; results in " + out + "/\n"), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("hello", summary.get("name").asText());
        assertEquals(7, summary.get("seed").asLong());
        assertEquals(30_000_000_000L, summary.get("simulatedTimeNs").asLong());
        assertEquals(2, summary.get("nodes").asInt());
        assertEquals(6_000_000_000L, summary.get("processes").get(1).get("endedAtNs").asLong());
        assertEquals("sleep 5", summary.get("processes").get(1).get("cmd").asText());
        assertEquals(3, summary.get("assertions").size());
        assertTrue(summary.get("assertions").get(0).get("passed").asBoolean());
        assertEquals(16, summary.get("traceHash").asText().length());
        assertTrue(summary.get("events").asLong() > 0);
        assertEquals("hello\n", Files.readString(out.resolve("processes/greet.stdout")));
        assertEquals("", Files.readString(out.resolve("processes/nap.stderr")));
    }

    @Test
    void seedAndStopFlagsOverrideTheFile() throws IOException {
        Path out = tmp.resolve("o");
        Outcome o = jlibos("run", "../examples/hello.yaml", "--seed", "99", "--stop", "3s", "--out", out.toString(), "--quiet");
        assertEquals(1, o.exit(), "nap cannot end by 6s when the run stops at 3s");
        assertTrue(o.out().contains("FAIL nap: exit == 0, ended by 6s\n     expected exit status 0, but the process still running at 3s"),
                o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(99, summary.get("seed").asLong());
        assertEquals(3_000_000_000L, summary.get("simulatedTimeNs").asLong());
        assertTrue(summary.get("processes").get(1).get("exit").isNull());
    }

    @Test
    void failedExpectationsExitOne() {
        Outcome o = jlibos("run", resource("failing.yaml").toString(), "--out", tmp.toString());
        assertEquals(1, o.exit());
        assertTrue(o.out().contains("FAIL greet: stdout contains \"goodbye\"\n     stdout does not contain \"goodbye\"; stdout was \"hello\\n\""),
                o.out());
        assertTrue(o.out().contains("PASS nap: still running at stop"), o.out());
        assertTrue(o.out().endsWith("FAILED: 1 of 3 expectations held; results in " + tmp + "/\n"), o.out());
    }

    @Test
    void aThrowingProgramExitsOneAndTheSimulationGoesOn() throws IOException {
        Outcome o = jlibos("run", resource("crash.yaml").toString(), "--out", tmp.toString());
        assertEquals(0, o.exit(), o.out());
        String stderr = Files.readString(tmp.resolve("processes/boom.stderr"));
        assertTrue(stderr.startsWith("Exception in thread \"main\" java.lang.IllegalStateException: deliberate failure in h1\n\tat org.jlibos.cli.TestPrograms"),
                stderr);
    }

    @Test
    void demoRunsTheEmbeddedScenario() {
        Outcome o = jlibos("demo", "--out", tmp.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("PASSED: 9 of 9 expectations held; results in " + tmp + "/"), o.out());
        assertTrue(Files.exists(tmp.resolve("summary.json")));
    }

    @Test
    void checkDeterminismPassesForADeterministicScenario() {
        Outcome o = jlibos("check-determinism", "../examples/hello.yaml");
        assertEquals(0, o.exit(), o.out());
        List<String> lines = o.out().lines().toList();
        assertEquals(3, lines.size(), o.out());
        assertEquals(lines.get(0).substring(6), lines.get(1).substring(6), "both runs report the same events and hash");
        assertEquals("deterministic: yes", lines.get(2));
    }

    @Test
    void checkDeterminismCatchesAWallClockRead() {
        Outcome o = jlibos("check-determinism", resource("nondeterministic.yaml").toString());
        assertEquals(1, o.exit(), o.out());
        assertTrue(o.out().contains("deterministic: no\nfirst divergence: trace record 4 differs:\n  run 1: "), o.out());
        assertTrue(o.out().contains(" h1 exit pid=2 id=clock status=0 signal=0 stdout="), o.out());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRunsAndIsDeterministic(Path example) {
        Outcome run = jlibos("run", example.toString(), "--out", tmp.toString(), "--quiet");
        assertEquals(0, run.exit(), run.out() + run.err());
        Outcome check = jlibos("check-determinism", example.toString());
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().endsWith("deterministic: yes\n"));
    }

    @Test
    void runPrintsTheLinksAndWritesCaptures() throws IOException {
        Path out = tmp.resolve("chain");
        Outcome o = jlibos("run", "../examples/chain-ping.yaml", "--out", out.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("""

                  LINK   DIRECTION  SENT  DELIVERED  LOST  DUPLICATED  CORRUPTED  QUEUE DROPS  NO CARRIER
                  h1-r1  h1>r1      8     8          0     0           0          0            0
                  h1-r1  r1>h1      8     8          0     0           0          0            0
                  r1-r2  r1>r2      8     8          0     0           0          0            0
                """), o.out());
        assertTrue(o.out().contains("\ncaptured 6 pcap files into " + out.resolve("pcap") + "\n"), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(6, summary.get("pcaps").size());
        assertEquals("pcap/h1-eth0.pcap", summary.get("pcaps").get(0).asText());
        assertEquals(3, summary.get("links").size());
        assertEquals("r2>h2", summary.get("links").get(2).get("directions").get(0).get("direction").asText());
        for (JsonNode pcap : summary.get("pcaps")) {
            assertTrue(Files.size(out.resolve(pcap.asText())) > 24, pcap.asText());
        }
        // Without links there is no table.
        Outcome hello = jlibos("run", "../examples/hello.yaml", "--out", tmp.resolve("hello").toString());
        assertTrue(!hello.out().contains("LINK"), hello.out());
    }

    @Test
    void checkDeterminismComparesTheCaptures() {
        Outcome o = jlibos("check-determinism", "../examples/lan.yaml");
        assertEquals(0, o.exit(), o.out());
        List<String> lines = o.out().lines().toList();
        assertEquals(List.of("captures: 3 pcap files identical", "deterministic: yes"), lines.subList(2, 4), o.out());
    }

    @Test
    void versionAndHelp() {
        Outcome v = jlibos("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("jlibos "), v.out());
        Outcome h = jlibos("help", "run");
        assertEquals(0, h.exit());
        assertTrue(h.out().startsWith("Usage: jlibos run [-hV] [--quiet] [--out=DIR] [--seed=N] [--stop=DURATION] FILE"), h.out());
        Outcome top = jlibos("help");
        assertTrue(top.out().contains("check-determinism"), top.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, jlibos().exit());
        assertEquals(2, jlibos("frobnicate").exit());
        assertEquals(2, jlibos("run").exit());
        Outcome badStop = jlibos("run", "../examples/hello.yaml", "--stop", "abc");
        assertEquals(2, badStop.exit());
        assertTrue(badStop.err().contains("--stop"), badStop.err());
        Outcome badSeed = jlibos("run", "../examples/hello.yaml", "--seed", "x");
        assertEquals(2, badSeed.exit());
        Outcome missing = jlibos("run", "nosuch.yaml");
        assertEquals(2, missing.exit());
        assertEquals("jlibos: nosuch.yaml: no such scenario file\n", missing.err());
    }

    static Stream<String[]> invalidScenarios() {
        return Stream.of(
                new String[] {"name: x\nnodes: {h1: {}}\n", "1:1: missing required key 'stop'"},
                new String[] {"name: x\nstop: 10s\nseed: abc\n", "3:7: expected an integer for 'seed', got 'abc'"},
                new String[] {"name: x\nstop: -5s\n", "2:7: negative duration: -5s"},
                new String[] {"name: x\nstop: 10s\nnodes: {h1: {}}\nrun:\n  - {node: h3, cmd: echo}\n", "5:12: unknown node 'h3' (did you mean 'h1'? nodes: h1)"},
                new String[] {"name: x\nstop: 10s\nnodes: {h1: {}}\nrun:\n  - {node: h1, cmd: ehco hi}\n", "5:21: unknown program 'ehco' on node h1 (did you mean 'echo'?)"},
                new String[] {"name: x\nstop: 10s\nstopp: 5s\n", "3:1: unknown key 'stopp' (did you mean 'stop'?)"},
                new String[] {"name: x\nstop: 10s\nnodes: {h1: {sysctl: {net.ipv4.ip_forward: 7}}}\n", "invalid value '7' for sysctl 'net.ipv4.ip_forward'"});
    }

    @ParameterizedTest
    @MethodSource("invalidScenarios")
    void invalidScenariosExitTwoWithFileLineColumn(String yaml, String expected) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Outcome o = jlibos("run", file.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, o.exit(), o.out() + o.err());
        assertTrue(o.err().startsWith(file + ":"), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertTrue(Files.notExists(tmp.resolve("o")), "nothing is written for an invalid scenario");
        assertEquals(2, jlibos("check-determinism", file.toString()).exit());
    }
}
