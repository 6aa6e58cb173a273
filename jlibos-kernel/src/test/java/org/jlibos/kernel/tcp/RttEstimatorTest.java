package org.jlibos.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 6298 with Linux's arithmetic: RTO = SRTT + max(4·mdev, 200 ms), whole milliseconds. */
class RttEstimatorTest {

    private static final long MS = 1_000_000L;

    @Test
    void beforeAnySampleTheRtoIsOneSecond() {
        RttEstimator r = new RttEstimator(200_000, 300_000_000);
        assertFalse(r.hasSample());
        assertEquals(1000 * MS, r.rtoNanos());
    }

    @Test
    void firstSampleGivesSrttAndHalfOfItAsVariance() {
        RttEstimator r = new RttEstimator(200_000, 300_000_000);
        r.sample(100_000, 1, 1);
        assertTrue(r.hasSample());
        assertEquals(100_000, r.srttUs());
        assertEquals(50_000, r.rttvarUs()); // mdev = rtt/2 (RFC 6298 §2.2)
        // rttvar term = max(2·rtt, rto_min) = 200 ms: RTO = 100 + 200 = 300 ms (3·RTT).
        assertEquals(300 * MS, r.rtoNanos());
    }

    @Test
    void lowVariancePathsGetSrttPlusTheMinimum() {
        RttEstimator r = new RttEstimator(200_000, 300_000_000);
        int una = 0;
        for (int i = 0; i < 100; i++) {
            r.sample(20_000, una, una + 10);
            una += 10;
        }
        assertEquals(20_000, r.srttUs());
        assertEquals(220 * MS, r.rtoNanos());
    }

    @Test
    void samplesMoveSrttByAnEighth() {
        RttEstimator r = new RttEstimator(200_000, 300_000_000);
        r.sample(80_000, 0, 0);
        r.sample(160_000, 0, 0);
        // srtt = 80 + (160 - 80)/8 = 90 ms; mdev·4 = 160 + (80 - 40) = 200 ms -> mdev 50 ms.
        assertEquals(90_000, r.srttUs());
        assertEquals(50_000, r.rttvarUs());
        assertEquals((90 + 200) * MS, r.rtoNanos());
        // A sample below SRTT moves mdev with gain 1/32 only (Linux's Eifel-like damping):
        // |err| = 80 ms, minus mdev (50) = 30, /8 = 3.75 added to mdev·4 = 203.75 ms.
        r.sample(10_000, 0, 0);
        assertEquals(80_000, r.srttUs());
        assertEquals(50_937, r.rttvarUs());
    }

    @Test
    void rtoIsRoundedUpToWholeMillisecondsAndCapped() {
        RttEstimator r = new RttEstimator(200_000, 300_000_000);
        r.sample(1_500, 0, 0); // 1.5 ms + 200 ms = 201.5 -> 202 ms
        assertEquals(202 * MS, r.rtoNanos());
        RttEstimator slow = new RttEstimator(200_000, 300_000_000);
        slow.sample(100_000_000, 0, 0); // 100 s RTT: 300 s capped at 120 s
        assertEquals(120_000 * MS, slow.rtoNanos());
    }

    @Test
    void minRttIsWindowed() {
        RttEstimator r = new RttEstimator(200_000, 10_000_000); // 10 s window
        r.sampleMin(30_000, 0);
        r.sampleMin(20_000, 1_000_000);
        r.sampleMin(40_000, 2_000_000);
        assertEquals(20_000, r.minRttUs());
        // 20 ms ages out of the 10 s window: the filter moves to the later samples.
        r.sampleMin(50_000, 12_000_000);
        r.sampleMin(45_000, 13_000_000);
        assertTrue(r.minRttUs() > 20_000, "min " + r.minRttUs());
    }
}
