package org.jlibos.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {

    /** A payload buffer whose byte i is (seq + i) mod 256, so trimming errors show. */
    private static PacketBuffer data(int seq, int len) {
        PacketBuffer p = new PacketBuffer(16, 16 + len);
        int off = p.put(len);
        for (int i = 0; i < len; i++) {
            p.array()[off + i] = (byte) (seq + i);
        }
        return p;
    }

    private static void assertPayload(int seq, PacketBuffer p) {
        for (int i = 0; i < p.length(); i++) {
            assertEquals((byte) (seq + i), p.array()[p.head() + i], "byte " + i);
        }
    }

    @Test
    void segmentsComeBackInOrderOnceTheHoleFills() {
        ReassemblyQueue q = new ReassemblyQueue();
        assertTrue(q.insert(3000, data(3000, 1000), false));
        assertTrue(q.insert(1000, data(1000, 1000), false));
        assertTrue(q.insert(5000, data(5000, 1000), true));
        assertEquals(3, q.size());
        assertEquals(3000, q.bytes());
        int rcvNxt = 0;
        assertFalse(q.hasInOrder(rcvNxt));
        rcvNxt = 1000; // the hole [0, 1000) was filled directly
        assertTrue(q.hasInOrder(rcvNxt));
        PacketBuffer p = q.pollFirst(rcvNxt);
        assertEquals(1000, p.length());
        assertPayload(1000, p);
        rcvNxt = 2000;
        assertFalse(q.hasInOrder(rcvNxt));
        assertEquals(3000, q.start(0));
        assertTrue(q.fin(1));
    }

    @Test
    void aCoveredSegmentIsADuplicate() {
        ReassemblyQueue q = new ReassemblyQueue();
        q.insert(1000, data(1000, 2000), false);
        assertFalse(q.insert(1500, data(1500, 500), false));
        assertTrue(q.dupFound);
        assertEquals(1500, q.dupStart);
        assertEquals(2000, q.dupEnd);
        assertEquals(1, q.size());
    }

    @Test
    void overlapsAreTrimmedOffTheNewSegment() {
        ReassemblyQueue q = new ReassemblyQueue();
        q.insert(1000, data(1000, 1000), false);
        q.insert(3000, data(3000, 1000), false);
        // [1500, 3500) overlaps both neighbours: only [2000, 3000) is new.
        assertTrue(q.insert(1500, data(1500, 2000), false));
        assertTrue(q.dupFound);
        assertEquals(1500, q.dupStart);
        assertEquals(2000, q.dupEnd);
        assertEquals(3, q.size());
        assertEquals(2000, q.start(1));
        assertEquals(3000, q.end(1));
        assertEquals(3000, q.bytes());
        int rcvNxt = 1000;
        for (int i = 0; i < 3; i++) {
            PacketBuffer p = q.pollFirst(rcvNxt);
            assertPayload(rcvNxt, p);
            rcvNxt += p.length();
        }
        assertEquals(4000, rcvNxt);
        assertTrue(q.isEmpty());
    }

    @Test
    void aSegmentCoveringQueuedOnesReplacesThem() {
        ReassemblyQueue q = new ReassemblyQueue();
        q.insert(2000, data(2000, 500), false);
        q.insert(3000, data(3000, 500), false);
        assertTrue(q.insert(1000, data(1000, 4000), false));
        assertEquals(1, q.size());
        assertEquals(4000, q.bytes());
        assertEquals(2000, q.dupStart);
    }

    @Test
    void pollTrimsWhatIsAlreadyReceived() {
        ReassemblyQueue q = new ReassemblyQueue();
        q.insert(1000, data(1000, 1000), false);
        PacketBuffer p = q.pollFirst(1400);
        assertEquals(600, p.length());
        assertPayload(1400, p);
    }

    @Test
    void worksAcrossSequenceWraparound() {
        ReassemblyQueue q = new ReassemblyQueue();
        int base = 0xfffffc00; // 1024 bytes below 2^32
        q.insert(base + 2048, data(base + 2048, 1024), false);
        q.insert(base + 1024, data(base + 1024, 1024), false);
        assertEquals(base + 1024, q.start(0));
        assertTrue(q.hasInOrder(base + 1024));
        assertEquals(1024, q.pollFirst(base + 1024).length());
        assertEquals(base + 2048, q.start(0));
    }
}
