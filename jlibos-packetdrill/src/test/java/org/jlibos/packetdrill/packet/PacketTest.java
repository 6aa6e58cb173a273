package org.jlibos.packetdrill.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.kernel.wire.UdpHeader;
import org.jlibos.packetdrill.script.Event;
import org.jlibos.packetdrill.script.PacketSpec;
import org.jlibos.packetdrill.script.Parser;
import org.jlibos.packetdrill.script.ScriptParseException;
import org.jlibos.packetdrill.script.TcpOption;
import org.junit.jupiter.api.Test;

/** Flags, option encoding, packet building and the field-by-field matcher. */
class PacketTest {

    private static final int LOCAL = Ipv4Address.parse("192.168.0.1");
    private static final int REMOTE = Ipv4Address.parse("192.0.2.1");
    private static final InboundPackets.IpFields OUT = new InboundPackets.IpFields(LOCAL, REMOTE, 0, 64);

    private static PacketSpec.Tcp spec(String line) throws ScriptParseException {
        return (PacketSpec.Tcp) ((Event.Packet) Parser.parse("t.pkt", "0 " + line).events().get(0)).packet();
    }

    private static LivePacket live(int flags, long seq, long ack, int win, byte[] options, int payload) {
        return new LivePacket(0, InboundPackets.tcp(OUT, 8080, 40000, flags, seq, ack, win, 0, options, payload));
    }

