package org.jlibos.apps.iproute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.kernel.device.DeviceStats;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip link} and {@code ip addr} on a real simulated kernel, against iproute2 6.1's output. */
class IpLinkAddressTest {

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    @BeforeEach
    void twoEthernetDevices() {
        h1.kernel().addEthernetDevice(MacAddress.local(1), 1500, null);
        h1.kernel().addEthernetDevice(MacAddress.local(2), 1500, null);
    }

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

    private void configure() {
        out("ip addr add 10.0.1.1/24 dev eth0");
        out("ip link set eth0 up");
    }

    @Test
    void freshNode() {
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
                    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
                """, out("ip addr"));
    }

    @Test
    void addressesAndLinkState() {
        configure();
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                    inet 10.0.1.1/24 scope global eth0
                       valid_lft forever preferred_lft forever
                3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
                    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
                """, out("ip addr"));
        assertEquals("""
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                """, out("ip link show eth0"));
        assertEquals(out("ip link show eth0"), out("ip l sh dev eth0"));
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
                """, out("ip link"));
    }

    @Test
    void briefForms() {
        configure();
        assertEquals("lo               UNKNOWN        127.0.0.1/8 \n"
                + "eth0             UP             10.0.1.1/24 \n"
                + "eth1             DOWN           \n", out("ip -br addr"));
        assertEquals("lo               UNKNOWN        127.0.0.1/8 \n"
                + "eth0             UP             10.0.1.1/24 \n", out("ip -br -4 addr"));
        assertEquals("lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
                + "eth0             UP             02:00:00:00:00:01 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"
                + "eth1             DOWN           02:00:00:00:00:02 <BROADCAST,MULTICAST> \n", out("ip -br link"));
    }

    @Test
    void broadcastAddressesAndRoutes() {
        configure();
        out("ip address add 10.0.9.9/32 dev eth0");
        out("ip a add 10.0.2.1/30 brd + dev eth0");
        out("ip addr add local 10.0.4.1/24 broadcast 10.0.4.127 dev eth0");
        // Linux installs the subnet broadcast route whatever the address's brd attribute says.
        assertEquals("""
                local 10.0.1.1 dev eth0 proto kernel scope host src 10.0.1.1\s
                broadcast 10.0.1.255 dev eth0 proto kernel scope link src 10.0.1.1\s
                local 10.0.2.1 dev eth0 proto kernel scope host src 10.0.2.1\s
                broadcast 10.0.2.3 dev eth0 proto kernel scope link src 10.0.2.1\s
                local 10.0.4.1 dev eth0 proto kernel scope host src 10.0.4.1\s
                broadcast 10.0.4.127 dev eth0 proto kernel scope link src 10.0.4.1\s
                broadcast 10.0.4.255 dev eth0 proto kernel scope link src 10.0.4.1\s
                local 10.0.9.9 dev eth0 proto kernel scope host src 10.0.9.9\s
                local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\s
                local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1\s
                broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1\s
                """, out("ip route show table local"));
        assertEquals("""
                10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1\s
                10.0.2.0/30 dev eth0 proto kernel scope link src 10.0.2.1\s
                10.0.4.0/24 dev eth0 proto kernel scope link src 10.0.4.1\s
                """, out("ip route"));
    }

    @Test
    void secondaryAddressesComeLast() {
        configure();
        out("ip addr add 10.0.1.3/24 dev eth0");
        out("ip address add 10.0.9.9/32 dev eth0");
        out("ip a add 10.0.2.1/30 brd + dev eth0");
        out("ip addr add local 10.0.4.1/24 broadcast 10.0.4.127 dev eth0");
        assertEquals("""
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000
                    inet 10.0.1.1/24 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 10.0.9.9/32 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 10.0.2.1/30 brd 10.0.2.3 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 10.0.4.1/24 brd 10.0.4.127 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 10.0.1.3/24 scope global secondary eth0
                       valid_lft forever preferred_lft forever
                """, out("ip -4 addr show dev eth0"));
        out("ip addr add 10.0.7.1/24 dev lo");
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                    inet 10.0.7.1/24 scope global lo
                       valid_lft forever preferred_lft forever
                """, out("ip addr show lo"));
    }

    @Test
    void deleteAndFlush() {
        configure();
        out("ip addr add 10.0.1.3/24 dev eth0");
        out("ip addr del 10.0.1.3/24 dev eth0");
        fails("ip addr del 10.0.1.3/24 dev eth0", 2, "Error: ipv4: Address not found.\n");
        SimProcess wildcard = run("ip addr del 10.0.1.1 dev eth0");
        assertEquals(0, wildcard.exitStatus());
        assertEquals("""
                Warning: Executing wildcard deletion to stay compatible with old scripts.
                         Explicitly specify the prefix length (10.0.1.1/32) to avoid this warning.
                         This special behaviour is likely to disappear in further releases,
                         fix your scripts!
                """, wildcard.stderr().text());
        assertEquals("eth0             UP             \n", out("ip -br addr show eth0"));
        assertEquals("", out("ip route"));
        out("ip addr add 10.0.1.1/24 dev eth0");
        out("ip addr add 10.0.5.1/24 dev eth0");
        assertEquals("\n*** Round 1, deleting 2 addresses ***\n*** Flush is complete after 1 round ***\n",
                out("ip -s addr flush dev eth0"));
        assertEquals("", out("ip addr flush dev eth0"));
        assertEquals("Nothing to flush.\n", out("ip -stat addr flush dev eth0"));
        assertEquals("""
                local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\s
                local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1\s
                broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1\s
                """, out("ip route show table local"));
    }

    @Test
    void addressErrors() {
        configure();
        fails("ip addr add 10.0.1.1/24 dev eth0", 2, "Error: ipv4: Address already assigned.\n");
        fails("ip addr add 10.0.1.1/24 dev eth9", 1, "Cannot find device \"eth9\"\n");
        fails("ip addr add bogus dev eth0", 1, "Error: any valid prefix is expected rather than \"bogus\".\n");
        fails("ip addr add 10.0.1.9/33 dev eth0", 1, "Error: any valid prefix is expected rather than \"10.0.1.9/33\".\n");
        fails("ip addr add 10.0.1.50/24", 1, "Not enough information: \"dev\" argument is required.\n");
        fails("ip addr add 10.0.1.5/24 dev eth0 extra", 255, "Error: either \"local\" is duplicate, or \"extra\" is a garbage.\n");
        fails("ip addr add 10.0.1.5/24 brd bogus dev eth0", 1, "Error: inet address is expected rather than \"bogus\".\n");
        fails("ip addr add 10.0.1.5/24 dev", 255, "Command line is not complete. Try option \"help\"\n");
        fails("ip addr show dev eth9", 1, "Device \"eth9\" does not exist.\n");
        fails("ip addr flush", 1, "Flush requires arguments.\n");
        fails("ip addr foo", 255, "Command \"foo\" is unknown, try \"ip address help\".\n");
    }

    @Test
    void linkSet() {
        out("ip link set eth0 mtu 9000 up");
        out("ip link set dev eth1 up");
        out("ip link set eth1 carrier off");
        assertEquals("""
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                3: eth1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
                """, out("ip link show eth0") + out("ip link show eth1"));
        out("ip link set lo down");
        assertEquals("lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n", out("ip -br link show lo"));
        assertEquals(9000, h1.kernel().device("eth0").mtu());
    }

    @Test
    void linkErrors() {
        fails("ip link set eth9 up", 1, "Cannot find device \"eth9\"\n");
        fails("ip link set eth0 mtu 40", 2, "Error: mtu less than device minimum.\n");
        fails("ip link set eth0 mtu 70000", 2, "Error: mtu greater than device maximum.\n");
        fails("ip link set eth0 mtu x", 255, "Error: argument \"x\" is wrong: Invalid \"mtu\" value\n\n");
        fails("ip link set eth0 foo", 255, "Error: either \"dev\" is duplicate, or \"foo\" is a garbage.\n");
        fails("ip link set up", 255, "Not enough information: \"dev\" argument is required.\n");
        fails("ip link set eth0 mtu", 255, "Command line is not complete. Try option \"help\"\n");
        fails("ip link show eth9", 1, "Device \"eth9\" does not exist.\n");
        fails("ip link foo", 255, "Command \"foo\" is unknown, try \"ip link help\".\n");
    }

    @Test
    void statisticsGrowTheirColumns() {
        configure();
        DeviceStats s = h1.kernel().device("eth0").stats();
        s.rxBytes = 12_345_678_901L;
        s.rxPackets = 98_765_432;
        s.rxMulticast = 7;
        s.txBytes = 5_000_000;
        s.txPackets = 4_000;
        s.txDropped = 3;
        assertEquals("""
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                    RX:   bytes  packets errors dropped  missed   mcast          \s
                    12345678901 98765432      0       0       0       7\s
                    TX:   bytes  packets errors dropped carrier collsns          \s
                        5000000     4000      0       3       0       0\s
                """, out("ip -s link show eth0"));
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                    RX:  bytes packets errors dropped  missed   mcast          \s
                             0       0      0       0       0       0\s
                    RX errors:  length    crc   frame    fifo overrun
                                     0      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                             0       0      0       0       0       0\s
                    TX errors: aborted   fifo  window heartbt transns
                                     0      0       0       0       0\s
                """, out("ip -s -s addr show lo"));
    }

    @Test
    void globalOptionsAndObjects() {
        assertEquals("ip utility, iproute2-6.1.0 (jlibos)\n", out("ip -V"));
        assertEquals("", out("ip -6 addr"));
        fails("ip -x addr", 255, "Option \"-x\" is unknown, try \"ip -help\".\n");
        fails("ip foo", 1, "Object \"foo\" is unknown, try \"ip help\".\n");
        fails("ip tunnel show", 1, "ip: \"ip tunnel\" is not supported by jlibos\n");
        SimProcess usage = run("ip");
        assertEquals(255, usage.exitStatus());
        assertEquals(true, usage.stderr().text().startsWith("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"));
    }
}
