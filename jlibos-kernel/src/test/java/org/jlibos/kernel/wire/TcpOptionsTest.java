package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

class TcpOptionsTest {

    private final TcpOptions o = new TcpOptions();
    private final byte[] buf = new byte[64];

    private String written() {
        int n = o.length();
        assertEquals(n, o.write(buf, 3));
        assertEquals(0, n % 4, "options are padded to 32-bit words");
        return Bytes.toHex(buf, 3, n);
    }

    private String writtenAsPacketdrill() {
        int n = o.write(buf, 0);
        return TcpOptions.format(buf, 0, n);
    }

    private boolean parse(String hex) {
        byte[] b = Bytes.fromHex("eeee" + hex + "eeee");
        return o.parse(b, 2, b.length - 4);
    }

    // ---- writer: Linux's tcp_options_write layout ----

    @Test
    void synWithEverythingIsMssSackOkTsNopWscale() {
        // packetdrill: <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>
        o.mss = 1460;
        o.sackPermitted = true;
        o.setTimestamp(100, 0);
        o.windowScale = 8;
        assertEquals(20, o.length());
        assertEquals("020405b4" + "0402080a" + "00000064" + "00000000" + "01030308", written());
        assertEquals("mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8", writtenAsPacketdrill());
    }

    @Test
    void synWithoutTimestamps() {
        // packetdrill: <mss 1460,nop,nop,sackOK,nop,wscale 8>
        o.mss = 1460;
        o.sackPermitted = true;
        o.windowScale = 8;
        assertEquals("020405b4" + "01010402" + "01030308", written());
        assertEquals("mss 1460,nop,nop,sackOK,nop,wscale 8", writtenAsPacketdrill());
    }

    @Test
    void synWithoutWindowScale() {
        // packetdrill: <mss 1460,nop,nop,sackOK> and <mss 1460,sackOK,TS val 100 ecr 100>
        o.mss = 1460;
        o.sackPermitted = true;
        assertEquals("020405b4" + "01010402", written());
        assertEquals("mss 1460,nop,nop,sackOK", writtenAsPacketdrill());
        o.setTimestamp(100, 100);
        assertEquals("020405b4" + "0402080a" + "00000064" + "00000064", written());
        assertEquals("mss 1460,sackOK,TS val 100 ecr 100", writtenAsPacketdrill());
    }

    @Test
    void synWithoutSack() {
        // packetdrill: <mss 1460,nop,wscale 8>
        o.mss = 1460;
        o.windowScale = 8;
        assertEquals("020405b4" + "01030308", written());
        assertEquals("mss 1460,nop,wscale 8", writtenAsPacketdrill());
        o.setTimestamp(7, 0);
        assertEquals("020405b4" + "0101080a" + "00000007" + "00000000" + "01030308", written());
        assertEquals("mss 1460,nop,nop,TS val 7 ecr 0,nop,wscale 8", writtenAsPacketdrill());
        o.windowScale = 0;
        assertEquals("mss 1460,nop,nop,TS val 7 ecr 0,nop,wscale 0", writtenAsPacketdrill());
    }

    @Test
    void establishedTimestamps() {
        // packetdrill: <nop,nop,TS val V ecr E>, 12 bytes; values are unsigned.
        o.setTimestamp(0xfffffffe, 0x80000000);
        assertEquals(12, o.length());
        assertEquals("0101080a" + "fffffffe" + "80000000", written());
        assertEquals("nop,nop,TS val 4294967294 ecr 2147483648", writtenAsPacketdrill());
    }

