package org.jlibos.scenario.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.scenario.model.Expectation;
import org.jlibos.scenario.model.NodeSpec;
import org.jlibos.scenario.model.ProcessSpec;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.SimulationException;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;
import org.jlibos.sim.units.Units;

/**
 * Runs a {@link Scenario}: builds the simulated world it describes, runs it to its stop time,
 * and checks its expectations. This is the helper side of the ns-3 model/helper split: it
 * only wires models together.
 */
public final class ScenarioRunner {

    private final ProgramRegistry programs;

    public ScenarioRunner() {
        this(ProgramRegistry.discover());
    }

    public ScenarioRunner(ProgramRegistry programs) {
        this.programs = programs;
    }

    public ProgramRegistry programs() {
        return programs;
    }

    /** The environment scenarios are validated against: this runner's programs and the kernel's sysctls. */
    public InstalledEnvironment environment() {
        return new InstalledEnvironment(programs);
    }

    public RunResult run(Scenario scenario, RunOptions options) {
        long seed = options.seed() != null ? options.seed() : scenario.seed();
        long stop = options.stopNanos() != null ? options.stopNanos() : scenario.stopNanos();
        SimulationConfig config = SimulationConfig.withSeed(seed)
                .withWatchdog(options.watchdogWallNanos())
                .withRetainedTrace(options.retainTrace());
        Simulation sim = new Simulation(config, programs);

        for (NodeSpec spec : scenario.nodes().values()) {
            Node node = sim.addNode(spec.name());
            for (Map.Entry<String, String> e : spec.sysctl().entrySet()) {
                try {
                    node.kernel().sysctl().set(e.getKey(), e.getValue());
                } catch (SysctlException ex) {
                    throw new IllegalArgumentException(spec.location() + ": " + ex.getMessage(), ex);
                }
            }
        }
        Map<String, SimProcess> processes = new LinkedHashMap<>();
        for (ProcessSpec p : scenario.run()) {
            Node node = sim.node(p.node());
            processes.put(p.id(), node.spawn(p.id(), p.atNanos(), p.argv(), Map.of()));
        }

        options.onStart().accept(sim);
        String error = null;
        try {
            sim.runUntil(stop);
        } catch (SimulationException e) {
            error = e.getMessage();
        }

        List<ProcessResult> processResults = new ArrayList<>();
        for (ProcessSpec spec : scenario.run()) {
            SimProcess p = processes.get(spec.id());
            processResults.add(new ProcessResult(spec.id(), spec.node(), spec.cmd(), p.pid(),
                    p.isAlive() ? null : p.exitStatus(), p.isAlive() ? null : p.endedAtNanos(),
                    p.stdout().text(), p.stderr().text()));
        }
        List<AssertionResult> assertions = new ArrayList<>();
        for (Expectation x : scenario.expect()) {
            assertions.add(check(x, processes.get(x.id()), sim.now()));
        }
        return new RunResult(scenario.name(), seed, sim.now(), sim.wallNanos() / 1_000_000,
                sim.simulator().eventsDispatched(), sim.nodes().size(), List.copyOf(processResults),
                List.copyOf(assertions), String.format("%016x", sim.traceHash()), error, sim);
    }

    /** Checks one expectation; the message says what was seen, pass or fail. */
    static AssertionResult check(Expectation x, SimProcess p, long endNanos) {
        List<String> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        boolean alive = p.isAlive();
        String state = alive ? "still running at " + Units.formatDuration(endNanos)
                : "exited with status " + p.exitStatus() + " at " + Units.formatDuration(p.endedAtNanos());
        seen.add(state);
        if (x.exit() != null && (alive || p.exitStatus() != x.exit())) {
            failures.add("expected exit status " + x.exit() + ", but the process " + state);
        }
        if (x.endedByNanos() != null && (alive || p.endedAtNanos() > x.endedByNanos())) {
            failures.add("expected to end by " + Units.formatDuration(x.endedByNanos()) + ", but the process " + state);
        }
        if (x.running() != null && x.running() != alive) {
            failures.add(x.running() ? "expected to be running at the end, but the process " + state
                    : "expected to have ended, but the process is " + state);
        }
        String out = p.stdout().text();
        String err = p.stderr().text();
        if (x.stdout() != null && !out.contains(x.stdout())) {
            failures.add("stdout does not contain \"" + x.stdout() + "\"; stdout was " + excerpt(out));
        }
        if (x.stdoutRegex() != null && !x.stdoutRegex().matcher(out).find()) {
            failures.add("stdout does not match /" + x.stdoutRegex().pattern() + "/; stdout was " + excerpt(out));
        }
        if (x.stderr() != null && !err.contains(x.stderr())) {
            failures.add("stderr does not contain \"" + x.stderr() + "\"; stderr was " + excerpt(err));
        }
        if (x.stderrRegex() != null && !x.stderrRegex().matcher(err).find()) {
            failures.add("stderr does not match /" + x.stderrRegex().pattern() + "/; stderr was " + excerpt(err));
        }
        if (failures.isEmpty()) {
            return new AssertionResult(x.describe(), true, "process " + state);
        }
        return new AssertionResult(x.describe(), false, String.join("; ", failures));
    }

    private static String excerpt(String text) {
        if (text.isEmpty()) {
            return "empty";
        }
        String t = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "\"" + t.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
