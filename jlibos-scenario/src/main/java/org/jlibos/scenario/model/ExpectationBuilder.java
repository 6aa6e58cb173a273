package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;

/**
 * One expectation, filled in by {@link ScenarioBuilder#expect(java.util.function.Consumer)}. Set
 * the process {@link #id(String)} and at least one check.
 *
 * <p>Each setter has a variant taking the {@link Location} the value was written at, for
 * loaders; builder users use the short forms.
 */
public final class ExpectationBuilder {

    final Slot<String> id = new Slot<>();
    final Slot<Integer> exit = new Slot<>();
    final Slot<String> stdout = new Slot<>();
    final Slot<String> stdoutRegex = new Slot<>();
    final Slot<String> stderr = new Slot<>();
    final Slot<String> stderrRegex = new Slot<>();
    final Slot<Long> endedBy = new Slot<>();
    final Slot<Boolean> running = new Slot<>();
    Location location = Location.api();

    ExpectationBuilder() {
    }

    /** The checks in the order they are described and validated, with their file-format names. */
    List<Slot<?>> checks() {
        return List.of(exit, stdout, stdoutRegex, stderr, stderrRegex, endedBy, running);
    }

    /** Where the whole entry was written; "missing key" and "no checks" errors point here. */
    public ExpectationBuilder location(Location where) {
        location = Objects.requireNonNull(where, "where");
        return this;
    }

    /** The id of the process this expectation is about (required). */
    public ExpectationBuilder id(String id) {
        return id(id, Location.api());
    }

    public ExpectationBuilder id(String id, Location where) {
        this.id.set(Objects.requireNonNull(id, "id"), where);
        return this;
    }

    /** The process must exit with this status (0 to 255). */
    public ExpectationBuilder exit(int status) {
        return exit(status, Location.api());
    }

    public ExpectationBuilder exit(int status, Location where) {
        exit.set(status, where);
        return this;
    }

    /** Standard output must contain this text. */
    public ExpectationBuilder stdout(String text) {
        return stdout(text, Location.api());
    }

    public ExpectationBuilder stdout(String text, Location where) {
        stdout.set(Objects.requireNonNull(text, "text"), where);
        return this;
    }

    /** Standard output must contain a match of this regex (multi-line mode: ^ and $ match at lines). */
    public ExpectationBuilder stdoutRegex(String regex) {
        return stdoutRegex(regex, Location.api());
    }

    public ExpectationBuilder stdoutRegex(String regex, Location where) {
        stdoutRegex.set(Objects.requireNonNull(regex, "regex"), where);
        return this;
    }

    /** Standard error must contain this text. */
    public ExpectationBuilder stderr(String text) {
        return stderr(text, Location.api());
    }

    public ExpectationBuilder stderr(String text, Location where) {
        stderr.set(Objects.requireNonNull(text, "text"), where);
        return this;
    }

    /** Standard error must contain a match of this regex (multi-line mode). */
    public ExpectationBuilder stderrRegex(String regex) {
        return stderrRegex(regex, Location.api());
    }

    public ExpectationBuilder stderrRegex(String regex, Location where) {
        stderrRegex.set(Objects.requireNonNull(regex, "regex"), where);
        return this;
    }

    /** The process must have exited by this virtual time, e.g. {@code 6s}. */
    public ExpectationBuilder endedBy(String duration) {
        return endedBy(duration, Location.api());
    }

    public ExpectationBuilder endedBy(String duration, Location where) {
        Values.duration(endedBy, Objects.requireNonNull(duration, "duration"), where);
        return this;
    }

    /** The process must (true) or must not (false) still be running when the scenario stops. */
    public ExpectationBuilder running(boolean running) {
        return running(running, Location.api());
    }

    public ExpectationBuilder running(boolean running, Location where) {
        this.running.set(running, where);
        return this;
    }

    /**
     * For loaders: the source gave these keys (file-format names: {@code id}, {@code exit},
     * {@code stdout}, {@code stdout_regex}, {@code stderr}, {@code stderr_regex},
     * {@code ended_by}, {@code running}) but they could not be read, and the loader has reported
     * why. Validation then neither calls them missing nor reports "no checks".
     */
    public ExpectationBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "id" -> id;
                case "exit" -> exit;
                case "stdout" -> stdout;
                case "stdout_regex" -> stdoutRegex;
                case "stderr" -> stderr;
                case "stderr_regex" -> stderrRegex;
                case "ended_by" -> endedBy;
                case "running" -> running;
                default -> throw new IllegalArgumentException("no expectation key '" + key + "'");
            };
            slot.reject(null, location);
        }
        return this;
    }
}
