package org.jlibos.scenario.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jlibos.scenario.model.Scenario;
import org.jlibos.sim.event.Simulator;

/**
 * Runs a scenario twice in fresh simulations in this JVM and compares the runs: the trace hash,
 * then record by record and checkpoint by checkpoint to name the first divergence, and every
 * capture file byte for byte. Each run captures into its own temporary directory (never into an
 * output directory: the two runs would overwrite each other), deleted after the comparison.
 */
public final class DeterminismCheck {

    /**
     * The verdict and, when the runs differ, where they first did.
     *
     * @param pcapsCompared how many capture files of each run were compared
     */
    public record Verdict(boolean deterministic, RunResult first, RunResult second, String divergence,
            int pcapsCompared) {
    }

    private final ScenarioRunner runner;

    public DeterminismCheck(ScenarioRunner runner) {
        this.runner = runner;
    }

    public Verdict check(Scenario scenario, RunOptions options) {
        RunOptions retaining = options.withRetainedTrace(true).withOutputDirectory(null);
        RunResult a = null;
        RunResult b = null;
        try {
            a = runner.run(scenario, retaining);
            b = runner.run(scenario, retaining);
            String divergence = firstDivergence(a, b);
            if (divergence == null) {
                divergence = firstPcapDivergence(a, b);
            }
            return new Verdict(divergence == null, a, b, divergence, a.pcaps().size());
        } finally {
            deleteCaptures(a);
            deleteCaptures(b);
            if (a != null) {
                a.simulation().close();
            }
            if (b != null) {
                b.simulation().close();
            }
        }
    }

    static String firstDivergence(RunResult a, RunResult b) {
        List<String> ra = a.simulation().trace().records();
        List<String> rb = b.simulation().trace().records();
        int n = Math.min(ra.size(), rb.size());
        for (int i = 0; i < n; i++) {
            if (!ra.get(i).equals(rb.get(i))) {
                return "trace record " + (i + 1) + " differs:\n  run 1: " + ra.get(i) + "\n  run 2: " + rb.get(i);
            }
        }
        if (ra.size() != rb.size()) {
            return "run 1 has " + ra.size() + " trace records, run 2 has " + rb.size()
                    + (n < ra.size() ? "; run 1 goes on with: " + ra.get(n) : "; run 2 goes on with: " + rb.get(n));
        }
        Simulator sa = a.simulation().simulator();
        Simulator sb = b.simulation().simulator();
        long[] ca = sa.checkpoints();
        long[] cb = sb.checkpoints();
        long[] ta = sa.checkpointTimes();
        long[] tb = sb.checkpointTimes();
        int m = Math.min(ca.length, cb.length);
        for (int i = 0; i < m; i++) {
            if (ca[i] != cb[i]) {
                long from = (long) i * Simulator.CHECKPOINT_INTERVAL + 1;
                return "events " + from + ".." + (from + Simulator.CHECKPOINT_INTERVAL - 1)
                        + " differ (run 1 reached t=" + ta[i] + " ns there, run 2 t=" + tb[i] + " ns)";
            }
        }
        if (a.events() != b.events()) {
            return "run 1 dispatched " + a.events() + " events, run 2 " + b.events();
        }
        if (!a.traceHash().equals(b.traceHash())) {
            return "the last " + (a.events() % Simulator.CHECKPOINT_INTERVAL) + " events differ (trace hash "
                    + a.traceHash() + " vs " + b.traceHash() + ")";
        }
        for (int i = 0; i < a.processes().size(); i++) {
            ProcessResult pa = a.processes().get(i);
            ProcessResult pb = b.processes().get(i);
            if (!pa.equals(pb)) {
                return "process " + pa.id() + " differs: " + pa + " vs " + pb;
            }
        }
        return null;
    }

    /**
     * Compares the capture files of two runs byte for byte; null when they are identical, else
     * the first differing file and byte offset.
     */
    static String firstPcapDivergence(RunResult a, RunResult b) {
        if (!a.pcaps().equals(b.pcaps())) {
            return "run 1 captured " + a.pcaps() + ", run 2 " + b.pcaps();
        }
        for (String name : a.pcaps()) {
            Path fa = a.captureDirectory().resolve(name);
            Path fb = b.captureDirectory().resolve(name);
            String difference = firstDifference(fa, fb);
            if (difference != null) {
                return "capture " + name + " differs " + difference;
            }
        }
        return null;
    }

    /** Where two files first differ ("at byte 1234 (run 1: 0x45, run 2: 0x46)"), or null if equal. */
    static String firstDifference(Path fa, Path fb) {
        try {
            long at = Files.mismatch(fa, fb);
            if (at < 0) {
                return null;
            }
            long sizeA = Files.size(fa);
            long sizeB = Files.size(fb);
            if (at == sizeA || at == sizeB) {
                return "at byte " + at + ": run 1's file has " + sizeA + " bytes, run 2's " + sizeB;
            }
            return String.format("at byte %d (run 1: 0x%02x, run 2: 0x%02x)", at, byteAt(fa, at), byteAt(fb, at));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + fa + " with " + fb + ": " + e.getMessage(), e);
        }
    }

    private static int byteAt(Path file, long offset) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return in.read();
        }
    }

    private static void deleteCaptures(RunResult r) {
        if (r == null || r.captureDirectory() == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(r.captureDirectory())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary captures in " + r.captureDirectory()
                    + ": " + e.getMessage(), e);
        }
    }
}
