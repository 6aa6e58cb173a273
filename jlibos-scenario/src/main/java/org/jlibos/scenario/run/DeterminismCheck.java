package org.jlibos.scenario.run;

import java.util.List;

import org.jlibos.scenario.model.Scenario;
import org.jlibos.sim.event.Simulator;

/**
 * Runs a scenario twice in fresh simulations in this JVM and compares the runs: the trace hash,
 * then record by record and checkpoint by checkpoint to name the first divergence. (Captures
 * are compared byte for byte once the network layer writes them.)
 */
public final class DeterminismCheck {

    /** The verdict and, when the runs differ, where they first did. */
    public record Verdict(boolean deterministic, RunResult first, RunResult second, String divergence) {
    }

    private final ScenarioRunner runner;

    public DeterminismCheck(ScenarioRunner runner) {
        this.runner = runner;
    }

    public Verdict check(Scenario scenario, RunOptions options) {
        RunOptions retaining = options.withRetainedTrace(true);
        RunResult a = runner.run(scenario, retaining);
        RunResult b = runner.run(scenario, retaining);
        String divergence = firstDivergence(a, b);
        return new Verdict(divergence == null, a, b, divergence);
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
}
