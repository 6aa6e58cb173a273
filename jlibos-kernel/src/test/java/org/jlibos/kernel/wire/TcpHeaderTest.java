package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TcpHeaderTest {

    private static final int IP = EthernetHeader.LENGTH;
    private static final int TCP = IP + Ipv4Header.MIN_LENGTH;
    private static final int A = Ipv4Address.parse("10.0.0.1");
    private static final int B = Ipv4Address.parse("10.0.0.2");

    @Test
    void capturedSyn() {
        byte[] f = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        int len = Ipv4Header.payloadLength(f, IP);
        assertEquals(40, len);
        assertEquals(43210, TcpHeader.srcPort(f, TCP));
        assertEquals(80, TcpHeader.dstPort(f, TCP));
        assertEquals(0x9a3b1c2d, TcpHeader.seq(f, TCP));
        assertEquals(2587565101L, TcpHeader.seqUnsigned(f, TCP));
        assertEquals(0, TcpHeader.ack(f, TCP));
        assertEquals(0L, TcpHeader.ackUnsigned(f, TCP));
        assertEquals(10, TcpHeader.dataOffset(f, TCP));
        assertEquals(40, TcpHeader.headerLength(f, TCP));
        assertEquals(0, TcpHeader.reserved(f, TCP));
        assertFalse(TcpHeader.ae(f, TCP));
        assertEquals(TcpHeader.SYN, TcpHeader.flags(f, TCP));
        assertTrue(TcpHeader.hasFlags(f, TCP, TcpHeader.SYN));
        assertFalse(TcpHeader.hasFlags(f, TCP, TcpHeader.SYN | TcpHeader.ACK));
        assertEquals("S", TcpHeader.flagsToString(TcpHeader.flags(f, TCP)));
        assertEquals(64240, TcpHeader.window(f, TCP));
        assertEquals(0x5f71, TcpHeader.checksum(f, TCP));
        assertEquals(0, TcpHeader.urgentPointer(f, TCP));
        assertEquals(TCP + 20, TcpHeader.optionsOffset(TCP));
        assertEquals(20, TcpHeader.optionsLength(f, TCP));
        assertEquals(TCP + 40, TcpHeader.payloadOffset(f, TCP));
        assertEquals(0x5f71, TcpHeader.computeChecksumIpv4(f, TCP, len, A, B));
        assertTrue(TcpHeader.isChecksumValidIpv4(f, TCP, len, A, B));
        assertEquals(TcpHeader.OK, TcpHeader.validateIpv4(f, TCP, len, A, B));
        assertEquals("mss 1460,sackOK,TS val 2849261 ecr 0,nop,wscale 7",
                TcpOptions.format(f, TcpHeader.optionsOffset(TCP), TcpHeader.optionsLength(f, TCP)));

        TcpOptions o = new TcpOptions();
        assertTrue(o.parse(f, TcpHeader.optionsOffset(TCP), TcpHeader.optionsLength(f, TCP)));
        assertEquals(1460, o.mss);
        assertTrue(o.sackPermitted);
        assertTrue(o.hasTimestamp);
        assertEquals(2849261, o.tsVal);
        assertEquals(0, o.tsEcr);
        assertEquals(7, o.windowScale);
        assertEquals(0, o.sackBlockCount);
    }

    @Test
    void capturedDataSegmentWithOddLength() {
        byte[] f = TestPackets.bytes(TestPackets.TCP_DATA_FRAME);
        int len = Ipv4Header.payloadLength(f, IP);
        assertEquals(37, len);
        assertEquals(0x9a3b1c2e, TcpHeader.seq(f, TCP));
        assertEquals(0x11223345, TcpHeader.ack(f, TCP));
        assertEquals(287454021L, TcpHeader.ackUnsigned(f, TCP));
        assertEquals(8, TcpHeader.dataOffset(f, TCP));
        assertEquals(TcpHeader.PSH | TcpHeader.ACK, TcpHeader.flags(f, TCP));
        assertEquals("P.", TcpHeader.flagsToString(TcpHeader.flags(f, TCP)));
        assertEquals(502, TcpHeader.window(f, TCP));
        assertEquals(0x60e0, TcpHeader.checksum(f, TCP));
        assertEquals(0x60e0, TcpHeader.computeChecksumIpv4(f, TCP, len, A, B));
        assertEquals(TcpHeader.OK, TcpHeader.validateIpv4(f, TCP, len, A, B));
        int data = TcpHeader.payloadOffset(f, TCP);
        assertEquals("hello", new String(f, data, len - TcpHeader.headerLength(f, TCP), StandardCharsets.US_ASCII));
        assertEquals("nop,nop,TS val 2849361 ecr 3735928559",
                TcpOptions.format(f, TcpHeader.optionsOffset(TCP), TcpHeader.optionsLength(f, TCP)));
        TcpOptions o = new TcpOptions();
        assertTrue(o.parse(f, TcpHeader.optionsOffset(TCP), TcpHeader.optionsLength(f, TCP)));
        assertEquals(0xdeadbeef, o.tsEcr);
        assertEquals(-1, o.mss);
        assertEquals(-1, o.windowScale);
    }

    @Test
    void writerReproducesTheCapturedSynAndData() {
        byte[] expected = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        byte[] f = expected.clone();
        Arrays.fill(f, TCP, f.length, (byte) 0xee);
        TcpOptions o = new TcpOptions();
        o.mss = 1460;
        o.sackPermitted = true;
        o.setTimestamp(2849261, 0);
        o.windowScale = 7;
        int optionsLength = o.length();
        assertEquals(20, optionsLength);
        TcpHeader.write(f, TCP, 43210, 80, 0x9a3b1c2d, 0, 20 + optionsLength, TcpHeader.SYN, 64240);
        assertEquals(optionsLength, o.write(f, TcpHeader.optionsOffset(TCP)));
        TcpHeader.fillChecksumIpv4(f, TCP, 40, A, B);
        assertArrayEquals(expected, f);

        expected = TestPackets.bytes(TestPackets.TCP_DATA_FRAME);
        f = expected.clone();
        Arrays.fill(f, TCP, TCP + 32, (byte) 0xee);
        o.clear().setTimestamp(2849361, 0xdeadbeef);
        TcpHeader.write(f, TCP, 43210, 80, 0x9a3b1c2e, 0x11223345, 20 + o.length(), TcpHeader.PSH | TcpHeader.ACK, 502);
        o.write(f, TcpHeader.optionsOffset(TCP));
        TcpHeader.fillChecksumIpv4(f, TCP, 37, A, B);
        assertArrayEquals(expected, f);
    }

    @Test
    void flagsInTcpdumpStyle() {
        assertEquals("none", TcpHeader.flagsToString(0));
        assertEquals("S", TcpHeader.flagsToString(TcpHeader.SYN));
        assertEquals("S.", TcpHeader.flagsToString(TcpHeader.SYN | TcpHeader.ACK));
        assertEquals(".", TcpHeader.flagsToString(TcpHeader.ACK));
        assertEquals("P.", TcpHeader.flagsToString(TcpHeader.PSH | TcpHeader.ACK));
        assertEquals("F.", TcpHeader.flagsToString(TcpHeader.FIN | TcpHeader.ACK));
        assertEquals("FP.", TcpHeader.flagsToString(TcpHeader.FIN | TcpHeader.PSH | TcpHeader.ACK));
        assertEquals("R", TcpHeader.flagsToString(TcpHeader.RST));
        assertEquals("R.", TcpHeader.flagsToString(TcpHeader.RST | TcpHeader.ACK));
        assertEquals(".U", TcpHeader.flagsToString(TcpHeader.URG | TcpHeader.ACK));
        assertEquals("SEW", TcpHeader.flagsToString(TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR));
        assertEquals("S.E", TcpHeader.flagsToString(TcpHeader.SYN | TcpHeader.ACK | TcpHeader.ECE));
        assertEquals("SEWe", TcpHeader.flagsToString(TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR | TcpHeader.AE));
        assertEquals("FSRP.UEW", TcpHeader.flagsToString(0xff));
        assertEquals("S", TcpHeader.flagsToString(0x1000 | TcpHeader.SYN));
        assertSame(TcpHeader.flagsToString(TcpHeader.ACK), TcpHeader.flagsToString(TcpHeader.ACK));
        assertEquals(0x01, TcpHeader.FIN);
        assertEquals(0x02, TcpHeader.SYN);
        assertEquals(0x04, TcpHeader.RST);
        assertEquals(0x08, TcpHeader.PSH);
        assertEquals(0x10, TcpHeader.ACK);
        assertEquals(0x20, TcpHeader.URG);
        assertEquals(0x40, TcpHeader.ECE);
        assertEquals(0x80, TcpHeader.CWR);
    }

    @Test
    void settersRoundTrip() {
        byte[] h = new byte[1 + 24];
        int off = 1;
        TcpHeader.setSrcPort(h, off, 65535);
        TcpHeader.setDstPort(h, off, 443);
        TcpHeader.setSeq(h, off, 0xffffffff);
        TcpHeader.setAck(h, off, 0x80000000);
        TcpHeader.setHeaderLength(h, off, 24);
        TcpHeader.setAe(h, off, true);
        TcpHeader.setFlags(h, off, TcpHeader.FIN | TcpHeader.ACK | TcpHeader.URG);
        TcpHeader.setWindow(h, off, 65535);
        TcpHeader.setChecksum(h, off, 0xbeef);
        TcpHeader.setUrgentPointer(h, off, 7);
        assertEquals("ffff01bb" + "ffffffff" + "80000000" + "61" + "31" + "ffff" + "beef" + "0007",
                Bytes.toHex(h, off, 20));
        assertEquals(65535, TcpHeader.srcPort(h, off));
        assertEquals(443, TcpHeader.dstPort(h, off));
        assertEquals(-1, TcpHeader.seq(h, off));
        assertEquals(4294967295L, TcpHeader.seqUnsigned(h, off));
        assertEquals(Integer.MIN_VALUE, TcpHeader.ack(h, off));
        assertEquals(2147483648L, TcpHeader.ackUnsigned(h, off));
        assertEquals(6, TcpHeader.dataOffset(h, off));
        assertEquals(24, TcpHeader.headerLength(h, off));
        assertTrue(TcpHeader.ae(h, off));
        assertEquals(TcpHeader.FIN | TcpHeader.ACK | TcpHeader.URG, TcpHeader.flags(h, off));
        assertEquals(65535, TcpHeader.window(h, off));
        assertEquals(0xbeef, TcpHeader.checksum(h, off));
        assertEquals(7, TcpHeader.urgentPointer(h, off));
        assertEquals(4, TcpHeader.optionsLength(h, off));

        TcpHeader.setDataOffset(h, off, 15);
        assertTrue(TcpHeader.ae(h, off), "data offset keeps AE");
        TcpHeader.setAe(h, off, false);
        assertEquals(15, TcpHeader.dataOffset(h, off));
        assertEquals(0, TcpHeader.reserved(h, off));
        h[off + TcpHeader.DATA_OFFSET_OFFSET] |= 0x0e;
        assertEquals(7, TcpHeader.reserved(h, off));
        assertFalse(TcpHeader.ae(h, off));
    }

    @Test
    void validateCodes() {
        byte[] f = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        assertEquals(TcpHeader.TOO_SHORT, TcpHeader.validateIpv4(f, TCP, 19, A, B));
        assertEquals(TcpHeader.TOO_SHORT, TcpHeader.validateIpv4(new byte[0], 0, 0, A, B));
        assertEquals(TcpHeader.TOO_SHORT, TcpHeader.validateIpv4(f, TCP, 39, A, B));
        assertEquals(TcpHeader.BAD_CHECKSUM, TcpHeader.validateIpv4(f, TCP, 40, A, A));

        byte[] g = f.clone();
        TcpHeader.setDataOffset(g, TCP, 4);
        assertEquals(TcpHeader.BAD_DATA_OFFSET, TcpHeader.validateIpv4(g, TCP, 40, A, B));
        TcpHeader.setDataOffset(g, TCP, 15);
        assertEquals(TcpHeader.TOO_SHORT, TcpHeader.validateIpv4(g, TCP, 40, A, B));

        g = f.clone();
        g[TCP + 39] ^= 1;
        assertEquals(TcpHeader.BAD_CHECKSUM, TcpHeader.validateIpv4(g, TCP, 40, A, B));
        assertFalse(TcpHeader.isChecksumValidIpv4(g, TCP, 40, A, B));
    }

    @Test
    void ipv6Checksum() {
        byte[] p = new byte[40 + 20];
        byte[] src = Bytes.fromHex("fe800000000000000000000000000001");
        byte[] dst = Bytes.fromHex("fe800000000000000000000000000002");
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        TcpHeader.write(p, 40, 1, 2, 3, 4, 20, TcpHeader.RST | TcpHeader.ACK, 0);
        TcpHeader.fillChecksumIpv6(p, 40, 20, p, 8, 24);
        long expected = 0xfe80 + 1 + 0xfe80 + 2 + 20 + 6
                + 1 + 2 + 3 + 4 + 0x5014;
        assertEquals(InternetChecksum.fold(expected), TcpHeader.checksum(p, 40));
        assertEquals(TcpHeader.checksum(p, 40), TcpHeader.computeChecksumIpv6(p, 40, 20, p, 8, 24));
        assertTrue(TcpHeader.isChecksumValidIpv6(p, 40, 20, p, 8, 24));
        p[45] ^= 1;
        assertFalse(TcpHeader.isChecksumValidIpv6(p, 40, 20, p, 8, 24));
    }
}
