package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Keepalive probes (SO_KEEPALIVE, TCP_KEEPIDLE/INTVL/CNT) and TCP_USER_TIMEOUT. */
class TcpKeepaliveTest {

    private static void idleServer(TcpNet t) {
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            sys.accept(l, null);
            ctx.sleep(1000 * S);
            return 0;
        });
    }

    @Test
    void keepaliveProbesAnIdlePeerAndGivesUpWhenItIsGone() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        idleServer(t);
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, 1);
            sys.setsockopt(s, SOL_TCP, TCP_KEEPIDLE, 10);
            sys.setsockopt(s, SOL_TCP, TCP_KEEPINTVL, 5);
            sys.setsockopt(s, SOL_TCP, TCP_KEEPCNT, 3);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            byte[] b = new byte[1];
            try {
                sys.read(s, b, 0, 1);
            } catch (ErrnoException e) {
                log.add(e.errno() + " at " + ctx.now() / MS + " ms");
            }
            return 0;
        });
        // Idle since the handshake (1.04 s): probes at 11.04 s and 21.06 s are answered 20 ms later;
        // the link dies at 25 s; probes at 31.08, 36.08 and 41.08 s go unanswered; at 46.08 s
        // TCP_KEEPCNT is reached: RST and ETIMEDOUT.
        t.at(25 * S, () -> t.net.setLinkUp(t.link, false));
        t.sim.runUntil(60 * S);
        List<String> probes = t.traceMatching("> ", " . ", "(0)");
        // Probes (seq snd_una - 1, no data) every 10 s while answered, then 3 unanswered 5 s apart.
        assertEquals(List.of("ETIMEDOUT at 46080 ms"), log);
        assertEquals(5, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_KEEP_ALIVE), probes.toString());
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_ABORT_ON_TIMEOUT));
    }

    @Test
    void tcpUserTimeoutEndsAConnectionWhoseDataIsNeverAcknowledged() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        idleServer(t);
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_TCP, TCP_USER_TIMEOUT, 3000);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            t.net.setLinkUp(t.link, false);
            sys.write(s, new byte[100], 0, 100);
            byte[] b = new byte[1];
            try {
                sys.read(s, b, 0, 1);
            } catch (ErrnoException e) {
                log.add(e.errno() + " after " + (ctx.now() - S - 40 * MS) / MS + " ms");
            }
            return 0;
        });
        t.sim.runUntil(60 * S);
        // RTO 1 s (no RTT sample from the handshake... it had one: 40 ms -> RTO 240 ms) doubling,
        // clamped so that the connection dies exactly 3 s after the first transmission.
        assertEquals(List.of("ETIMEDOUT after 3000 ms"), log);
    }
}
