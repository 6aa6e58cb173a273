package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fluent construction of a {@link Scenario}, used directly from Java and by the scenario-file
 * loader, so that both go through the same validation and produce equal scenarios.
 *
 * <pre>{@code
 * Scenario s = Scenario.builder("hello")
 *         .stop("30s")
 *         .node("h1")
 *         .node("h2", n -> n.sysctl("net.ipv4.ip_forward", "1"))
 *         .run("greet", "0s", "h1", "echo hello")
 *         .expect(e -> e.id("greet").exit(0).stdout("hello"))
 *         .build();
 * }</pre>
 *
 * <p>Setters never throw for bad values: problems are collected and {@link #build} reports all
 * of them at once. Setters that take a {@link Location} exist for loaders, which know where each
 * value was written; errors then point there.
 */
public final class ScenarioBuilder {

    final Slot<String> name = new Slot<>();
    final Slot<Long> seed = new Slot<>();
    final Slot<Long> stop = new Slot<>();
    final Slot<Void> nodesSection = new Slot<>();
    final Slot<Void> runSection = new Slot<>();
    final Slot<Void> expectSection = new Slot<>();
    final List<NodeBuilder> nodes = new ArrayList<>();
    final List<RunBuilder> runs = new ArrayList<>();
    final List<ExpectationBuilder> expectations = new ArrayList<>();
    Location location = Location.api();

    ScenarioBuilder() {
    }

    /** Where the scenario starts; "missing required key" errors for the scenario point here. */
    public ScenarioBuilder location(Location where) {
        location = Objects.requireNonNull(where, "where");
        return this;
    }

    /** Sets the scenario's name (required, non-empty). */
    public ScenarioBuilder name(String name) {
        return name(name, Location.api());
    }

    public ScenarioBuilder name(String name, Location where) {
        this.name.set(Objects.requireNonNull(name, "name"), where);
        return this;
    }

    /** Sets the root seed of all random streams (default {@value Scenario#DEFAULT_SEED}). */
    public ScenarioBuilder seed(long seed) {
        return seed(seed, Location.api());
    }

    public ScenarioBuilder seed(long seed, Location where) {
        this.seed.set(seed, where);
        return this;
    }

    /** Sets the virtual time at which the run ends, as a duration such as {@code 30s} (required). */
    public ScenarioBuilder stop(String duration) {
        return stop(duration, Location.api());
    }

    public ScenarioBuilder stop(String duration, Location where) {
        Values.duration(stop, Objects.requireNonNull(duration, "duration"), where);
        return this;
    }

    /** Sets the virtual time at which the run ends, in nanoseconds (required, &gt; 0). */
    public ScenarioBuilder stop(long nanos) {
        stop.set(nanos, Location.api());
        return this;
    }

    /** Adds a node with default settings. */
    public ScenarioBuilder node(String name) {
        return node(name, Location.api(), n -> { });
    }

    /** Adds a node and configures it, e.g. {@code node("r1", n -> n.sysctl("net.ipv4.ip_forward", "1"))}. */
    public ScenarioBuilder node(String name, Consumer<NodeBuilder> settings) {
        return node(name, Location.api(), settings);
    }

    public ScenarioBuilder node(String name, Location where, Consumer<NodeBuilder> settings) {
        NodeBuilder node = new NodeBuilder(Objects.requireNonNull(name, "name"), where);
        nodes.add(node);
        settings.accept(node);
        return this;
    }

    /**
     * Adds a process.
     *
     * @param id   unique id, or null for a generated {@code <node>-<program>-<n>}
     * @param at   start time such as {@code 1s}, or null for 0s
     * @param node node to run on
     * @param cmd  command line (POSIX shell quoting)
     */
    public ScenarioBuilder run(String id, String at, String node, String cmd) {
        return run(r -> {
            if (id != null) {
                r.id(id);
            }
            if (at != null) {
                r.at(at);
            }
            r.node(node).cmd(cmd);
        });
    }

    /** Adds a process configured by {@code process}. */
    public ScenarioBuilder run(Consumer<RunBuilder> process) {
        RunBuilder run = new RunBuilder();
        runs.add(run);
        process.accept(run);
        return this;
    }

    /** Adds an expectation configured by {@code expectation}. */
    public ScenarioBuilder expect(Consumer<ExpectationBuilder> expectation) {
        ExpectationBuilder e = new ExpectationBuilder();
        expectations.add(e);
        expectation.accept(e);
        return this;
    }

    /**
     * For loaders: the source gave these keys ({@code name}, {@code seed}, {@code stop},
     * {@code nodes}, {@code run}, {@code expect}) but they could not be read, and the loader has
     * reported why. Validation then neither calls them missing nor checks what depends on them:
     * with an unreadable {@code nodes}, for instance, no process is reported for an unknown node.
     */
    public ScenarioBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "name" -> name;
                case "seed" -> seed;
                case "stop" -> stop;
                case "nodes" -> nodesSection;
                case "run" -> runSection;
                case "expect" -> expectSection;
                default -> throw new IllegalArgumentException("no scenario key '" + key + "'");
            };
            slot.reject(null, location);
        }
        return this;
    }

    /**
     * Validates everything and returns the scenario.
     *
     * @param env the programs and sysctls that may be used
     * @throws ScenarioException with every problem found, in document order
     */
    public Scenario build(ScenarioEnvironment env) throws ScenarioException {
        return new Validation(this, Objects.requireNonNull(env, "env")).run().scenario();
    }

    /**
     * Checks everything without building, for loaders that have errors of their own to report
     * together with these. A loader that used {@code invalid(...)} has reported at least one
     * error, so it must not call {@link #build} unless both lists are empty.
     *
     * @return the problems found, in the order found (sort with {@link ScenarioError#DOCUMENT_ORDER})
     */
    public List<ScenarioError> validate(ScenarioEnvironment env) {
        return new Validation(this, Objects.requireNonNull(env, "env")).run().errors();
    }

    /** {@link #build(ScenarioEnvironment)} accepting every program and sysctl. */
    public Scenario build() throws ScenarioException {
        return build(ScenarioEnvironment.PERMISSIVE);
    }
}
