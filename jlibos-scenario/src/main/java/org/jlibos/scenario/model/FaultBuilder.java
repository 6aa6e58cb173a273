package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;

/**
 * One network change at a virtual time, filled in by
 * {@link ScenarioBuilder#fault(java.util.function.Consumer)}:
 *
 * <pre>{@code
 * .fault(f -> f.at("5s").linkDown("h1-r1"))
 * .fault(f -> f.at("8s").linkUp("h1-r1"))
 * .fault(f -> f.at("10s").partition(List.of("h1", "r1"), List.of("r2", "h2")))
 * .fault(f -> f.at("12s").heal())
 * .fault(f -> f.at("15s").linkRate("r1-r2", "1Mbps"))
 * }</pre>
 *
 * Set {@link #at} and exactly one action. Loaders set the file's keys one by one
 * ({@link #link}, {@link #down}, {@link #rate}, {@link #partition(List, Location)},
 * {@link #heal(boolean, Location)}) and validation checks that they make one action.
 */
public final class FaultBuilder {

    final Slot<Long> at = new Slot<>();
    final Slot<String> link = new Slot<>();
    final Slot<Boolean> down = new Slot<>();
    final Slot<Long> rate = new Slot<>();
    final Slot<List<List<Token>>> partition = new Slot<>();
    final Slot<Boolean> heal = new Slot<>();
    Location location = Location.api();

    FaultBuilder() {
    }

    /** Where the whole entry was written; "missing key" and "no action" errors point here. */
    public FaultBuilder location(Location where) {
        location = Objects.requireNonNull(where, "where");
        return this;
    }

    /** When the change happens, e.g. {@code 5s} (required, before the scenario stops). */
    public FaultBuilder at(String duration) {
        return at(duration, Location.api());
    }

    public FaultBuilder at(String duration, Location where) {
        Values.duration(at, Objects.requireNonNull(duration, "duration"), where);
        return this;
    }

    public FaultBuilder at(long nanos) {
        at.set(nanos, Location.api());
        return this;
    }

    /** Plugs the link out: both devices lose carrier, frames in flight are lost. */
    public FaultBuilder linkDown(String link) {
        return link(link, Location.api()).down(true, Location.api());
    }

    /** Plugs the link back in. */
    public FaultBuilder linkUp(String link) {
        return link(link, Location.api()).down(false, Location.api());
    }

    /** Changes the data rate of both directions of the link, e.g. {@code linkRate("r1-r2", "1Mbps")}. */
    public FaultBuilder linkRate(String link, String rate) {
        return link(link, Location.api()).rate(rate, Location.api());
    }

    /** Splits the nodes into these groups; nodes not listed form one more group. */
    @SafeVarargs
    public final FaultBuilder partition(List<String>... groups) {
        return partition(List.of(groups).stream().map(Token::api).toList(), Location.api());
    }

    /** Ends a partition. */
    public FaultBuilder heal() {
        return heal(true, Location.api());
    }

    /** For loaders: the link a {@code down} or {@code rate} change applies to ("h1-r1"). */
    public FaultBuilder link(String link, Location where) {
        this.link.set(Objects.requireNonNull(link, "link"), where);
        return this;
    }

    /** For loaders: {@code down: true} plugs the link out, {@code down: false} back in. */
    public FaultBuilder down(boolean down, Location where) {
        this.down.set(down, where);
        return this;
    }

    /** For loaders: the new data rate of the link, e.g. {@code 1Mbps}. */
    public FaultBuilder rate(String rate, Location where) {
        Values.rate(this.rate, Objects.requireNonNull(rate, "rate"), where);
        return this;
    }

    /** For loaders: the partition's groups, each node with its location. */
    public FaultBuilder partition(List<List<Token>> groups, Location where) {
        partition.set(groups.stream().map(List::copyOf).toList(), where);
        return this;
    }

    /** For loaders: {@code heal: true}; {@code heal: false} is an error (it would do nothing). */
    public FaultBuilder heal(boolean heal, Location where) {
        if (heal) {
            this.heal.set(true, where);
        } else {
            this.heal.reject("'heal: false' does nothing: write 'heal: true' or remove the entry", where);
        }
        return this;
    }

    /**
     * For loaders, like {@link RunBuilder#invalid}: keys {@code at}, {@code link}, {@code down},
     * {@code rate}, {@code partition}, {@code heal}.
     */
    public FaultBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "at" -> at;
                case "link" -> link;
                case "down" -> down;
                case "rate" -> rate;
                case "partition" -> partition;
                case "heal" -> heal;
                default -> throw new IllegalArgumentException("no fault key '" + key + "'");
            };
            slot.reject(null, location);
        }
        return this;
    }
}