    @Test
    void flags() {
        assertEquals(TcpHeader.SYN | TcpHeader.ACK, TcpFlags.parse("S."));
        assertEquals(TcpHeader.FIN | TcpHeader.PSH | TcpHeader.ACK, TcpFlags.parse("FP."));
        assertEquals(TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR, TcpFlags.parse("SEW"));
        assertEquals(0, TcpFlags.parse("-"));
        assertEquals(TcpFlags.ACE_MODE | TcpHeader.AE | TcpHeader.ECE | TcpHeader.ACK, TcpFlags.parse("5."));
        assertEquals("FP.", TcpFlags.format(TcpFlags.parse("FP.")));
        assertEquals("SEW", TcpFlags.format(TcpFlags.parse("SEW")));
        assertEquals("-", TcpFlags.format(0));
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("X"));
    }

    @Test
    void optionsEncodeInScriptOrderAndFormatBack() {
        List<TcpOption> opts = List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamp(100, 0), new TcpOption.Nop(), new TcpOption.WindowScale(8));
        byte[] b = TcpOptionCodec.encode(opts);
        assertEquals(20, b.length);
        assertEquals("mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8", TcpOptions.format(b, 0, b.length));
        byte[] odd = TcpOptionCodec.encode(List.of(new TcpOption.WindowScale(7), new TcpOption.Nop(),
                new TcpOption.Sack(List.of(new long[] {1, 2})), new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.FastOpen("abcd", false), new TcpOption.FastOpen("", true)));
        assertEquals("wscale 7,nop,sack 1:2,nop,nop,FO abcd,FOEXP", TcpOptions.format(odd, 0, odd.length));
        assertEquals(List.of(new TcpOptionCodec.RawOption(3, 0, 3), new TcpOptionCodec.RawOption(1, 3, 1),
                new TcpOptionCodec.RawOption(5, 4, 10), new TcpOptionCodec.RawOption(1, 14, 1),
                new TcpOptionCodec.RawOption(1, 15, 1), new TcpOptionCodec.RawOption(34, 16, 4),
                new TcpOptionCodec.RawOption(254, 20, 4)), TcpOptionCodec.walk(odd, 0, odd.length));
        assertNull(TcpOptionCodec.walk(new byte[] {2, 1}, 0, 2), "a length below 2 cannot be walked");
    }

    @Test
    void inboundPacketsHaveValidChecksumsAndZeroPayload() {
        byte[] tcp = InboundPackets.tcp(new InboundPackets.IpFields(REMOTE, LOCAL, 2, 64), 40000, 8080,
                TcpHeader.ACK | TcpHeader.AE, 5, 6, 257, 0, TcpOptionCodec.encode(List.of(new TcpOption.Nop(),
                        new TcpOption.Nop(), new TcpOption.Timestamp(1, 2))), 10000);
        assertEquals(20 + 32 + 10000, tcp.length, "larger than the MTU: one packet all the same");
        assertTrue(Ipv4Header.isChecksumValid(tcp, 0));
        assertTrue(TcpHeader.isChecksumValidIpv4(tcp, 20, tcp.length - 20, REMOTE, LOCAL));
        assertEquals(2, Ipv4Header.ecn(tcp, 0));
        LivePacket p = new LivePacket(0, tcp);
        assertEquals(TcpHeader.ACK | TcpHeader.AE, p.tcpFlags());
        assertTrue(p.payloadIsZero());
        byte[] udp = InboundPackets.udp(new InboundPackets.IpFields(REMOTE, LOCAL, 0, 64), 9, 8080, 100);
        assertTrue(UdpHeader.isChecksumValidIpv4(udp, 20, udp.length - 20, REMOTE, LOCAL));
    }

    @Test
    void matcherNamesTheFirstDifferingField() throws ScriptParseException {
        PacketSpec.Tcp synAck = spec("> S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>");
        byte[] so = TcpOptionCodec.encode(synAck.options());
        byte[] sent = TcpOptionCodec.encode(List.of(new TcpOption.Mss(1460), new TcpOption.Nop(), new TcpOption.WindowScale(8)));
        OutboundMatcher.TimestampCheck none = OutboundMatcher.TimestampCheck.NONE;
        assertNull(OutboundMatcher.compareTcp(synAck, so, live(TcpHeader.SYN | TcpHeader.ACK, 0, 1, 65535, sent, 0), none));
        assertEquals("tcp_ack_seq: expected 1, actual 2",
                OutboundMatcher.compareTcp(synAck, so, live(TcpHeader.SYN | TcpHeader.ACK, 0, 2, 65535, sent, 0), none));
        assertEquals("tcp_syn: expected 1, actual 0",
                OutboundMatcher.compareTcp(synAck, so, live(TcpHeader.ACK, 0, 1, 65535, sent, 0), none));
        byte[] other = TcpOptionCodec.encode(List.of(new TcpOption.Mss(1400), new TcpOption.Nop(), new TcpOption.WindowScale(8)));
        assertEquals("bad value of outbound TCP option 2",
                OutboundMatcher.compareTcp(synAck, so, live(TcpHeader.SYN | TcpHeader.ACK, 0, 1, 65535, other, 0), none));
        PacketSpec.Tcp win = spec("> . 1:1(0) ack 1 win 257");
        assertEquals("tcp_window: expected 257, actual 258",
                OutboundMatcher.compareTcp(win, new byte[0], live(TcpHeader.ACK, 1, 1, 258, new byte[0], 0), none));
        PacketSpec.Tcp data = spec("> P. 1:1001(1000) ack 1");
        assertEquals("tcp_psh: expected 1, actual 0",
                OutboundMatcher.compareTcp(data, new byte[0], live(TcpHeader.ACK, 1, 1, 1, new byte[0], 1000), none));
        assertTrue(OutboundMatcher.compareTcp(data, new byte[0], live(TcpHeader.ACK | TcpHeader.PSH, 1, 1, 1, new byte[0], 999),
                none).startsWith("ipv4_total_length: expected 1040, actual 1039"));
        PacketSpec.Tcp ecn = spec("> [ect0] . 1:1(0) ack 1");
        assertEquals("ip_ecn: expected 2, actual 0",
                OutboundMatcher.compareTcp(ecn, new byte[0], live(TcpHeader.ACK, 1, 1, 1, new byte[0], 0), none));
    }

    @Test
    void timestampValuesAreCheckedOnlyWithATick() throws ScriptParseException {
        PacketSpec.Tcp fin = spec("> F. 1:1(0) ack 1 <nop,nop,TS val 1200 ecr 200>");
        byte[] so = TcpOptionCodec.encode(fin.options());
        byte[] sent = TcpOptionCodec.encode(List.of(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamp(1300, 9)));
        LivePacket p = live(TcpHeader.FIN | TcpHeader.ACK, 1, 1, 1, sent, 0);
        assertNull(OutboundMatcher.compareTcp(fin, so, p, OutboundMatcher.TimestampCheck.NONE), "TSecr is never checked");
        assertEquals("bad outbound TCP timestamp value: expected TS val 1200, actual 1300 (tick 1000 us, tolerance 7000 us)",
                OutboundMatcher.compareTcp(fin, so, p, new OutboundMatcher.TimestampCheck(1000, 7000)));
        assertNull(OutboundMatcher.compareTcp(fin, so, p, new OutboundMatcher.TimestampCheck(1000, 100_000)));
    }

    @Test
    void aggregationKeepsTheFirstSeqAndTheLastFlags() {
        LivePacket a = live(TcpHeader.ACK, 1, 1, 100, new byte[0], 1000);
        LivePacket b = live(TcpHeader.ACK | TcpHeader.PSH, 1001, 1, 100, new byte[0], 500);
        assertNull(OutboundMatcher.compareFragments(a, b, 1000, 1500));
        LivePacket agg = LivePacket.aggregate(List.of(a, b));
        assertEquals(1, agg.tcpSeq());
        assertEquals(1500, agg.payloadLength());
        assertEquals(TcpHeader.ACK | TcpHeader.PSH, agg.tcpFlags());
        assertTrue(agg.ipChecksumValid());
        assertEquals("P. 1:1501(1500) ack 1 win 100", PacketText.format(agg));
        LivePacket gap = live(TcpHeader.ACK, 1002, 1, 100, new byte[0], 500);
        assertEquals("tcp_seq: expected 1001, actual 1002", OutboundMatcher.compareFragments(a, gap, 1000, 1500));
    }

    @Test
    void sackBlocksShift() {
        LivePacket p = live(TcpHeader.ACK, 1, 1, 1, TcpOptionCodec.encode(List.of(new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.Sack(List.of(new long[] {5000, 6000})))), 0);
        p.addToSackBlocks(-4000);
        assertArrayEquals(TcpOptionCodec.encode(List.of(new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.Sack(List.of(new long[] {1000, 2000})))),
                java.util.Arrays.copyOfRange(p.bytes(), p.tcpOptionsOffset(), p.tcpOptionsOffset() + p.tcpOptionsLength()));
    }
}
