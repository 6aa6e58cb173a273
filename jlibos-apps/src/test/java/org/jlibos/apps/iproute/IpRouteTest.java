package org.jlibos.apps.iproute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip route} on a real simulated kernel, against iproute2 6.1 and Linux 6.x. */
class IpRouteTest {

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess run(String cmd) {
        SimProcess p = h1.spawn(null, sim.now(), cmd);
        sim.runUntilIdle();
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
    void addAndShow() {
        out("ip route add 10.0.2.0/24 via 10.0.1.2");
        out("ip route add default via 10.0.1.254");
        out("ip route add 10.0.5.0/24 via 10.0.3.2 dev eth1 metric 100 mtu 1400 src 10.0.3.1");
        out("ip route add 10.0.6.0/24 dev eth1");
        out("ip route add 10.0.2.7 via 10.0.3.9 proto static");
        out("ip r add unreachable 10.9.0.0/16");
        out("ip route add blackhole 10.8.0.0/16");
        out("ip route add prohibit 10.7.0.0/16");
        out("ip route add 10.0.0.0/8 dev eth0");
        out("ip route add 10.0.0.0/16 dev eth0");
        assertEquals("""
                default via 10.0.1.254 dev eth0\s
                10.0.0.0/16 dev eth0 scope link\s
                10.0.0.0/8 dev eth0 scope link\s
                10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1\s
                10.0.2.0/24 via 10.0.1.2 dev eth0\s
                10.0.2.7 via 10.0.3.9 dev eth1 proto static\s
                10.0.3.0/24 dev eth1 proto kernel scope link src 10.0.3.1\s
                10.0.5.0/24 via 10.0.3.2 dev eth1 src 10.0.3.1 metric 100 mtu 1400\s
                10.0.6.0/24 dev eth1 scope link\s
                prohibit 10.7.0.0/16\s
                blackhole 10.8.0.0/16\s
                unreachable 10.9.0.0/16\s
                """, out("ip route"));
        assertEquals(out("ip route"), out("ip route list table main"));
        assertEquals("""
                10.0.3.0/24 proto kernel scope link src 10.0.3.1\s
                10.0.5.0/24 via 10.0.3.2 src 10.0.3.1 metric 100 mtu 1400\s
                10.0.6.0/24 scope link\s
                10.0.2.7 via 10.0.3.9 proto static\s
                """.lines().sorted().toList().toString(), out("ip route show dev eth1").lines().sorted().toList().toString());
        assertEquals("10.0.2.0/24 via 10.0.1.2 dev eth0 \n", out("ip route show 10.0.2.0/24"));
        assertEquals("""
                unicast 10.0.2.0/24 via 10.0.1.2 dev eth0 proto boot scope global\s
                """, out("ip -d route show exact 10.0.2.0/24"));
        Route r = h1.kernel().ipv4().fib().main().lookup(Ipv4Address.parse("10.0.5.9"));
        assertEquals(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, Ipv4Address.parse("10.0.5.0"), 24,
                Ipv4Address.parse("10.0.3.2"), 3, 100, Route.Scope.UNIVERSE, Route.Protocol.BOOT,
                Ipv4Address.parse("10.0.3.1"), 1400), r);
    }

    @Test
    void localTableAndOtherTables() {
        assertEquals("""
                local 10.0.1.1 dev eth0 proto kernel scope host src 10.0.1.1\s
                broadcast 10.0.1.255 dev eth0 proto kernel scope link src 10.0.1.1\s
                local 10.0.3.1 dev eth1 proto kernel scope host src 10.0.3.1\s
                broadcast 10.0.3.255 dev eth1 proto kernel scope link src 10.0.3.1\s
                local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\s
                local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1\s
                broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1\s
                """, out("ip route show table local"));
        out("ip route add 10.0.6.0/24 via 10.0.1.2 table 100");
        out("ip route add 10.0.6.0/24 dev eth1 table 100 metric 5");
        assertEquals("""
                10.0.6.0/24 via 10.0.1.2 dev eth0\s
                10.0.6.0/24 dev eth1 scope link metric 5\s
                """, out("ip route show table 100"));
        assertEquals("""
                10.0.6.0/24 via 10.0.1.2 dev eth0 table 100\s
                10.0.6.0/24 dev eth1 table 100 scope link metric 5\s
                10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1\s
                10.0.3.0/24 dev eth1 proto kernel scope link src 10.0.3.1\s
                local 10.0.1.1 dev eth0 table local proto kernel scope host src 10.0.1.1\s
                broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.1\s
                local 10.0.3.1 dev eth1 table local proto kernel scope host src 10.0.3.1\s
                broadcast 10.0.3.255 dev eth1 table local proto kernel scope link src 10.0.3.1\s
                local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\s
                local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1\s
                broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1\s
                """, out("ip route show table all"));
        out("ip route flush table 100");
        assertEquals("", out("ip route show table 100"));
        fails("ip route show table 999", 2, "Error: ipv4: FIB table does not exist.\nDump terminated\n");
        fails("ip route show table default", 2, "Error: ipv4: FIB table does not exist.\nDump terminated\n");
    }

