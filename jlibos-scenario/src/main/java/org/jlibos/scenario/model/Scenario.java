package org.jlibos.scenario.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete, validated description of one simulation run: the same object whether it came
 * from a scenario file or from {@link #builder(String)}, so the runner has one input type.
 *
 * <p>Build it with {@link ScenarioBuilder} (or load it with the scenario-file loader) rather than
 * the canonical constructor: only the builder validates references between elements.
 *
 * @param name      human name of the scenario, used in reports
 * @param seed      root seed from which every random stream is derived (default 1)
 * @param stopNanos virtual time at which the simulation ends, &gt; 0
 * @param nodes     nodes by name, in declaration order (unmodifiable)
 * @param run       processes, in the order written
 * @param expect    checks evaluated after the run, in the order written
 * @param links     point-to-point links, in creation order
 * @param lans      Ethernet LANs, in creation order (after all links)
 * @param routes    which routes nodes get besides connected ones
 * @param faults    network changes at virtual times, in the order written
 * @param capture   which devices are captured into pcap files
 * @param location  where the scenario starts (the top-level mapping of a file)
 */
public record Scenario(String name, long seed, long stopNanos, Map<String, NodeSpec> nodes,
        List<ProcessSpec> run, List<Expectation> expect, List<Link> links, List<Lan> lans, Routes routes,
        List<FaultEvent> faults, Capture capture, Location location) {

    /** The seed of a scenario that does not choose one. */
    public static final long DEFAULT_SEED = 1;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(capture, "capture");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        run = List.copyOf(run);
        expect = List.copyOf(expect);
        links = List.copyOf(links);
        lans = List.copyOf(lans);
        faults = List.copyOf(faults);
    }

    /** A scenario without a network: no links, LANs, routes, faults or capture. */
    public Scenario(String name, long seed, long stopNanos, Map<String, NodeSpec> nodes,
            List<ProcessSpec> run, List<Expectation> expect, Location location) {
        this(name, seed, stopNanos, nodes, run, expect, List.of(), List.of(), Routes.NONE, List.of(),
                Capture.NONE, location);
    }

    /** Starts a fluent builder for a scenario named {@code name}. */
    public static ScenarioBuilder builder(String name) {
        return new ScenarioBuilder().name(name);
    }

    /** Starts a builder whose name is set later, for loaders that meet the name mid-document. */
    public static ScenarioBuilder builder() {
        return new ScenarioBuilder();
    }

    /**
     * This scenario with every location replaced by {@link Location#api()}: equal to the
     * builder-made scenario with the same content, which is how "file and API mean the same" is
     * checked.
     */
    public Scenario withoutLocations() {
        Map<String, NodeSpec> plainNodes = new LinkedHashMap<>();
        nodes.forEach((nodeName, node) -> plainNodes.put(nodeName, node.withoutLocation()));
        return new Scenario(name, seed, stopNanos, plainNodes,
                run.stream().map(ProcessSpec::withoutLocation).toList(),
                expect.stream().map(Expectation::withoutLocation).toList(),
                links.stream().map(Link::withoutLocation).toList(),
                lans.stream().map(Lan::withoutLocation).toList(),
                routes,
                faults.stream().map(FaultEvent::withoutLocation).toList(),
                capture,
                Location.api());
    }
}
