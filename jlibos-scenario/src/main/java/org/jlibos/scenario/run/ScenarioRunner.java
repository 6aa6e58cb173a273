package org.jlibos.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.tcp.TcpState;
import org.jlibos.kernel.tcp.TcpTimeSeries;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.jlibos.net.channel.Channel;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.lan.EthernetLan;
import org.jlibos.net.lan.SwitchPort;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.routing.GlobalRouting;
import org.jlibos.net.topology.Network;
import org.jlibos.net.topology.TimedActions;
import org.jlibos.scenario.model.Expectation;
import org.jlibos.scenario.model.FaultEvent;
import org.jlibos.scenario.model.Lan;
import org.jlibos.scenario.model.Link;
import org.jlibos.scenario.model.NodeSpec;
import org.jlibos.scenario.model.ProcessSpec;
import org.jlibos.scenario.model.Routes;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.SimulationException;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;
import org.jlibos.sim.units.Units;

/**
 * Runs a {@link Scenario}: builds the simulated world it describes, runs it to its stop time,
 * and checks its expectations. This is the helper side of the ns-3 model/helper split: it
 * only wires models together.
 *
 * <p>The world is built in a fixed order, so that device names, MAC addresses and random
 * streams never depend on anything but the scenario: nodes (with their sysctls), captures
 * (which apply to every device created later), links, LANs, addresses, routes, faults as timed
 * network changes, and last the processes.
 */
public final class ScenarioRunner {

    private final ProgramRegistry programs;

    public ScenarioRunner() {
        this(ProgramRegistry.discover());
    }

    public ScenarioRunner(ProgramRegistry programs) {
        this.programs = programs;
    }

    public ProgramRegistry programs() {
        return programs;
    }

    /** The environment scenarios are validated against: this runner's programs and the kernel's sysctls. */
    public InstalledEnvironment environment() {
        return new InstalledEnvironment(programs);
    }

    public RunResult run(Scenario scenario, RunOptions options) {
        long seed = options.seed() != null ? options.seed() : scenario.seed();
        long stop = options.stopNanos() != null ? options.stopNanos() : scenario.stopNanos();
        SimulationConfig config = SimulationConfig.withSeed(seed)
                .withWatchdog(options.watchdogWallNanos())
                .withRetainedTrace(options.retainTrace());
        Simulation sim = new Simulation(config, programs);

        for (NodeSpec spec : scenario.nodes().values()) {
            Node node = sim.addNode(spec.name());
            node.kernel().tcp().setRecordTimeSeries(true);
            for (Map.Entry<String, String> e : spec.sysctl().entrySet()) {
                try {
                    node.kernel().sysctl().set(e.getKey(), e.getValue());
                } catch (SysctlException ex) {
                    throw new IllegalArgumentException(spec.location() + ": " + ex.getMessage(), ex);
                }
            }
            for (Map.Entry<String, String> e : spec.hosts().entrySet()) {
                node.hosts().add(e.getKey(), org.jlibos.kernel.wire.Ipv4Address.parse(e.getValue()));
            }
        }
        Network net = new Network(sim);
        Path captureDirectory = null;
        String error = null;
        Map<String, SimProcess> processes = new LinkedHashMap<>();
        Map<Node, Set<TcpSocket>> connections = new LinkedHashMap<>();
        try {
            // Captures first, so that they also see what the kernels send while being set up
            // (the gratuitous ARP of each address added).
            captureDirectory = startCapture(scenario, options, net);
            buildNetwork(scenario, sim, net);
            for (ProcessSpec p : scenario.run()) {
                Node node = sim.node(p.node());
                processes.put(p.id(), node.spawn(p.id(), p.atNanos(), p.argv(), Map.of()));
            }

            options.onStart().accept(sim);
            try {
                sim.runUntil(stop);
            } catch (SimulationException e) {
                error = e.getMessage();
            }
        } finally {
            net.close();
        }
        List<String> pcaps = new ArrayList<>();
        for (Path f : net.captureFiles()) {
            pcaps.add(captureDirectory.relativize(f).toString().replace('\\', '/'));
        }

        List<ProcessResult> processResults = new ArrayList<>();
        for (ProcessSpec spec : scenario.run()) {
            SimProcess p = processes.get(spec.id());
            processResults.add(new ProcessResult(spec.id(), spec.node(), spec.cmd(), p.pid(),
                    p.isAlive() ? null : p.exitStatus(), p.isAlive() ? null : p.endedAtNanos(),
                    p.stdout().text(), p.stderr().text()));
        }
        List<AssertionResult> assertions = new ArrayList<>();
        for (Expectation x : scenario.expect()) {
            assertions.add(check(x, processes.get(x.id()), sim.now()));
        }
        return new RunResult(scenario.name(), seed, sim.now(), sim.wallNanos() / 1_000_000,
                sim.simulator().eventsDispatched(), sim.nodes().size(), processResults, assertions,
                linkResults(net), lanResults(net), pcaps, captureDirectory, String.format("%016x", sim.traceHash()), error,
                timeSeries(sim, connections), sim);
    }

