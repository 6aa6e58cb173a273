package org.jlibos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jlibos.packetdrill.run.PacketdrillRunner;
import org.jlibos.packetdrill.run.RunOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlibos packetdrill [--verbose] FILE|DIR...}: runs packetdrill scripts against a simulated
 * host running our stack, the script playing the remote peer, in virtual time. One line per
 * script ({@code PASS path}, {@code FAIL path: line N: ...}, or {@code XFAIL path: ...} for a
 * packetdrill self-test that failed where it announces), then {@code N passed, M failed}.
 */
@Command(name = "packetdrill", mixinStandardHelpOptions = true,
        description = {"Run packetdrill scripts against a simulated host running the jlibos stack, in virtual time.",
                "Directories are searched for *.pkt files. Self-tests marked with a '// Failure:' comment are "
                        + "expected to fail at the announced line (reported as XFAIL)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every script passed (expected failures failed as announced)",
                "1:a script failed, or a self-test did not fail as announced", "2:no such file, or usage error"})
final class PacketdrillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Scripts, or directories to search for *.pkt.")
    List<Path> paths;

    @Option(names = "--verbose", description = "Print each event as it executes, and the runner's notes.")
    boolean verbose;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Root seed of each script's simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-D", "--define"}, paramLabel = "SYM=VALUE",
            description = "Define a symbol for the scripts, as packetdrill's -D (IPv4 defaults of run_all.py are preset).")
    Map<String, String> defines = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> scripts;
        try {
            scripts = PacketdrillRunner.collect(paths);
        } catch (NoSuchFileException e) {
            err.println("jlibos packetdrill: " + e.getFile() + ": no such file or directory");
            err.flush();
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            err.println("jlibos packetdrill: " + e);
            err.flush();
            return Main.EXIT_USAGE;
        }
        if (scripts.isEmpty()) {
            err.println("jlibos packetdrill: no *.pkt scripts in " + paths);
            err.flush();
            return Main.EXIT_USAGE;
        }
        Map<String, String> allDefines = new LinkedHashMap<>(RunOptions.IPV4_DEFINES);
        allDefines.putAll(defines);
        RunOptions options = RunOptions.defaults().withSeed(seed);
        options = new RunOptions(options.seed(), options.watchdogNanos(), allDefines, verbose ? line -> {
            out.println(line);
            out.flush();
        } : null);
        PacketdrillRunner.Summary summary = new PacketdrillRunner(options).runAll(scripts, r -> {
            out.println(r.reportLine());
            out.flush();
        });
        if (summary.expectedFailures() > 0) {
            out.println(summary.expectedFailures() + " expected failure" + (summary.expectedFailures() == 1 ? "" : "s"));
        }
        out.println(summary.line());
        out.flush();
        return summary.allPassed() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
