package org.jlibos.apps.tcp;

import org.jlibos.net.topology.LinkSpec;

/**
 * Scenario A as a program, for the benchmark figures: 2 nodes, 100 Mbit/s, 10 ms one way, MTU
 * 1500, 100-packet device queues, one bulk flow for N seconds (default 60). Prints goodput,
 * simulated seconds per wall second, packets per wall second and events per second.
 * Usage: ScenarioAMain [seconds] [cubic|reno]
 */
public final class ScenarioAMain {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String cc = args.length > 1 ? args[1] : "cubic";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int r = 0; r < runs; r++) {
            run(seconds, cc);
        }
    }

    static Result run(int seconds, String cc) throws Exception {
        LinkSpec spec = LinkSpec.of("100Mbps", "10ms").withQueuePackets(100);
        TcpNet t = new TcpNet(1, spec);
        Bulk bulk = new Bulk(t, 5001);
        bulk.zeros = true;
        bulk.congestion = cc;
        long start = TcpNet.S;
        bulk.start(0, start, -1, start + seconds * TcpNet.S);
        long wall0 = System.nanoTime();
        t.sim.runUntil(start + seconds * TcpNet.S + 5 * TcpNet.S);
        long wall = System.nanoTime() - wall0;
        long packets = t.link.forward().stats().framesSent + t.link.reverse().stats().framesSent;
        long events = t.sim.simulator().eventsDispatched();
        double goodput = bulk.goodputMbps(0, seconds);
        double simSeconds = (start + seconds * TcpNet.S + 5 * TcpNet.S) / 1e9;
        System.out.printf("scenario A %s %ds: goodput %.2f Mbit/s, retrans %d, wall %.3f s, %.1f sim-s/wall-s, %.0f packets/wall-s, %.0f events/s%n",
                cc, seconds, goodput, bulk.senderInfo == null ? -1 : bulk.senderInfo.totalRetrans, wall / 1e9,
                simSeconds / (wall / 1e9), packets / (wall / 1e9), events / (wall / 1e9));
        return new Result(goodput, wall, packets, events, bulk);
    }

    record Result(double goodputMbps, long wallNanos, long packets, long events, Bulk bulk) {
    }
}
