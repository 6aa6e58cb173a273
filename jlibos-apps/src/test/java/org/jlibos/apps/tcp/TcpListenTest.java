package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Listen backlog, accept queue overflow and SYN cookies. */
class TcpListenTest {

    /** {@code n} clients on a connect to b:5000 at 1 s, each sends its index and reads one reply byte. */
    private static void clients(TcpNet t, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            int index = i;
            TcpNet.run(t.a, "client" + i, S, ctx -> {
                Syscalls sys = ctx.sys();
                int s = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
                long connected = ctx.now();
                sys.write(s, new byte[] {(byte) index}, 0, 1);
                byte[] b = new byte[1];
                int r = sys.read(s, b, 0, 1);
                log.add(String.format("client %d connected %d ms reply %d at %d ms", index, (connected - S) / MS,
                        r == 1 ? b[0] : -1, (ctx.now() - S) / MS));
                TcpInfo info = TcpSocket.of(sys, s).info();
                if (index == n - 1) {
                    log.add("last client options " + info.options + " wscale " + info.sndWscale + " mss " + info.sndMss);
                }
                sys.close(s);
                return 0;
            });
        }
    }

    /** b listens with {@code backlog}; after {@code acceptAt} it accepts and answers each connection. */
    private static void server(TcpNet t, int backlog, long acceptAt, int expected, List<String> log) {
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, backlog);
            ctx.sleep(acceptAt);
            for (int i = 0; i < expected; i++) {
                int c = sys.accept(l, null);
                byte[] b = new byte[1];
                sys.read(c, b, 0, 1);
                sys.write(c, b, 0, 1);
                sys.close(c);
            }
            return 0;
        });
    }

    @Test
    void withoutCookiesAFullAcceptQueueDropsSynsUntilTheServerAccepts() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        t.b.kernel().sysctl().set("net.ipv4.tcp_syncookies", "0");
        List<String> log = new ArrayList<>();
        server(t, 1, 5 * S, 4, log);
        clients(t, 4, log);
        t.sim.runUntil(30 * S);
        log.sort(null);
        // With backlog 1 only one request may wait in the SYN queue (Linux: qlen >= backlog is
        // full) and the accept queue takes two (sk_ack_backlog > backlog is full). The others'
        // SYNs are dropped and retried with the SYN backoff: +1 s, +3 s, +7 s, +15 s. Two SYNs
        // retried at the same instant compete again, so client 3 only gets in at +15 s.
        assertEquals(List.of(
                "client 0 connected 40 ms reply 0 at 4010 ms",
                "client 1 connected 1020 ms reply 1 at 4010 ms",
                "client 2 connected 7020 ms reply 2 at 7040 ms",
                "client 3 connected 15020 ms reply 3 at 15040 ms",
                "last client options 7 wscale 7 mss 1448"), log);
        Snmp b = t.b.kernel().snmp();
        assertTrue(b.get(SnmpCounter.TCP_EXT_LISTEN_OVERFLOWS) >= 2, "overflows " + b.get(SnmpCounter.TCP_EXT_LISTEN_OVERFLOWS));
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_SYNCOOKIES_SENT));
    }

    @Test
    void synCookiesTakeOverWhenTheSynQueueIsFull() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        // Backlog 4: at most 4 requests in the SYN queue; the rest of 8 simultaneous SYNs get cookies.
        server(t, 4, 0, 8, log);
        clients(t, 8, log);
        t.sim.runUntil(30 * S);
        log.sort(null);
        assertEquals(9, log.size(), log.toString());
        Snmp b = t.b.kernel().snmp();
        assertEquals(4, b.get(SnmpCounter.TCP_EXT_SYNCOOKIES_SENT));
        assertEquals(4, b.get(SnmpCounter.TCP_EXT_SYNCOOKIES_RECV));
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_SYNCOOKIES_FAILED));
        assertEquals(8, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        // Every client got its own byte back.
        for (int i = 0; i < 8; i++) {
            int index = i;
            assertTrue(log.stream().anyMatch(l -> l.startsWith("client " + index + " ") && l.contains("reply " + index)),
                    log.toString());
        }
        // A cookie connection still has timestamps, SACK and window scaling: they ride in the TSval.
        assertTrue(log.contains("last client options 7 wscale 7 mss 1448"), log.toString());
    }

    @Test
    void aBareAckToAListenerGetsAReset() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        server(t, 4, 0, 0, log);
        TcpNet.run(t.b, "hold", 0, ctx -> {
            ctx.sleep(100 * S);
            return 0;
        });
        // From a: an ACK for a connection b never saw.
        t.inject(2 * S, t.b, TcpNet.A, 33333, TcpNet.B, 5000, 1000, 424242, org.jlibos.kernel.wire.TcpHeader.ACK, 100,
                null, 0);
        t.sim.runUntil(3 * S);
        // The listener is gone with the server process; a closed port answers the same way.
        assertEquals(1, t.traceMatching("< 5000>33333 R 424242:424242(0) win 0").size(), t.trace.toString());
    }

    @Test
    void listenBacklogIsCappedBySomaxconnAndAcceptIsNonBlockingWhenAsked() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        t.b.kernel().sysctl().set("net.core.somaxconn", "2");
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 1000);
            log.add("Send-Q " + TcpSocket.of(sys, l).sendQueue());
            try {
                sys.accept(l, null);
            } catch (ErrnoException e) {
                log.add("accept " + e.errno());
            }
            log.add("SO_ACCEPTCONN " + sys.getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN));
            return 0;
        });
        t.sim.runUntil(S);
        assertEquals(List.of("Send-Q 2", "accept EAGAIN", "SO_ACCEPTCONN 1"), log);
    }

    @Test
    void deferAcceptWaitsForDataNotForTheBareAck() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(l, SOL_TCP, TCP_DEFER_ACCEPT, 5);
            // 5 s is three SYN-ACK timeouts (1 + 2 + 4 s), reported back as 7 s.
            log.add("TCP_DEFER_ACCEPT " + sys.getsockopt(l, SOL_TCP, TCP_DEFER_ACCEPT));
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            log.add("accepted at " + (ctx.now() - S) / MS + " ms");
            byte[] b = new byte[4];
            log.add("read " + sys.read(c, b, 0, 4));
            sys.close(c);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            log.add("connected at " + (ctx.now() - S) / MS + " ms");
            ctx.sleep(2 * S);
            sys.write(s, new byte[4], 0, 4);
            ctx.sleep(S);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(10 * S);
        // The handshake's ACK at 40 ms is dropped (the request stays in the SYN queue, quietly:
        // no SYN-ACK is resent while it waits); the data 2 s later completes it.
        assertEquals(List.of("TCP_DEFER_ACCEPT 7", "connected at 40 ms", "accepted at 2050 ms", "read 4"), log);
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_DEFER_ACCEPT_DROP));
        assertEquals(0, t.b.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS));
    }
}
