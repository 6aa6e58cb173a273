package org.jlibos.apps.iproute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.wire.ArpPacket;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip rule} and {@code ip neigh} on a real simulated kernel, against iproute2 6.1 and Linux 6.x. */
class IpRuleNeighTest {

    private static final long SECOND = 1_000_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess run(String cmd) {
        SimProcess p = h1.spawn(null, sim.now(), cmd);
        sim.runUntil(sim.now());
        return p;
    }

    private String out(String cmd) {
        SimProcess p = run(cmd);
        assertEquals("", p.stderr().text(), cmd);
        assertEquals(0, p.exitStatus(), cmd);
        return p.stdout().text();
    }

    private void fails(String cmd, int status, String stderr) {
        SimProcess p = run(cmd);
        assertEquals(stderr, p.stderr().text(), cmd);
        assertEquals(status, p.exitStatus(), cmd);
        assertEquals("", p.stdout().text(), cmd);
    }

    @BeforeEach
    void configure() {
        h1.kernel().addEthernetDevice(MacAddress.local(1), 1500, null);
        h1.kernel().addEthernetDevice(MacAddress.local(2), 1500, null);
        out("ip addr add 10.0.1.1/24 dev eth0");
        out("ip link set eth0 up");
        out("ip addr add 10.0.3.1/24 dev eth1");
        out("ip link set eth1 up");
    }

    @Test
    void defaultRules() {
        assertEquals("""
                0:\tfrom all lookup local
                32766:\tfrom all lookup main
                32767:\tfrom all lookup default
                """, out("ip rule"));
        assertEquals(out("ip rule"), out("ip ru list"));
    }

    @Test
    void addPicksPrioritiesLikeLinux() {
        out("ip rule add from 10.0.1.0/24 table 100");
        out("ip rule add to 10.0.9.0/24 table 101");
        out("ip rule add from 10.0.1.0/24 table 100");
        out("ip rule add iif eth0 lookup 102 priority 1000");
        out("ip rule add oif eth1 table main pref 2000");
        out("ip rule add from 10.0.3.0/24 to 10.0.4.0/24 table 103 prio 500");
        out("ip rule add from all table 104");
        out("ip rule add from 10.0.5.0/24 unreachable");
        out("ip rule add from 10.0.6.0/24 blackhole");
        out("ip rule add from 10.0.7.0/24 type prohibit");
        out("ip rule add from 10.0.8.0/24 lookup local");
        out("ip rule add from 10.0.1.7 table 7");
        out("ip rule add from 10.0.1.8");
        assertEquals("""
                0:\tfrom all lookup local
                493:\tfrom 10.0.1.8 lookup main
                494:\tfrom 10.0.1.7 lookup 7
                495:\tfrom 10.0.8.0/24 lookup local
                496:\tfrom 10.0.7.0/24 prohibit
                497:\tfrom 10.0.6.0/24 blackhole
                498:\tfrom 10.0.5.0/24 unreachable
                499:\tfrom all lookup 104
                500:\tfrom 10.0.3.0/24 to 10.0.4.0/24 lookup 103
                1000:\tfrom all iif eth0 lookup 102
                2000:\tfrom all oif eth1 lookup main
                32763:\tfrom 10.0.1.0/24 lookup 100
                32764:\tfrom all to 10.0.9.0/24 lookup 101
                32765:\tfrom 10.0.1.0/24 lookup 100
                32766:\tfrom all lookup main
                32767:\tfrom all lookup default
                """, out("ip rule show"));
    }

    @Test
    void deleteAndFlush() {
        out("ip rule add from 10.0.1.0/24 table 100");
        out("ip rule add from 10.0.1.0/24 table 100");
        out("ip rule add iif eth0 table 102 priority 1000");
        out("ip rule del from 10.0.1.0/24 table 100");
        out("ip rule del priority 1000");
        assertEquals("""
                0:\tfrom all lookup local
                32765:\tfrom 10.0.1.0/24 lookup 100
                32766:\tfrom all lookup main
                32767:\tfrom all lookup default
                """, out("ip rule"));
        fails("ip rule del pref 1000", 2, "RTNETLINK answers: No such file or directory\n");
        fails("ip rule del from 10.9.9.0/24", 2, "RTNETLINK answers: No such file or directory\n");
        out("ip rule flush");
        assertEquals("0:\tfrom all lookup local\n", out("ip rule"));
    }

    @Test
    void ruleErrors() {
        out("ip rule add from 10.0.1.0/24 table 100 priority 10");
        fails("ip rule add from 10.0.1.0/24 table 100 priority 10", 2, "RTNETLINK answers: File exists\n");
        fails("ip rule add", 1, "\"ip rule add\" requires arguments.\n");
        fails("ip rule add from bogus table 5", 1, "Error: any valid prefix is expected rather than \"bogus\".\n");
        fails("ip rule add foo", 255, "Error: argument \"foo\" is wrong: Failed to parse rule type\n");
        fails("ip rule add iif eth9 table 5", 1, "Cannot find device \"eth9\"\n");
        fails("ip rule add from 10.0.1.0/24 table x", 255, "Error: argument \"x\" is wrong: \"table\" value is invalid\n\n");
        fails("ip rule foo", 255, "Command \"foo\" is unknown, try \"ip rule help\".\n");
    }

