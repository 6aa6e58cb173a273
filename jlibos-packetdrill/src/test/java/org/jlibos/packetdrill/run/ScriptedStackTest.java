package org.jlibos.packetdrill.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.packetdrill.packet.TcpOptionCodec;
import org.jlibos.packetdrill.script.TcpOption;
import org.junit.jupiter.api.Test;

/**
 * The TCP packet path of the interpreter (seq/ack/SACK/TS mapping, TSO aggregation, option and
 * timing checks, messages) against {@link ScriptedTcp}, a stand-in that answers as the test
 * says, so these tests hold whatever state the kernel's own TCP is in.
 */
class ScriptedStackTest {

    private static final int REMOTE = Ipv4Address.parse("192.0.2.1");
    private static final long ISN = 3_000_000_000L;
    private static final int SYN = TcpHeader.SYN;
    private static final int ACK = TcpHeader.ACK;
    private static final int PSH = TcpHeader.PSH;
    private static final int RST = TcpHeader.RST;

    private static byte[] options(TcpOption... o) {
        return TcpOptionCodec.encode(List.of(o));
    }

    private static final byte[] SYNACK_TS = options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
            new TcpOption.Timestamp(7000, 100), new TcpOption.Nop(), new TcpOption.WindowScale(8));
    private static final byte[] SYNACK_PLAIN = options(new TcpOption.Mss(1460), new TcpOption.Nop(),
            new TcpOption.WindowScale(8));

    /** Answers a SYN with a SYN-ACK (ISN {@link #ISN}) after {@code delay}, the handshake ACK with {@code data}. */
    private static ScriptedTcp server(long delayNanos, byte[] synAckOptions, int[] dataSizes, int synAckFlags) {
        return new ScriptedTcp((s, tcp) -> {
            if ((s.flags() & SYN) != 0) {
                tcp.send(delayNanos, REMOTE, s.dstPort(), s.srcPort(), synAckFlags, ISN, s.seq() + 1, 65535,
                        synAckOptions, 0);
            } else if (s.payloadLength() == 0 && s.ack() == ISN + 1 && dataSizes.length > 0) {
                long seq = ISN + 1;
                for (int i = 0; i < dataSizes.length; i++) {
                    int flags = ACK | (i == dataSizes.length - 1 ? PSH : 0);
                    byte[] ts = options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamp(7010, 200));
                    tcp.send(10_000_000L, REMOTE, s.dstPort(), s.srcPort(), flags, seq, s.seq(), 1000,
                            synAckOptions == SYNACK_TS ? ts : new byte[0], dataSizes[i]);
                    seq += dataSizes[i];
                }
            }
        });
    }

    private static ScriptResult run(String name, ScriptedTcp tcp, List<String> log) {
        return TestScripts.run("scripted/" + name, tcp::install, log);
    }

    @Test
    void handshakeAndBurstMapIsnsTimestampsAndSacks() {
        ScriptedTcp tcp = server(0, SYNACK_TS, new int[] {1000, 1000, 1000}, SYN | ACK);
        List<String> log = new ArrayList<>();
        ScriptResult r = run("handshake-data.pkt", tcp, log);
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine() + "\n" + String.join("\n", log));
        assertEquals(3, tcp.received.size());
        // Inbound SYN: seq absolute, options in script order.
        ScriptedTcp.Segment synIn = tcp.received.get(0);
        assertEquals(0, synIn.seq());
        assertEquals(SYN, synIn.flags());
        assertEquals(32792, synIn.window());
        assertEquals(40000, synIn.srcPort(), "the first child connection gets the first remote port");
        assertEquals(8080, synIn.dstPort());
        assertArrayEquals(options(new TcpOption.Mss(1000), new TcpOption.SackPermitted(),
                new TcpOption.Timestamp(100, 0), new TcpOption.Nop(), new TcpOption.WindowScale(7)), synIn.options());
        // Handshake ACK: seq relative to the remote ISN (0), ack relative to the stack's ISN,
        // TSecr translated to the TSval the stack really sent.
        ScriptedTcp.Segment ackIn = tcp.received.get(1);
        assertEquals(1, ackIn.seq());
        assertEquals(ISN + 1, ackIn.ack());
        assertEquals(100_000_000L, ackIn.timeNanos());
        assertArrayEquals(options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamp(200, 7000)),
                ackIn.options());
        // SACK edges move into the stack's sequence space; ecr 110 is the script's name for 7010.
        ScriptedTcp.Segment sackIn = tcp.received.get(2);
        assertEquals(ISN + 3001, sackIn.ack());
        assertArrayEquals(options(new TcpOption.Sack(List.of(new long[] {ISN + 1001, ISN + 2001})), new TcpOption.Nop(),
                new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamp(300, 7010)),
                sackIn.options());
        String all = String.join("\n", log);
        assertTrue(all.contains("  0.110000 line 7: sent P. 1:3001(3000) ack 1 win 1000 <nop,nop,TS val 110 ecr 200> (matches)"),
                all);
    }

    @Test
    void optionMismatchShowsExpectedAndActualPackets() {
        ScriptResult r = run("wrong-options.pkt", server(0, SYNACK_TS, new int[0], SYN | ACK), new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertEquals(2, r.line());
        assertEquals("expected outbound S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>, got S. 0:0(0) ack 1 win 65535 "
                + "<mss 1460,sackOK,TS val 7000 ecr 100,nop,wscale 8> sent at 0.000000 sec (ipv4_total_length: expected 48, "
                + "actual 60 (payload 0 bytes expected, 0 sent; options 8 bytes expected, 20 sent))", r.message());
    }

    @Test
    void anyOptionsAcceptsWhateverTheStackSends() {
        ScriptResult r = run("any-options.pkt", server(0, SYNACK_TS, new int[0], SYN | ACK), new ArrayList<>());
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
    }

    /** The first packet for a SYN-ACK line teaches the stack's ISN, even when it is a RST (as in packetdrill). */
    @Test
    void wrongFlagsAreNamed() {
        ScriptResult r = run("rst-instead.pkt", server(0, new byte[0], new int[0], RST | ACK), new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertEquals("expected outbound S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>, got R. 0:0(0) ack 1 win 65535 "
                + "sent at 0.000000 sec (ipv4_total_length: expected 48, actual 40 (payload 0 bytes expected, "
                + "0 sent; options 8 bytes expected, 0 sent))", r.message());
    }

    @Test
    void lateAnswerIsATimingError() {
        ScriptResult r = run("late-synack.pkt", server(50_000_000L, SYNACK_PLAIN, new int[0], SYN | ACK), new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertTrue(r.message().endsWith("sent at 0.050000 sec (timing error: expected outbound packet at 0.000000 sec but "
                + "happened at 0.050000 sec; tolerance 0.004000 sec)"), r.message());
    }

    @Test
    void timeRangeAcceptsTheLateAnswer() {
        ScriptResult r = run("late-synack-range.pkt", server(50_000_000L, SYNACK_PLAIN, new int[0], SYN | ACK),
                new ArrayList<>());
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
    }

    @Test
    void silenceTimesOut() {
        ScriptResult r = run("silence.pkt", new ScriptedTcp((s, tcp) -> { }), new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertEquals(2, r.line());
        assertEquals("timed out waiting for outbound packet S. 0:0(0) ack 1 <mss 1460,nop,wscale 8> expected at "
                + "0.100000 sec (nothing sent by 2.112500 sec)", r.message());
    }

    @Test
    void burstWithUnevenSegmentsDoesNotAggregate() {
        ScriptResult r = run("uneven-burst.pkt", server(0, SYNACK_PLAIN, new int[] {1000, 500, 1000}, SYN | ACK),
                new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertEquals(4, r.line());
        assertTrue(r.message().contains("(aggregate candidate fragment payload: expected 1000 bytes vs actual 500 bytes; "
                + "total payload: expected 2500 bytes vs actual 1500 bytes)"), r.message());
    }

    @Test
    void unknownTsEcrIsRefused() {
        ScriptResult r = run("unknown-ecr.pkt", server(0, SYNACK_TS, new int[0], SYN | ACK), new ArrayList<>());
        assertEquals(ScriptResult.Status.FAIL, r.status());
        assertEquals(3, r.line());
        assertEquals("unable to infer live TS ecr for script TS ecr 555; no matching or preceding outbound TS val",
                r.message());
    }

    @Test
    void bareAckToAListenerMakesAChildWithThatSeqAsIsn() {
        // A Linux listener answers a bare ACK with a RST whose seq is the ACK's ack number.
        ScriptedTcp tcp = new ScriptedTcp((s, t) -> t.send(0, REMOTE, s.dstPort(), s.srcPort(), RST, s.ack(), 0, 0,
                new byte[0], 0));
        ScriptResult r = run("bare-ack-to-listener.pkt", tcp, new ArrayList<>());
        assertEquals(ScriptResult.Status.PASS, r.status(), r.reportLine());
        assertEquals(2, tcp.received.get(0).seq(), "script seq 1 + remote ISN 1, as packetdrill maps it");
        assertEquals(1, tcp.received.get(0).ack(), "no local ISN known yet: the ack goes out as written");
    }
}
