package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jlibos.sim.units.Units;

/**
 * A check on one process's outcome, evaluated after the run. Every check is optional (null means
 * "not checked") but a valid expectation has at least one.
 *
 * <p>{@link Pattern} has identity equality, so this record compares patterns by their source
 * and flags; otherwise a loaded scenario could never equal a built one.
 *
 * @param id           the {@link ProcessSpec#id()} this expectation is about
 * @param exit         expected exit status
 * @param stdout       text that standard output must contain
 * @param stdoutRegex  pattern that must be found in standard output; compiled with
 *                     {@link Pattern#MULTILINE} so {@code ^} and {@code $} match at line ends
 *                     and {@code ^hel+o$} matches one line of output
 * @param stderr       text that standard error must contain
 * @param stderrRegex  like {@code stdoutRegex}, for standard error
 * @param endedByNanos virtual time by which the process must have exited
 * @param running      whether the process must (true) or must not (false) still run at stop time
 * @param location     where the expectation was written
 */
public record Expectation(String id, Integer exit, String stdout, Pattern stdoutRegex,
        String stderr, Pattern stderrRegex, Long endedByNanos, Boolean running, Location location) {

    /** The flags every expectation regex is compiled with. */
    public static final int REGEX_FLAGS = Pattern.MULTILINE;

    public Expectation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
    }

    /**
     * One line for reports and assertion messages, e.g.
     * {@code greet: exit == 0, stdout contains "hello"}.
     */
    public String describe() {
        List<String> checks = new ArrayList<>();
        if (exit != null) {
            checks.add("exit == " + exit);
        }
        if (stdout != null) {
            checks.add("stdout contains " + quote(stdout));
        }
        if (stdoutRegex != null) {
            checks.add("stdout matches /" + stdoutRegex.pattern() + "/");
        }
        if (stderr != null) {
            checks.add("stderr contains " + quote(stderr));
        }
        if (stderrRegex != null) {
            checks.add("stderr matches /" + stderrRegex.pattern() + "/");
        }
        if (endedByNanos != null) {
            checks.add("ended by " + Units.formatDuration(endedByNanos));
        }
        if (running != null) {
            checks.add(running ? "still running at stop" : "not running at stop");
        }
        return id + ": " + String.join(", ", checks);
    }

    Expectation withoutLocation() {
        return new Expectation(id, exit, stdout, stdoutRegex, stderr, stderrRegex, endedByNanos,
                running, Location.api());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expectation e
                && id.equals(e.id)
                && Objects.equals(exit, e.exit)
                && Objects.equals(stdout, e.stdout)
                && samePattern(stdoutRegex, e.stdoutRegex)
                && Objects.equals(stderr, e.stderr)
                && samePattern(stderrRegex, e.stderrRegex)
                && Objects.equals(endedByNanos, e.endedByNanos)
                && Objects.equals(running, e.running)
                && location.equals(e.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, exit, stdout, patternKey(stdoutRegex), stderr,
                patternKey(stderrRegex), endedByNanos, running, location);
    }

    private static boolean samePattern(Pattern a, Pattern b) {
        return Objects.equals(patternKey(a), patternKey(b));
    }

    private static String patternKey(Pattern p) {
        return p == null ? null : p.flags() + "/" + p.pattern();
    }

    /** Java-style string literal, so whitespace and quotes in expected output stay visible. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
