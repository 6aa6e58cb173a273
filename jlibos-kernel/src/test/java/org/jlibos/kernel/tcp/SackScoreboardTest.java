package org.jlibos.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SackScoreboardTest {

    /** Ten 1000-byte segments [1000, 11000) sent at times 1..10. */
    private static SackScoreboard tenSegments() {
        SackScoreboard b = new SackScoreboard();
        for (int i = 0; i < 10; i++) {
            b.add(1000 + i * 1000, 2000 + i * 1000, 0, i + 1, 0, 0, 0);
        }
        return b;
    }

    @Test
    void sackTagsWholeSegmentsAndSplitsPartialOnes() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        assertEquals(2, b.sack(4000, 6000, d));
        assertEquals(2, b.sackedOut);
        assertEquals(6000, b.highestSackEnd());
        // A block inside segment [7000, 8000) splits it into three.
        assertEquals(1, b.sack(7200, 7600, d));
        assertEquals(12, b.size());
        assertEquals(7200, b.start(7));
        assertEquals(7600, b.end(7));
        assertTrue((b.flags(7) & SackScoreboard.SACKED) != 0);
        assertFalse((b.flags(6) & SackScoreboard.SACKED) != 0);
        // Re-SACKing is not new.
        assertEquals(0, b.sack(4000, 6000, d));
        assertEquals(3, d.newlySacked);
        assertEquals(4, d.firstSackedSentAt);
        assertEquals(7, d.lastSackedSentAt); // [7200, 7600) is part of the 7th segment
    }

    @Test
    void rfc6675MarksHolesBelowThreeSackedSegmentsLost() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        // Segment 0 and 2 lost; 1, 3, 4 SACKed.
        b.sack(2000, 3000, d);
        b.sack(4000, 6000, d);
        assertEquals(3, b.sackedOut);
        // Segment 0 has 3 SACKed above it; segment 2 only 2: only 0 is lost.
        assertEquals(1, b.markLostByDupThresh(3));
        assertEquals(1, b.lostOut);
        assertTrue((b.flags(0) & SackScoreboard.LOST) != 0);
        assertFalse((b.flags(2) & SackScoreboard.LOST) != 0);
        b.sack(6000, 7000, d);
        assertEquals(1, b.markLostByDupThresh(3));
        assertTrue((b.flags(2) & SackScoreboard.LOST) != 0);
        assertEquals(2, b.lostOut);
        // NextSeg: lowest lost, not retransmitted.
        assertEquals(0, b.nextToRetransmit());
        b.retransmitted(0, 20, 0, 0, 0);
        assertEquals(1, b.retransOut);
        assertEquals(2, b.nextToRetransmit());
        b.retransmitted(2, 21, 0, 0, 0);
        assertEquals(-1, b.nextToRetransmit());
        // in flight = packets_out - (sacked + lost) + retrans = 10 - (4 + 2) + 2
        assertEquals(6, b.size() - (b.sackedOut + b.lostOut) + b.retransOut);
    }

    @Test
    void cumulativeAckRemovesAndReportsRttSources() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        b.sack(3000, 4000, d);
        d.reset();
        assertEquals(3, b.ackTo(4000, d));
        assertEquals(7, b.size());
        assertEquals(0, b.sackedOut);
        assertEquals(1, d.ackedWereSacked);
        assertEquals(1, d.firstAckedSentAt);
        assertEquals(2, d.lastAckedSentAt);
        // A partial ACK trims the head record.
        d.reset();
        assertEquals(0, b.ackTo(4500, d));
        assertEquals(4500, b.start(0));
        assertEquals(7, b.size());
    }

    @Test
    void retransmittedSegmentsGiveNoRttSampleAndCanBeLostAgain() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        b.markLost(0);
        b.retransmitted(0, 100, 0, 0, 0);
        // A segment sent (at 10) before the retransmission (100) is SACKed: no evidence.
        b.sack(10000, 11000, d);
        assertEquals(0, b.markLostRetransmissions(d.latestSentAt, 0));
        // Something sent after the retransmission is delivered: the retransmission is lost.
        b.add(11000, 12000, 0, 150, 0, 0, 0);
        d.reset();
        b.sack(11000, 12000, d);
        assertEquals(1, b.markLostRetransmissions(d.latestSentAt, 10));
        assertEquals(0, b.retransOut);
        assertEquals(0, b.nextToRetransmit());
        d.reset();
        b.ackTo(2000, d);
        assertTrue(d.retransAcked);
        assertEquals(-1, d.firstAckedSentAt);
    }

    @Test
    void rtoMarksEverythingNotSackedLost() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        b.sack(5000, 7000, d);
        b.markLost(0);
        b.retransmitted(0, 50, 0, 0, 0);
        b.markAllLost();
        assertEquals(8, b.lostOut);
        assertEquals(0, b.retransOut);
        assertEquals(2, b.sackedOut);
        // Reneging: the head is SACKed, so all SACK information is dropped.
        SackScoreboard r = tenSegments();
        r.sack(1000, 2000, d);
        r.markAllLost();
        assertEquals(0, r.sackedOut);
        assertEquals(10, r.lostOut);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        SackScoreboard b = new SackScoreboard();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        int seq = 0xfffff000; // and wraps the sequence space on the way
        for (int i = 0; i < 1000; i++) {
            b.add(seq, seq + 100, 0, i, 0, 0, 0);
            seq += 100;
        }
        assertEquals(1000, b.size());
        b.ackTo(0xfffff000 + 50_000, d);
        assertEquals(500, b.size());
        assertEquals(0xfffff000 + 50_000, b.start(0));
        assertEquals(499, b.indexOf(0xfffff000 + 99_950));
    }

    @Test
    void withAnMssSackBlocksCountOnlyWholeSegmentsAsLinux() {
        SackScoreboard b = tenSegments();
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        // tcp_match_skb_to_sack: part of a one-MSS segment is not enough, nothing splits.
        assertEquals(0, b.sack(7200, 7600, d, 1000));
        assertEquals(0, b.sack(7999, 8000, d, 1000));
        assertEquals(10, b.size());
        // A block from inside one segment to the end of the next SACKs only the whole one.
        assertEquals(1, b.sack(7500, 9000, d, 1000));
        assertEquals(10, b.size());
        assertTrue((b.flags(7) & SackScoreboard.SACKED) != 0);
        assertFalse((b.flags(6) & SackScoreboard.SACKED) != 0);
        // A record longer than an MSS (resegmented after a PMTU drop) splits at MSS multiples.
        SackScoreboard big = new SackScoreboard();
        big.add(0, 3000, 0, 1, 0, 0, 0);
        assertEquals(1, big.sack(1500, 3000, d, 1000));
        assertEquals(2, big.size());
        assertEquals(2000, big.start(1));
        assertTrue((big.flags(1) & SackScoreboard.SACKED) != 0);
        assertEquals(1, big.sack(0, 1500, d, 1000)); // [0, 1000) is whole: split off and SACKed
        assertEquals(3, big.size());
        assertEquals(1000, big.end(0));
    }

    @Test
    void rackMarksWhatWasSentBeforeTheLatestDeliveryOnceItsTimeIsUp() {
        // Five segments sent at t=0 (ns), two more at t=10 ms.
        SackScoreboard b = new SackScoreboard();
        long ms = 1_000_000L;
        for (int i = 0; i < 5; i++) {
            b.add(i * 1000, (i + 1) * 1000, 0, 0, 0, 0, 0);
        }
        b.add(5000, 6000, 0, 10 * ms, 0, 0, 0);
        b.add(6000, 7000, 0, 10 * ms, 0, 0, 0);
        SackScoreboard.Delivery d = new SackScoreboard.Delivery();
        d.now = 110 * ms;
        d.minRtt = 100 * ms;
        // At 110 ms the SACK for [5000, 6000) says: RTT 100 ms, latest sent 10 ms, end 6000.
        b.sack(5000, 6000, d, 1000);
        assertTrue(d.rackAdvanced);
        assertEquals(100 * ms, d.rackRtt);
        assertEquals(10 * ms, d.rackSentAt);
        assertEquals(6000, d.rackEnd);
        // Reordering window 25 ms: the five sent at 0 are due at 125 ms; [6000, 7000) was
        // sent after the delivered one (same time, higher sequence) and is not judged.
        assertEquals(0, b.rackDetectLoss(d.rackSentAt, d.rackEnd, d.rackRtt, 25 * ms, 110 * ms));
        assertEquals(15 * ms, b.reoTimeout);
        assertEquals(5, b.rackDetectLoss(d.rackSentAt, d.rackEnd, d.rackRtt, 25 * ms, 125 * ms));
        assertEquals(5, b.lostOut);
        assertEquals(0, b.reoTimeout);
        // A retransmission of the first is lost again when something sent later is delivered
        // and its own time is up (it becomes retransmittable, not newly lost); lost ones
        // awaiting retransmission are skipped; [6000, 7000) is now overdue too.
        b.retransmitted(0, 130 * ms, 0, 0, 0);
        assertEquals(1, b.retransOut);
        assertEquals(1, b.rackDetectLoss(140 * ms, 7000, 50 * ms, 0, 190 * ms));
        assertEquals(0, b.retransOut);
        assertEquals(6, b.lostOut);
        assertEquals(0, b.nextToRetransmit());
    }
}
