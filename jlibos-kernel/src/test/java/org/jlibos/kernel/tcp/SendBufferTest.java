package org.jlibos.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendBufferTest {

    private static byte[] bytes(int from, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void bytesComeOutAtTheirSequenceNumbersAcrossTheRing() {
        SendBuffer b = new SendBuffer();
        b.reset(1000);
        b.append(bytes(0, 3000), 0, 3000);
        b.ackTo(3500); // drop 2500 bytes
        b.append(bytes(3000, 3000), 0, 3000); // wraps inside the 4096-byte ring
        assertEquals(3500, b.startSeq());
        assertEquals(7000, b.endSeq());
        byte[] out = new byte[2000];
        b.copyOut(4500, out, 0, 2000);
        assertArrayEquals(bytes(3500, 2000), out);
    }

    @Test
    void pshMarksEndsOfWrites() {
        SendBuffer b = new SendBuffer();
        b.reset(0);
        b.append(new byte[5000], 0, 5000);
        b.markPush(5000);
        b.append(new byte[100], 0, 100);
        b.markPush(5100);
        assertFalse(b.pushIn(0, 1448));
        assertFalse(b.pushIn(2896, 4344));
        assertTrue(b.pushIn(4344, 5000), "the segment ending the first write");
        assertTrue(b.pushIn(4999, 5100));
        assertFalse(b.pushIn(5100, 5200));
        b.ackTo(5000);
        assertTrue(b.pushIn(5000, 5100));
    }
}