    @Test
    void policyRoutingChangesRouteGet() {
        out("ip route add default via 10.0.1.254");
        out("ip route add 10.0.6.0/24 via 10.0.3.2 table 100");
        out("ip rule add from 10.0.3.1 table 100");
        assertEquals("10.0.6.1 from 10.0.3.1 via 10.0.3.2 dev eth1 table 100 uid 0 \n    cache \n",
                out("ip route get 10.0.6.1 from 10.0.3.1"));
        assertEquals("10.0.6.1 via 10.0.1.254 dev eth0 src 10.0.1.1 uid 0 \n    cache \n", out("ip route get 10.0.6.1"));
        // With custom rules Linux no longer merges local into main, so the table shows.
        assertEquals("local 10.0.1.1 dev lo table local src 10.0.1.1 uid 0 \n    cache <local> \n",
                out("ip route get 10.0.1.1"));
        out("ip rule add to 10.0.7.0/24 unreachable");
        fails("ip route get 10.0.7.1", 2, "RTNETLINK answers: No route to host\n");
    }

    /** Injects an ARP packet from a neighbour on eth0, as if it came over the link. */
    private void arpFrom(int op, String ip, long mac) {
        PacketBuffer f = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + 64);
        int off = f.put(EthernetHeader.LENGTH + ArpPacket.LENGTH);
        EthernetHeader.write(f.array(), off, MacAddress.local(1), mac, EthernetHeader.ETHERTYPE_ARP);
        ArpPacket.writeEthernetIpv4(f.array(), off + EthernetHeader.LENGTH, op, mac, Ipv4Address.parse(ip),
                MacAddress.local(1), Ipv4Address.parse("10.0.1.1"));
        h1.kernel().receive(2, f);
    }

    @Test
    void neighboursInEveryState() {
        out("udpsend 10.0.1.2 9");
        out("udpsend 10.0.1.3 9");
        assertEquals("""
                10.0.1.2 dev eth0 INCOMPLETE\s
                10.0.1.3 dev eth0 INCOMPLETE\s
                """, out("ip neigh"));
        arpFrom(ArpPacket.REPLY, "10.0.1.2", MacAddress.local(0x22));
        arpFrom(ArpPacket.REQUEST, "10.0.1.4", MacAddress.local(0x44));
        sim.runUntil(5 * SECOND);
        out("ip neigh add 10.0.3.9 lladdr 02:00:00:00:00:99 dev eth1");
        assertEquals("""
                10.0.1.2 dev eth0 lladdr 02:00:00:00:00:22 REACHABLE\s
                10.0.1.3 dev eth0 FAILED\s
                10.0.1.4 dev eth0 lladdr 02:00:00:00:00:44 STALE\s
                10.0.3.9 dev eth1 lladdr 02:00:00:00:00:99 PERMANENT\s
                """, out("ip neigh show"));
        assertEquals("""
                10.0.1.2 lladdr 02:00:00:00:00:22 REACHABLE\s
                10.0.1.3 FAILED\s
                10.0.1.4 lladdr 02:00:00:00:00:44 STALE\s
                """, out("ip neigh show dev eth0"));
        assertEquals("10.0.1.4 dev eth0 lladdr 02:00:00:00:00:44 STALE \n", out("ip n show 10.0.1.4"));
        out("ip neigh del 10.0.1.2 dev eth0");
        assertEquals("\n*** Round 1, deleting 2 entries ***\n*** Flush is complete after 1 round ***\n",
                out("ip -s neigh flush dev eth0"));
        assertEquals("10.0.3.9 dev eth1 lladdr 02:00:00:00:00:99 PERMANENT \n", out("ip neigh"));
        assertEquals("Nothing to flush.\n", out("ip -s neigh flush all"));
    }

    @Test
    void neighbourChangesAndErrors() {
        out("ip neigh add 10.0.1.7 lladdr 02:00:00:00:00:07 dev eth0 nud permanent");
        fails("ip neigh add 10.0.1.7 lladdr 02:00:00:00:00:07 dev eth0", 2, "RTNETLINK answers: File exists\n");
        out("ip neigh replace 10.0.1.7 lladdr 02:00:00:00:00:77 dev eth0");
        assertEquals("10.0.1.7 dev eth0 lladdr 02:00:00:00:00:77 PERMANENT \n", out("ip neigh"));
        fails("ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:07", 255, "Device and destination are required arguments.\n");
        fails("ip neigh add 10.0.1.12 lladdr zz dev eth0", 1, "\"zz\" is invalid lladdr.\n");
        fails("ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:07 dev eth9", 1, "Cannot find device \"eth9\"\n");
        fails("ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:07 dev eth0 nud stale", 1,
                "ip: \"nud stale\" (only permanent entries can be added) is not supported by jlibos\n");
        out("ip neigh del 10.0.1.7 dev eth0");
        fails("ip neigh del 10.0.1.7 dev eth0", 2, "RTNETLINK answers: No such file or directory\n");
        fails("ip neigh flush", 1, "Flush requires arguments.\n");
        fails("ip neigh foo", 255, "Command \"foo\" is unknown, try \"ip neigh help\".\n");
        assertEquals("", out("ip neigh"));
    }
}
