package org.jlibos.bench.dce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/** Topologies and program launching shared by the DCE benchmarks. */
final class DceWorlds {

    static final long S = 1_000_000_000L;
    /** Where the build puts the example programs (run from the repository root). */
    static final Path PROGRAMS = Path.of("jlibos-dce-programs/target/jlibos-dce-programs.jar");

    private DceWorlds() {
    }

    static void requirePrograms() {
        if (!Files.isRegularFile(PROGRAMS)) {
            throw new IllegalStateException(PROGRAMS + " is missing: run from the repository root after ./mvnw package");
        }
    }

    /** h1 - r1 - r2 - h2, 100 Mbit/s and 10 ms per link, static routes (the HTTP acceptance scenario). */
    static Simulation chain() throws Exception {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1));
        Network net = new Network(sim);
        Node h1 = sim.addNode("h1");
        Node r1 = sim.addNode("r1");
        Node r2 = sim.addNode("r2");
        Node h2 = sim.addNode("h2");
        LinkSpec spec = LinkSpec.of("100Mbps", "10ms");
        net.pointToPoint(h1, r1, spec);
        net.pointToPoint(r1, r2, spec);
        net.pointToPoint(r2, h2, spec);
        address(h1, "eth0", "10.0.1.1");
        address(r1, "eth0", "10.0.1.2");
        address(r1, "eth1", "10.0.2.1");
        address(r2, "eth0", "10.0.2.2");
        address(r2, "eth1", "10.0.3.1");
        address(h2, "eth0", "10.0.3.2");
        r1.kernel().sysctl().set("net.ipv4.ip_forward", "1");
        r2.kernel().sysctl().set("net.ipv4.ip_forward", "1");
        new org.jlibos.net.routing.GlobalRouting(sim, net).install();
        return sim;
    }

    static void address(Node n, String dev, String addr) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device(dev), Ipv4Address.parse(addr), 24, -2);
    }

    static SimProcess java(Node node, String id, long at, String main, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-cp", PROGRAMS.toString(), main));
        argv.addAll(List.of(args));
        return node.spawn(id, at, argv, Map.of());
    }
}
