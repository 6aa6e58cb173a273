package org.jlibos.apps.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Source-based policy routing configured with ip rule / ip route, checked on the wire. */
class PolicyRoutingTest {

    private static final long S = 1_000_000_000L;

    @Test
    void packetsFromOneSourceUseTheirOwnTable() throws Exception {
        Simulation sim = new Simulation(1);
        Network net = new Network(sim);
        Node h = sim.addNode("h");
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        net.pointToPoint(h, a, LinkSpec.of("100Mbps", "1ms"));
        net.pointToPoint(h, b, LinkSpec.of("100Mbps", "5ms"));
        ChainTopology.address(h, "eth0", "10.0.1.1");
        ChainTopology.address(a, "eth0", "10.0.1.2");
        ChainTopology.address(h, "eth1", "10.0.2.1");
        ChainTopology.address(b, "eth0", "10.0.2.2");
        // 192.0.2.1 lives on both a and b (an anycast-like service), reached through either.
        for (Node n : new Node[] {a, b}) {
            n.spawn(null, 0, "ip addr add 192.0.2.1/32 dev lo");
        }
        h.spawn(null, 0, "ip route add default via 10.0.1.2");
        h.spawn(null, 0, "ip route add default via 10.0.2.2 table 100");
        h.spawn(null, 0, "ip rule add from 10.0.2.1 table 100");
        a.spawn(null, 0, "ip route add default via 10.0.1.1");
        b.spawn(null, 0, "ip route add default via 10.0.2.1");
        SimProcess rules = h.spawn("rules", S / 2, "ip rule show");
        SimProcess viaMain = h.spawn("main", S / 2, "ip route get 192.0.2.1");
        SimProcess viaPolicy = h.spawn("policy", S / 2, "ip route get 192.0.2.1 from 10.0.2.1");
        SimProcess pingMain = h.spawn("ping1", S, "ping -c 2 192.0.2.1");
        SimProcess pingPolicy = h.spawn("ping2", 4 * S, "ping -c 2 -I 10.0.2.1 192.0.2.1");
        sim.runUntil(10 * S);

        assertEquals("""
                0:\tfrom all lookup local
                32765:\tfrom 10.0.2.1 lookup 100
                32766:\tfrom all lookup main
                32767:\tfrom all lookup default
                """, rules.stdout().text());
        assertEquals(true, viaMain.stdout().text().startsWith("192.0.2.1 via 10.0.1.2 dev eth0 src 10.0.1.1 "),
                viaMain.stdout().text());
        assertEquals(true, viaPolicy.stdout().text().startsWith("192.0.2.1 from 10.0.2.1 via 10.0.2.2 dev eth1 "),
                viaPolicy.stdout().text());
        // 98-byte frames: 7.84 us per hop at 100 Mbit/s; 1 ms links one way, 5 ms the other.
        assertEquals(true, pingMain.stdout().text().contains("icmp_seq=2 ttl=64 time=2.02 ms"), pingMain.stdout().text());
        assertEquals(true, pingPolicy.stdout().text().contains("icmp_seq=2 ttl=64 time=10.0 ms"), pingPolicy.stdout().text());
    }
}
