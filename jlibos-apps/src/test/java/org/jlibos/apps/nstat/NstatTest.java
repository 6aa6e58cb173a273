package org.jlibos.apps.nstat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** {@code nstat} over the counters of a simulated kernel, in nstat 6.1's format. */
class NstatTest {

    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess run(long atMs, String cmd) {
        SimProcess p = h1.spawn(null, atMs * MS, cmd);
        sim.runUntil(atMs * MS);
        return p;
    }

    private String nstat(long atMs, String cmd) {
        SimProcess p = run(atMs, cmd);
        assertEquals("", p.stderr().text(), cmd);
        assertEquals(0, p.exitStatus(), cmd);
        return p.stdout().text();
    }

    @Test
    void freshNodeHasOnlyTheHeader() {
        assertEquals("#kernel\n", nstat(0, "nstat"));
    }

    @Test
    void udpOverLoopback() {
        run(0, "udprecv 5000 --count 1");
        run(1, "udpsend 127.0.0.1 5000 --size 100");
        assertEquals("""
                #kernel
                IpInReceives                    1                  0.0
                IpInDelivers                    1                  0.0
                IpOutRequests                   1                  0.0
                UdpInDatagrams                  1                  0.0
                UdpOutDatagrams                 1                  0.0
                """, nstat(2, "nstat"));
        assertEquals(nstat(2, "nstat"), nstat(2, "nstat -as"));
        assertEquals("""
                #kernel
                UdpInDatagrams                  1                  0.0
                UdpNoPorts                      0                  0.0
                UdpInErrors                     0                  0.0
                UdpOutDatagrams                 1                  0.0
                UdpRcvbufErrors                 0                  0.0
                UdpSndbufErrors                 0                  0.0
                UdpInCsumErrors                 0                  0.0
                UdpIgnoredMulti                 0                  0.0
                """, nstat(2, "nstat -z Udp*"));
        assertEquals("""
                #kernel
                IpInDelivers                    1                  0.0
                UdpInDatagrams                  1                  0.0
                """, nstat(2, "nstat --zeros *indel* udpin[d]*"));
    }

    @Test
    void fragmentationAndPortUnreachable() {
        run(0, "ip link set lo mtu 1500");
        run(0, "udprecv 5000 --count 1");
        run(1, "udpsend 127.0.0.1 5000 --size 4000");
        run(2, "udpsend 127.0.0.1 5001 --size 10");
        assertEquals("""
                #kernel
                IpInReceives                    5                  0.0
                IpInDelivers                    3                  0.0
                IpOutRequests                   3                  0.0
                IpReasmReqds                    3                  0.0
                IpReasmOKs                      1                  0.0
                IpFragOKs                       1                  0.0
                IpFragCreates                   3                  0.0
                IcmpInMsgs                      1                  0.0
                IcmpInDestUnreachs              1                  0.0
                IcmpOutMsgs                     1                  0.0
                IcmpOutDestUnreachs             1                  0.0
                UdpInDatagrams                  1                  0.0
                UdpNoPorts                      1                  0.0
                UdpOutDatagrams                 2                  0.0
                """, nstat(3, "nstat"));
    }

    @Test
    void netstatCountersComeAfterSnmpOnes() {
        String all = nstat(0, "nstat -az");
        assertEquals(true, all.startsWith("#kernel\nIpInReceives                    0                  0.0\n"), all);
        // /proc/net/snmp (Ip, Icmp, Tcp, Udp) first, then /proc/net/netstat (TcpExt, then IpExt).
        assertEquals(true, all.contains("UdpIgnoredMulti                 0                  0.0\nTcpExt"), all);
        assertEquals(true, all.endsWith("IpExtInCsumErrors               0                  0.0\n"
                + "IpExtInTruncatedPkts            0                  0.0\n"
                + "IpExtInNoRoutes                 0                  0.0\n"), all);
    }

    @Test
    void options() {
        assertEquals("", nstat(0, "nstat -n"));
        assertEquals("nstat utility, iproute2-6.1.0 (jlibos)\n", nstat(0, "nstat -V"));
        SimProcess bad = run(0, "nstat -x");
        assertEquals(255, bad.exitStatus());
        assertEquals(true, bad.stderr().text().startsWith("nstat: invalid option -- 'x'\nUsage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n"));
        SimProcess json = run(0, "nstat -j");
        assertEquals(1, json.exitStatus());
        assertEquals("nstat: option -j is not supported by jlibos\n", json.stderr().text());
    }
}
