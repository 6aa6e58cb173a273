package org.jlibos.packetdrill.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jlibos.packetdrill.script.Parser;
import org.jlibos.packetdrill.script.Script;
import org.jlibos.packetdrill.script.ScriptParseException;

/**
 * Runs packetdrill scripts against simulated hosts: each script on a fresh host in its own
 * simulation, so sysctls, ports and caches never leak between scripts (README §6.3), and the
 * same script with the same seed always gives the same result.
 *
 * <p>packetdrill's self-tests announce their failure with a {@code // Failure:} comment before
 * the event that must fail. Such a script is an expected failure when it fails at exactly that
 * event; failing elsewhere, or passing, is a failure of the run.
 */
public final class PacketdrillRunner {

    private final RunOptions options;

    public PacketdrillRunner(RunOptions options) {
        this.options = options;
    }

    /** Totals of a run; {@link #line()} is the summary line CI tools read. */
    public record Summary(int passed, int failed, int expectedFailures, List<ScriptResult> results) {
        public Summary {
            results = List.copyOf(results);
        }

        /** {@code N passed, M failed}. Expected failures are reported on their own line. */
        public String line() {
            return passed + " passed, " + failed + " failed";
        }

        public boolean allPassed() {
            return failed == 0;
        }
    }

    /** The {@code .pkt} files named by {@code paths}: files as given, directories searched recursively, in name order. */
    public static List<Path> collect(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".pkt"))
                            .sorted()
                            .forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file or directory");
            }
        }
        return out;
    }

    /** Runs every script in order, reporting each result to {@code each} as it completes. */
    public Summary runAll(List<Path> scripts, Consumer<ScriptResult> each) {
        int passed = 0;
        int failed = 0;
        int xfail = 0;
        List<ScriptResult> results = new ArrayList<>();
        for (Path p : scripts) {
            ScriptResult r = run(p);
            results.add(r);
            switch (r.status()) {
                case PASS -> passed++;
                case EXPECTED_FAILURE -> xfail++;
                case FAIL, UNEXPECTED_PASS -> failed++;
            }
            each.accept(r);
        }
        return new Summary(passed, failed, xfail, results);
    }

    /** Parses and runs one script. Never throws: every problem is a FAIL result naming it. */
    public ScriptResult run(Path file) {
        String path = file.toString();
        Script script;
        try {
            script = Parser.parse(file, options.defines());
        } catch (ScriptParseException e) {
            return new ScriptResult(path, ScriptResult.Status.FAIL, e.line(), "syntax error: " + e.detail(), List.of(),
                    false, 0, 0);
        } catch (IOException e) {
            return new ScriptResult(path, ScriptResult.Status.FAIL, 0, "cannot read the script: " + e, List.of(),
                    false, 0, 0);
        } catch (RuntimeException e) {
            return new ScriptResult(path, ScriptResult.Status.FAIL, 0, "internal error in the packetdrill parser: " + e,
                    List.of(), true, 0, 0);
        }
        if (options.verbose() != null) {
            options.verbose().accept("== " + path);
        }
        ScriptResult r = new ScriptExecution(script, options).run();
        return classify(script, r);
    }

    /** Applies the self-test convention: a {@code // Failure:} script must fail at the announced line. */
    static ScriptResult classify(Script script, ScriptResult r) {
        int expected = script.expectedFailureLine();
        if (expected == 0) {
            return r;
        }
        String announced = "expected to fail at line " + expected + " (" + script.expectedFailure() + ")";
        if (r.status() == ScriptResult.Status.PASS) {
            return new ScriptResult(r.path(), ScriptResult.Status.UNEXPECTED_PASS, expected, announced + " but passed",
                    r.notes(), false, r.simulatedNanos(), r.wallNanos());
        }
        if (r.line() == expected && !r.internalError()) {
            return new ScriptResult(r.path(), ScriptResult.Status.EXPECTED_FAILURE, r.line(), r.message(), r.notes(),
                    false, r.simulatedNanos(), r.wallNanos());
        }
        return new ScriptResult(r.path(), ScriptResult.Status.FAIL, r.line(), r.message() + " [" + announced
                + ", not here]", r.notes(), r.internalError(), r.simulatedNanos(), r.wallNanos());
    }
}