    /** Connections whose time series the results include: every recorded one that had a peer. */
    private static void noteConnections(Simulation sim, Map<Node, Set<TcpSocket>> seen) {
        for (Node node : sim.nodes()) {
            Set<TcpSocket> set = seen.computeIfAbsent(node, n -> new LinkedHashSet<>());
            for (TcpSocket s : node.kernel().tcp().recordedSockets()) {
                if (s.timeSeries() != null && s.remotePort() != 0 && s.state() != TcpState.LISTEN) {
                    set.add(s);
                }
            }
        }
    }

    /**
     * The time series of every TCP connection seen during the run (listeners are left out), keyed
     * by {@code timeseries/<node>-<localport>-<remoteaddr>-<remoteport>.csv} (a suffix {@code -2},
     * {@code -3}, ... when a 4-tuple was used again), in node order and then creation order.
     */
    static Map<String, TcpTimeSeries> timeSeries(Simulation sim, Map<Node, Set<TcpSocket>> seen) {
        noteConnections(sim, seen);
        Map<String, TcpTimeSeries> out = new LinkedHashMap<>();
        for (Node node : sim.nodes()) {
            for (TcpSocket s : seen.getOrDefault(node, Set.of())) {
                TcpTimeSeries ts = s.timeSeries();
                if (ts == null || ts.size() == 0) {
                    continue;
                }
                String base = "timeseries/" + node.name() + "-" + s.localPort() + "-"
                        + Ipv4Address.format(s.remoteAddressValue()) + "-" + s.remotePort();
                String name = base + ".csv";
                for (int n = 2; out.containsKey(name); n++) {
                    name = base + "-" + n + ".csv";
                }
                out.put(name, ts);
            }
        }
        return out;
    }

    /** Links, LANs, addresses, routes and timed faults, in that order. */
    private static void buildNetwork(Scenario scenario, Simulation sim, Network net) {
        List<PointToPointLink> links = new ArrayList<>(scenario.links().size());
        for (Link l : scenario.links()) {
            PointToPointLink link = net.pointToPoint(sim.node(l.nodeA()), sim.node(l.nodeB()), l.medium());
            if (!link.name().equals(l.name())) {
                throw new IllegalStateException("the network named link " + l + " '" + link.name() + "'");
            }
            links.add(link);
        }
        List<EthernetLan> lans = new ArrayList<>(scenario.lans().size());
        for (Lan l : scenario.lans()) {
            List<Node> members = l.nodes().stream().map(sim::node).toList();
            lans.add(net.lan(l.name(), members, l.medium()));
        }
        for (int i = 0; i < links.size(); i++) {
            List<Ipv4Prefix> addresses = scenario.links().get(i).addresses();
            if (!addresses.isEmpty()) {
                address(links.get(i).nodeA(), links.get(i).deviceA(), addresses.get(0));
                address(links.get(i).nodeB(), links.get(i).deviceB(), addresses.get(1));
            }
        }
        for (int i = 0; i < lans.size(); i++) {
            Lan l = scenario.lans().get(i);
            for (int m = 0; m < l.addresses().size(); m++) {
                Node node = sim.node(l.nodes().get(m));
                address(node, lans.get(i).device(node), l.addresses().get(m));
            }
        }
        if (scenario.routes() == Routes.AUTO) {
            new GlobalRouting(sim, net).install();
        }
        for (FaultEvent f : scenario.faults()) {
            TimedActions at = net.at(f.atNanos());
            switch (f.action()) {
                case FaultEvent.LinkState s -> at.setLinkUp(net.link(s.link()), s.up());
                case FaultEvent.LinkRate r -> at.setRate(net.link(r.link()), r.rateBps());
                case FaultEvent.Partition p -> at.partition(p.groups().stream()
                        .map(g -> g.stream().map(sim::node).toList()).toList());
                case FaultEvent.Heal h -> at.heal();
            }
        }
    }