    @Test
    void sackBlocksFollowTheTimestamps() {
        o.setTimestamp(1, 2);
        assertTrue(o.addSackBlock(1001, 2001));
        assertEquals(24, o.length());
        assertEquals("0101080a" + "00000001" + "00000002" + "0101050a" + "000003e9" + "000007d1", written());
        assertEquals("nop,nop,TS val 1 ecr 2,nop,nop,sack 1001:2001", writtenAsPacketdrill());

        assertTrue(o.addSackBlock(3001, 4001));
        assertTrue(o.addSackBlock(5001, 6001));
        assertEquals(40, o.length());
        assertEquals("nop,nop,TS val 1 ecr 2,nop,nop,sack 1001:2001 3001:4001 5001:6001", writtenAsPacketdrill());

        // A fourth block does not fit next to the timestamps: Linux sends three.
        assertTrue(o.addSackBlock(7001, 8001));
        assertFalse(o.addSackBlock(9001, 10001));
        assertEquals(40, o.length());
        assertEquals("nop,nop,TS val 1 ecr 2,nop,nop,sack 1001:2001 3001:4001 5001:6001", writtenAsPacketdrill());

        // Without timestamps all four fit: 4 + 32 bytes.
        o.hasTimestamp = false;
        assertEquals(36, o.length());
        assertEquals("01010522" + "000003e9000007d1" + "00000bb900000fa1" + "0000138900001771" + "00001b5900001f41",
                written());
        assertEquals("nop,nop,sack 1001:2001 3001:4001 5001:6001 7001:8001", writtenAsPacketdrill());
    }

    @Test
    void nothingToWrite() {
        assertEquals(0, o.length());
        assertEquals(0, o.write(buf, 0));
        assertEquals("", TcpOptions.format(buf, 0, 0));
    }

    @Test
    void writeThenParseRoundTrips() {
        TcpOptions back = new TcpOptions();
        for (int mask = 0; mask < 32; mask++) {
            o.clear();
            if ((mask & 1) != 0) {
                o.mss = 536 + mask;
            }
            if ((mask & 2) != 0) {
                o.sackPermitted = true;
            }
            if ((mask & 4) != 0) {
                o.setTimestamp(mask * 1000, -mask);
            }
            if ((mask & 8) != 0) {
                o.windowScale = mask % 15;
            }
            if ((mask & 16) != 0) {
                o.addSackBlock(-5, 5);
            }
            int n = o.write(buf, 0);
            assertTrue(back.parse(buf, 0, n));
            assertEquals(o.mss, back.mss);
            assertEquals(o.sackPermitted, back.sackPermitted);
            assertEquals(o.hasTimestamp, back.hasTimestamp);
            assertEquals(o.tsVal, back.tsVal);
            assertEquals(o.tsEcr, back.tsEcr);
            assertEquals(o.windowScale, back.windowScale);
            assertEquals(o.sackBlockCount, back.sackBlockCount);
            if (o.sackBlockCount > 0) {
                assertEquals(-5, back.sackStart[0]);
                assertEquals(5, back.sackEnd[0]);
            }
            assertEquals(o.toString(), back.toString());
        }
    }

    // ---- parser ----

    @Test
    void parsesEveryKnownKind() {
        assertTrue(parse("020405dc" + "030307" + "0402" + "080a0000000100000002" + "01" + "0512"
                + "0000000a00000014" + "0000001e00000028"));
        assertEquals(1500, o.mss);
        assertTrue(o.hasMss());
        assertEquals(7, o.windowScale);
        assertTrue(o.hasWindowScale());
        assertTrue(o.sackPermitted);
        assertTrue(o.hasTimestamp);
        assertEquals(1, o.tsVal);
        assertEquals(2, o.tsEcr);
        assertEquals(2, o.sackBlockCount);
        assertEquals(10, o.sackStart[0]);
        assertEquals(20, o.sackEnd[0]);
        assertEquals(30, o.sackStart[1]);
        assertEquals(40, o.sackEnd[1]);
        assertEquals(0, o.unknownOptionCount);
        assertEquals(-1, o.md5Offset);
        assertEquals(-1, o.fastOpenCookieOffset);
    }

    @Test
    void emptyAndAbsentOptions() {
        assertTrue(o.parse(buf, 0, 0));
        assertEquals(-1, o.mss);
        assertFalse(o.hasMss());
        assertEquals(-1, o.windowScale);
        assertFalse(o.hasWindowScale());
        assertFalse(o.sackPermitted);
        assertFalse(o.hasTimestamp);
        assertEquals(0, o.sackBlockCount);
    }

