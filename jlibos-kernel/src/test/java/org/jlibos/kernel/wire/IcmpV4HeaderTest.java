package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IcmpV4HeaderTest {

    private static final int ICMP = EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH;

    @Test
    void capturedEchoRequest() {
        byte[] f = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        int len = Ipv4Header.payloadLength(f, EthernetHeader.LENGTH);
        assertEquals(64, len);
        assertEquals(IcmpV4Header.ECHO_REQUEST, IcmpV4Header.type(f, ICMP));
        assertEquals(0, IcmpV4Header.code(f, ICMP));
        assertEquals(0x973b, IcmpV4Header.checksum(f, ICMP));
        assertEquals(0x0bb8, IcmpV4Header.identifier(f, ICMP));
        assertEquals(1, IcmpV4Header.sequence(f, ICMP));
        assertEquals(0x0bb80001, IcmpV4Header.restOfHeader(f, ICMP));
        assertEquals(ICMP + 8, IcmpV4Header.dataOffset(ICMP));
        assertEquals(0x10, f[IcmpV4Header.dataOffset(ICMP) + 16]);
        assertEquals(0x973b, IcmpV4Header.computeChecksum(f, ICMP, len));
        assertTrue(IcmpV4Header.isChecksumValid(f, ICMP, len));
        assertFalse(IcmpV4Header.isError(IcmpV4Header.type(f, ICMP)));

        f[ICMP + len - 1] ^= 1;
        assertFalse(IcmpV4Header.isChecksumValid(f, ICMP, len));
    }

    @Test
    void echoReplyFromRequestLikeLinux() {
        // Linux answers an echo request by turning the type into ECHO_REPLY and re-checksumming.
        byte[] f = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        int len = 64;
        IcmpV4Header.setType(f, ICMP, IcmpV4Header.ECHO_REPLY);
        IcmpV4Header.fillChecksum(f, ICMP, len);
        assertEquals(0x9f3b, IcmpV4Header.checksum(f, ICMP));
        assertEquals(0x9f3b, InternetChecksum.update16(0x973b, 0x0800, 0x0000));
        assertTrue(IcmpV4Header.isChecksumValid(f, ICMP, len));
        assertEquals(0x0bb8, IcmpV4Header.identifier(f, ICMP));
    }

    @Test
    void oddLengthEcho() {
        byte[] m = new byte[8 + 5];
        IcmpV4Header.write(m, 0, IcmpV4Header.ECHO_REQUEST, 0, (0x1234 << 16) | 0x0007);
        System.arraycopy("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, m, 8, 5);
        IcmpV4Header.fillChecksum(m, 0, m.length);
        // 0800 + 0000 + 1234 + 0007 + 6865 + 6c6c + 6f00, folded and complemented.
        long sum = 0x0800 + 0x1234 + 0x0007 + 0x6865 + 0x6c6c + 0x6f00;
        assertEquals(InternetChecksum.fold(sum), IcmpV4Header.checksum(m, 0));
        assertTrue(IcmpV4Header.isChecksumValid(m, 0, m.length));
        assertEquals(0x1234, IcmpV4Header.identifier(m, 0));
        assertEquals(7, IcmpV4Header.sequence(m, 0));
    }

    @Test
    void fragmentationNeededQuotesTheDatagram() {
        byte[] syn = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        byte[] m = new byte[8 + 20 + 8];
        IcmpV4Header.write(m, 0, IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.UNREACH_FRAG_NEEDED, 0);
        IcmpV4Header.setNextHopMtu(m, 0, 1400);
        System.arraycopy(syn, EthernetHeader.LENGTH, m, 8, 28);
        IcmpV4Header.fillChecksum(m, 0, m.length);

        assertEquals(IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.type(m, 0));
        assertEquals(IcmpV4Header.UNREACH_FRAG_NEEDED, IcmpV4Header.code(m, 0));
        assertEquals(0, IcmpV4Header.unused(m, 0));
        assertEquals(1400, IcmpV4Header.nextHopMtu(m, 0));
        assertEquals("0304", Bytes.toHex(m, 0, 2));
        assertEquals("00000578", Bytes.toHex(m, 4, 4));
        assertTrue(IcmpV4Header.isChecksumValid(m, 0, m.length));
        assertTrue(IcmpV4Header.isError(IcmpV4Header.type(m, 0)));
        int quoted = IcmpV4Header.dataOffset(0);
        assertEquals(Ipv4Address.parse("10.0.0.2"), Ipv4Header.dst(m, quoted));
        assertEquals(43210, TcpHeader.srcPort(m, Ipv4Header.payloadOffset(m, quoted)));
    }

    @Test
    void otherMessageFields() {
        byte[] m = new byte[8];
        IcmpV4Header.write(m, 0, IcmpV4Header.PARAMETER_PROBLEM, IcmpV4Header.PARAMPROB_POINTER, 0);
        IcmpV4Header.setPointer(m, 0, 9);
        assertEquals(9, IcmpV4Header.pointer(m, 0));
        assertEquals("0c00000009000000", Bytes.toHex(m, 0, 8));

        IcmpV4Header.write(m, 0, IcmpV4Header.REDIRECT, IcmpV4Header.REDIRECT_HOST, 0);
        IcmpV4Header.setGateway(m, 0, Ipv4Address.parse("10.0.0.254"));
        assertEquals(Ipv4Address.parse("10.0.0.254"), IcmpV4Header.gateway(m, 0));
        assertEquals("050100000a0000fe", Bytes.toHex(m, 0, 8));

        IcmpV4Header.write(m, 0, IcmpV4Header.TIME_EXCEEDED, IcmpV4Header.EXCEEDED_TTL, 0);
        IcmpV4Header.setChecksum(m, 0, 0xabcd);
        assertEquals(0xabcd, IcmpV4Header.checksum(m, 0));
        IcmpV4Header.setCode(m, 0, IcmpV4Header.EXCEEDED_REASSEMBLY);
        assertEquals(1, IcmpV4Header.code(m, 0));
        IcmpV4Header.setIdentifier(m, 0, 0xffff);
        IcmpV4Header.setSequence(m, 0, 0xfffe);
        assertEquals(0xffff, IcmpV4Header.identifier(m, 0));
        assertEquals(0xfffe, IcmpV4Header.sequence(m, 0));
        IcmpV4Header.setRestOfHeader(m, 0, 0x01020304);
        assertEquals(0x01020304, IcmpV4Header.restOfHeader(m, 0));
    }

    @Test
    void typeAndCodeValues() {
        assertEquals(0, IcmpV4Header.ECHO_REPLY);
        assertEquals(3, IcmpV4Header.DEST_UNREACHABLE);
        assertEquals(8, IcmpV4Header.ECHO_REQUEST);
        assertEquals(11, IcmpV4Header.TIME_EXCEEDED);
        assertEquals(12, IcmpV4Header.PARAMETER_PROBLEM);
        assertEquals(0, IcmpV4Header.UNREACH_NET);
        assertEquals(1, IcmpV4Header.UNREACH_HOST);
        assertEquals(2, IcmpV4Header.UNREACH_PROTOCOL);
        assertEquals(3, IcmpV4Header.UNREACH_PORT);
        assertEquals(4, IcmpV4Header.UNREACH_FRAG_NEEDED);
        assertEquals(13, IcmpV4Header.UNREACH_ADMIN_PROHIBITED);
        assertEquals(0, IcmpV4Header.EXCEEDED_TTL);
        assertEquals(1, IcmpV4Header.EXCEEDED_REASSEMBLY);
        for (int type = 0; type < 256; type++) {
            boolean error = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
            assertEquals(error, IcmpV4Header.isError(type), "type " + type);
        }
    }
}
