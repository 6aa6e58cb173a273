package org.jlibos.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Run the built-in demo scenario and show where its results went.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    static final String SCENARIO = "/org/jlibos/cli/demo.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: out/demo/).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed.")
    Long seed;

    @Override
    public Integer call() throws IOException {
        ScenarioRunner runner = new ScenarioRunner();
        Scenario scenario;
        try {
            scenario = ScenarioSource.embedded(SCENARIO, runner, spec.commandLine().getErr());
        } catch (ScenarioSource.Invalid e) {
            return Main.EXIT_USAGE;
        }
        return RunCommand.runAndReport(spec, runner, scenario, seed, null, out, false);
    }
}
