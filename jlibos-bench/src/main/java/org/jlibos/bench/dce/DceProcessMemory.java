package org.jlibos.bench.dce;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Memory per simulated JVM process: starts N copies of a program (each on its own node of one
 * LAN), runs 2 simulated seconds so they are up and idle, then measures the heap in use after a
 * full GC and the metaspace, and compares with the same world without the programs. Each
 * process has its own class loader, so metaspace grows with the classes it loads.
 *
 * <pre>
 * jlibos-bench/run-dce-benchmarks.sh DceProcessMemory [processes=50] [http|echo]
 * </pre>
 */
public final class DceProcessMemory {

    private DceProcessMemory() {
    }

    public static void main(String[] args) throws Exception {
        DceWorlds.requirePrograms();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String program = args.length > 1 ? args[1] : "http";
        long[] base = measure(n, null);
        long[] with = measure(n, program);
        System.out.printf("%d %s processes: heap %.1f MiB more (%.0f KiB per process), metaspace %.1f MiB more (%.0f KiB per process)%n",
                n, program, (with[0] - base[0]) / 1048576.0, (with[0] - base[0]) / 1024.0 / n,
                (with[1] - base[1]) / 1048576.0, (with[1] - base[1]) / 1024.0 / n);
    }

    /** Heap and metaspace in use with n nodes, each running {@code program} (or nothing). */
    private static long[] measure(int n, String program) throws Exception {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1));
        Network net = new Network(sim);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(sim.addNode("n" + i));
        }
        net.lan("lan", nodes, LinkSpec.of("1Gbps", "1ms"));
        List<SimProcess> procs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.get(i).kernel().ipv4().addAddress(nodes.get(i).kernel().device("eth0"),
                    Ipv4Address.parse("10." + (i / 250) + "." + (i % 250) + ".1") , 8, -2);
            if (program != null) {
                procs.add(program.equals("http")
                        ? DceWorlds.java(nodes.get(i), "p" + i, 0, "org.jlibos.dce.programs.HttpEchoServer", "8080")
                        : DceWorlds.java(nodes.get(i), "p" + i, 0, "org.jlibos.dce.programs.SocketEcho", "server", "7000"));
            }
        }
        sim.runUntil(2 * DceWorlds.S);
        for (SimProcess p : procs) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p + " ended: " + p.stderr().text());
            }
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long meta = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                meta = pool.getUsage().getUsed();
            }
        }
        // Keep the world reachable until measured.
        if (sim.nodes().size() != n) {
            throw new AssertionError();
        }
        return new long[] {heap, meta};
    }
}
