package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.tcp.TcpState;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Orderly release: half-close, TIME_WAIT, FIN_WAIT2, simultaneous open and close. */
class TcpCloseTest {

    private static List<String> states(Kernel k) {
        List<String> out = new ArrayList<>();
        for (TcpSocket s : k.tcp().sockets()) {
            out.add(s.state().ssName + " " + s.localPort());
        }
        return out;
    }

    @Test
    void halfCloseLetsThePeerKeepSending() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[100];
            int n = sys.read(c, buf, 0, 100);
            log.add("server got " + n);
            log.add("server eof " + sys.read(c, buf, 0, 100));
            PollFd p = new PollFd(c, POLLIN | POLLOUT | POLLRDHUP);
            sys.poll(new PollFd[] {p}, 0);
            log.add("server revents " + Integer.toHexString(p.revents));
            sys.write(c, "reply after your FIN".getBytes(), 0, 20);
            sys.close(c);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.write(s, "request".getBytes(), 0, 7);
            sys.shutdown(s, SHUT_WR);
            try {
                sys.write(s, new byte[1], 0, 1);
            } catch (ErrnoException e) {
                log.add("client write after SHUT_WR " + e.errno());
            }
            byte[] buf = new byte[100];
            int n = sys.read(s, buf, 0, 100);
            log.add("client got '" + new String(buf, 0, n) + "'");
            log.add("client eof " + sys.read(s, buf, 0, 100));
            log.add("client state " + TcpSocket.of(sys, s).state());
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("client write after SHUT_WR EPIPE", "server got 7", "server eof 0",
                "server revents 2005", "client got 'reply after your FIN'", "client eof 0", "client state TIME_WAIT"), log);
    }

    @Test
    void theActiveCloserWaitsSixtySecondsInTimeWait() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[100];
            log.add("server eof " + sys.read(c, buf, 0, 100) + " at " + ctx.now() / MS + " ms");
            sys.close(c);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(s, new InetSockAddr(0, 40000));
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.close(s);
            // The port is held by TIME_WAIT: a plain bind fails; SO_REUSEADDR on both sockets lets it share.
            int again = sys.socket(AF_INET, SOCK_STREAM, 0);
            ctx.sleep(S);
            try {
                sys.bind(again, new InetSockAddr(0, 40000));
            } catch (ErrnoException e) {
                log.add("bind " + e.errno());
            }
            sys.setsockopt(again, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(again, new InetSockAddr(0, 40000));
            log.add("bind with SO_REUSEADDR ok");
            sys.close(again);
            return 0;
        });
        t.sim.runUntil(10 * S);
        assertEquals(List.of("server eof 0 at 1050 ms", "bind EADDRINUSE", "bind with SO_REUSEADDR ok"), log);
        // ARP, handshake, FIN at 1.040 s; the server's FIN arrives at 1.060 s: TIME_WAIT until 61.06 s.
        assertEquals(List.of("TIME-WAIT 40000"), states(t.a.kernel()));
        assertEquals(List.of(), states(t.b.kernel())); // the passive closer ends at LAST_ACK
        t.sim.runUntil(61 * S);
        assertEquals(List.of("TIME-WAIT 40000"), states(t.a.kernel()));
        t.sim.runUntil(62 * S);
        assertEquals(List.of(), states(t.a.kernel()));
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TW));
    }

    /** a is in TIME_WAIT for 40000 -> b:5000 (b's side is gone); a FIN retransmission is injected at 30 s. */
    private static TcpNet timeWaitWithRetransmittedFin(boolean rfc1337) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        t.a.kernel().sysctl().set("net.ipv4.tcp_rfc1337", rfc1337 ? "1" : "0");
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            sys.read(c, new byte[1], 0, 1);
            sys.close(c);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(s, new InetSockAddr(0, 40000));
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.close(s);
            return 0;
        });
        t.at(30 * S, () -> {
            int[] sa = t.lastSentSeqAck();
            t.injectNow(t.a, TcpNet.B, 5000, TcpNet.A, 40000, sa[1] - 1, sa[0], TcpHeader.FIN | TcpHeader.ACK, 502, null, 0);
        });
        return t;
    }

    @Test
    void aResetAssassinatesTimeWaitAsLinuxAllowsByDefault() throws Exception {
        TcpNet t = timeWaitWithRetransmittedFin(false);
        t.sim.runUntil(31 * S);
        // TIME_WAIT re-acknowledges the FIN; b has forgotten the connection and answers with a
        // RST at exactly rcv_nxt, which (tcp_rfc1337 = 0) ends TIME_WAIT early.
        assertEquals(1, t.traceMatching("30.000000 > 40000>5000 . ").size(), t.trace.toString());
        assertEquals(1, t.traceMatching("30.020010 < 5000>40000 R ").size(), t.trace.toString());
        assertEquals(List.of(), states(t.a.kernel()));
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TW_KILLED));
    }

    @Test
    void withRfc1337TimeWaitIgnoresTheResetAndTheFinRestartsIt() throws Exception {
        TcpNet t = timeWaitWithRetransmittedFin(true);
        t.sim.runUntil(89 * S);
        assertEquals(List.of("TIME-WAIT 40000"), states(t.a.kernel()));
        t.sim.runUntil(91 * S);
        assertEquals(List.of(), states(t.a.kernel()));
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TW_KILLED));
    }

    @Test
    void aRestartedServerNeedsSoReuseaddrWhileItsConnectionsSitInTimeWait() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(l, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            sys.close(c); // the server closes first: its connection goes to TIME_WAIT
            sys.close(l);
            ctx.sleep(S);
            int plain = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.bind(plain, new InetSockAddr(0, 5000));
            } catch (ErrnoException e) {
                log.add("restart without SO_REUSEADDR: " + e.errno());
            }
            int reuse = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(reuse, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(reuse, new InetSockAddr(0, 5000));
            sys.listen(reuse, 8);
            log.add("restart with SO_REUSEADDR: listening");
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.read(s, new byte[1], 0, 1);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("restart without SO_REUSEADDR: EADDRINUSE", "restart with SO_REUSEADDR: listening"), log);
        assertTrue(states(t.b.kernel()).contains("TIME-WAIT 5000"), states(t.b.kernel()).toString());
    }

    @Test
    void soLingerWithATimeoutBlocksCloseUntilTheFinIsAcknowledged() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            ctx.sleep(100 * S);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            for (int round = 0; round < 2; round++) {
                int s = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.setsockopt(s, SOL_SOCKET, SO_LINGER, 5);
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
                sys.write(s, new byte[100_000], 0, 100_000);
                if (round == 1) {
                    t.net.setLinkUp(t.link, false);
                }
                long before = ctx.now();
                sys.close(s);
                log.add("close took " + (ctx.now() - before) / MS + " ms");
            }
            return 0;
        });
        t.sim.runUntil(30 * S);
        // Up: 100 kB in slow start plus the FIN are acknowledged after six 20 ms round trips.
        // Down: the 5 s linger expires and close returns with the data still queued.
        assertEquals(List.of("close took 120 ms", "close took 5000 ms"), log);
    }

    @Test
    void anOrphanedFinWait2TimesOutAfterTcpFinTimeout() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        t.a.kernel().sysctl().set("net.ipv4.tcp_fin_timeout", "20");
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            sys.accept(l, null);
            ctx.sleep(1000 * S); // never closes
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(10 * S);
        assertTrue(states(t.a.kernel()).get(0).startsWith("FIN-WAIT-2"), states(t.a.kernel()).toString());
        assertTrue(states(t.b.kernel()).contains("CLOSE-WAIT 5000"), states(t.b.kernel()).toString());
        t.sim.runUntil(20 * S);
        assertTrue(states(t.a.kernel()).get(0).startsWith("FIN-WAIT-2"));
        t.sim.runUntil(22 * S);
        assertEquals(List.of(), states(t.a.kernel()));
    }

    @Test
    void simultaneousOpenAndSimultaneousClose() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            boolean isA = side == 0;
            TcpNet.run(isA ? t.a : t.b, "peer", S, ctx -> {
                Syscalls sys = ctx.sys();
                int s = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.bind(s, new InetSockAddr(0, isA ? 7001 : 7002));
                // Resolve the neighbour first so both SYNs leave at the same instant.
                ctx.sleep(S);
                sys.connect(s, new InetSockAddr(isA ? TcpNet.B : TcpNet.A, isA ? 7002 : 7001));
                log.add((isA ? "a" : "b") + " connected at " + ctx.now() / MS + " ms");
                ctx.sleep(S);
                sys.close(s);
                ctx.sleep(S);
                log.add((isA ? "a " : "b ") + TcpSocket.class.getSimpleName() + " done");
                return 0;
            });
        }
        // Warm the ARP caches both ways.
        TcpNet.run(t.a, "arp", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 9));
            } catch (ErrnoException e) {
                // refused: fine
            }
            return 0;
        });
        t.sim.runUntil(10 * S);
        log.sort(null);
        assertEquals(List.of("a TcpSocket done", "a connected at 2020 ms", "b TcpSocket done", "b connected at 2020 ms"), log);
        // SYNs cross, each side answers with SYN-ACK: two SYNs and two SYN-ACKs on the wire.
        assertEquals(2, t.traceMatching("700", " S ").size(), t.trace.toString());
        assertEquals(2, t.traceMatching("700", " S. ").size(), t.trace.toString());
        // FINs cross too (neither acknowledges the other's): both go through CLOSING to TIME_WAIT.
        assertEquals(2, t.traceMatching("700", " F. ").size(), t.trace.toString());
        assertEquals(List.of("TIME-WAIT 7001"), states(t.a.kernel()));
        assertEquals(List.of("TIME-WAIT 7002"), states(t.b.kernel()));
    }
}
