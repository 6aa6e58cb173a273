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
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Resets: RFC 5961 challenge ACKs, aborts, and close() with unread data. */
class TcpResetTest {

    /** b listens on 5000 and blocks reading; a connects at 1 s and then idles. Logs what b's read returns. */
    private static TcpNet idleConnection(List<String> log) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[100];
            try {
                int n = sys.read(c, buf, 0, buf.length);
                log.add("server read " + n + " at " + ctx.now() / MS + " ms");
            } catch (ErrnoException e) {
                log.add("server read " + e.errno() + " at " + ctx.now() / MS + " ms");
            }
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            ctx.sleep(100 * S);
            return 0;
        });
        return t;
    }

    /** Injects into b a segment from a's side of the connection, relative to a's current snd_nxt/ack. */
    private static void fromA(TcpNet t, long at, int seqOffset, int ackOffset, int flags) {
        t.at(at, () -> {
            int[] sa = t.lastSentSeqAck();
            t.injectNow(t.b, TcpNet.A, sa[2], TcpNet.B, 5000, sa[0] + seqOffset, sa[1] + ackOffset, flags, 502, null, 0);
        });
    }

    @Test
    void anInWindowResetWithTheWrongSequenceNumberGetsAChallengeAck() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = idleConnection(log);
        fromA(t, 2 * S, 1000, 0, TcpHeader.RST);
        t.sim.runUntil(3 * S);
        assertEquals(List.of(), log, "the connection survives");
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK));
        List<String> acks = t.traceMatching("< 5000>");
        assertTrue(acks.get(acks.size() - 1).startsWith("2.0100"), acks.toString()); // b answered at once (10 ms away)
        // Now the exact sequence number: the connection is reset.
        fromA(t, 4 * S, 0, 0, TcpHeader.RST);
        t.sim.runUntil(5 * S);
        assertEquals(List.of("server read ECONNRESET at 4000 ms"), log);
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_ESTAB_RESETS));
    }

    @Test
    void aSynOnAnEstablishedConnectionGetsAChallengeAckRateLimited() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = idleConnection(log);
        fromA(t, 2 * S, 0, 0, TcpHeader.SYN);
        fromA(t, 2 * S + 100 * MS, 5, 0, TcpHeader.SYN); // within tcp_invalid_ratelimit (500 ms): no ACK
        fromA(t, 3 * S, 7, 0, TcpHeader.SYN);
        t.sim.runUntil(4 * S);
        assertEquals(List.of(), log);
        assertEquals(3, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE));
        assertEquals(2, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK));
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_CHALLENGE));
    }

    @Test
    void aResetOutsideTheWindowIsIgnoredSilently() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = idleConnection(log);
        fromA(t, 2 * S, 10_000_000, 0, TcpHeader.RST);
        fromA(t, 2 * S + MS, -10_000_000, 0, TcpHeader.RST);
        t.sim.runUntil(3 * S);
        assertEquals(List.of(), log);
        assertEquals(0, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK));
        assertEquals(0, t.traceMatching(" 2.0", "< 5000>").size() + t.traceMatching("2.01", "< 5000>").size());
    }

    @Test
    void anAckForDataNeverSentIsDroppedAndAnAncientOneChallenged() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = idleConnection(log);
        fromA(t, 2 * S, 0, 100_000, TcpHeader.ACK);          // acks data b never sent: dropped
        fromA(t, 3 * S, 0, -10_000_000, TcpHeader.ACK);      // older than snd_una - max_window: challenge
        t.sim.runUntil(4 * S);
        assertEquals(List.of(), log);
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK));
    }

    /**
     * The root cause of resets seen under TcpRobustnessTest's dense flood, pinned as Linux does it
     * ({@code tcp_check_req}; RFC 9293 §3.10.7.4, SYN-RECEIVED of a passive open): a's third ACK
     * is lost, so b still holds the connection as a SYN_RECV request when an in-window SYN from
     * a's 4-tuple arrives. Unlike a SYN on an established connection (a challenge ACK, above),
     * that aborts the request (EmbryonicRsts) and is answered with a RST that a ignores (seq 0).
     * a, established since the SYN-ACK, then sends data that reaches only b's listener, whose RST
     * (seq = the data's ACK = a's rcv_nxt) is acceptable to a and resets it.
     */
    @Test
    void anInWindowSynAbortsARequestStillInSynRecvAndThePeerIsThenReset() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        int[] pureAcks = new int[1];
        t.dropFromA = line -> line.contains(" . ") && line.contains("(0)") && pureAcks[0]++ == 0;
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            sys.accept(l, null);
            log.add("server accepted");
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            ctx.sleep(S);
            sys.write(s, new byte[100], 0, 100);
            byte[] buf = new byte[10];
            try {
                sys.read(s, buf, 0, 10);
            } catch (ErrnoException e) {
                log.add("client read " + e.errno() + " at " + ctx.now() / MS + " ms");
            }
            return 0;
        });
        fromA(t, S + 200 * MS, 1000, 0, TcpHeader.SYN); // seq = a's snd_nxt + 1000: in b's window
        t.sim.runUntil(3 * S);
        assertEquals(1, t.traceMatching("x ", " . ").size(), t.trace.toString()); // the third ACK was lost
        var b = t.b.kernel().snmp();
        assertEquals(1, b.get(SnmpCounter.TCP_EXT_EMBRYONIC_RSTS));
        assertEquals(1, b.get(SnmpCounter.TCP_ATTEMPT_FAILS));
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE));
        assertEquals(0, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        int[] sa = t.lastSentSeqAck();
        List<String> resets = t.traceMatching("< 5000>", " R");
        assertEquals(2, resets.size(), resets.toString());
        // The reply to the SYN: seq 0, acking the SYN (a segment without ACK, RFC 9293 §3.10.7.1).
        assertTrue(resets.get(0).startsWith("1.21"), resets.toString());
        assertTrue(resets.get(0).contains(" R. 0:0(0) ack "), resets.toString());
        // The listener's answer to a's data, with seq = the data's ACK: exactly a's rcv_nxt.
        assertTrue(resets.get(1).startsWith("2.06"), resets.toString());
        assertTrue(resets.get(1).contains(" R " + Integer.toUnsignedString(sa[1]) + ":"), resets.toString());
        assertEquals(List.of("client read ECONNRESET at 2060 ms"), log);
        assertEquals(1, t.a.kernel().snmp().get(SnmpCounter.TCP_ESTAB_RESETS));
    }

    @Test
    void closeWithUnreadDataSendsAReset() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            ctx.sleep(500 * MS);
            log.add("unread " + sys.ioctl(c, SIOCINQ));
            sys.close(c); // without reading
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.write(s, new byte[1000], 0, 1000);
            byte[] buf = new byte[10];
            try {
                sys.read(s, buf, 0, 10);
            } catch (ErrnoException e) {
                log.add("client read " + e.errno());
            }
            try {
                sys.write(s, buf, 0, 10);
            } catch (ErrnoException e) {
                log.add("client write " + e.errno());
            }
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("unread 1000", "client read ECONNRESET", "client write EPIPE"), log);
        List<String> resets = t.traceMatching("< 5000>", " R. ");
        assertEquals(1, resets.size(), t.trace.toString());
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_ABORT_ON_CLOSE));
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_OUT_RSTS));
    }

    @Test
    void soLingerZeroAbortsWithAReset() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[10];
            try {
                log.add("server read " + sys.read(c, buf, 0, 10));
            } catch (ErrnoException e) {
                log.add("server read " + e.errno());
            }
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_SOCKET, SO_LINGER, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("server read ECONNRESET"), log);
        assertEquals(1, t.traceMatching("> ", " R. ").size(), t.trace.toString());
        assertEquals(0, t.traceMatching(" F. ").size(), "no FIN with a zero linger time");
    }
}
