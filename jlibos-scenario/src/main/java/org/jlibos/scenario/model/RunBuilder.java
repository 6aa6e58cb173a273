package org.jlibos.scenario.model;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jlibos.sim.units.ShellWords;

/**
 * One process of the run list, filled in by {@link ScenarioBuilder#run(java.util.function.Consumer)}.
 * Named so as not to clash with {@link java.lang.ProcessBuilder}.
 *
 * <p>Each setter has a variant taking the {@link Location} the value was written at, for
 * loaders; builder users use the short forms.
 */
public final class RunBuilder {

    final Slot<String> id = new Slot<>();
    final Slot<Long> at = new Slot<>();
    final Slot<String> node = new Slot<>();
    final Slot<String> cmd = new Slot<>();
    Location location = Location.api();

    RunBuilder() {
    }

    /** Where the whole entry was written; "missing key" errors point here. */
    public RunBuilder location(Location where) {
        location = Objects.requireNonNull(where, "where");
        return this;
    }

    /** Sets the id; without one the process gets {@code <node>-<program>-<n>}. */
    public RunBuilder id(String id) {
        return id(id, Location.api());
    }

    public RunBuilder id(String id, Location where) {
        this.id.set(Objects.requireNonNull(id, "id"), where);
        return this;
    }

    /** Sets the start time as a duration such as {@code 1s} (default 0s). */
    public RunBuilder at(String duration) {
        return at(duration, Location.api());
    }

    public RunBuilder at(String duration, Location where) {
        Values.duration(at, Objects.requireNonNull(duration, "duration"), where);
        return this;
    }

    /** Sets the start time in virtual nanoseconds. */
    public RunBuilder at(long nanos) {
        at.set(nanos, Location.api());
        return this;
    }

    /** Sets the node the process runs on (required). */
    public RunBuilder node(String node) {
        return node(node, Location.api());
    }

    public RunBuilder node(String node, Location where) {
        this.node.set(Objects.requireNonNull(node, "node"), where);
        return this;
    }

    /** Sets the command line, split with POSIX shell quoting (required). */
    public RunBuilder cmd(String cmd) {
        return cmd(cmd, Location.api());
    }

    public RunBuilder cmd(String cmd, Location where) {
        this.cmd.set(Objects.requireNonNull(cmd, "cmd"), where);
        return this;
    }

    /**
     * Runs an unmodified JVM program: the {@code java} command line with {@code classPath}
     * (jars or directories), {@code mainClass} and its {@code args} (see docs/dce.md).
     */
    public RunBuilder java(List<String> classPath, String mainClass, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-cp",
                String.join(File.pathSeparator, classPath), mainClass));
        argv.addAll(List.of(args));
        return cmd(ShellWords.join(argv));
    }

    /**
     * Runs a JVM program from the local Maven repository: {@code artifact} (a coordinate
     * {@code group:artifact:version}) and its runtime dependencies, then {@code mainClass}.
     */
    public RunBuilder javaArtifact(String artifact, String mainClass, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "--artifact", artifact, mainClass));
        argv.addAll(List.of(args));
        return cmd(ShellWords.join(argv));
    }

    /**
     * For loaders: the source gave these keys ({@code id}, {@code at}, {@code node}, {@code cmd})
     * but they could not be read, and the loader has reported why. Validation then neither calls
     * them missing nor checks anything that depends on them.
     */
    public RunBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "id" -> id;
                case "at" -> at;
                case "node" -> node;
                case "cmd" -> cmd;
                default -> throw new IllegalArgumentException("no run key '" + key + "'");
            };
            slot.reject(null, location);
        }
        return this;
    }
}
