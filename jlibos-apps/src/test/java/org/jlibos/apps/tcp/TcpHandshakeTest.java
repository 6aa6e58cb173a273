package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Active and passive open as Linux does them, byte for byte on the wire. */
class TcpHandshakeTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A server on b:5000 that accepts one connection and echoes until EOF. */
    static void echoServer(TcpNet t, List<String> log) {
        TcpNet.run(t.b, "echo", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            log.add("accepted from " + sys.getpeername(c) + " on " + sys.getsockname(c));
            byte[] buf = new byte[4096];
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                sys.write(c, buf, 0, n);
            }
            sys.close(c);
            return 0;
        });
    }

    @Test
    void synCarriesLinuxsOptionsInLinuxsOrder() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        echoServer(t, log);
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            log.add("connected " + sys.getsockname(s) + " -> " + sys.getpeername(s));
            sys.write(s, "hello".getBytes(), 0, 5);
            byte[] buf = new byte[16];
            int n = sys.read(s, buf, 0, buf.length);
            log.add("echo " + new String(buf, 0, n));
            TcpInfo i = TcpSocket.of(sys, s).info();
            log.add("mss " + i.sndMss + " advmss " + i.advmss + " wscale " + i.sndWscale + "," + i.rcvWscale
                    + " options " + i.options + " cwnd " + i.sndCwnd + " rtt " + i.rttUs + " rto " + i.rtoUs);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);

        TcpNet.Captured syn = t.frames.get(0);
        assertTrue(syn.out());
        assertEquals(TcpHeader.SYN, syn.flags());
        byte[] h = syn.tcpHeader();
        // 40-byte header: mss 1460, sackOK, TS val V ecr 0, nop, wscale 7 (tcp_rmem[2] = 6 MiB).
        assertEquals(40, h.length);
        assertEquals("020405b4" + "0402080a", hex(java.util.Arrays.copyOfRange(h, 20, 28)));
        assertEquals("00000000" + "01030307", hex(java.util.Arrays.copyOfRange(h, 32, 40)));
        assertEquals(64240, syn.window()); // tcp_rmem[1] / 2, a multiple of the MSS
        assertEquals(0, TcpHeader.ack(h, 0));
        assertEquals(0xa0, h[12] & 0xff); // data offset 10, reserved bits clear

        TcpNet.Captured synAck = t.frames.get(1);
        assertEquals(TcpHeader.SYN | TcpHeader.ACK, synAck.flags());
        assertEquals(65160, synAck.window()); // 131072 / 2 rounded down to 45 * 1448
        assertTrue(t.trace.get(1).contains("<mss 1460,sackOK,TS val"), t.trace.get(1));
        assertTrue(t.trace.get(1).contains(",nop,wscale 7>"), t.trace.get(1));
        assertTrue(t.trace.get(2).contains(" . ") && t.trace.get(2).contains("win 502 <nop,nop,TS val"), t.trace.get(2));
        assertEquals(List.of(
                "accepted from 10.0.0.1:" + portOf(log) + " on 10.0.0.2:5000",
                "connected 10.0.0.1:" + portOf(log) + " -> 10.0.0.2:5000",
                "echo hello",
                "mss 1448 advmss 1448 wscale 7,7 options 7 cwnd 10 rtt 37517 rto 238000"), sortedLog(log));
        // SRTT: 40 ms from the SYN (ARP included), then 20 ms from "hello": 40 - 20/8 = 37.5 ms;
        // RTO = SRTT + 200 ms, rounded up to whole milliseconds.
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_ACTIVE_OPENS));
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_CURR_ESTAB));
    }

    private static String portOf(List<String> log) {
        for (String l : log) {
            if (l.startsWith("connected 10.0.0.1:")) {
                return l.substring("connected 10.0.0.1:".length(), l.indexOf(' ', 12));
            }
        }
        return "?";
    }

    private static List<String> sortedLog(List<String> log) {
        List<String> l = new ArrayList<>(log);
        l.sort(null);
        return l;
    }

    @Test
    void withoutTimestampsTheSynPadsSackWithNops() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        t.a.kernel().sysctl().set("net.ipv4.tcp_timestamps", "0");
        List<String> log = new ArrayList<>();
        echoServer(t, log);
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            TcpInfo i = TcpSocket.of(sys, s).info();
            log.add("mss " + i.sndMss + " options " + i.options);
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertTrue(t.trace.get(0).endsWith("win 64240 <mss 1460,nop,nop,sackOK,nop,wscale 7>"), t.trace.get(0));
        // The SYN-ACK echoes only what the SYN offered.
        assertTrue(t.trace.get(1).endsWith("<mss 1460,nop,nop,sackOK,nop,wscale 7>"), t.trace.get(1));
        assertEquals("02040 5b4".replace(" ", "") + "01010402" + "01030307",
                hex(java.util.Arrays.copyOfRange(t.frames.get(0).tcpHeader(), 20, 32)));
        assertTrue(log.contains("mss 1460 options 6"), log.toString()); // no TS: 1460-byte segments
    }

    @Test
    void nonBlockingConnectReportsThroughPollAndSoError() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        echoServer(t, log);
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add("1: " + e.errno());
            }
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add("2: " + e.errno());
            }
            PollFd p = new PollFd(s, POLLOUT);
            int ready = sys.poll(new PollFd[] {p}, -1);
            log.add("poll " + ready + " revents " + p.revents + " at " + (ctx.now() - S) / MS + " ms");
            log.add("SO_ERROR " + sys.getsockopt(s, SOL_SOCKET, SO_ERROR));
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            log.add("3: ok");
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add("4: " + e.errno());
            }
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        // ARP (20 ms) and one RTT (20 ms) later the connection is up.
        assertEquals(List.of("1: EINPROGRESS", "2: EALREADY", "poll 1 revents 4 at 40 ms", "SO_ERROR 0", "3: ok",
                "4: EISCONN"), log.subList(0, 6));
    }

    @Test
    void aClosedPortRefusesWithAReset() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add(e.errno() + " at " + (ctx.now() - S) / MS + " ms");
            }
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("ECONNREFUSED at 40 ms"), log);
        // RFC 9293 §3.10.7.1: no ACK in the SYN, so the reset has seq 0 and acknowledges the SYN.
        assertTrue(t.trace.get(1).contains(" R. 0:0(0) ack "), t.trace.get(1));
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_OUT_RSTS));
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_ATTEMPT_FAILS));
    }

    @Test
    void synRetriesBackOffUntilTheConnectionTimesOut() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        t.a.kernel().sysctl().set("net.ipv4.tcp_syn_retries", "2");
        List<String> log = new ArrayList<>();
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            // A first, refused attempt resolves b's MAC; then the link goes down so SYNs vanish.
            int probe = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.connect(probe, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add("probe " + e.errno());
            }
            t.net.setLinkUp(t.link, false);
            ctx.sleep(S - (ctx.now() - S));
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            } catch (ErrnoException e) {
                log.add(e.errno() + " at " + (ctx.now() - S) / MS + " ms");
            }
            return 0;
        });
        t.sim.runUntil(30 * S);
        // SYN at 1 s, retransmissions 1 s and 3 s later; gives up when the RTO after the 2nd fires.
        assertEquals(List.of("probe ECONNREFUSED", "ETIMEDOUT at 8000 ms"), log);
    }

    @Test
    void anUnreachableNeighbourFailsTheConnectAtOnce() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            try {
                sys.connect(s, new InetSockAddr(Ipv4Address.parse("10.0.0.77"), 5000));
            } catch (ErrnoException e) {
                log.add(e.errno() + " at " + (ctx.now() - S) / MS + " ms");
            }
            return 0;
        });
        t.sim.runUntil(30 * S);
        // ARP gives up after 3 probes a second apart; the local ICMP host unreachable ends SYN_SENT.
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("EHOSTUNREACH at 3"), log.toString());
    }
}
