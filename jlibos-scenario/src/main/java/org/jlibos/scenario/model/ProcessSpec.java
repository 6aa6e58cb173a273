package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;
import org.jlibos.sim.units.ShellWords;

/**
 * A program started on a node at a given virtual time.
 *
 * @param id       unique id that expectations and reports refer to; entries written without one
 *                 get {@code <node>-<program>-<n>}, n being the 1-based position in the run list,
 *                 so the id stays stable while the entry stays where it is
 * @param atNanos  start time in virtual nanoseconds, before the scenario's stop time
 * @param node     name of the node it runs on
 * @param cmd      the command line as written; see {@link #argv()}
 * @param location where the run entry was written
 */
public record ProcessSpec(String id, long atNanos, String node, String cmd, Location location) {

    public ProcessSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(location, "location");
    }

    /** The command split into words with POSIX shell quoting ({@link ShellWords}). */
    public List<String> argv() {
        return ShellWords.split(cmd);
    }

    /** The program to start: the first word of {@link #cmd()}. */
    public String program() {
        return argv().getFirst();
    }

    ProcessSpec withoutLocation() {
        return new ProcessSpec(id, atNanos, node, cmd, Location.api());
    }
}