    @Test
    void fourSackBlocksAndInboundPacketdrillLayout() {
        // packetdrill inbound <sack 4000:4001,nop,nop>
        assertTrue(parse("050a00000fa000000fa1" + "0101"));
        assertEquals(1, o.sackBlockCount);
        assertEquals(4000, o.sackStart[0]);
        assertEquals(4001, o.sackEnd[0]);
        assertTrue(parse("0101" + "0522" + "00000001000000020000000300000004" + "00000005000000060000000700000008"));
        assertEquals(4, o.sackBlockCount);
        assertEquals(7, o.sackStart[3]);
        assertEquals(8, o.sackEnd[3]);
        assertEquals("nop,nop,sack 1:2 3:4 5:6 7:8",
                TcpOptions.format(Bytes.fromHex("0101" + "0522" + "00000001000000020000000300000004"
                        + "00000005000000060000000700000008"), 0, 36));
    }

    @Test
    void nopAndEolPadding() {
        assertTrue(parse("01010101" + "020405b4" + "00000000"));
        assertEquals(1460, o.mss);
        // Everything after EOL is padding, even bytes that would be malformed options.
        assertTrue(parse("030308" + "00" + "02ff"));
        assertEquals(8, o.windowScale);
        assertEquals(-1, o.mss);
        assertTrue(parse("00" + "020405b4"));
        assertEquals(-1, o.mss);
        assertEquals("wscale 8,eol", TcpOptions.format(Bytes.fromHex("030308" + "00" + "02ff"), 0, 6));
    }

    @Test
    void truncatedOptionsAreMalformed() {
        // A kind with no room for its length byte.
        assertFalse(parse("0101" + "02"));
        // A length running past the options region.
        assertFalse(parse("020405"));
        assertFalse(parse("080a00000001"));
        assertFalse(parse("0522" + "0000000100000002"));
        // Fields parsed before the bad option stay set, as in Linux.
        assertFalse(parse("020405b4" + "0303"));
        assertEquals(1460, o.mss);
        assertEquals(-1, o.windowScale);
        assertEquals("mss 1460,malformed", TcpOptions.format(Bytes.fromHex("020405b4" + "0303"), 0, 6));
    }

    @Test
    void zeroAndOneLengthOptionsAreMalformed() {
        assertFalse(parse("0200" + "0000"));
        assertFalse(parse("0301" + "0000"));
        assertFalse(parse("fe00"));
        assertFalse(parse("0101" + "0800" + "01010101"));
    }

    @Test
    void knownKindsWithTheWrongLengthAreIgnoredLikeLinux() {
        assertTrue(parse("0203ff" + "01"));
        assertEquals(-1, o.mss);
        assertTrue(parse("03040e00"));
        assertEquals(-1, o.windowScale);
        assertTrue(parse("0403ff" + "01"));
        assertFalse(o.sackPermitted);
        assertTrue(parse("080b" + "000000010000000200" + "01"));
        assertFalse(o.hasTimestamp);
        // SACK whose data is not a whole number of 8-byte blocks.
        assertTrue(parse("0506" + "00000001" + "0101"));
        assertEquals(0, o.sackBlockCount);
        assertTrue(parse("0502" + "0101"));
        assertEquals(0, o.sackBlockCount);
        assertEquals("mss?,nop", TcpOptions.format(Bytes.fromHex("0203ff01"), 0, 4));
    }

    @Test
    void unknownKindsAreSkippedAndCounted() {
        assertTrue(parse("1c04ffff" + "fd06000000ff" + "020405b4"));
        assertEquals(2, o.unknownOptionCount);
        assertEquals(1460, o.mss);
        assertEquals("unknown-28,exp,mss 1460",
                TcpOptions.format(Bytes.fromHex("1c04ffff" + "fe06000000ff" + "020405b4"), 0, 14));
    }

