package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {

    private static final int IP = EthernetHeader.LENGTH;

    @Test
    void everyAccessorOfACapturedPingPacket() {
        byte[] f = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        assertEquals(4, Ipv4Header.version(f, IP));
        assertEquals(5, Ipv4Header.ihl(f, IP));
        assertEquals(20, Ipv4Header.headerLength(f, IP));
        assertEquals(0, Ipv4Header.tos(f, IP));
        assertEquals(0, Ipv4Header.dscp(f, IP));
        assertEquals(Ipv4Header.ECN_NOT_ECT, Ipv4Header.ecn(f, IP));
        assertEquals(84, Ipv4Header.totalLength(f, IP));
        assertEquals(0x4c7a, Ipv4Header.identification(f, IP));
        assertEquals(0x4000, Ipv4Header.flagsAndFragmentOffset(f, IP));
        assertEquals(Ipv4Header.FLAG_DF, Ipv4Header.flags(f, IP));
        assertTrue(Ipv4Header.dontFragment(f, IP));
        assertFalse(Ipv4Header.moreFragments(f, IP));
        assertEquals(0, Ipv4Header.fragmentOffset(f, IP));
        assertEquals(0, Ipv4Header.fragmentOffsetUnits(f, IP));
        assertFalse(Ipv4Header.isFragment(f, IP));
        assertEquals(64, Ipv4Header.ttl(f, IP));
        assertEquals(IpProtocol.ICMP, Ipv4Header.protocol(f, IP));
        assertEquals(0xda2c, Ipv4Header.headerChecksum(f, IP));
        assertEquals(0xda2c, Ipv4Header.computeChecksum(f, IP));
        assertTrue(Ipv4Header.isChecksumValid(f, IP));
        assertEquals(Ipv4Address.parse("10.0.0.1"), Ipv4Header.src(f, IP));
        assertEquals(Ipv4Address.parse("10.0.0.2"), Ipv4Header.dst(f, IP));
        assertEquals(IP + 20, Ipv4Header.optionsOffset(IP));
        assertEquals(0, Ipv4Header.optionsLength(f, IP));
        assertEquals(IP + 20, Ipv4Header.payloadOffset(f, IP));
        assertEquals(64, Ipv4Header.payloadLength(f, IP));
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(f, IP, f.length - IP));
    }

    @Test
    void wikipediaHeader() {
        byte[] h = TestPackets.bytes(TestPackets.WIKIPEDIA_IPV4_HEADER);
        assertEquals(115, Ipv4Header.totalLength(h, 0));
        assertEquals(IpProtocol.UDP, Ipv4Header.protocol(h, 0));
        assertEquals("192.168.0.199", Ipv4Address.format(Ipv4Header.dst(h, 0)));
        assertEquals(0xb861, Ipv4Header.computeChecksum(h, 0));
        assertTrue(Ipv4Header.isChecksumValid(h, 0));
        assertEquals(Ipv4Header.TRUNCATED, Ipv4Header.validate(h, 0, 20));
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(Arrays.copyOf(h, 115), 0, 115));
    }

    @Test
    void writeReproducesTheCapturedSynHeader() {
        byte[] captured = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        byte[] h = new byte[20];
        Arrays.fill(h, (byte) 0x5a);
        Ipv4Header.write(h, 0, 0, 60, 0x1f2e, true, 64, IpProtocol.TCP,
                Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"));
        assertArrayEquals(Arrays.copyOfRange(captured, IP, IP + 20), h);
        assertEquals(0x078c, Ipv4Header.headerChecksum(h, 0));
    }

    @Test
    void settersRoundTrip() {
        byte[] h = new byte[2 + 24];
        int off = 2;
        Ipv4Header.setVersion(h, off, 4);
        Ipv4Header.setHeaderLength(h, off, 24);
        Ipv4Header.setTos(h, off, 0);
        Ipv4Header.setDscp(h, off, 46);
        Ipv4Header.setEcn(h, off, Ipv4Header.ECN_CE);
        Ipv4Header.setTotalLength(h, off, 1500);
        Ipv4Header.setIdentification(h, off, 0xbeef);
        Ipv4Header.setFlags(h, off, Ipv4Header.FLAG_MF);
        Ipv4Header.setFragmentOffset(h, off, 1480);
        Ipv4Header.setTtl(h, off, 255);
        Ipv4Header.setProtocol(h, off, IpProtocol.UDP);
        Ipv4Header.setSrc(h, off, Ipv4Address.parse("192.0.2.1"));
        Ipv4Header.setDst(h, off, Ipv4Address.parse("198.51.100.7"));
        h[off + 20] = (byte) Ipv4Header.OPTION_ROUTER_ALERT;
        h[off + 21] = 4;
        Ipv4Header.fillChecksum(h, off);

        assertEquals(4, Ipv4Header.version(h, off));
        assertEquals(6, Ipv4Header.ihl(h, off));
        assertEquals(24, Ipv4Header.headerLength(h, off));
        assertEquals(0xbb, Ipv4Header.tos(h, off));
        assertEquals(46, Ipv4Header.dscp(h, off));
        assertEquals(Ipv4Header.ECN_CE, Ipv4Header.ecn(h, off));
        assertEquals(1500, Ipv4Header.totalLength(h, off));
        assertEquals(0xbeef, Ipv4Header.identification(h, off));
        assertEquals(Ipv4Header.FLAG_MF, Ipv4Header.flags(h, off));
        assertTrue(Ipv4Header.moreFragments(h, off));
        assertFalse(Ipv4Header.dontFragment(h, off));
        assertEquals(1480, Ipv4Header.fragmentOffset(h, off));
        assertEquals(185, Ipv4Header.fragmentOffsetUnits(h, off));
        assertEquals(0x2000 | 185, Ipv4Header.flagsAndFragmentOffset(h, off));
        assertTrue(Ipv4Header.isFragment(h, off));
        assertEquals(255, Ipv4Header.ttl(h, off));
        assertEquals(IpProtocol.UDP, Ipv4Header.protocol(h, off));
        assertEquals("192.0.2.1", Ipv4Address.format(Ipv4Header.src(h, off)));
        assertEquals("198.51.100.7", Ipv4Address.format(Ipv4Header.dst(h, off)));
        assertEquals(4, Ipv4Header.optionsLength(h, off));
        assertEquals(off + 20, Ipv4Header.findOption(h, off, Ipv4Header.OPTION_ROUTER_ALERT));
        assertTrue(Ipv4Header.isChecksumValid(h, off));
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(Arrays.copyOf(h, off + 1500), off, 1500));
        assertEquals("46bb05dcbeef20b9ff11", Bytes.toHex(h, off, 10));

        // Flags and offset are independent.
        Ipv4Header.setDontFragment(h, off, true);
        Ipv4Header.setMoreFragments(h, off, false);
        assertEquals(0x4000 | 185, Ipv4Header.flagsAndFragmentOffset(h, off));
        Ipv4Header.setFragmentOffsetUnits(h, off, 8191);
        assertEquals(Ipv4Header.FLAG_DF, Ipv4Header.flags(h, off));
        assertEquals(8191 * 8, Ipv4Header.fragmentOffset(h, off));
        Ipv4Header.setFlags(h, off, Ipv4Header.FLAG_RESERVED | Ipv4Header.FLAG_MF);
        assertEquals(0xa000 | 8191, Ipv4Header.flagsAndFragmentOffset(h, off));
        Ipv4Header.setFlagsAndFragmentOffset(h, off, 0);
        assertFalse(Ipv4Header.isFragment(h, off));
        // DSCP and ECN are independent.
        Ipv4Header.setDscp(h, off, 0);
        assertEquals(Ipv4Header.ECN_CE, Ipv4Header.ecn(h, off));
        Ipv4Header.setEcn(h, off, Ipv4Header.ECN_ECT0);
        assertEquals(0x02, Ipv4Header.tos(h, off));
        Ipv4Header.setIhl(h, off, 5);
        assertEquals(4, Ipv4Header.version(h, off));
        Ipv4Header.setVersion(h, off, 6);
        assertEquals(5, Ipv4Header.ihl(h, off));
        Ipv4Header.setHeaderChecksum(h, off, 0x1234);
        assertEquals(0x1234, Ipv4Header.headerChecksum(h, off));
    }

    @Test
    void validateReturnsCodesInLinuxOrderWithoutThrowing() {
        byte[] good = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        int len = good.length - IP;

        assertEquals(Ipv4Header.TOO_SHORT, Ipv4Header.validate(new byte[0], 0, 0));
        assertEquals(Ipv4Header.TOO_SHORT, Ipv4Header.validate(good, IP, 19));

        byte[] f = good.clone();
        Ipv4Header.setVersion(f, IP, 6);
        assertEquals(Ipv4Header.BAD_VERSION, Ipv4Header.validate(f, IP, len));

        f = good.clone();
        Ipv4Header.setIhl(f, IP, 4);
        assertEquals(Ipv4Header.BAD_IHL, Ipv4Header.validate(f, IP, len));
        Ipv4Header.setIhl(f, IP, 0);
        assertEquals(Ipv4Header.BAD_IHL, Ipv4Header.validate(f, IP, len));

        // IHL 15 in a 20-byte buffer: too short, and no exception reading past the end.
        byte[] twenty = Arrays.copyOfRange(good, IP, IP + 20);
        Ipv4Header.setIhl(twenty, 0, 15);
        assertEquals(Ipv4Header.TOO_SHORT, Ipv4Header.validate(twenty, 0, 20));

        f = good.clone();
        f[IP + Ipv4Header.TTL_OFFSET]--;
        assertEquals(Ipv4Header.BAD_CHECKSUM, Ipv4Header.validate(f, IP, len));

        // Total length beyond the bytes received: truncated (checksum still checked first).
        f = good.clone();
        Ipv4Header.setTotalLength(f, IP, len + 1);
        Ipv4Header.fillChecksum(f, IP);
        assertEquals(Ipv4Header.TRUNCATED, Ipv4Header.validate(f, IP, len));
        Ipv4Header.setHeaderChecksum(f, IP, 0);
        assertEquals(Ipv4Header.BAD_CHECKSUM, Ipv4Header.validate(f, IP, len));

        f = good.clone();
        Ipv4Header.setTotalLength(f, IP, 19);
        Ipv4Header.fillChecksum(f, IP);
        assertEquals(Ipv4Header.BAD_TOTAL_LENGTH, Ipv4Header.validate(f, IP, len));

        // Ethernet padding after the datagram is fine; the caller trims it.
        byte[] padded = Arrays.copyOf(good, good.length + 10);
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(padded, IP, padded.length - IP));
        assertEquals(Ipv4Header.OK, Ipv4Header.validate(good, IP, len));

        assertEquals("TRUNCATED", Ipv4Header.validationResultName(Ipv4Header.TRUNCATED));
        assertEquals("OK", Ipv4Header.validationResultName(0));
        assertEquals("BAD_TOTAL_LENGTH", Ipv4Header.validationResultName(Ipv4Header.BAD_TOTAL_LENGTH));
    }

    @Test
    void validationCodesAreDistinct() {
        int[] codes = {Ipv4Header.OK, Ipv4Header.TOO_SHORT, Ipv4Header.BAD_VERSION, Ipv4Header.BAD_IHL,
            Ipv4Header.BAD_CHECKSUM, Ipv4Header.TRUNCATED, Ipv4Header.BAD_TOTAL_LENGTH};
        assertEquals(codes.length, Arrays.stream(codes).distinct().count());
        assertEquals(0, Ipv4Header.OK);
    }

    @Test
    void decrementTtlPatchesTheChecksumLikeLinux() {
        byte[] f = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        assertEquals(63, Ipv4Header.decrementTtl(f, IP));
        assertEquals(63, Ipv4Header.ttl(f, IP));
        assertEquals(0xdb2c, Ipv4Header.headerChecksum(f, IP));
        assertTrue(Ipv4Header.isChecksumValid(f, IP));

        SplittableRandom random = new SplittableRandom(1812);
        byte[] h = new byte[20];
        for (int round = 0; round < 20_000; round++) {
            random.nextBytes(h);
            h[0] = 0x45;
            Ipv4Header.setTtl(h, 0, 1 + random.nextInt(255));
            Ipv4Header.fillChecksum(h, 0);
            int linux = linuxIpDecreaseTtl(Ipv4Header.headerChecksum(h, 0));
            int ttl = Ipv4Header.ttl(h, 0);
            assertEquals(ttl - 1, Ipv4Header.decrementTtl(h, 0));
            assertEquals(linux, Ipv4Header.headerChecksum(h, 0));
            assertEquals(Ipv4Header.computeChecksum(h, 0), Ipv4Header.headerChecksum(h, 0));
        }

        Ipv4Header.setTtl(h, 0, 0);
        Ipv4Header.fillChecksum(h, 0);
        int checksum = Ipv4Header.headerChecksum(h, 0);
        assertEquals(0, Ipv4Header.decrementTtl(h, 0));
        assertEquals(0, Ipv4Header.ttl(h, 0));
        assertEquals(checksum, Ipv4Header.headerChecksum(h, 0));
    }

    /** What Linux's ip_decrease_ttl stores: the checksum plus 0x0100 with the carry folded. */
    private static int linuxIpDecreaseTtl(int checksum) {
        int check = checksum + 0x0100;
        return (check + (check >= 0xffff ? 1 : 0)) & 0xffff;
    }

    @Test
    void addressRewriteKeepsTheChecksumValid() {
        byte[] f = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        Ipv4Header.setSrcWithChecksumUpdate(f, IP, Ipv4Address.parse("203.0.113.9"));
        Ipv4Header.setDstWithChecksumUpdate(f, IP, Ipv4Address.parse("198.51.100.200"));
        assertEquals("203.0.113.9", Ipv4Address.format(Ipv4Header.src(f, IP)));
        assertEquals("198.51.100.200", Ipv4Address.format(Ipv4Header.dst(f, IP)));
        assertTrue(Ipv4Header.isChecksumValid(f, IP));
        assertEquals(Ipv4Header.computeChecksum(f, IP), Ipv4Header.headerChecksum(f, IP));
    }

    @Test
    void findOptionWalksTheOptionList() {
        byte[] h = new byte[32];
        Ipv4Header.write(h, 0, 0, 32, 1, false, 1, IpProtocol.IGMP, 0x0a000001, 0xe0000016);
        Ipv4Header.setHeaderLength(h, 0, 32);
        byte[] options = Bytes.fromHex("01 94040000 0707040a000001");
        System.arraycopy(options, 0, h, 20, options.length);
        assertEquals(12, Ipv4Header.optionsLength(h, 0));
        assertEquals(21, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_ROUTER_ALERT));
        assertEquals(25, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_RECORD_ROUTE));
        assertEquals(20, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_NOP));
        assertEquals(-1, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_LSRR));
        // An option with length 1 ends the walk: malformed.
        h[22] = 1;
        assertEquals(-1, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_RECORD_ROUTE));
        // A length past the header.
        h[22] = 4;
        h[26] = 9;
        assertEquals(-1, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_TIMESTAMP));
        // After EOL nothing is an option.
        h[20] = (byte) Ipv4Header.OPTION_EOL;
        assertEquals(-1, Ipv4Header.findOption(h, 0, Ipv4Header.OPTION_ROUTER_ALERT));
    }
}