    private static void address(Node node, NetDevice device, Ipv4Prefix address) {
        try {
            node.kernel().ipv4().addAddress(device, address.address(), address.length(), -2);
        } catch (RouteException e) {
            throw new IllegalStateException("cannot add " + address + " to " + node.name() + ":" + device.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the scenario's captures into {@code <output>/pcap/}, or into a fresh temporary
     * directory when the run has no output directory. Captures of an earlier run into the same
     * directory are removed first, so the directory describes exactly one run.
     *
     * @return the directory the captures go to, or null when nothing is captured
     */
    private static Path startCapture(Scenario scenario, RunOptions options, Network net) {
        try {
            Path dir = options.outputDirectory();
            if (dir != null) {
                removeOldCaptures(dir.resolve("pcap"));
            }
            if (!scenario.capture().any()) {
                return null;
            }
            if (dir == null) {
                dir = Files.createTempDirectory("jlibos-capture-");
            }
            net.capture(dir, scenario.capture().all() ? List.of() : scenario.capture().devices());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the capture directory: " + e.getMessage(), e);
        }
    }

    private static void removeOldCaptures(Path pcapDir) throws IOException {
        if (!Files.isDirectory(pcapDir)) {
            return;
        }
        try (Stream<Path> old = Files.list(pcapDir)) {
            for (Path p : old.toList()) {
                if (p.getFileName().toString().endsWith(".pcap")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Per-direction counters of every link. */
    private static List<LinkResult> linkResults(Network net) {
        List<LinkResult> results = new ArrayList<>();
        for (PointToPointLink l : net.links()) {
            results.add(new LinkResult(l.name(), List.of(
                    direction(l.forward().name(), l.forward(), l.deviceA().qdisc(), l.deviceA()),
                    direction(l.reverse().name(), l.reverse(), l.deviceB().qdisc(), l.deviceB()))));
        }
        return results;
    }

    /** Per-direction counters of every LAN cable. */
    private static List<LinkResult> lanResults(Network net) {
        List<LinkResult> results = new ArrayList<>();
        for (EthernetLan lan : net.lans()) {
            List<LinkResult.DirectionResult> directions = new ArrayList<>();
            String prefix = lan.name() + ":";
            for (SwitchPort p : lan.ports()) {
                NetDevice device = p.devicePort().device();
                directions.add(direction(stripPrefix(p.toSwitch().name(), prefix), p.toSwitch(), device.qdisc(),
                        device));
                directions.add(direction(stripPrefix(p.toNode().name(), prefix), p.toNode(), p.queue(), null));
            }
            results.add(new LinkResult(lan.name(), directions));
        }
        return results;
    }

    private static String stripPrefix(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** @param sender the sending device, or null for a switch port */
    private static LinkResult.DirectionResult direction(String name, Channel c, Qdisc senderQueue, NetDevice sender) {
        DirectionStats s = c.stats();
        return new LinkResult.DirectionResult(name, s.framesSent, s.bytesSent, s.framesDelivered, s.bytesDelivered,
                s.lost(), s.lostRandom, s.lostBurst, s.lostLinkDown, s.lostPartition, s.lostOversize, s.duplicated,
                s.corrupted, senderQueue.drops(), sender == null ? 0 : sender.stats().txCarrierErrors);
    }

    /** Checks one expectation; the message says what was seen, pass or fail. */
    static AssertionResult check(Expectation x, SimProcess p, long endNanos) {
        List<String> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        boolean alive = p.isAlive();
        String state = alive ? "still running at " + Units.formatDuration(endNanos)
                : "exited with status " + p.exitStatus() + " at " + Units.formatDuration(p.endedAtNanos());
        seen.add(state);
        if (x.exit() != null && (alive || p.exitStatus() != x.exit())) {
            failures.add("expected exit status " + x.exit() + ", but the process " + state);
        }
        if (x.endedByNanos() != null && (alive || p.endedAtNanos() > x.endedByNanos())) {
            failures.add("expected to end by " + Units.formatDuration(x.endedByNanos()) + ", but the process " + state);
        }
        if (x.running() != null && x.running() != alive) {
            failures.add(x.running() ? "expected to be running at the end, but the process " + state
                    : "expected to have ended, but the process is " + state);
        }
        String out = p.stdout().text();
        String err = p.stderr().text();
        if (x.stdout() != null && !out.contains(x.stdout())) {
            failures.add("stdout does not contain \"" + x.stdout() + "\"; stdout was " + excerpt(out));
        }
        if (x.stdoutRegex() != null && !x.stdoutRegex().matcher(out).find()) {
            failures.add("stdout does not match /" + x.stdoutRegex().pattern() + "/; stdout was " + excerpt(out));
        }
        if (x.stderr() != null && !err.contains(x.stderr())) {
            failures.add("stderr does not contain \"" + x.stderr() + "\"; stderr was " + excerpt(err));
        }
        if (x.stderrRegex() != null && !x.stderrRegex().matcher(err).find()) {
            failures.add("stderr does not match /" + x.stderrRegex().pattern() + "/; stderr was " + excerpt(err));
        }
        if (failures.isEmpty()) {
            return new AssertionResult(x.describe(), true, "process " + state);
        }
        return new AssertionResult(x.describe(), false, String.join("; ", failures));
    }

    private static String excerpt(String text) {
        if (text.isEmpty()) {
            return "empty";
        }
        String t = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "\"" + t.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
