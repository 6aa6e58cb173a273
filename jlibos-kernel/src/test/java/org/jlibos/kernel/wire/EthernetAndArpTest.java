package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jlibos.kernel.device.MacAddress;
import org.junit.jupiter.api.Test;

class EthernetAndArpTest {

    private static final long MAC_1 = 0x0200_0000_0001L;
    private static final long MAC_2 = 0x0200_0000_0002L;

    @Test
    void ethernetHeaderOfAnIpv4Frame() {
        byte[] f = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        assertEquals(MAC_2, EthernetHeader.dst(f, 0));
        assertEquals(MAC_1, EthernetHeader.src(f, 0));
        assertEquals(EthernetHeader.ETHERTYPE_IPV4, EthernetHeader.etherType(f, 0));
        assertEquals(14, EthernetHeader.payloadOffset(0));
        assertEquals("02:00:00:00:00:02", MacAddress.format(EthernetHeader.dst(f, 0)));
    }

    @Test
    void ethernetConstants() {
        assertEquals(14, EthernetHeader.LENGTH);
        assertEquals(0x0800, EthernetHeader.ETHERTYPE_IPV4);
        assertEquals(0x0806, EthernetHeader.ETHERTYPE_ARP);
        assertEquals(0x86dd, EthernetHeader.ETHERTYPE_IPV6);
        assertEquals(0x8100, EthernetHeader.ETHERTYPE_VLAN);
        assertEquals(60, EthernetHeader.MIN_FRAME_LENGTH);
        assertEquals(1500, EthernetHeader.MTU);
    }

    @Test
    void ethernetSettersRoundTripAtAnOffset() {
        byte[] f = new byte[3 + 14];
        EthernetHeader.write(f, 3, MacAddress.BROADCAST, 0x0a0b0c0d0e0fL, EthernetHeader.ETHERTYPE_IPV6);
        assertEquals("000000" + "ffffffffffff" + "0a0b0c0d0e0f" + "86dd", Bytes.toHex(f, 0, f.length));
        assertEquals(MacAddress.BROADCAST, EthernetHeader.dst(f, 3));
        EthernetHeader.setDst(f, 3, MAC_1);
        EthernetHeader.setSrc(f, 3, MAC_2);
        EthernetHeader.setEtherType(f, 3, EthernetHeader.ETHERTYPE_ARP);
        assertEquals(MAC_1, EthernetHeader.dst(f, 3));
        assertEquals(MAC_2, EthernetHeader.src(f, 3));
        assertEquals(EthernetHeader.ETHERTYPE_ARP, EthernetHeader.etherType(f, 3));
        // Same bytes as the device layer's MAC helper.
        assertEquals(MacAddress.read(f, 3 + EthernetHeader.SRC_OFFSET), EthernetHeader.src(f, 3));
    }

    @Test
    void arpRequestAccessors() {
        byte[] f = TestPackets.bytes(TestPackets.ARP_REQUEST_FRAME);
        assertEquals(MacAddress.BROADCAST, EthernetHeader.dst(f, 0));
        assertEquals(EthernetHeader.ETHERTYPE_ARP, EthernetHeader.etherType(f, 0));
        int off = EthernetHeader.LENGTH;
        assertTrue(ArpPacket.isValidEthernetIpv4(f, off, f.length - off));
        assertEquals(ArpPacket.HTYPE_ETHERNET, ArpPacket.htype(f, off));
        assertEquals(0x0800, ArpPacket.ptype(f, off));
        assertEquals(6, ArpPacket.hlen(f, off));
        assertEquals(4, ArpPacket.plen(f, off));
        assertEquals(ArpPacket.REQUEST, ArpPacket.oper(f, off));
        assertEquals(MAC_1, ArpPacket.sha(f, off));
        assertEquals(Ipv4Address.parse("10.0.0.1"), ArpPacket.spa(f, off));
        assertEquals(0, ArpPacket.tha(f, off));
        assertEquals(Ipv4Address.parse("10.0.0.2"), ArpPacket.tpa(f, off));
        assertFalse(ArpPacket.isGratuitous(f, off));
    }

    @Test
    void arpWriterProducesTheCapturedBytes() {
        byte[] expected = TestPackets.bytes(TestPackets.ARP_REQUEST_FRAME);
        byte[] f = new byte[expected.length];
        EthernetHeader.write(f, 0, MacAddress.BROADCAST, MAC_1, EthernetHeader.ETHERTYPE_ARP);
        ArpPacket.writeEthernetIpv4(f, 14, ArpPacket.REQUEST, MAC_1, Ipv4Address.parse("10.0.0.1"), 0,
                Ipv4Address.parse("10.0.0.2"));
        assertArrayEquals(expected, f);
    }

    @Test
    void arpSettersRoundTrip() {
        byte[] p = new byte[ArpPacket.LENGTH];
        ArpPacket.setHtype(p, 0, 6);
        ArpPacket.setPtype(p, 0, 0x86dd);
        ArpPacket.setHlen(p, 0, 8);
        ArpPacket.setPlen(p, 0, 16);
        ArpPacket.setOper(p, 0, ArpPacket.REPLY);
        ArpPacket.setSha(p, 0, MAC_2);
        ArpPacket.setSpa(p, 0, 0xc0a80001);
        ArpPacket.setTha(p, 0, MAC_1);
        ArpPacket.setTpa(p, 0, 0xc0a80001);
        assertEquals(6, ArpPacket.htype(p, 0));
        assertEquals(0x86dd, ArpPacket.ptype(p, 0));
        assertEquals(8, ArpPacket.hlen(p, 0));
        assertEquals(16, ArpPacket.plen(p, 0));
        assertEquals(2, ArpPacket.oper(p, 0));
        assertEquals(MAC_2, ArpPacket.sha(p, 0));
        assertEquals(0xc0a80001, ArpPacket.spa(p, 0));
        assertEquals(MAC_1, ArpPacket.tha(p, 0));
        assertEquals(0xc0a80001, ArpPacket.tpa(p, 0));
        assertTrue(ArpPacket.isGratuitous(p, 0));
        assertEquals("0006" + "86dd" + "08" + "10" + "0002" + "020000000002" + "c0a80001" + "020000000001" + "c0a80001",
                Bytes.toHex(p, 0, p.length));
    }

    @Test
    void arpValidation() {
        byte[] f = TestPackets.bytes(TestPackets.ARP_REQUEST_FRAME);
        int off = 14;
        assertFalse(ArpPacket.isValidEthernetIpv4(f, off, 27));
        assertTrue(ArpPacket.isValidEthernetIpv4(f, off, 28));
        ArpPacket.setOper(f, off, 9);
        assertTrue(ArpPacket.isValidEthernetIpv4(f, off, 28), "operation is the caller's business");
        ArpPacket.setHtype(f, off, 6);
        assertFalse(ArpPacket.isValidEthernetIpv4(f, off, 28));
        ArpPacket.setHtype(f, off, 1);
        ArpPacket.setPtype(f, off, 0x86dd);
        assertFalse(ArpPacket.isValidEthernetIpv4(f, off, 28));
        ArpPacket.setPtype(f, off, 0x0800);
        ArpPacket.setHlen(f, off, 8);
        assertFalse(ArpPacket.isValidEthernetIpv4(f, off, 28));
        ArpPacket.setHlen(f, off, 6);
        ArpPacket.setPlen(f, off, 16);
        assertFalse(ArpPacket.isValidEthernetIpv4(f, off, 28));
        ArpPacket.setPlen(f, off, 4);
        assertTrue(ArpPacket.isValidEthernetIpv4(f, off, 28));
    }
}
