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
 * <p>The network: {@link #link} and {@link #lan} (created in that order, links first), then
 * {@link #routesAuto()}, timed {@link #fault}s and {@link #capture}:
 *
 * <pre>{@code
 * Scenario.builder("chain").stop("20s")
 *         .node("h1").node("r1", n -> n.sysctl("net.ipv4.ip_forward", "1")).node("h2")
 *         .link(l -> l.between("h1", "r1").rate("100Mbps").delay("10ms"))
 *         .link(l -> l.between("r1", "h2").rate("10Mbps").delay("5ms").loss("1%"))
 *         .routesAuto()
 *         .fault(f -> f.at("5s").linkDown("h1-r1"))
 *         .captureAll()
 *         .run("ping", "1s", "h1", "ping -c 5 h2")
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
    final Slot<Void> linksSection = new Slot<>();
    final Slot<Void> lansSection = new Slot<>();
    final Slot<Void> faultsSection = new Slot<>();
    final Slot<Void> captureSection = new Slot<>();
    final Slot<Routes> routes = new Slot<>();
    final List<LinkBuilder> links = new ArrayList<>();
    final List<LanBuilder> lans = new ArrayList<>();
    final List<FaultBuilder> faults = new ArrayList<>();
    /** Given: capture every device. */
    final Slot<Boolean> captureAll = new Slot<>();
    final List<Token> captureDevices = new ArrayList<>();
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
     * Adds a point-to-point link, e.g. {@code link(l -> l.between("h1", "r1").rate("100Mbps"))}.
     * Links are created in the order added, each giving both its nodes their next device
     * ({@code eth0}, {@code eth1}, ...).
     */
    public ScenarioBuilder link(Consumer<LinkBuilder> link) {
        LinkBuilder l = new LinkBuilder();
        links.add(l);
        link.accept(l);
        return this;
    }

    /** Adds an Ethernet LAN, e.g. {@code lan(l -> l.name("lan1").nodes("a", "b", "c"))}; LANs come after all links. */
    public ScenarioBuilder lan(Consumer<LanBuilder> lan) {
        LanBuilder l = new LanBuilder();
        lans.add(l);
        lan.accept(l);
        return this;
    }

    /** Gives every node static shortest-path routes to every subnet ({@code routes: auto}). */
    public ScenarioBuilder routesAuto() {
        return routes(Routes.AUTO, Location.api());
    }

    public ScenarioBuilder routes(Routes routes, Location where) {
        this.routes.set(Objects.requireNonNull(routes, "routes"), where);
        return this;
    }

    /** For loaders: {@code auto} or {@code none}. */
    public ScenarioBuilder routes(String routes, Location where) {
        switch (Objects.requireNonNull(routes, "routes")) {
            case "auto" -> this.routes.set(Routes.AUTO, where);
            case "none" -> this.routes.set(Routes.NONE, where);
            default -> this.routes.reject("expected auto or none for 'routes', got '" + routes + "'", where);
        }
        return this;
    }

    /** Adds a network change at a virtual time, e.g. {@code fault(f -> f.at("5s").linkDown("h1-r1"))}. */
    public ScenarioBuilder fault(Consumer<FaultBuilder> fault) {
        FaultBuilder f = new FaultBuilder();
        faults.add(f);
        fault.accept(f);
        return this;
    }

    /** Captures every link and LAN device into {@code pcap/<node>-<device>.pcap} ({@code capture: all}). */
    public ScenarioBuilder captureAll() {
        return captureAll(Location.api());
    }

    public ScenarioBuilder captureAll(Location where) {
        captureAll.set(true, where);
        return this;
    }

    /** Captures the devices named "node:device", e.g. {@code capture("h1:eth0", "r1:eth1")}. */
    public ScenarioBuilder capture(String... devices) {
        return capture(Token.api(List.of(devices)));
    }

    /** {@link #capture(String...)} for loaders: each device name with its location. */
    public ScenarioBuilder capture(List<Token> devices) {
        captureDevices.addAll(devices);
        return this;
    }

    /**
     * For loaders: the source gave these keys ({@code name}, {@code seed}, {@code stop},
     * {@code nodes}, {@code run}, {@code expect}, {@code links}, {@code lans}, {@code routes},
     * {@code faults}, {@code capture}) but they could not be read, and the loader has reported
     * why. Validation then neither calls them missing nor checks what depends on them: with an
     * unreadable {@code nodes}, for instance, no process is reported for an unknown node.
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
                case "links" -> linksSection;
                case "lans" -> lansSection;
                case "routes" -> routes;
                case "faults" -> faultsSection;
                case "capture" -> captureSection;
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
