package org.jlibos.apps.tcp;

import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.topology.LinkSpec;

/** Goodput over a lossy 10 Mbit/s, 50 ms link vs the Mathis model MSS/RTT * sqrt(3/2) / sqrt(p). */
public final class MathisMain {
    public static void main(String[] args) throws Exception {
        String cc = args.length > 0 ? args[0] : "cubic";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        for (double p : new double[] {0.001, 0.01, 0.02}) {
            LinkSpec base = LinkSpec.of("10Mbps", "50ms").withQueuePackets(100);
            TcpNet t = new TcpNet(1, base.withFaults(FaultSpec.NONE.withLoss(p)), base);
            Bulk bulk = new Bulk(t, 5001);
            bulk.zeros = true;
            bulk.congestion = cc;
            bulk.start(0, TcpNet.S, -1, TcpNet.S + seconds * TcpNet.S);
            t.sim.runUntil((seconds + 5) * TcpNet.S);
            double goodput = bulk.goodputMbps(0, seconds);
            double mathis = 1448 * 8 / 0.1 * Math.sqrt(1.5) / Math.sqrt(p) / 1e6;
            System.out.printf("%s p=%.3f goodput %.3f Mbit/s, Mathis %.3f, ratio %.2f, timeouts %d, retrans %d%n", cc, p,
                    goodput, mathis, goodput / Math.min(mathis, 9.6), t.a.kernel().snmp().get("TcpExtTCPTimeouts"),
                    t.a.kernel().snmp().get("TcpRetransSegs"));
        }
    }
}
