package org.jlibos.dce.net;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;

/**
 * h1 (10.0.0.1/24) and h2 (10.0.0.2/24) joined by a point-to-point link with 10 ms one-way
 * delay at 8 Gbit/s, so a frame of S bytes takes exactly S ns to serialise and a frame sent at
 * t arrives at t + S ns + 10 ms.
 */
final class TwoHosts {

    static final long MS = 1_000_000L;
    static final long DELAY = 10 * MS;
    static final long RATE_BPS = 8_000_000_000L;

    /** Frame sizes on the wire (Ethernet header, no padding: see EthernetLayer). */
    static final int ARP_FRAME = 14 + 28;
    /** SYN and SYN-ACK: MSS, SACK-permitted, timestamps, NOP, window scale = 20 option bytes. */
    static final int SYN_FRAME = 14 + 20 + 20 + 20;
    /** A segment with the timestamp option (12 bytes with padding) and no payload. */
    static final int ACK_FRAME = 14 + 20 + 32;
    /** A RST answering a SYN carries no options. */
    static final int RST_FRAME = 14 + 20 + 20;
    static final int UDP_HEADERS = 14 + 20 + 8;

    /**
     * When clients start: after each node's gratuitous ARP (sent when its address was added at
     * t=0) has arrived, so a first contact always resolves the peer with a full ARP exchange.
     */
    static final long START = 100 * MS;

    final Simulation sim = new Simulation(1);
    final Network net = new Network(sim);
    final Node h1 = sim.addNode("h1");
    final Node h2 = sim.addNode("h2");

    TwoHosts() throws RouteException {
        net.pointToPoint(h1, h2, LinkSpec.of(RATE_BPS, DELAY));
        address(h1, "10.0.0.1");
        address(h2, "10.0.0.2");
    }

    private static void address(Node n, String addr) throws RouteException {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device("eth0"), Ipv4Address.parse(addr), 24, -2);
    }

    /** One-way time of a frame of {@code bytes}. */
    static long oneWay(int bytes) {
        return DELAY + bytes;
    }

    SimProcess run(Node node, long atNanos, String name, Program program) {
        node.install(name, program);
        return node.spawn(null, atNanos, name);
    }
}
