package org.jlibos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.run.ResultWriter;
import org.jlibos.scenario.run.RunOptions;
import org.jlibos.scenario.run.RunResult;
import org.jlibos.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run a scenario file, write its results and check its expectations.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed (overrides the file's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: out/<scenario name>/).")
    Path out;

    @Option(names = "--stop", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Virtual time to stop at, e.g. 30s (overrides the file's stop).")
    Long stop;

    @Option(names = "--quiet", description = "Print only failures and the final line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ScenarioRunner runner = new ScenarioRunner();
        Scenario scenario;
        try {
            scenario = ScenarioSource.load(file, runner, err);
        } catch (ScenarioSource.Invalid e) {
            return Main.EXIT_USAGE;
        }
        return runAndReport(spec, runner, scenario, seed, stop, out, quiet);
    }

    /** Shared by {@code run} and {@code demo}. */
    static int runAndReport(CommandSpec spec, ScenarioRunner runner, Scenario scenario, Long seed, Long stop,
                            Path out, boolean quiet) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        long stopNanos = stop != null ? stop : scenario.stopNanos();
        Path dir = out != null ? out : Path.of("out", scenario.name());
        RunResult result;
        try (ProgressBar bar = ProgressBar.startIfTerminal(System.err, stopNanos, quiet)) {
            RunOptions options = RunOptions.defaults().withSeed(seed).withStop(stop).withOutputDirectory(dir)
                    .withOnStart(sim -> {
                        if (bar != null) {
                            bar.attach(sim);
                        }
                    });
            result = runner.run(scenario, options);
        }
        ResultWriter.write(result, dir);
        RunReport.print(result, dir, quiet, stdout);
        stdout.flush();
        return result.passed() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
