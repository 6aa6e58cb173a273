package org.jlibos.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BytesTest {

    private final byte[] b = Bytes.fromHex("ff 80 01 fe dc ba 98 76 54 32 10");

    @Test
    void readsUnsignedBigEndian() {
        assertEquals(0xff, Bytes.getU8(b, 0));
        assertEquals(0x80, Bytes.getU8(b, 1));
        assertEquals(0xff80, Bytes.getU16(b, 0));
        assertEquals(0x01fe, Bytes.getU16(b, 2));
        assertEquals(0xff8001feL, Bytes.getU32(b, 0));
        assertEquals(0xff8001fe, Bytes.getI32(b, 0));
        assertEquals(0x01fedcbaL, Bytes.getU32(b, 2));
        assertEquals(0xff8001fedcbaL, Bytes.getU48(b, 0));
        assertEquals(0x01fedcba9876L, Bytes.getU48(b, 2));
        assertEquals(0xff8001fedcba9876L, Bytes.getI64(b, 0));
    }

    @Test
    void writesBigEndianAndOnlyTheLowBits() {
        byte[] out = new byte[17];
        Bytes.put8(out, 0, 0x1ab);
        Bytes.put16(out, 1, 0x12345);
        Bytes.put32(out, 3, 0xdeadbeef);
        Bytes.putU48(out, 7, 0xffff_0102_0304_0506L);
        Bytes.put32(out, 13, 0x1_0000_0001L);
        assertEquals("ab2345deadbeef01020304050600000001", Bytes.toHex(out, 0, 17));
        byte[] wide = new byte[8];
        Bytes.put64(wide, 0, 0x0102030405060708L);
        assertEquals("0102030405060708", Bytes.toHex(wide, 0, 8));
    }

    @Test
    void roundTripsAtEveryOffset() {
        byte[] out = new byte[12];
        for (int off = 0; off + 6 <= out.length; off++) {
            Bytes.putU48(out, off, 0x0a0b0c0d0e0fL);
            assertEquals(0x0a0b0c0d0e0fL, Bytes.getU48(out, off));
            Bytes.put32(out, off, -2);
            assertEquals(-2, Bytes.getI32(out, off));
            assertEquals(0xffff_fffeL, Bytes.getU32(out, off));
            Bytes.put16(out, off, 65535);
            assertEquals(65535, Bytes.getU16(out, off));
        }
    }

    @Test
    void hexParsingIgnoresSeparatorsAndRejectsGarbage() {
        assertArrayEquals(new byte[] {0x45, 0, (byte) 0xab}, Bytes.fromHex("45:00-AB"));
        assertArrayEquals(new byte[] {0x12, 0x34}, Bytes.fromHex(" 12\n34 "));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("4g"));
        assertEquals("not a hex digit 'g' at index 1 in: 4g", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("123"));
    }

    @Test
    void outOfRangeThrowsLikeArrays() {
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.getU16(b, 10));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.getU48(b, 6));
    }
}