    @Test
    void rawValuesAreKeptForTheTcpLayer() {
        // Window scale above 14 is clamped by TCP (with a warning), not by the parser; MSS 0 too.
        assertTrue(parse("030320" + "01" + "02040000"));
        assertEquals(32, o.windowScale);
        assertEquals(0, o.mss);
        assertTrue(o.hasMss());
    }

    @Test
    void md5AndFastOpen() {
        byte[] b = Bytes.fromHex("0101" + "1312" + "000102030405060708090a0b0c0d0e0f" + "2206" + "cafebabe");
        assertTrue(o.parse(b, 0, b.length));
        assertEquals(4, o.md5Offset);
        assertEquals(0x0f, b[o.md5Offset + 15]);
        assertEquals(22, o.fastOpenCookieOffset);
        assertEquals(4, o.fastOpenCookieLength);
        assertFalse(o.fastOpenExperimental);
        assertEquals("nop,nop,md5,FO cafebabe", TcpOptions.format(b, 0, b.length));

        // Cookie request: FO with no cookie.
        assertTrue(parse("2202" + "0101"));
        assertEquals(0, o.fastOpenCookieLength);
        assertEquals("FO,nop,nop", TcpOptions.format(Bytes.fromHex("2202" + "0101"), 0, 4));

        // Experimental form, kind 254 with magic 0xf989.
        b = Bytes.fromHex("fe0cf989" + "0011223344556677");
        assertTrue(o.parse(b, 0, b.length));
        assertTrue(o.fastOpenExperimental);
        assertEquals(4, o.fastOpenCookieOffset);
        assertEquals(8, o.fastOpenCookieLength);
        assertEquals(0, o.unknownOptionCount);
        assertEquals("FOEXP 0011223344556677", TcpOptions.format(b, 0, b.length));

        // A wrong-length MD5 option is ignored.
        assertTrue(parse("1304ffff"));
        assertEquals(-1, o.md5Offset);
    }

    @Test
    void parseClearsThePreviousResult() {
        assertTrue(parse("020405b4" + "0402" + "080a0000000100000002" + "01" + "030307"));
        o.addSackBlock(1, 2);
        assertTrue(parse("01010101"));
        assertEquals(-1, o.mss);
        assertFalse(o.sackPermitted);
        assertFalse(o.hasTimestamp);
        assertEquals(-1, o.windowScale);
        assertEquals(0, o.sackBlockCount);
    }

    @Test
    void toStringListsTheFields() {
        o.mss = 1460;
        o.sackPermitted = true;
        o.setTimestamp(-1, 0);
        o.windowScale = 7;
        o.addSackBlock(-2, -1);
        assertEquals("TcpOptions[mss 1460,sackOK,TS val 4294967295 ecr 0,wscale 7,sack 4294967294:4294967295]",
                o.toString());
        assertEquals("TcpOptions[]", o.clear().toString());
    }

    @Test
    void parsingAndWritingDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        byte[] syn = TestPackets.bytes(TestPackets.TCP_SYN_FRAME);
        int optionsOffset = TcpHeader.optionsOffset(34);
        int a = Ipv4Address.parse("10.0.0.1");
        int b = Ipv4Address.parse("10.0.0.2");
        o.setTimestamp(1, 2);
        o.addSackBlock(3, 4);
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                TcpOptions parsed = o;
                sink += o.write(buf, 0);
                sink += parsed.parse(syn, optionsOffset, 20) ? parsed.mss : 0;
                parsed.setTimestamp(1, 2).addSackBlock(3, 4);
                sink += TcpHeader.computeChecksumIpv4(syn, 34, 40, a, b);
                sink += Ipv4Header.validate(syn, 14, 60);
                sink += TcpHeader.flagsToString(TcpHeader.flags(syn, 34)).length();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (warm == 2) {
                // Any per-iteration allocation would show as megabytes; a few KB are the JIT's own.
                assertTrue(allocated < 65536, "allocated " + allocated + " bytes in 100k iterations");
            }
        }
        assertTrue(sink > 0);
    }
}
