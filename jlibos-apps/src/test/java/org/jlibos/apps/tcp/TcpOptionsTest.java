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
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.sim.process.Program;
import org.junit.jupiter.api.Test;

/** Socket options and call flags with their Linux effects on the wire. */
class TcpOptionsTest {

    /** b accepts on 5000 and runs {@code server}; a connects at 1 s and runs {@code client}. */
    private static TcpNet pair(Program server, Program client) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        TcpNet.run(t.b, "server", 0, server);
        TcpNet.run(t.a, "client", S, client);
        return t;
    }

    private static int acceptOne(Syscalls sys) throws ErrnoException {
        int l = sys.socket(AF_INET, SOCK_STREAM, 0);
        sys.bind(l, new InetSockAddr(0, 5000));
        sys.listen(l, 8);
        return sys.accept(l, null);
    }

    private static int connect(Syscalls sys) throws ErrnoException {
        int s = sys.socket(AF_INET, SOCK_STREAM, 0);
        sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
        return s;
    }

    /** Times (ms after 1 s) and lengths of a's data segments. */
    private static List<String> dataSegments(TcpNet t) {
        List<String> out = new ArrayList<>();
        for (String l : t.trace) {
            if (l.contains("> ") && l.contains("P.") || (l.contains("> ") && !l.contains("(0)") && !l.contains(" S"))) {
                String[] f = l.split(" ");
                double time = Double.parseDouble(f[0]);
                String len = f[4].substring(f[4].indexOf('('));
                out.add(String.format("%d %s %s", Math.round((time - 1) * 1000), f[3], len));
            }
        }
        return out;
    }

    private static Program sink(List<String> log) {
        return ctx -> {
            Syscalls sys = ctx.sys();
            int c = acceptOne(sys);
            byte[] buf = new byte[10000];
            long got = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                got += n;
            }
            log.add("sink got " + got);
            return 0;
        };
    }

    @Test
    void nagleHoldsASmallSegmentWhileAnotherIsUnacknowledged() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(sink(log), ctx -> {
            Syscalls sys = ctx.sys();
            int s = connect(sys);
            sys.write(s, new byte[100], 0, 100);
            sys.write(s, new byte[100], 0, 100); // held: the first small segment is in flight
            sys.write(s, new byte[100], 0, 100);
            ctx.sleep(S);
            sys.setsockopt(s, SOL_TCP, TCP_NODELAY, 1);
            sys.write(s, new byte[100], 0, 100);
            sys.write(s, new byte[100], 0, 100); // sent at once
            ctx.sleep(S);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        // At 40 ms the first 100 bytes go; the next 200 wait for its ACK (quick: the receiver
        // starts in quick-ACK mode), one RTT later. With TCP_NODELAY both small writes go at once.
        assertEquals(List.of("40 P. (100)", "60 P. (200)", "1040 P. (100)", "1040 P. (100)"), dataSegments(t));
        assertEquals(List.of("sink got 500"), log);
    }

    @Test
    void corkAndMsgMoreCoalesceUntilReleased() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(sink(log), ctx -> {
            Syscalls sys = ctx.sys();
            int s = connect(sys);
            sys.setsockopt(s, SOL_TCP, TCP_CORK, 1);
            sys.write(s, new byte[500], 0, 500);
            sys.write(s, new byte[500], 0, 500);
            ctx.sleep(100 * MS);
            sys.setsockopt(s, SOL_TCP, TCP_CORK, 0); // one 1000-byte segment now
            ctx.sleep(S);
            sys.send(s, new byte[300], 0, 300, MSG_MORE);
            ctx.sleep(100 * MS);
            sys.send(s, new byte[300], 0, 300, 0); // 600 bytes in one segment
            ctx.sleep(S);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("140 P. (1000)", "1240 P. (600)"), dataSegments(t));
        assertEquals(List.of("sink got 1600"), log);
    }

    @Test
    void tcpMaxsegLowersTheAdvertisedMssAndTheSegments() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(sink(log), ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_TCP, TCP_MAXSEG, 1000);
            log.add("TCP_MAXSEG before connect " + sys.getsockopt(s, SOL_TCP, TCP_MAXSEG));
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            log.add("TCP_MAXSEG connected " + sys.getsockopt(s, SOL_TCP, TCP_MAXSEG));
            sys.write(s, new byte[3000], 0, 3000);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertTrue(t.trace.get(0).contains("<mss 1000,"), t.trace.get(0));
        // The peer's MSS is 1460 but ours caps it: 1000 - 12 bytes of timestamps.
        assertEquals(List.of("TCP_MAXSEG before connect 1000", "TCP_MAXSEG connected 988", "sink got 3000"), log);
        // Sent as GSO packets of two segments (tcp_tso_autosize at the first pacing rate), each
        // ending in PSH as Linux's do; the last carries the FIN that close() queued meanwhile.
        assertEquals(List.of("40 . (988)", "40 P. (988)", "40 . (988)", "40 FP. (36)"), dataSegments(t));
    }

    @Test
    void congestionControlIsChosenBySysctlOrPerSocket() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(ctx -> {
            Syscalls sys = ctx.sys();
            int c = acceptOne(sys);
            log.add("server " + sys.getsockoptString(c, SOL_TCP, TCP_CONGESTION));
            return 0;
        }, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            log.add("default " + sys.getsockoptString(s, SOL_TCP, TCP_CONGESTION));
            sys.setsockopt(s, SOL_TCP, TCP_CONGESTION, "reno");
            try {
                sys.setsockopt(s, SOL_TCP, TCP_CONGESTION, "vegas");
            } catch (ErrnoException e) {
                log.add("vegas " + e.errno());
            }
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            log.add("client " + TcpSocket.of(sys, s).info().congestionControl);
            return 0;
        });
        t.b.kernel().sysctl().set("net.ipv4.tcp_congestion_control", "reno");
        t.sim.runUntil(5 * S);
        log.sort(null);
        assertEquals(List.of("client reno", "default cubic", "server reno", "vegas ENOENT"), log);
    }

    @Test
    void peekWaitallAndQueueIoctls() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(ctx -> {
            Syscalls sys = ctx.sys();
            int c = acceptOne(sys);
            ctx.sleep(200 * MS);
            log.add("SIOCINQ " + sys.ioctl(c, SIOCINQ));
            byte[] buf = new byte[5000];
            log.add("peek " + sys.recv(c, buf, 0, 10, MSG_PEEK) + " first byte " + buf[0]);
            log.add("still " + sys.ioctl(c, FIONREAD));
            log.add("waitall " + sys.recv(c, buf, 0, 5000, MSG_WAITALL) + " at " + (ctx.now() - S) / MS + " ms");
            try {
                sys.recv(c, buf, 0, 10, MSG_DONTWAIT);
            } catch (ErrnoException e) {
                log.add("dontwait " + e.errno());
            }
            PollFd p = new PollFd(c, POLLIN | POLLRDHUP);
            sys.poll(new PollFd[] {p}, -1);
            log.add("revents " + Integer.toHexString(p.revents) + " at " + (ctx.now() - S) / MS + " ms");
            return 0;
        }, ctx -> {
            Syscalls sys = ctx.sys();
            int s = connect(sys);
            byte[] data = new byte[3000];
            data[0] = 42;
            sys.write(s, data, 0, 3000);
            log.add("SIOCOUTQ " + sys.ioctl(s, SIOCOUTQ) + " SIOCOUTQNSD " + sys.ioctl(s, SIOCOUTQNSD));
            ctx.sleep(500 * MS);
            sys.write(s, data, 0, 2000);
            ctx.sleep(500 * MS);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("SIOCOUTQ 3000 SIOCOUTQNSD 0", "SIOCINQ 3000", "peek 10 first byte 42", "still 3000",
                "waitall 5000 at 550 ms", "dontwait EAGAIN", "revents 2001 at 1050 ms"), log);
    }

    @Test
    void tcpInfoDescribesAnIdleConnection() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(ctx -> {
            Syscalls sys = ctx.sys();
            acceptOne(sys);
            ctx.sleep(10 * S);
            return 0;
        }, ctx -> {
            Syscalls sys = ctx.sys();
            int s = connect(sys);
            sys.write(s, new byte[10_000], 0, 10_000);
            ctx.sleep(S);
            TcpInfo i = TcpSocket.of(sys, s).info();
            log.add(i.stateName() + " ca " + i.caState + " cwnd " + i.sndCwnd + " ssthresh " + i.sndSsthresh
                    + " unacked " + i.unacked + " acked " + i.bytesAcked + " sent " + i.bytesSent + " segs_out "
                    + i.segsOut + " data_segs_out " + i.dataSegsOut + " retrans " + i.totalRetrans
                    + " minrtt " + i.minRttUs + " mss " + i.sndMss + " rcv_space " + i.rcvSpace);
            log.add(i.ssLine());
            return 0;
        });
        t.sim.runUntil(5 * S);
        // Slow start grew cwnd while it was the limit: up to twice the 7 packets in flight.
        assertEquals("ESTAB ca 0 cwnd 14 ssthresh 2147483647 unacked 0 acked 10001 sent 10000 segs_out 9 "
                + "data_segs_out 7 retrans 0 minrtt 20131 mss 1448 rcv_space 14480", log.get(0));
        assertTrue(log.get(1).startsWith("cubic wscale:7,7 rto:22"), log.get(1));
    }
}
