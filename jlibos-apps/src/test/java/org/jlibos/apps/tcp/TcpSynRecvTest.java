package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/**
 * Segments for a connection request still in b's SYN queue (Linux's {@code tcp_check_req}),
 * crafted from a made-up client a:40000 that has no socket: a's own resets to b's SYN-ACK and
 * ACKs are lost on the wire, so only the injected segments reach b. The client's ISN is 1000.
 */
class TcpSynRecvTest {

    private static final int PORT = 40000;
    private static final int ISN = 1000;

    /** b listens on 5000; the server logs what accept() and a read() return. */
    private static TcpNet listener(List<String> log) throws Exception {
        return listener(log, 0);
    }

    /** Like {@link #listener(List)}, with the server calling accept() only at {@code acceptAt}. */
    private static TcpNet listener(List<String> log, long acceptAt) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        t.dropFromA = line -> line.contains(" R");
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            ctx.sleep(acceptAt);
            int c = sys.accept(l, null);
            log.add("accepted at " + ctx.now() / MS + " ms");
            byte[] buf = new byte[100];
            log.add("read " + sys.read(c, buf, 0, buf.length) + " at " + ctx.now() / MS + " ms");
            return 0;
        });
        return t;
    }

    private static void inject(TcpNet t, long at, int seq, int ack, int flags, TcpOptions options, int payload) {
        t.at(at, () -> t.injectNow(t.b, TcpNet.A, PORT, TcpNet.B, 5000, seq, ack, flags, 502, options, payload));
    }

    /** The client's SYN, at 1 s. */
    private static void syn(TcpNet t, TcpOptions options) {
        inject(t, S, ISN, 0, TcpHeader.SYN, options, 0);
    }

    /** b's ISN from its SYN-ACK (the first segment a received). */
    private static int iss(TcpNet t) {
        for (TcpNet.Captured c : t.frames) {
            if (!c.out() && c.flags() == (TcpHeader.SYN | TcpHeader.ACK)) {
                return TcpHeader.seq(c.frame(), c.tcp());
            }
        }
        throw new AssertionError("no SYN-ACK: " + t.trace);
    }

    /** What b sent (as a received it), without the timestamps. */
    private static List<String> fromB(TcpNet t) {
        List<String> out = new ArrayList<>();
        for (String line : t.traceMatching(" < 5000>")) {
            out.add(line.substring(0, line.indexOf(" < ")) + " " + line.substring(line.indexOf("5000>")));
        }
        return out;
    }

    /**
     * Linux takes a segment at rcv_isn as a retransmitted SYN (answered with the SYN-ACK again)
     * only when exactly SYN is set among SYN, RST and ACK. SYN|RST falls through to the window
     * check: it ends at rcv_nxt, so it is out of the window, and being a reset it gets no ACK;
     * the request lives on and the final ACK completes it.
     */
    @Test
    void aSynRstAtTheClientIsnIsDroppedNotAnsweredWithASynAck() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = listener(log);
        syn(t, null);
        inject(t, S + 100 * MS, ISN, 0, TcpHeader.SYN | TcpHeader.RST, null, 0);
        t.sim.runUntil(S + 400 * MS);
        int iss = iss(t);
        String isn1 = Integer.toUnsignedString(iss + 1);
        assertEquals(List.of("1.030011 5000>40000 S. " + Integer.toUnsignedString(iss) + ":" + Integer.toUnsignedString(iss)
                + "(0) ack 1001 win 64240 <mss 1460>"), fromB(t), t.trace.toString());
        inject(t, S + 500 * MS, ISN + 1, iss + 1, TcpHeader.ACK, null, 0);
        inject(t, S + 600 * MS, ISN + 1, iss + 1, TcpHeader.ACK | TcpHeader.PSH, null, 5);
        t.sim.runUntil(3 * S);
        Snmp b = t.b.kernel().snmp();
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_EMBRYONIC_RSTS));
        assertEquals(0, b.get(SnmpCounter.TCP_ATTEMPT_FAILS));
        assertEquals(1, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(List.of("accepted at 1500 ms", "read 5 at 1600 ms"), log);
        // Nothing between the SYN-ACK and the ACK of the data (then the server's close).
        assertEquals(List.of(
                "1.030011 5000>40000 S. " + Integer.toUnsignedString(iss) + ":" + Integer.toUnsignedString(iss)
                        + "(0) ack 1001 win 64240 <mss 1460>",
                "1.610004 5000>40000 . " + isn1 + ":" + isn1 + "(0) ack 1006 win 64240",
                "1.610009 5000>40000 F. " + isn1 + ":" + isn1 + "(0) ack 1006 win 64240"), fromB(t), t.trace.toString());
    }

    /**
     * Linux drops the SYN flag of a segment at rcv_isn before its RST/SYN test ("truncate SYN,
     * it is out of window"): a SYN-ACK carrying data, seq = rcv_isn and acking our SYN-ACK, is
     * in the window and completes the request like an ACK instead of aborting it. The new socket
     * then sees the SYN bit itself and, per RFC 5961 §4, answers with a challenge ACK and discards
     * the segment; a's next ACK, arriving while it waits in the accept queue still in SYN_RECV,
     * is processed by that socket (not as a request again) and establishes it: it is counted
     * and accepted exactly once.
     */
    @Test
    void aSynAckWithDataAtTheClientIsnCompletesTheRequestAndIsChallenged() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = listener(log, S + 550 * MS);
        syn(t, null);
        t.sim.runUntil(S + 50 * MS);
        int iss = iss(t);
        String isn1 = Integer.toUnsignedString(iss + 1);
        inject(t, S + 100 * MS, ISN, iss + 1, TcpHeader.SYN | TcpHeader.ACK, null, 10);
        t.sim.runUntil(S + 400 * MS);
        Snmp b = t.b.kernel().snmp();
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_EMBRYONIC_RSTS));
        assertEquals(0, b.get(SnmpCounter.TCP_ATTEMPT_FAILS));
        assertEquals(1, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(1, b.get(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE));
        assertEquals(1, b.get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK));
        assertEquals(List.of(), log);
        // The SYN-ACK, then the challenge ACK: the 10 bytes were discarded (ack 1001, not 1011).
        List<String> replies = fromB(t);
        assertEquals(2, replies.size(), t.trace.toString());
        assertEquals("1.110004 5000>40000 . " + isn1 + ":" + isn1 + "(0) ack 1001 win 64240", replies.get(1));
        inject(t, S + 500 * MS, ISN + 1, iss + 1, TcpHeader.ACK, null, 0);
        inject(t, S + 600 * MS, ISN + 1, iss + 1, TcpHeader.ACK | TcpHeader.PSH, null, 5);
        t.sim.runUntil(3 * S);
        assertEquals(List.of("accepted at 1550 ms", "read 5 at 1600 ms"), log);
        assertEquals(1, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(0, b.get(SnmpCounter.TCP_EXT_EMBRYONIC_RSTS));
        assertEquals(0, t.traceMatching("< 5000>", " R").size(), t.trace.toString());
    }

    /**
     * Linux checks a request's segments against rcv_nxt + the window it advertised in the
     * SYN-ACK (req->rsk_rcv_wnd), and its ACKs from the request advertise that same window,
     * scaled: the request never selects a new window. Here 64240 (44 MSS of 1460) with scale 7,
     * so 501 (64128) on the ACKs, not 502 (64256, the window rounded up to the scale as an
     * established socket would select it), and a segment starting 64250 bytes in stays out of
     * the window however often the request has answered one.
     */
    @Test
    void aRequestKeepsTheWindowOfItsSynAck() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = listener(log);
        TcpOptions o = new TcpOptions();
        o.mss = 1460;
        o.windowScale = 7;
        syn(t, o);
        t.sim.runUntil(S + 50 * MS);
        int iss = iss(t);
        String isn1 = Integer.toUnsignedString(iss + 1);
        inject(t, S + 100 * MS, ISN + 1 + 64250, iss + 1, TcpHeader.ACK, null, 10);
        inject(t, S + 700 * MS, ISN + 1 + 64250, iss + 1, TcpHeader.ACK, null, 10);
        t.sim.runUntil(S + 800 * MS);
        List<String> replies = fromB(t);
        assertEquals(List.of(
                "1.030012 5000>40000 S. " + Integer.toUnsignedString(iss) + ":" + Integer.toUnsignedString(iss)
                        + "(0) ack 1001 win 64240 <mss 1460,nop,wscale 7>",
                "1.110004 5000>40000 . " + isn1 + ":" + isn1 + "(0) ack 1001 win 501",
                "1.710004 5000>40000 . " + isn1 + ":" + isn1 + "(0) ack 1001 win 501"), replies, t.trace.toString());
        Snmp b = t.b.kernel().snmp();
        assertEquals(0, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(List.of(), log);
        // The request is intact: the final ACK completes it.
        inject(t, S + 900 * MS, ISN + 1, iss + 1, TcpHeader.ACK, null, 0);
        t.sim.runUntil(2 * S);
        assertEquals(1, b.get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertEquals(List.of("accepted at 1900 ms"), log);
    }
}
