package org.jlibos.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqTest {

    @Test
    void comparesAcrossWraparound() {
        int high = 0xfffffff0;
        int low = 0x10; // 0x20 later in sequence space, after wrapping past 2^32
        assertTrue(Seq.before(high, low));
        assertTrue(Seq.after(low, high));
        assertFalse(Seq.before(low, high));
        assertTrue(Seq.beforeOrEqual(low, low));
        assertTrue(Seq.afterOrEqual(low, high));
        assertEquals(low, Seq.max(high, low));
        assertEquals(high, Seq.min(high, low));
        assertEquals(0x20, low - high);
    }

    @Test
    void betweenIsInclusiveAndWrapSafe() {
        assertTrue(Seq.between(0, 0xfffffff0, 0x10));
        assertTrue(Seq.between(0xfffffff0, 0xfffffff0, 0x10));
        assertTrue(Seq.between(0x10, 0xfffffff0, 0x10));
        assertFalse(Seq.between(0x11, 0xfffffff0, 0x10));
        assertFalse(Seq.between(0xffffffef, 0xfffffff0, 0x10));
        assertEquals(4294967295L, Seq.unsigned(-1));
    }

    @Test
    void halfTheSpaceApartIsTheLimit() {
        int a = 0;
        int b = 0x7fffffff;
        assertTrue(Seq.before(a, b));
        assertTrue(Seq.after(0x80000001, 0x00000002)); // less than 2^31 apart the other way
    }
}