    @Test
    void replaceDeleteAndFlush() {
        out("ip route add 10.0.2.0/24 via 10.0.1.2");
        out("ip route replace 10.0.2.0/24 via 10.0.3.2");
        out("ip route change 10.0.4.0/24 via 10.0.3.2");
        out("ip route append 10.0.4.0/24 via 10.0.1.2 metric 10");
        assertEquals("""
                10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1\s
                10.0.2.0/24 via 10.0.3.2 dev eth1\s
                10.0.3.0/24 dev eth1 proto kernel scope link src 10.0.3.1\s
                10.0.4.0/24 via 10.0.3.2 dev eth1\s
                10.0.4.0/24 via 10.0.1.2 dev eth0 metric 10\s
                """, out("ip route"));
        fails("ip route del 10.0.4.0/24 metric 5", 2, "RTNETLINK answers: No such process\n");
        fails("ip route del 10.0.4.0/24 via 10.0.1.9", 2, "RTNETLINK answers: No such process\n");
        out("ip route del 10.0.4.0/24 via 10.0.1.2");
        out("ip route del 10.0.4.0/24");
        fails("ip route del 10.0.4.0/24", 2, "RTNETLINK answers: No such process\n");
        out("ip route flush dev eth1");
        assertEquals("10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1 \n", out("ip route"));
        fails("ip route flush", 1, "\"ip route flush\" requires arguments.\n");
    }

    @Test
    void get() {
        out("ip route add 10.0.2.0/24 via 10.0.1.2");
        out("ip route add 10.0.5.0/24 via 10.0.3.2 mtu 1400");
        out("ip route add default via 10.0.1.254");
        out("ip route add unreachable 10.9.0.0/16");
        out("ip route add blackhole 10.8.0.0/16");
        out("ip route add prohibit 10.7.0.0/16");
        assertEquals("10.0.2.1 via 10.0.1.2 dev eth0 src 10.0.1.1 uid 0 \n    cache \n", out("ip route get 10.0.2.1"));
        assertEquals("10.0.1.2 dev eth0 src 10.0.1.1 uid 0 \n    cache \n", out("ip route get 10.0.1.2"));
        assertEquals("10.0.5.1 via 10.0.3.2 dev eth1 src 10.0.3.1 uid 0 \n    cache mtu 1400 \n", out("ip r g 10.0.5.1"));
        assertEquals("local 10.0.1.1 dev lo src 10.0.1.1 uid 0 \n    cache <local> \n", out("ip route get 10.0.1.1"));
        assertEquals("local 127.0.0.1 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n", out("ip route get to 127.0.0.1"));
        assertEquals("broadcast 10.0.1.255 dev eth0 src 10.0.1.1 uid 0 \n    cache <local,brd> \n",
                out("ip route get 10.0.1.255"));
        assertEquals("192.0.2.1 from 10.0.3.1 via 10.0.1.254 dev eth0 uid 0 \n    cache \n",
                out("ip route get 192.0.2.1 from 10.0.3.1"));
        assertEquals("192.0.2.1 dev eth1 src 10.0.3.1 uid 0 \n    cache \n", routeViaOif());
        fails("ip route get 10.9.1.1", 2, "RTNETLINK answers: No route to host\n");
        fails("ip route get 10.8.1.1", 2, "RTNETLINK answers: Invalid argument\n");
        fails("ip route get 10.7.1.1", 2, "RTNETLINK answers: Permission denied\n");
        out("ip route del default");
        fails("ip route get 198.51.100.1", 2, "RTNETLINK answers: Network is unreachable\n");
        fails("ip route get", 1, "need at least a destination address\n");
        fails("ip route get bogus", 1, "Error: any valid prefix is expected rather than \"bogus\".\n");
    }

    /** A route bound to a device is found only for that output device. */
    private String routeViaOif() {
        out("ip route add 192.0.2.0/24 dev eth1 metric 50");
        return out("ip route get 192.0.2.1 oif eth1");
    }

    @Test
    void errors() {
        out("ip route add 10.0.2.0/24 via 10.0.1.2");
        fails("ip route add 10.0.2.0/24 via 10.0.1.2", 2, "RTNETLINK answers: File exists\n");
        fails("ip route add unreachable 10.0.2.0/24", 2, "RTNETLINK answers: File exists\n");
        fails("ip route add 10.0.4.0/24 via 10.0.9.2", 2, "Error: Nexthop has invalid gateway.\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.1", 2, "Error: Nexthop has invalid gateway.\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 dev eth1", 2, "Error: Nexthop has invalid gateway.\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 dev eth9", 1, "Cannot find device \"eth9\"\n");
        fails("ip route add bogus via 10.0.1.2", 1, "Error: any valid prefix is expected rather than \"bogus\".\n");
        fails("ip route add 10.0.4.0/24 via bogus", 1, "Error: inet address is expected rather than \"bogus\".\n");
        fails("ip route add 10.0.4.5/24 via 10.0.1.2", 2, "Error: Invalid prefix for given prefix length.\n");
        fails("ip route add 10.0.4.0/24", 2, "RTNETLINK answers: No such device\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 table foo", 255,
                "Error: argument \"foo\" is wrong: \"table\" value is invalid\n\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 metric x", 255,
                "Error: argument \"x\" is wrong: \"metric\" value is invalid\n\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 extra", 255,
                "Error: either \"to\" is duplicate, or \"extra\" is a garbage.\n");
        fails("ip route add 10.0.4.0/24 via 10.0.1.2 dev", 255, "Command line is not complete. Try option \"help\"\n");
        fails("ip route add 10.0.4.0/24 via 10.0.9.9 onlink", 2, "Error: Nexthop device required for onlink.\n");
        fails("ip route foo", 255, "Command \"foo\" is unknown, try \"ip route help\".\n");
        out("ip route add 10.0.4.0/24 via 10.0.9.9 dev eth0 onlink");
        assertEquals("10.0.4.0/24 via 10.0.9.9 dev eth0 \n", out("ip route show 10.0.4.0/24"));
    }
}
