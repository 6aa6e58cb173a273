package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class UdpHeaderTest {

    private static final int UDP = EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH;
    private static final int CLIENT = Ipv4Address.parse("10.0.0.1");
    private static final int SERVER = Ipv4Address.parse("10.0.0.53");

    @Test
    void capturedDnsQuery() {
        byte[] f = TestPackets.bytes(TestPackets.UDP_DNS_QUERY_FRAME);
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(f, EthernetHeader.LENGTH, f.length - EthernetHeader.LENGTH));
        assertEquals(IpProtocol.UDP, Ipv4Header.protocol(f, EthernetHeader.LENGTH));
        assertEquals(53124, UdpHeader.srcPort(f, UDP));
        assertEquals(53, UdpHeader.dstPort(f, UDP));
        assertEquals(37, UdpHeader.length(f, UDP));
        assertEquals(0x21eb, UdpHeader.checksum(f, UDP));
        assertEquals(UDP + 8, UdpHeader.payloadOffset(UDP));
        assertEquals(0x2a5c, Bytes.getU16(f, UdpHeader.payloadOffset(UDP)));
        assertEquals(0x21eb, UdpHeader.computeChecksumIpv4(f, UDP, 37, CLIENT, SERVER));
        assertTrue(UdpHeader.isChecksumValidIpv4(f, UDP, 37, CLIENT, SERVER));
        assertFalse(UdpHeader.isChecksumValidIpv4(f, UDP, 37, CLIENT, SERVER + 1));
        f[f.length - 1] ^= 0x10;
        assertFalse(UdpHeader.isChecksumValidIpv4(f, UDP, 37, CLIENT, SERVER));
    }

    @Test
    void writeReproducesTheCapturedDatagram() {
        byte[] expected = TestPackets.bytes(TestPackets.UDP_DNS_QUERY_FRAME);
        byte[] f = expected.clone();
        Arrays.fill(f, UDP, UDP + 8, (byte) 0x77);
        UdpHeader.write(f, UDP, 53124, 53, 37);
        assertEquals(0, UdpHeader.checksum(f, UDP));
        UdpHeader.fillChecksumIpv4(f, UDP, 37, CLIENT, SERVER);
        assertArrayEquals(expected, f);
    }

    @Test
    void zeroChecksumMeansNoneOverIpv4() {
        byte[] f = TestPackets.bytes(TestPackets.UDP_DNS_QUERY_FRAME);
        UdpHeader.setChecksum(f, UDP, UdpHeader.NO_CHECKSUM);
        assertTrue(UdpHeader.isChecksumValidIpv4(f, UDP, 37, CLIENT, SERVER));
        assertTrue(UdpHeader.isChecksumValidIpv4(f, UDP, 37, 0, 0));
    }

    @Test
    void aComputedZeroIsSentAsAllOnes() {
        // Choose the data so the checksum comes out as 0: make the one's complement sum 0xffff.
        byte[] d = new byte[10];
        UdpHeader.write(d, 0, 0, 0, 10);
        long sum = InternetChecksum.ipv4PseudoHeaderSum(0, 0, IpProtocol.UDP, 10) + 10;
        Bytes.put16(d, 8, 0xffff - (int) sum);
        assertEquals(0xffff, UdpHeader.computeChecksumIpv4(d, 0, 10, 0, 0));
        UdpHeader.fillChecksumIpv4(d, 0, 10, 0, 0);
        assertEquals(0xffff, UdpHeader.checksum(d, 0));
        assertTrue(UdpHeader.isChecksumValidIpv4(d, 0, 10, 0, 0));
    }

    @Test
    void settersRoundTrip() {
        byte[] d = new byte[8];
        UdpHeader.setSrcPort(d, 0, 65535);
        UdpHeader.setDstPort(d, 0, 1);
        UdpHeader.setLength(d, 0, 8);
        UdpHeader.setChecksum(d, 0, 0x8001);
        assertEquals(65535, UdpHeader.srcPort(d, 0));
        assertEquals(1, UdpHeader.dstPort(d, 0));
        assertEquals(8, UdpHeader.length(d, 0));
        assertEquals(0x8001, UdpHeader.checksum(d, 0));
        assertEquals("ffff000100088001", Bytes.toHex(d, 0, 8));
        assertEquals(8, UdpHeader.LENGTH);
    }

    @Test
    void ipv6ChecksumIsMandatory() {
        // IPv6 header (40 bytes) + UDP with 3 data bytes; addresses 2001:db8::1 -> 2001:db8::2.
        byte[] p = new byte[40 + 11];
        byte[] src = Bytes.fromHex("20010db8000000000000000000000001");
        byte[] dst = Bytes.fromHex("20010db8000000000000000000000002");
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        UdpHeader.write(p, 40, 5000, 6000, 11);
        p[48] = 'a';
        p[49] = 'b';
        p[50] = 'c';
        UdpHeader.fillChecksumIpv6(p, 40, 11, p, 8, 24);
        // Pseudo-header words: 2001 0db8 0001 2001 0db8 0002, length 000b, next header 0011.
        long expected = 0x2001 + 0x0db8 + 0x0001 + 0x2001 + 0x0db8 + 0x0002 + 11 + 17
                + 5000 + 6000 + 11 + 0x6162 + 0x6300;
        assertEquals(InternetChecksum.fold(expected), UdpHeader.checksum(p, 40));
        assertEquals(UdpHeader.checksum(p, 40), UdpHeader.computeChecksumIpv6(p, 40, 11, p, 8, 24));
        assertTrue(UdpHeader.isChecksumValidIpv6(p, 40, 11, p, 8, 24));
        UdpHeader.setChecksum(p, 40, 0);
        assertFalse(UdpHeader.isChecksumValidIpv6(p, 40, 11, p, 8, 24));
    }
}
