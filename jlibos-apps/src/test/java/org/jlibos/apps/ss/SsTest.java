package org.jlibos.apps.ss;

import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** {@code ss} over the UDP and raw socket tables of a simulated kernel, against ss 6.1's output. */
class SsTest {

    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private String ss(long atMs, String cmd) {
        SimProcess p = h1.spawn(null, atMs * MS, cmd);
        sim.runUntil(atMs * MS);
        assertEquals("", p.stderr().text(), cmd);
        assertEquals(0, p.exitStatus(), cmd);
        return p.stdout().text();
    }

    /** udprecv on 5000, nc listening on 53 and an nc client connected to 5000 from an ephemeral port. */
    private void startUdpPrograms() {
        h1.spawn(null, 0, "udprecv 5000 --timeout 5s");
        h1.spawn(null, 0, "nc -u -l -p 53 -w 3");
        h1.spawn(null, 0, "nc -u -q 2 127.0.0.1 5000");
    }

    @Test
    void udpWithProcesses() {
        startUdpPrograms();
        assertEquals("""
                State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                       \s
                UNCONN 0      0            0.0.0.0:53         0.0.0.0:*    users:(("nc",pid=2,fd=3))    \s
                UNCONN 0      0            0.0.0.0:5000       0.0.0.0:*    users:(("udprecv",pid=1,fd=3))
                ESTAB  0      0          127.0.0.1:39984    127.0.0.1:5000 users:(("nc",pid=3,fd=3))    \s
                """, ss(1, "ss -uanp"));
        assertEquals(ss(1, "ss -uanp"), ss(1, "ss --udp --all --numeric --processes"));
    }

    @Test
    void listeningAndDefaultStates() {
        startUdpPrograms();
        assertEquals("""
                State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                UNCONN 0      0            0.0.0.0:53        0.0.0.0:*         \s
                UNCONN 0      0            0.0.0.0:5000      0.0.0.0:*         \s
                """, ss(1, "ss -lun"));
        // Without -a or -l only connected UDP sockets are listed, so the State column goes.
        assertEquals("""
                Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
                0      0          127.0.0.1:39984    127.0.0.1:5000      \s
                """, ss(1, "ss -un"));
        assertEquals("0      0      127.0.0.1:39984 127.0.0.1:5000\n", ss(1, "ss -Hun"));
    }

    @Test
    void serviceNamesWithoutNumeric() {
        startUdpPrograms();
        assertEquals("""
                State  Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess
                UNCONN 0      0            0.0.0.0:domain      0.0.0.0:*         \s
                UNCONN 0      0            0.0.0.0:5000        0.0.0.0:*         \s
                ESTAB  0      0          127.0.0.1:39984     127.0.0.1:5000      \s
                """, ss(1, "ss -ua"));
    }

    @Test
    void tcpHasNoSocketsYet() {
        startUdpPrograms();
        assertEquals("State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n", ss(1, "ss -tanp"));
        assertEquals("State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n", ss(1, "ss -6 -ua"));
    }

    @Test
    void allTablesAndReceiveQueues() {
        h1.install("sockets", ctx -> {
            int raw = ctx.sys().socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
            int sink = ctx.sys().socket(AF_INET, SOCK_DGRAM, 0);
            ctx.sys().bind(sink, new InetSockAddr(0x7f000001, 7000));
            ctx.sleep(10_000 * MS);
            return raw + sink;
        });
        h1.spawn("sockets", 0, List.of("sockets"), Map.of());
        h1.spawn(null, 1 * MS, "udpsend 127.0.0.1 7000 --size 100 --count 2 --interval 1ms");
        assertEquals("""
                Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                       \s
                raw   UNCONN 0      0            0.0.0.0:1         0.0.0.0:*    users:(("sockets",pid=1,fd=3))
                udp   UNCONN 712    0          127.0.0.1:7000      0.0.0.0:*    users:(("sockets",pid=1,fd=4))
                """, ss(5, "ss -anp"));
        assertEquals("""
                State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                UNCONN 0      0            0.0.0.0:icmp      0.0.0.0:*         \s
                """, ss(5, "ss -wa"));
    }

    @Test
    void optionErrors() {
        SimProcess e = h1.spawn(null, 0, "ss -e");
        SimProcess filter = h1.spawn(null, 0, "ss state established");
        SimProcess bad = h1.spawn(null, 0, "ss -y");
        sim.runUntilIdle();
        assertEquals("ss: option -e is not supported by jlibos\n", e.stderr().text());
        assertEquals(1, e.exitStatus());
        assertEquals("ss: filter expressions are not supported by jlibos: \"state established\"\n", filter.stderr().text());
        assertEquals(1, filter.exitStatus());
        assertEquals(true, bad.stderr().text().startsWith("ss: invalid option -- 'y'\nUsage: ss [ OPTIONS ]\n"));
        assertEquals(255, bad.exitStatus());
    }
}
