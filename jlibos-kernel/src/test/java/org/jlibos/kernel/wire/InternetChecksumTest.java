package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    /** The plain RFC 1071 algorithm, 16 bits at a time, as an independent reference. */
    private static int referenceChecksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    @Test
    void rfc1071Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to 2ddf0, which folds to ddf2.
        byte[] b = Bytes.fromHex("00 01 f2 03 f4 f5 f6 f7");
        long sum = InternetChecksum.sum(b, 0, b.length, 0);
        assertEquals(0x2ddf0 % 0xffff, sum % 0xffff);
        assertEquals(0xddf2, InternetChecksum.reduce(sum));
        assertEquals(0x220d, InternetChecksum.fold(sum));
        assertEquals(0x220d, InternetChecksum.compute(b, 0, b.length));
        // Chained 16-bit pieces give the same partial sum as the RFC's hand computation.
        long chained = 0;
        for (int i = 0; i < b.length; i += 2) {
            chained = InternetChecksum.sum(b, i, 2, chained);
        }
        assertEquals(0x2ddf0, chained);
    }

    @Test
    void oddLengthsPadTheLastByteOnTheRight() {
        assertEquals(0xfeff, InternetChecksum.compute(new byte[] {0x01}, 0, 1));
        assertEquals(0x97cb, InternetChecksum.compute(new byte[] {0x12, 0x34, 0x56}, 0, 3));
        assertEquals(0xffff, InternetChecksum.compute(new byte[0], 0, 0));
        byte[] seven = Bytes.fromHex("00 01 f2 03 f4 f5 f6");
        assertEquals(~(0x0001 + 0xf203 + 0xf4f5 + 0xf600 - 2 * 0xffff) & 0xffff, InternetChecksum.compute(seven, 0, 7));
    }

    @Test
    void matchesTheReferenceForEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(1071);
        byte[] b = new byte[300];
        for (int round = 0; round < 20; round++) {
            random.nextBytes(b);
            for (int off = 0; off < 9; off++) {
                for (int len = 0; off + len <= b.length; len += 1 + random.nextInt(5)) {
                    long initial = random.nextInt(1 << 20);
                    assertEquals(referenceChecksum(b, off, len, initial),
                            InternetChecksum.fold(InternetChecksum.sum(b, off, len, initial)),
                            "off " + off + " len " + len);
                }
            }
        }
    }

    @Test
    void largeBuffersDoNotOverflow() {
        byte[] b = new byte[1 << 20];
        Arrays.fill(b, (byte) 0xff);
        assertEquals(referenceChecksum(b, 0, b.length, 0), InternetChecksum.compute(b, 0, b.length));
        assertEquals(0, InternetChecksum.compute(b, 0, b.length));
        assertEquals(0xff00, InternetChecksum.reduce(InternetChecksum.sum(b, 1, b.length - 1, 0)));
    }

    @Test
    void reduceAndFoldEdgeCases() {
        assertEquals(0, InternetChecksum.reduce(0));
        assertEquals(0xffff, InternetChecksum.fold(0));
        assertEquals(0xffff, InternetChecksum.reduce(0x1fffe));
        assertEquals(0, InternetChecksum.fold(0xffff));
        assertEquals(0x0001, InternetChecksum.reduce(0x10000));
        assertEquals(InternetChecksum.reduce(0x7fff_ffff_ffffL % 0xffff), InternetChecksum.reduce(0x7fff_ffff_ffffL));
    }

    @Test
    void wikipediaIpv4HeaderChecksum() {
        byte[] h = TestPackets.bytes(TestPackets.WIKIPEDIA_IPV4_HEADER);
        assertEquals(0, InternetChecksum.compute(h, 0, 20));
        h[10] = 0;
        h[11] = 0;
        assertEquals(0xb861, InternetChecksum.compute(h, 0, 20));
    }

    @Test
    void capturedPacketsVerify() {
        byte[] icmp = TestPackets.bytes(TestPackets.ICMP_ECHO_REQUEST_FRAME);
        assertEquals(0, InternetChecksum.compute(icmp, 14, 20));
        assertEquals(0, InternetChecksum.compute(icmp, 34, 64));

        int a = Ipv4Address.parse("10.0.0.1");
        int b = Ipv4Address.parse("10.0.0.2");
        byte[] syn = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        assertEquals(0, InternetChecksum.compute(syn, 14, 20));
        assertEquals(0, InternetChecksum.fold(InternetChecksum.sum(syn, 34, 40,
                InternetChecksum.ipv4PseudoHeaderSum(a, b, IpProtocol.TCP, 40))));

        byte[] data = TestPackets.bytes(TestPackets.TCP_DATA_FRAME);
        assertEquals(0, InternetChecksum.fold(InternetChecksum.sum(data, 34, 37,
                InternetChecksum.ipv4PseudoHeaderSum(a, b, IpProtocol.TCP, 37))));

        byte[] dns = TestPackets.bytes(TestPackets.UDP_DNS_QUERY_FRAME);
        assertEquals(0, InternetChecksum.fold(InternetChecksum.sum(dns, 34, 37,
                InternetChecksum.ipv4PseudoHeaderSum(a, Ipv4Address.parse("10.0.0.53"), IpProtocol.UDP, 37))));
    }

    @Test
    void ipv4PseudoHeaderSum() {
        int a = Ipv4Address.parse("10.0.0.1");
        int b = Ipv4Address.parse("10.0.0.2");
        assertEquals(0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + 40, InternetChecksum.ipv4PseudoHeaderSum(a, b, 6, 40));
        int hi = Ipv4Address.parse("255.255.255.255");
        assertEquals(4L * 0xffff + 17 + 65535, InternetChecksum.ipv4PseudoHeaderSum(hi, hi, 17, 65535));
    }

    @Test
    void ipv6PseudoHeaderSumEqualsTheExplicitPseudoHeader() {
        SplittableRandom random = new SplittableRandom(8200);
        byte[] addrs = new byte[40];
        for (int round = 0; round < 100; round++) {
            random.nextBytes(addrs);
            long length = random.nextLong(1L << 32);
            int nextHeader = random.nextInt(256);
            byte[] pseudo = new byte[40];
            System.arraycopy(addrs, 8, pseudo, 0, 32);
            Bytes.put32(pseudo, 32, length);
            pseudo[39] = (byte) nextHeader;
            assertEquals(referenceChecksum(pseudo, 0, 40, 0),
                    InternetChecksum.fold(InternetChecksum.ipv6PseudoHeaderSum(addrs, 8, 24, nextHeader, length)));
        }
    }

    @Test
    void incrementalUpdateEqualsFullRecomputation() {
        SplittableRandom random = new SplittableRandom(1624);
        byte[] h = new byte[60];
        for (int round = 0; round < 20_000; round++) {
            int len = 20 + 4 * random.nextInt(11);
            random.nextBytes(h);
            h[0] = (byte) (0x40 | (len / 4));
            Ipv4Header.fillChecksum(h, 0);
            // Any word but version/IHL (which would change the covered length) and the checksum.
            int word = 1 + random.nextInt(len / 2 - 1);
            if (word == 5) {
                continue;
            }
            int oldWord = Bytes.getU16(h, 2 * word);
            int newWord = random.nextInt(4) == 0 ? oldWord ^ 0xffff : random.nextInt(0x10000);
            Bytes.put16(h, 2 * word, newWord);
            int updated = InternetChecksum.update16(Ipv4Header.headerChecksum(h, 0), oldWord, newWord);
            assertEquals(Ipv4Header.computeChecksum(h, 0), updated, "round " + round);
        }
    }

    @Test
    void incrementalUpdateOf32BitFields() {
        SplittableRandom random = new SplittableRandom(3022);
        byte[] h = new byte[20];
        for (int round = 0; round < 20_000; round++) {
            random.nextBytes(h);
            h[0] = 0x45;
            Ipv4Header.fillChecksum(h, 0);
            int field = random.nextBoolean() ? Ipv4Header.SRC_OFFSET : Ipv4Header.DST_OFFSET;
            int oldValue = Bytes.getI32(h, field);
            int newValue = random.nextInt();
            Bytes.put32(h, field, newValue);
            assertEquals(Ipv4Header.computeChecksum(h, 0),
                    InternetChecksum.update32(Ipv4Header.headerChecksum(h, 0), oldValue, newValue));
        }
    }

    @Test
    void rfc1624Example() {
        // RFC 1624 §4: HC = 0xdd2f, m = 0x5555 -> m' = 0x3285 gives HC' = 0x0000.
        assertEquals(0x0000, InternetChecksum.update16(0xdd2f, 0x5555, 0x3285));
    }
}
