package org.jlibos.apps.network;

import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jlibos.kernel.neighbour.NeighbourEntry;
import org.jlibos.kernel.neighbour.NeighbourState;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.UdpHeader;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** ARP states and failures, ICMP rate limiting and IPv4 reassembly between two hosts. */
class ArpIcmpReassemblyTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int H2 = Ipv4Address.parse("10.0.1.2");

    private final Simulation sim = new Simulation(3);
    private final Network net = new Network(sim);
    private final Node h1 = sim.addNode("h1");
    private final Node h2 = sim.addNode("h2");

    ArpIcmpReassemblyTest() throws Exception {
        net.pointToPoint(h1, h2, LinkSpec.of("100Mbps", "1ms"));
        ChainTopology.address(h1, "eth0", "10.0.1.1");
        ChainTopology.address(h2, "eth0", "10.0.1.2");
    }

    private SimProcess run(Node n, String name, long at, Program p) {
        n.install(name, p);
        return n.spawn(name, at, List.of(name), Map.of());
    }

    private NeighbourEntry entry(Node n, String addr) {
        return n.kernel().ipv4().arp().lookup(n.kernel().device("eth0").ifindex(), Ipv4Address.parse(addr));
    }

    @Test
    void unresolvableNeighbourFailsAfterThreeProbesWithHostUnreachable() {
        SimProcess ping = h1.spawn("ping", S, "ping -c 1 -W 5 10.0.1.99");
        sim.runUntil(20 * S);
        assertTrue(ping.stdout().text().contains("From 10.0.1.1 icmp_seq=1 Destination Host Unreachable\n"),
                ping.stdout().text());
        assertEquals(1, ping.exitStatus());
        assertEquals(NeighbourState.FAILED, entry(h1, "10.0.1.99").state());
        // mcast_solicit = 3 broadcast requests, retrans_time_ms = 1 s apart.
        assertEquals(3, h2.kernel().ipv4().arp().requestsReceived - 1, "plus h1's gratuitous ARP at start");
        assertEquals(1, h1.kernel().ipv4().arp().resolutionFailures);
    }

    @Test
    void neighbourGoesStaleThenIsReconfirmedByProbe() {
        h1.spawn("ping", S, "ping -c 1 10.0.1.2");
        sim.runUntil(2 * S);
        NeighbourEntry e = entry(h1, "10.0.1.2");
        assertEquals(NeighbourState.REACHABLE, e.state());
        sim.runUntil(60 * S); // reachable_time is at most 45 s
        assertEquals(NeighbourState.STALE, e.state());
        h1.spawn("ping2", 60 * S, "ping -c 1 10.0.1.2");
        sim.runUntil(61 * S);
        assertEquals(NeighbourState.DELAY, e.state());
        long requestsBefore = h2.kernel().ipv4().arp().requestsReceived;
        sim.runUntil(66 * S); // delay_first_probe_time = 5 s, then a unicast probe and its reply
        assertEquals(NeighbourState.REACHABLE, e.state());
        assertEquals(requestsBefore + 1, h2.kernel().ipv4().arp().requestsReceived);
    }

    @Test
    void icmpErrorsToOneHostAreRateLimited() {
        run(h1, "blast", S, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            for (int i = 0; i < 100; i++) {
                sys.sendTo(fd, new byte[10], 0, 10, 0, new InetSockAddr(H2, 7777));
            }
            ctx.sleep(3_500 * MS);
            for (int i = 0; i < 10; i++) {
                sys.sendTo(fd, new byte[10], 0, 10, 0, new InetSockAddr(H2, 7777));
            }
            return 0;
        });
        sim.runUntil(10 * S);
        // A burst of 6, then one token per icmp_ratelimit (1 s): 3 whole tokens 3.5 s later.
        assertEquals(110, h2.kernel().snmp().get(SnmpCounter.UDP_NO_PORTS));
        assertEquals(9, h2.kernel().snmp().get(SnmpCounter.ICMP_OUT_DEST_UNREACHS));
        assertEquals(101, h2.kernel().snmp().get(SnmpCounter.ICMP_OUT_RATE_LIMIT_HOST));
        assertEquals(9, h1.kernel().snmp().get(SnmpCounter.ICMP_IN_DEST_UNREACHS));
    }

    /** A UDP fragment built by hand and sent through a raw IP_HDRINCL socket. */
    private static byte[] fragment(int id, int offset, int dataLength, boolean more, byte fill) {
        byte[] p = new byte[Ipv4Header.MIN_LENGTH + dataLength];
        Ipv4Header.write(p, 0, 0, p.length, id, false, 64, IPPROTO_UDP, Ipv4Address.parse("10.0.1.1"), H2);
        Ipv4Header.setFlagsAndFragmentOffset(p, 0, (more ? Ipv4Header.MF_BIT : 0) | (offset >>> 3));
        for (int i = Ipv4Header.MIN_LENGTH; i < p.length; i++) {
            p[i] = fill;
        }
        if (offset == 0) {
            UdpHeader.write(p, Ipv4Header.MIN_LENGTH, 4000, 9000, 8 + 1000);
            UdpHeader.setChecksum(p, Ipv4Header.MIN_LENGTH, 0);
        }
        Ipv4Header.fillChecksum(p, 0);
        return p;
    }

    @Test
    void incompleteDatagramsTimeOutWithTimeExceededAndOverlapsAreDiscarded() {
        run(h1, "frags", S, ctx -> {
            Syscalls sys = ctx.sys();
            int raw = sys.socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
            InetSockAddr to = new InetSockAddr(H2, 0);
            // Datagram 1: only its first half ever arrives.
            byte[] f = fragment(1, 0, 504, true, (byte) 1);
            sys.sendTo(raw, f, 0, f.length, 0, to);
            // Datagram 2: second fragment overlaps the first.
            f = fragment(2, 0, 504, true, (byte) 2);
            sys.sendTo(raw, f, 0, f.length, 0, to);
            f = fragment(2, 496, 512, false, (byte) 3);
            sys.sendTo(raw, f, 0, f.length, 0, to);
            return 0;
        });
        sim.runUntil(40 * S);
        var s = h2.kernel().snmp();
        assertEquals(3, s.get(SnmpCounter.IP_REASM_REQDS));
        assertEquals(0, s.get(SnmpCounter.IP_REASM_OKS));
        assertEquals(1, s.get(SnmpCounter.IP_REASM_TIMEOUT));
        assertEquals(2, s.get(SnmpCounter.IP_REASM_FAILS));
        assertEquals(1, h2.kernel().ipv4().reassembly().overlaps);
        assertEquals(0, h2.kernel().ipv4().reassembly().queueCount());
        assertEquals(1, s.get(SnmpCounter.ICMP_OUT_TIME_EXCDS));
        assertEquals(1, h1.kernel().snmp().get(SnmpCounter.ICMP_IN_TIME_EXCDS));
        assertEquals(0, s.get(SnmpCounter.UDP_IN_DATAGRAMS));
    }
}
