package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4AddressTest {

    @Test
    void parsesAndFormatsDottedQuads() {
        assertEquals(0x0a000102, Ipv4Address.parse("10.0.1.2"));
        assertEquals(0, Ipv4Address.parse("0.0.0.0"));
        assertEquals(0xffffffff, Ipv4Address.parse("255.255.255.255"));
        assertEquals(0xc0a80001, Ipv4Address.parse("192.168.0.1"));
        assertEquals("10.0.1.2", Ipv4Address.format(0x0a000102));
        assertEquals("255.255.255.255", Ipv4Address.format(-1));
        assertEquals("128.0.0.1", Ipv4Address.format(0x80000001));
        assertEquals("0.0.0.0", Ipv4Address.format(0));
        assertEquals(0x0a000102, Ipv4Address.of(10, 0, 1, 2));
        assertEquals(Ipv4Address.LOOPBACK, Ipv4Address.parse("127.0.0.1"));
    }

    @Test
    void parseIsStrictAndNamesTheText() {
        String[] bad = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", "+1.2.3.4", "1.2.3.+4", "01.2.3.4",
            "1.2.3.004", "1..2.3", ".1.2.3", "1.2.3.4.", " 1.2.3.4", "1.2.3.4 ", "a.b.c.d", "1.2.3.4/24",
            "1234.1.1.1", "0x1.2.3.4", "1,2,3,4", "１.2.3.4"};
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text), text);
            assertEquals("invalid IPv4 address: '" + text + "'", e.getMessage());
            assertEquals(-1, Ipv4Address.tryParse(text));
            assertFalse(Ipv4Address.isValid(text));
        }
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(null));
        assertEquals(0xffff_ffffL, Ipv4Address.tryParse("255.255.255.255"));
        assertTrue(Ipv4Address.isValid("0.0.0.0"));
    }

    @Test
    void formatParseRoundTrip() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(791);
        for (int i = 0; i < 10_000; i++) {
            int a = random.nextInt();
            assertEquals(a, Ipv4Address.parse(Ipv4Address.format(a)));
        }
    }

    @Test
    void masksAndNetworks() {
        assertEquals(0, Ipv4Address.mask(0));
        assertEquals(0x80000000, Ipv4Address.mask(1));
        assertEquals(0xffffff00, Ipv4Address.mask(24));
        assertEquals(0xfffffffe, Ipv4Address.mask(31));
        assertEquals(0xffffffff, Ipv4Address.mask(32));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.mask(33));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.mask(-1));
        assertEquals("IPv4 prefix length out of range 0..32: -1", e.getMessage());

        for (int len = 0; len <= 32; len++) {
            assertEquals(len, Ipv4Address.prefixLength(Ipv4Address.mask(len)));
        }
        assertEquals(-1, Ipv4Address.prefixLength(Ipv4Address.parse("255.0.255.0")));

        int a = Ipv4Address.parse("10.0.1.77");
        assertEquals(Ipv4Address.parse("10.0.1.0"), Ipv4Address.network(a, 24));
        assertEquals(Ipv4Address.parse("10.0.0.0"), Ipv4Address.network(a, 8));
        assertEquals(a, Ipv4Address.network(a, 32));
        assertEquals(0, Ipv4Address.network(a, 0));
        assertEquals(Ipv4Address.parse("10.0.1.255"), Ipv4Address.broadcast(a, 24));
        assertEquals(Ipv4Address.parse("10.0.1.79"), Ipv4Address.broadcast(a, 30));
        assertTrue(Ipv4Address.inPrefix(a, Ipv4Address.parse("10.0.0.0"), 16));
        assertFalse(Ipv4Address.inPrefix(a, Ipv4Address.parse("10.0.2.0"), 24));
    }

    @Test
    void cidrPrefixes() {
        Ipv4Prefix p = Ipv4Address.parseCidr("10.0.1.1/24");
        assertEquals(new Ipv4Prefix(0x0a000101, 24), p);
        assertEquals(0x0a000101, p.address());
        assertEquals(24, p.length());
        assertEquals(0xffffff00, p.mask());
        assertEquals(0x0a000100, p.network());
        assertEquals(0x0a0001ff, p.broadcast());
        assertEquals("10.0.1.1/24", p.format());
        assertEquals("10.0.1.1/24", p.toString());
        assertEquals("10.0.1.0/24", p.networkPrefix().format());
        assertFalse(p.isNetwork());
        assertTrue(p.networkPrefix().isNetwork());
        assertTrue(p.contains(Ipv4Address.parse("10.0.1.200")));
        assertFalse(p.contains(Ipv4Address.parse("10.0.2.1")));
        assertTrue(p.contains(Ipv4Prefix.parse("10.0.1.128/25")));
        assertFalse(p.contains(Ipv4Prefix.parse("10.0.0.0/16")));

        assertEquals(new Ipv4Prefix(0x0a000001, 32), Ipv4Prefix.parse("10.0.0.1"));
        Ipv4Prefix all = Ipv4Prefix.parse("0.0.0.0/0");
        assertTrue(all.contains(-1));
        assertTrue(all.contains(p));
        assertEquals(0, all.mask());

        for (String text : new String[] {"10.0.1.1/33", "10.0.1.1/", "10.0.1.1/-1", "10.0.1.1/+8", "10.0.1.1/08",
            "10.0.1/24", "10.0.1.1/24/1", "10.0.1.1/a", "10.0.1.1/100"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parseCidr(text), text);
            assertEquals("invalid IPv4 prefix: '" + text + "'", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Prefix(0, 40));
    }

    @Test
    void addressClasses() {
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("224.0.0.1")));
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("239.255.255.255")));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.parse("240.0.0.0")));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.parse("223.255.255.255")));
        assertTrue(Ipv4Address.isLocalMulticast(Ipv4Address.parse("224.0.0.251")));
        assertFalse(Ipv4Address.isLocalMulticast(Ipv4Address.parse("224.0.1.1")));

        assertTrue(Ipv4Address.isBroadcast(Ipv4Address.parse("255.255.255.255")));
        assertFalse(Ipv4Address.isBroadcast(Ipv4Address.parse("10.0.1.255")));

        assertTrue(Ipv4Address.isLoopback(Ipv4Address.parse("127.0.0.1")));
        assertTrue(Ipv4Address.isLoopback(Ipv4Address.parse("127.255.0.3")));
        assertFalse(Ipv4Address.isLoopback(Ipv4Address.parse("128.0.0.1")));

        assertTrue(Ipv4Address.isLinkLocal(Ipv4Address.parse("169.254.1.1")));
        assertFalse(Ipv4Address.isLinkLocal(Ipv4Address.parse("169.253.1.1")));

        assertTrue(Ipv4Address.isUnspecified(0));
        assertFalse(Ipv4Address.isUnspecified(Ipv4Address.parse("0.0.0.1")));
        assertTrue(Ipv4Address.isZeroNet(Ipv4Address.parse("0.1.2.3")));

        assertTrue(Ipv4Address.isPrivate(Ipv4Address.parse("10.1.2.3")));
        assertTrue(Ipv4Address.isPrivate(Ipv4Address.parse("172.31.0.1")));
        assertFalse(Ipv4Address.isPrivate(Ipv4Address.parse("172.32.0.1")));
        assertTrue(Ipv4Address.isPrivate(Ipv4Address.parse("192.168.200.1")));
        assertFalse(Ipv4Address.isPrivate(Ipv4Address.parse("8.8.8.8")));

        assertTrue(Ipv4Address.isReserved(Ipv4Address.parse("240.0.0.1")));
        assertFalse(Ipv4Address.isReserved(Ipv4Address.BROADCAST));
    }
}
