package org.jlibos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.jlibos.scenario.file.ScenarioFiles;
import org.jlibos.scenario.model.Lan;
import org.jlibos.scenario.model.Link;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every capture of every example opens in tshark without malformed packets or bad checksums
 * (DESIGN.md: "Checksums are computed for real, so captures validate in Wireshark").
 *
 * <p>tshark must be installed ({@code apt-get install -y tshark}); CI installs it. Where it
 * cannot be, {@code JLIBOS_SKIP_TSHARK=1} skips these tests instead of failing them.
 */
class TsharkCapturesTest {

    private static final String FILTER = "_ws.malformed || _ws.expert.severity >= error";

    private static Path tshark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTshark() {
        tshark = Stream.concat(Stream.of("/usr/bin/tshark"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                                .filter(d -> !d.isEmpty()).map(d -> d + "/tshark"))
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (tshark == null) {
            if ("1".equals(System.getenv("JLIBOS_SKIP_TSHARK"))) {
                Assumptions.abort("tshark is not installed and JLIBOS_SKIP_TSHARK=1: capture validation skipped");
            }
            fail("tshark is not installed: the captures of the examples cannot be validated. Install it with"
                    + " 'apt-get install -y tshark', or set JLIBOS_SKIP_TSHARK=1 to skip these tests.");
        }
    }

    /** What tshark found wrong in {@code pcap}: the numbers of bad frames, or its errors; empty if nothing. */
    static String problems(Path pcap) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tshark.toString(), "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-Y", FILTER, "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        if (exit != 0) {
            return "tshark exited with status " + exit + (out.isEmpty() ? "" : ": " + out);
        }
        return out.isEmpty() ? "" : "bad frames " + out.replace('\n', ' ');
    }

    private static List<Path> pcapsOf(Path outDir) throws IOException {
        try (Stream<Path> files = Files.list(outDir.resolve("pcap"))) {
            return files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    @Test
    void everyCaptureOfEveryExampleIsValid() throws Exception {
        List<Path> pcaps = new ArrayList<>();
        for (Path example : CliTest.examples().toList()) {
            Path out = tmp.resolve(example.getFileName().toString().replace(".yaml", ""));
            CliTest.Outcome run = CliTest.jlibos("run", example.toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, run.exit(), example + ": " + run.out() + run.err());
            if (Files.isDirectory(out.resolve("pcap"))) {
                pcaps.addAll(pcapsOf(out));
            }
        }
        assertTrue(pcaps.size() >= 20, "the examples capture at least 20 devices, found " + pcaps);
        // tshark takes a third of a second to start: check a few files at a time.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Path pcap : pcaps) {
                results.add(pool.submit(() -> problems(pcap)));
            }
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < pcaps.size(); i++) {
                String problem = results.get(i).get();
                if (!problem.isEmpty()) {
                    failures.add(tmp.relativize(pcaps.get(i)) + ": " + problem);
                }
            }
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCheckFindsCorruptedFrames() throws Exception {
        Path out = tmp.resolve("corrupt");
        CliTest.Outcome run = CliTest.jlibos("run", CliTest.resource("corrupt-capture.yaml").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.exit(), run.out() + run.err());
        String problem = problems(out.resolve("pcap/b-eth0.pcap"));
        assertTrue(problem.startsWith("bad frames "), "tshark saw nothing wrong with corrupted frames: " + problem);
    }

    @Test
    void examplesThatCaptureDoNotCorruptFrames() throws Exception {
        // Corrupted frames have bad checksums on purpose, which the check above would report.
        ScenarioRunner runner = new ScenarioRunner();
        for (Path example : CliTest.examples().toList()) {
            Scenario s = ScenarioFiles.load(example, runner.environment());
            if (s.capture().any()) {
                for (Link l : s.links()) {
                    assertEquals(0.0, l.medium().faults().corrupt(), example + ": link " + l.name());
                }
                for (Lan l : s.lans()) {
                    assertEquals(0.0, l.medium().faults().corrupt(), example + ": LAN " + l.name());
                }
            }
        }
        assertFalse(CliTest.examples().toList().isEmpty());
    }
}
