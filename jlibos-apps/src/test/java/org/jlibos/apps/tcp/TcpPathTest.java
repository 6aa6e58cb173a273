package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Test;

/** TCP across a router: path MTU discovery (RFC 1191) and ECN negotiation (RFC 3168). */
class TcpPathTest {

    private static final int H2 = Ipv4Address.parse("10.0.2.2");

    /**
     * h1 (10.0.1.1) - r (forwarding) - h2 (10.0.2.2); r's device towards h2 has MTU {@code mtu2}
     * while h2's own is 1500, so h2's MSS option does not reveal the bottleneck.
     */
    private static Node[] path(Simulation sim, int mtu2) throws Exception {
        Network net = new Network(sim);
        Node h1 = sim.addNode("h1");
        Node r = sim.addNode("r");
        Node h2 = sim.addNode("h2");
        LinkSpec fast = LinkSpec.of("100Mbps", "5ms");
        net.pointToPoint(h1, r, fast);
        net.pointToPoint(r, h2, fast.withMtu(mtu2), fast);
        address(h1, "eth0", "10.0.1.1");
        address(r, "eth0", "10.0.1.2");
        address(r, "eth1", "10.0.2.1");
        address(h2, "eth0", "10.0.2.2");
        r.kernel().sysctl().set("net.ipv4.ip_forward", "1");
        defaultRoute(h1, "10.0.1.2");
        defaultRoute(h2, "10.0.2.1");
        return new Node[] {h1, r, h2};
    }

    private static void address(Node n, String dev, String addr) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device(dev), Ipv4Address.parse(addr), 24, -2);
    }

    private static void defaultRoute(Node n, String via) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().fib().main().add(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, 0, 0, Ipv4Address.parse(via),
                k.device("eth0").ifindex(), 0, Route.Scope.UNIVERSE, Route.Protocol.BOOT, 0, 0));
    }

    private static String find(List<String> log, String prefix) {
        for (String l : log) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        return "(no " + prefix + " in " + log + ")";
    }

    private static void transfer(Node from, Node to, int bytes, List<String> log) {
        TcpNet.run(to, "sink", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            CRC32C crc = new CRC32C();
            byte[] buf = new byte[65536];
            long got = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                crc.update(buf, 0, n);
                got += n;
            }
            log.add("received " + got + " crc " + Long.toHexString(crc.getValue()));
            return 0;
        });
        TcpNet.run(from, "source", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(H2, 5000));
            byte[] buf = new byte[bytes];
            Bulk.fill(buf, bytes, 0);
            CRC32C crc = new CRC32C();
            crc.update(buf, 0, bytes);
            sys.write(s, buf, 0, bytes);
            TcpInfo i = TcpSocket.of(sys, s).info();
            log.add("sent " + bytes + " crc " + Long.toHexString(crc.getValue()));
            ctx.sleep(S);
            i = TcpSocket.of(sys, s).info();
            log.add("pmtu " + i.pmtu + " mss " + i.sndMss + " ecn " + ((i.options & TcpInfo.OPT_ECN) != 0));
            sys.close(s);
            return 0;
        });
    }

    @Test
    void fragmentationNeededShrinksTheMssAndResendsWhatWasDropped() throws Exception {
        Simulation sim = new Simulation(1);
        Node[] n = path(sim, 1280);
        List<String> log = new ArrayList<>();
        transfer(n[0], n[2], 200_000, log);
        sim.runUntil(10 * S);
        assertEquals(3, log.size(), log.toString());
        String sent = find(log, "sent ");
        String received = find(log, "received ");
        assertEquals(sent.substring(sent.indexOf("crc")), received.substring(received.indexOf("crc")));
        assertTrue(sent.startsWith("sent 200000") && received.startsWith("received 200000"), log.toString());
        // 1280 - 20 - 20 - 12 bytes of timestamps.
        assertEquals("pmtu 1280 mss 1228 ecn false", find(log, "pmtu"));
        assertTrue(n[1].kernel().snmp().get(SnmpCounter.ICMP_OUT_DEST_UNREACHS) > 0);
        assertEquals(0, n[1].kernel().snmp().get(SnmpCounter.IP_FRAG_CREATES), "DF set: routers never fragment TCP");
    }

    @Test
    void ecnIsNegotiatedWhenTheClientAsks() throws Exception {
        Simulation sim = new Simulation(1);
        Node[] n = path(sim, 1500);
        n[0].kernel().sysctl().set("net.ipv4.tcp_ecn", "1");
        List<String> log = new ArrayList<>();
        transfer(n[0], n[2], 20_000, log);
        sim.runUntil(10 * S);
        assertEquals("pmtu 1500 mss 1448 ecn true", find(log, "pmtu"));
    }
}
