package org.jlibos.bench.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.routing.GlobalRouting;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Scenario benchmark for {@code routes: auto}: a complete binary tree of N nodes (each link
 * 1 Gbps, 1 ms, its own /30), global routing on demand, then one ping between the two leaves
 * farthest apart. Prints wall times per phase and the heap the run needed. This is the
 * benchmark ns-3 3.37 needs 5.4 s for at 10,000 nodes with hand-written static routes.
 *
 * <pre>
 * java -Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED -cp jlibos-bench/target/benchmarks.jar \
 *      org.jlibos.bench.scenario.RoutingScale 10000
 * </pre>
 */
public final class RoutingScale {

    private RoutingScale() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long t0 = System.nanoTime();
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withWatchdog(0));
        Network net = new Network(sim);
        List<Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(sim.addNode("n" + i));
        }
        LinkSpec spec = LinkSpec.of(1_000_000_000L, 1_000_000L);
        for (int i = 1; i < n; i++) {
            PointToPointLink link = net.pointToPoint(nodes.get((i - 1) / 2), nodes.get(i), spec);
            int subnet = 0x0a000000 + 4 * (i - 1);
            address(link.nodeA().kernel(), link.deviceA().name(), subnet + 1);
            address(link.nodeB().kernel(), link.deviceB().name(), subnet + 2);
        }
        for (Node node : nodes) {
            forwarding(node);
        }
        GlobalRouting routing = new GlobalRouting(sim, net);
        routing.install();
        long built = System.nanoTime();

        int deepest = Integer.highestOneBit(n) - 1; // leftmost node of the last level
        int src = n - 1;                           // rightmost node of the last level
        int dstAddress = 0x0a000000 + 4 * (deepest - 1) + 2;
        String dst = ((dstAddress >>> 24) & 0xff) + "." + ((dstAddress >>> 16) & 0xff) + "." + ((dstAddress >>> 8) & 0xff)
                + "." + (dstAddress & 0xff);
        SimProcess ping = nodes.get(src).spawn("ping", 0, "ping -c 1 " + dst);
        sim.runUntil(60_000_000_000L);
        long ran = System.nanoTime();

        System.out.print(ping.stdout().text());
        System.out.printf("nodes %d, links %d, route searches %d%n", n, n - 1, routing.searches);
        System.out.printf("build %.2f s, routes + ping %.2f s, total %.2f s wall; %d events%n",
                (built - t0) / 1e9, (ran - built) / 1e9, (ran - t0) / 1e9, sim.simulator().eventsDispatched());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        System.out.printf("heap: %d MiB live after the run, %d MiB peak, max %d MiB%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, peak >> 20, rt.maxMemory() >> 20);
        if (ping.exitStatus() != 0) {
            System.exit(1);
        }
    }

    private static void address(Kernel k, String dev, int address) throws RouteException {
        k.ipv4().addAddress(k.device(dev), address, 30, -2);
    }

    private static void forwarding(Node node) throws SysctlException {
        node.kernel().sysctl().set("net.ipv4.ip_forward", "1");
    }
}
