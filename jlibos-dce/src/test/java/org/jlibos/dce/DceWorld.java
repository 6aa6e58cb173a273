package org.jlibos.dce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Test topology for DCE programs: h1 - r1 - r2 - h2 (10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24),
 * 100 Mbit/s and 10 ms per link, static routes, plus helpers to start JVM programs.
 */
public final class DceWorld {

    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    public final Simulation sim;
    public final Network net;
    public final Node h1;
    public final Node r1;
    public final Node r2;
    public final Node h2;

    public DceWorld(long seed) {
        this(SimulationConfig.withSeed(seed));
    }

    public DceWorld(SimulationConfig config) {
        sim = new Simulation(config);
        net = new Network(sim);
        h1 = sim.addNode("h1");
        r1 = sim.addNode("r1");
        r2 = sim.addNode("r2");
        h2 = sim.addNode("h2");
        LinkSpec spec = LinkSpec.of("100Mbps", "10ms");
        net.pointToPoint(h1, r1, spec);
        net.pointToPoint(r1, r2, spec);
        net.pointToPoint(r2, h2, spec);
        try {
            address(h1, "eth0", "10.0.1.1");
            address(r1, "eth0", "10.0.1.2");
            address(r1, "eth1", "10.0.2.1");
            address(r2, "eth0", "10.0.2.2");
            address(r2, "eth1", "10.0.3.1");
            address(h2, "eth0", "10.0.3.2");
            r1.kernel().sysctl().set("net.ipv4.ip_forward", "1");
            r2.kernel().sysctl().set("net.ipv4.ip_forward", "1");
            route(h1, "0.0.0.0", 0, "10.0.1.2", "eth0");
            route(r1, "10.0.3.0", 24, "10.0.2.2", "eth1");
            route(r2, "10.0.1.0", 24, "10.0.2.1", "eth0");
            route(h2, "0.0.0.0", 0, "10.0.3.1", "eth0");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void address(Node n, String dev, String addr) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device(dev), Ipv4Address.parse(addr), 24, -2);
    }

    private static void route(Node n, String dst, int len, String via, String dev) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().fib().main().add(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, Ipv4Address.parse(dst), len,
                Ipv4Address.parse(via), k.device(dev).ifindex(), 0, Route.Scope.UNIVERSE, Route.Protocol.BOOT, 0, 0));
    }

    /** Records every event (time, what, and for thread steps the thread's name) for diffing two runs. */
    public List<String> recordEvents() {
        List<String> log = new ArrayList<>();
        sim.simulator().setEventObserver(e -> {
            String what = e.describe();
            if (e instanceof org.jlibos.sim.thread.NodeScheduler.ContinuationEvent ce) {
                Thread t = org.jlibos.sim.thread.SimThreads.threadOfContinuation(ce.continuation());
                what = "step " + (t == null ? "?" : t.getName().replaceAll("@[0-9a-f]+", "@").replaceAll("\\d+", "#"));
            }
            log.add(sim.now() + " " + what);
        });
        return log;
    }

    /** The first event where two recorded runs differ, with context, or "" when they agree. */
    public static String firstDivergence(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                StringBuilder sb = new StringBuilder("runs diverge at event " + i + ":\n");
                for (int k = Math.max(0, i - 10); k <= i + 5; k++) {
                    sb.append(k < a.size() ? a.get(k) : "<end>").append("    |    ").append(k < b.size() ? b.get(k) : "<end>").append('\n');
                }
                return sb.toString();
            }
        }
        return "";
    }

    /** The jlibos-dce-programs jar (or classes directory): the programs' own class path. */
    public static Path testPrograms() {
        try {
            return Path.of(org.jlibos.dce.programs.HttpEchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code java --artifact <coordinate> -cp <test programs> main args...}: a test
     * program that uses a library from Maven Central.
     */
    public static SimProcess javaWith(String artifact, Node node, String id, long atNanos, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "--artifact", artifact, "-cp", testPrograms().toString(), main.getName()));
        argv.addAll(List.of(args));
        return node.spawn(id, atNanos, argv, Map.of());
    }

    /** Starts {@code java -cp <test programs> main args...} on {@code node} at {@code atNanos}. */
    public static SimProcess java(Node node, String id, long atNanos, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-cp", testPrograms().toString(), main.getName()));
        argv.addAll(List.of(args));
        return node.spawn(id, atNanos, argv, Map.of());
    }
}
