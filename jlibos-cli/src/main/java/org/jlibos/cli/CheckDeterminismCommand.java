package org.jlibos.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.run.DeterminismCheck;
import org.jlibos.scenario.run.RunOptions;
import org.jlibos.scenario.run.RunResult;
import org.jlibos.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-determinism", mixinStandardHelpOptions = true,
        description = "Run a scenario twice in fresh simulations and compare the runs event by event"
                + " and their captures byte for byte.")
final class CheckDeterminismCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed (overrides the file's seed).")
    Long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioRunner runner = new ScenarioRunner();
        Scenario scenario;
        try {
            scenario = ScenarioSource.load(file, runner, spec.commandLine().getErr());
        } catch (ScenarioSource.Invalid e) {
            return Main.EXIT_USAGE;
        }
        DeterminismCheck.Verdict v = new DeterminismCheck(runner).check(scenario, RunOptions.defaults().withSeed(seed));
        line(out, 1, v.first());
        line(out, 2, v.second());
        if (v.pcapsCompared() > 0 && v.deterministic()) {
            out.println("captures: " + v.pcapsCompared() + " pcap files identical");
        }
        if (v.deterministic()) {
            out.println("deterministic: yes");
            out.flush();
            return Main.EXIT_OK;
        }
        out.println("deterministic: no");
        out.println("first divergence: " + v.divergence());
        out.flush();
        return Main.EXIT_FAILED;
    }

    private static void line(PrintWriter out, int n, RunResult r) {
        out.println("run " + n + ": seed " + r.seed() + ", " + r.events() + " events, trace " + r.traceHash()
                + (r.error() != null ? ", stopped: " + r.error().lines().findFirst().orElse("") : ""));
    }
}
