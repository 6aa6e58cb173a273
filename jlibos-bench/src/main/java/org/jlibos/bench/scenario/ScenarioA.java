package org.jlibos.bench.scenario;

import static org.jlibos.kernel.socket.SocketConstants.AF_INET;
import static org.jlibos.kernel.socket.SocketConstants.SOCK_STREAM;
import static org.jlibos.kernel.socket.SocketConstants.SOL_SOCKET;
import static org.jlibos.kernel.socket.SocketConstants.SOL_TCP;
import static org.jlibos.kernel.socket.SocketConstants.SO_REUSEADDR;
import static org.jlibos.kernel.socket.SocketConstants.TCP_CONGESTION;

import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Scenario A benchmark, the same as our ns-3 reference: 2 nodes on a point-to-point link of
 * 100 Mbit/s, 10 ms one way, MTU 1500, a device queue of 100 packets (tail drop) each way; one
 * bulk TCP flow (SACK and timestamps: 1448-byte segments) for N simulated seconds from a sender
 * to a sink. Each run is a fresh simulation; runs share the JVM (so later runs show the JIT
 * warmed up). Prints per run the goodput at the sink and the speed of the simulation: simulated
 * seconds per wall second, packets per wall second (frames sent on the link, both ways), events
 * per wall second, and the wall time of the run. The most TCP can carry here is 96.40 Mbit/s.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp jlibos-bench/target/benchmarks.jar \
 *      org.jlibos.bench.scenario.ScenarioA [seconds=60] [cubic|reno=cubic] [runs=3]
 * </pre>
 */
public final class ScenarioA {

    private static final long S = 1_000_000_000L;
    private static final int PORT = 5001;
    private static final int A = Ipv4Address.parse("10.0.0.1");
    private static final int B = Ipv4Address.parse("10.0.0.2");

    private ScenarioA() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String cc = args.length > 1 ? args[1] : "cubic";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean ok = true;
        for (int r = 1; r <= runs; r++) {
            ok &= run(r, seconds, cc);
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** One run in a fresh simulation; false when a program failed. */
    private static boolean run(int index, int seconds, String cc) throws Exception {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1).withWatchdog(0));
        Network net = new Network(sim);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        LinkSpec spec = LinkSpec.of("100Mbps", "10ms").withMtu(1500).withQueuePackets(100);
        PointToPointLink link = net.pointToPoint(a, b, spec, spec);
        address(a, A);
        address(b, B);

        long start = S; // the sender starts at 1 s, the sink listens from 0 s
        long until = start + seconds * S;
        long[] receivedAtSecond = new long[seconds + 1];
        SimProcess sink = spawn(b, "sink", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(l, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(l, new InetSockAddr(0, PORT));
            sys.listen(l, 16);
            int c = sys.accept(l, null);
            byte[] buf = new byte[131072];
            long total = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                total += n;
                long sec = (ctx.now() - start) / S;
                if (sec >= 0 && sec < receivedAtSecond.length) {
                    receivedAtSecond[(int) sec] = total;
                }
            }
            sys.close(c);
            sys.close(l);
            return 0;
        });
        SimProcess source = spawn(a, "source", start, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_TCP, TCP_CONGESTION, cc);
            sys.connect(s, new InetSockAddr(B, PORT));
            byte[] buf = new byte[131072];
            while (ctx.now() < until) {
                sys.write(s, buf, 0, buf.length);
            }
            sys.close(s);
            return 0;
        });

        long end = until + 5 * S; // time for the last bytes and the close
        long wall0 = System.nanoTime();
        sim.runUntil(end);
        long wall = System.nanoTime() - wall0;

        // Goodput over the sender's whole seconds [0, seconds): bytes the sink had read by then.
        long bytes = seconds > 0 ? receivedAtSecond[seconds - 1] : 0;
        double goodput = seconds > 0 ? bytes * 8.0 / seconds / 1e6 : 0;
        long packets = link.forward().stats().framesSent + link.reverse().stats().framesSent;
        long events = sim.simulator().eventsDispatched();
        double wallS = wall / 1e9;
        System.out.printf("run %d: scenario A %s %d s: goodput %.2f Mbit/s, %.1f sim-s/wall-s, %.0f packets/wall-s, "
                        + "%.0f events/s, wall %.3f s (%d packets, %d events, %.0f simulated s)%n",
                index, cc, seconds, goodput, end / 1e9 / wallS, packets / wallS, events / wallS, wallS, packets,
                events, end / 1e9);
        boolean ok = !source.isAlive() && source.exitStatus() == 0 && !sink.isAlive() && sink.exitStatus() == 0;
        if (!ok) {
            System.out.print(source.stderr().text());
            System.out.print(sink.stderr().text());
        }
        return ok;
    }

    private static SimProcess spawn(Node n, String name, long at, org.jlibos.sim.process.Program p) {
        n.install(name, p);
        return n.spawn(name, at, List.of(name), Map.of());
    }

    private static void address(Node n, int address) throws RouteException {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device("eth0"), address, 24, -2);
    }
}
