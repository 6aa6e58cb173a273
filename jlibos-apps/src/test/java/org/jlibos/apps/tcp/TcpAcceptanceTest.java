package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.apps.tcp.TcpNet.US;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.routing.GlobalRouting;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Test;

/**
 * The TCP issue's acceptance figures as tests: a lossy link against the Mathis model, a
 * 10-flow dumbbell (aggregate goodput and Jain's fairness), and 100 MB through a hostile path
 * arriving byte-identical. Everything is deterministic (fixed seeds), so the numbers printed
 * are the same on every run; the bounds are the issue's.
 */
class TcpAcceptanceTest {

    // ---------------------------------------------------------------- 1. Mathis model

    static final double[] LOSSES = {0.001, 0.01, 0.02};
    /** The duration of each lossy-link run. */
    static final int MATHIS_SECONDS = 100;

    @Test
    void lossyLinkCubicFollowsTheMathisModel() throws Exception {
        mathis("cubic");
    }

    @Test
    void lossyLinkRenoFollowsTheMathisModel() throws Exception {
        mathis("reno");
    }

    private static void mathis(String cc) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format("Mathis %s, 10 Mbit/s, 50 ms one way, %d s%n", cc, MATHIS_SECONDS));
        table.append(String.format("%8s %14s %14s %7s %9s %8s%n", "loss", "goodput Mb/s", "model Mb/s", "ratio",
                "retrans", "RTOs"));
        double[] ratios = new double[LOSSES.length];
        for (int i = 0; i < LOSSES.length; i++) {
            double p = LOSSES[i];
            LinkSpec base = LinkSpec.of("10Mbps", "50ms").withQueuePackets(100);
            TcpNet t = new TcpNet(1, base.withFaults(FaultSpec.NONE.withLoss(p)), base);
            Bulk bulk = new Bulk(t, 5001);
            bulk.zeros = true;
            bulk.congestion = cc;
            bulk.start(0, S, -1, S + MATHIS_SECONDS * S);
            t.sim.runUntil((MATHIS_SECONDS + 5) * S);
            double goodput = bulk.goodputMbps(0, MATHIS_SECONDS);
            double model = 1448 * 8 / 0.1 * Math.sqrt(1.5) / Math.sqrt(p) / 1e6;
            ratios[i] = goodput / model;
            table.append(String.format("%7.1f%% %14.3f %14.3f %7.2f %9d %8d%n", p * 100, goodput, model, ratios[i],
                    t.a.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS),
                    t.a.kernel().snmp().get("TcpExtTCPTimeouts")));
        }
        System.out.print(table);
        for (int i = 0; i < LOSSES.length; i++) {
            assertTrue(ratios[i] >= 0.4 && ratios[i] <= 1.2,
                    cc + " loss " + LOSSES[i] + ": ratio " + ratios[i] + " outside [0.4, 1.2]\n" + table);
        }
    }

    // ---------------------------------------------------------------- 2. Dumbbell

    static final int FLOWS = 10;
    static final int DUMBBELL_SECONDS = 30;

    @Test
    void dumbbellTenCubicFlowsFillTheBottleneckFairly() throws Exception {
        dumbbell("cubic");
    }

    @Test
    void dumbbellTenRenoFlowsFillTheBottleneckFairly() throws Exception {
        dumbbell("reno");
    }

    /**
     * s0..s9 - r1 - r2 - d0..d9: access links 1 Gbit/s 1 ms (default 1000-packet queues),
     * bottleneck r1-r2 100 Mbit/s 20 ms with 100-packet queues each way (as scenario A's
     * devices). Addresses: s_i 10.1.i.1/24 (r1 10.1.i.2), d_i 10.2.i.2/24 (r2 10.2.i.1),
     * bottleneck 10.0.0.1 (r1) / 10.0.0.2 (r2); routes from GlobalRouting.
     */
    static final class Dumbbell {
        final Simulation sim = new Simulation(1);
        final Network net = new Network(sim);
        final Node r1 = sim.addNode("r1");
        final Node r2 = sim.addNode("r2");
        final Node[] senders = new Node[FLOWS];
        final Node[] receivers = new Node[FLOWS];

        Dumbbell() throws RouteException, SysctlException {
            LinkSpec access = LinkSpec.of("1Gbps", "1ms");
            LinkSpec bottleneck = LinkSpec.of("100Mbps", "20ms").withQueuePackets(100);
            net.pointToPoint(r1, r2, bottleneck);
            address(r1, "eth0", "10.0.0.1");
            address(r2, "eth0", "10.0.0.2");
            for (int i = 0; i < FLOWS; i++) {
                senders[i] = sim.addNode("s" + i);
                receivers[i] = sim.addNode("d" + i);
                net.pointToPoint(senders[i], r1, access);
                net.pointToPoint(r2, receivers[i], access);
                address(senders[i], "eth0", "10.1." + i + ".1");
                address(r1, "eth" + (i + 1), "10.1." + i + ".2");
                address(r2, "eth" + (i + 1), "10.2." + i + ".1");
                address(receivers[i], "eth0", "10.2." + i + ".2");
            }
            r1.kernel().sysctl().set("net.ipv4.ip_forward", "1");
            r2.kernel().sysctl().set("net.ipv4.ip_forward", "1");
            new GlobalRouting(sim, net).install();
        }

        static void address(Node n, String dev, String addr) throws RouteException {
            Kernel k = n.kernel();
            k.ipv4().addAddress(k.device(dev), Ipv4Address.parse(addr), 24, -2);
        }
    }

    /** One timed bulk flow from {@code from} to {@code toAddr}: bytes the sink had read by each second. */
    static final class Flow {
        final long[] receivedAtSecond = new long[DUMBBELL_SECONDS + 10];
        long received;
        long doneAt = -1;

        Flow(Node from, Node to, int toAddr, int port, String cc, long start, long until) {
            to.install("sink" + port, ctx -> {
                Syscalls sys = ctx.sys();
                int l = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.bind(l, new InetSockAddr(0, port));
                sys.listen(l, 4);
                int c = sys.accept(l, null);
                byte[] buf = new byte[131072];
                int n;
                long total = 0;
                while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                    total += n;
                    long sec = (ctx.now() - start) / S;
                    if (sec >= 0 && sec < receivedAtSecond.length) {
                        receivedAtSecond[(int) sec] = total;
                    }
                }
                received = total;
                doneAt = ctx.now();
                sys.close(c);
                sys.close(l);
                return 0;
            });
            to.spawn("sink" + port, 0, List.of("sink" + port), Map.of());
            from.install("source" + port, ctx -> {
                Syscalls sys = ctx.sys();
                int s = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.setsockopt(s, SOL_TCP, TCP_CONGESTION, cc);
                sys.connect(s, new InetSockAddr(toAddr, port));
                byte[] buf = new byte[131072];
                while (ctx.now() < until) {
                    sys.write(s, buf, 0, buf.length);
                }
                sys.close(s);
                return 0;
            });
            from.spawn("source" + port, start, List.of("source" + port), Map.of());
        }

        /** Bytes read in whole seconds [0, seconds) after the flow's start. */
        long bytesBy(int seconds) {
            long b = 0;
            for (int i = 0; i < seconds; i++) {
                b = Math.max(b, receivedAtSecond[i]);
            }
            return b;
        }
    }

    private static void dumbbell(String cc) throws Exception {
        Dumbbell d = new Dumbbell();
        Flow[] flows = new Flow[FLOWS];
        long start = S;
        for (int i = 0; i < FLOWS; i++) {
            // Starts 1 ms apart, so the SYNs do not collide; all run for the same 30 s.
            long at = start + i * MS;
            flows[i] = new Flow(d.senders[i], d.receivers[i], Ipv4Address.parse("10.2." + i + ".2"), 5001 + i, cc, at,
                    at + DUMBBELL_SECONDS * S);
        }
        d.sim.runUntil(start + (DUMBBELL_SECONDS + 5) * S);
        double[] mbps = new double[FLOWS];
        double sum = 0;
        double sumSq = 0;
        StringBuilder table = new StringBuilder(String.format("Dumbbell %s, %d flows, %d s:%n", cc, FLOWS,
                DUMBBELL_SECONDS));
        for (int i = 0; i < FLOWS; i++) {
            mbps[i] = flows[i].bytesBy(DUMBBELL_SECONDS) * 8.0 / DUMBBELL_SECONDS / 1e6;
            sum += mbps[i];
            sumSq += mbps[i] * mbps[i];
            table.append(String.format("  flow %d: %.3f Mbit/s, retrans %d%n", i, mbps[i],
                    d.senders[i].kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS)));
        }
        double jain = sum * sum / (FLOWS * sumSq);
        table.append(String.format("  aggregate %.3f Mbit/s, Jain %.4f%n", sum, jain));
        System.out.print(table);
        assertTrue(sum >= 90.0, "aggregate goodput " + sum + " < 90 Mbit/s\n" + table);
        assertTrue(jain >= 0.8, "Jain's index " + jain + " < 0.8\n" + table);
    }

    // ---------------------------------------------------------------- 3. Integrity

    static final long INTEGRITY_BYTES = 100L * 1000 * 1000;

    /**
     * 100 MB over 1 Gbit/s, 500 us one way, with 5% loss, 1% duplication, 0.1% corruption and
     * up to 500 us of reordering jitter in both directions: every byte arrives, CRC32C of the
     * sent and received streams equal, within a bounded virtual time (EOF at 113.2 s virtual;
     * about 1 s of wall time).
     */
    @Test
    void hundredMegabytesArriveByteIdenticalThroughAHostilePath() throws Exception {
        FaultSpec f = FaultSpec.NONE.withLoss(0.05).withDuplicate(0.01).withCorrupt(0.001)
                .withJitter(500 * US, true);
        TcpNet t = new TcpNet(11, LinkSpec.of("1Gbps", "500us").withFaults(f));
        Bulk bulk = new Bulk(t, 5001);
        long limit = 600 * S;
        bulk.start(0, S, INTEGRITY_BYTES, 0);
        long wall0 = System.nanoTime();
        t.sim.runUntil(limit);
        long wall = System.nanoTime() - wall0;
        // The longest run of whole seconds (since the source started) in which the sink read nothing.
        int stall = 0;
        int run = 0;
        long doneSecond = bulk.receiverDoneAt < 0 ? bulk.receivedAtSecond.length : (bulk.receiverDoneAt - S) / S;
        for (int i = 0; i < Math.min(doneSecond, bulk.receivedAtSecond.length); i++) {
            run = bulk.receivedAtSecond[i] == 0 ? run + 1 : 0;
            stall = Math.max(stall, run);
        }
        System.out.printf("Integrity: longest stretch without progress %d whole second(s)%n", stall);
        System.out.printf("Integrity: %d bytes sent, %d received, crc %08x / %08x, done at %.3f s virtual, "
                        + "%.2f s wall, retrans %d, csum errors %d, RTOs %d%n",
                bulk.sent, bulk.received, bulk.senderCrc, bulk.receiverCrc, bulk.receiverDoneAt / 1e9, wall / 1e9,
                t.a.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS),
                t.b.kernel().snmp().get(SnmpCounter.TCP_IN_CSUM_ERRORS)
                        + t.a.kernel().snmp().get(SnmpCounter.TCP_IN_CSUM_ERRORS),
                t.a.kernel().snmp().get("TcpExtTCPTimeouts"));
        assertTrue(bulk.receiverDoneAt > 0 && bulk.receiverDoneAt < limit, "no EOF by " + limit / S + " s: hang");
        assertEquals(INTEGRITY_BYTES, bulk.sent);
        assertEquals(INTEGRITY_BYTES, bulk.received);
        assertEquals(bulk.senderCrc, bulk.receiverCrc);
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_IN_CSUM_ERRORS) > 0, "corruption was exercised");
        // No stall: the issue gives no figure, so this bound is ours. With 5% loss each way a
        // retransmission and its ACK fail together about 1 time in 10, and each failure doubles
        // the ~285 ms RTO; 3 failures in a row (seen once in this run, at 5.1-9.1 s) leave ~3 s
        // without progress. 10 s allows 5 failures in a row (0.285 * 31 = 8.8 s), probability ~1e-5.
        assertTrue(stall <= 10, "no progress for " + stall + " s");
    }
}
