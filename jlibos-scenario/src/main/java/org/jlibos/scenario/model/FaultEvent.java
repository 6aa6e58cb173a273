package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;
import org.jlibos.sim.units.Units;

/**
 * A change of the network at a virtual time ({@code faults:} in a scenario file). Changes at
 * the same time happen in the order written.
 *
 * @param atNanos  when, in virtual nanoseconds, before the scenario's stop time
 * @param action   what changes
 * @param location where the entry was written
 */
public record FaultEvent(long atNanos, Action action, Location location) {

    public FaultEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(location, "location");
    }

    /** One change; an entry has exactly one. */
    public sealed interface Action permits LinkState, LinkRate, Partition, Heal {
    }

    /**
     * Plugs a link out ({@code up == false}: both devices lose carrier, frames in flight are
     * lost) or back in.
     */
    public record LinkState(String link, boolean up) implements Action {
        public LinkState {
            Objects.requireNonNull(link, "link");
        }
    }

    /** Changes the data rate of both directions of a link from their next frame on. */
    public record LinkRate(String link, long rateBps) implements Action {
        public LinkRate {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * Splits the nodes into groups that cannot reach each other; nodes not listed form one more
     * group together. Replaces any earlier partition.
     */
    public record Partition(List<List<String>> groups) implements Action {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }
    }

    /** Ends a partition. Links set down stay down. */
    public record Heal() implements Action {
    }

    /** One line for traces and reports, e.g. {@code 5s: link h1-r1 down}. */
    public String describe() {
        String what = switch (action) {
            case LinkState s -> "link " + s.link() + (s.up() ? " up" : " down");
            case LinkRate r -> "link " + r.link() + " rate " + Units.formatRate(r.rateBps());
            case Partition p -> "partition " + p.groups();
            case Heal h -> "heal";
        };
        return Units.formatDuration(atNanos) + ": " + what;
    }

    FaultEvent withoutLocation() {
        return new FaultEvent(atNanos, action, Location.api());
    }
}
