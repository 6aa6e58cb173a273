package org.jlibos.apps.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** ping and traceroute across h1 - r1 - r2 - h2 (100 Mbps, 10 ms per link). */
class PingTracerouteTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** ns-3 PointToPoint timing: a frame of n bytes takes n*8/rate on the wire plus the delay. */
    static long hop(int frameBytes) {
        return frameBytes * 8L * 1_000_000_000L / 100_000_000L + 10 * MS;
    }

    @Test
    void pingAcrossTwoRoutersHasExactRtts() throws Exception {
        ChainTopology t = new ChainTopology(LinkSpec.of("100Mbps", "10ms"));
        SimProcess ping = t.h1.spawn("ping", S, "ping -c 5 -i 1 10.0.3.2");
        t.sim.runUntil(20 * S);

        // Echo: 56 data + 8 ICMP + 20 IP + 14 Ethernet = 98-byte frames, three hops each way.
        long rtt = 6 * hop(98);
        // The first echo waits for ARP on each hop of the way out (42-byte request and reply);
        // the way back reuses the entries the requests created (STALE, used at once).
        long arp = 3 * 2 * hop(42);
        assertEquals(60_047_040, rtt);
        assertEquals(60_020_160, arp);
        String expected = """
                PING 10.0.3.2 (10.0.3.2) 56(84) bytes of data.
                64 bytes from 10.0.3.2: icmp_seq=1 ttl=62 time=120 ms
                64 bytes from 10.0.3.2: icmp_seq=2 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=3 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=4 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=5 ttl=62 time=60.0 ms

                --- 10.0.3.2 ping statistics ---
                5 packets transmitted, 5 received, 0% packet loss, time 4060ms
                rtt min/avg/max/mdev = 60.047/72.051/120.067/24.008 ms
                """;
        assertEquals(expected, ping.stdout().text());
        assertEquals(0, ping.exitStatus());
        assertEquals(S + 4 * S + rtt, ping.endedAtNanos());
        assertEquals(10, t.r1.kernel().snmp().get(SnmpCounter.IP_FORW_DATAGRAMS));
        assertEquals(5, t.h2.kernel().snmp().get(SnmpCounter.ICMP_IN_ECHOS));
    }

    @Test
    void tracerouteListsTheRoutersInOrder() throws Exception {
        ChainTopology t = new ChainTopology(LinkSpec.of("100Mbps", "10ms"));
        // A ping first, so every neighbour entry on the path exists and probes see no ARP delay.
        t.h1.spawn("warmup", S, "ping -c 1 10.0.3.2");
        SimProcess tr = t.h1.spawn("tr", 3 * S, "traceroute -n 10.0.3.2");
        t.sim.runUntil(60 * S);
        List<String> lines = tr.stdout().text().lines().toList();
        assertEquals("traceroute to 10.0.3.2 (10.0.3.2), 30 hops max, 60 byte packets", lines.get(0));
        assertEquals(4, lines.size(), tr.stdout().text());
        assertTrue(lines.get(1).startsWith(" 1  10.0.1.2  "), lines.get(1));
        assertTrue(lines.get(2).startsWith(" 2  10.0.2.2  "), lines.get(2));
        assertTrue(lines.get(3).startsWith(" 3  10.0.3.2  "), lines.get(3));
        // Probe: 60-byte datagram = 74-byte frame; time exceeded quotes it whole: 8+60+20+14 = 102 bytes.
        long hop1 = hop(74) + hop(102);
        assertEquals(String.format(" 2  10.0.2.2  %.3f ms  %.3f ms  %.3f ms", 2 * hop1 / 1e6, 2 * hop1 / 1e6, 2 * hop1 / 1e6),
                lines.get(2));
        assertEquals(0, tr.exitStatus());
    }

    @Test
    void pingAnUnreachableNetworkFails() throws Exception {
        ChainTopology t = new ChainTopology(LinkSpec.of("100Mbps", "10ms"));
        SimProcess ping = t.r1.spawn("ping", S, "ping -c 2 10.9.9.9");
        t.sim.runUntil(20 * S);
        assertEquals("ping: connect: Network is unreachable\n", ping.stderr().text());
        assertEquals(2, ping.exitStatus());
        SimProcess ttl = t.h1.spawn("ttl", 25 * S, "ping -c 1 -t 1 10.0.3.2");
        t.sim.runUntil(60 * S);
        assertTrue(ttl.stdout().text().contains("From 10.0.1.2 icmp_seq=1 Time to live exceeded\n"), ttl.stdout().text());
        assertTrue(ttl.stdout().text().contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss"),
                ttl.stdout().text());
        assertEquals(1, ttl.exitStatus());
    }
}
