package org.jlibos.net.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.jlibos.net.NetTestSupport;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

class FaultModelTest {

    private static final int N = 100_000;

    @Test
    void bernoulliLossRateIsWithinFiveSigmaAndEveryFrameIsAccountedFor() {
        FaultRun run = new FaultRun(1, FaultSpec.NONE.withLoss(0.01), N, 100, 1_000, false);
        DirectionStats s = run.link.forward().stats();
        assertEquals(N, s.framesSent);
        assertEquals(N, s.framesDelivered + s.lostRandom);
        assertEquals(s.framesDelivered, run.arrivals);
        assertEquals(1000, s.lostRandom, FaultRun.fiveSigma(N, 0.01));
        assertEquals(0, run.link.reverse().stats().lostRandom);
        int[] seqs = run.seqs();
        for (int i = 1; i < seqs.length; i++) {
            assertTrue(seqs[i] > seqs[i - 1], "loss never reorders");
        }
    }

    @Test
    void lossFollowsTheDirectionsOwnNamedStreamExactly() {
        FaultRun run = new FaultRun(7, FaultSpec.NONE.withLoss(0.05), 10_000, 100, 1_000, false);
        RandomGenerator r = run.sim.random().stream("link:a-b:a>b:loss");
        int[] expected = new int[10_000];
        int n = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!(r.nextDouble() < 0.05)) {
                expected[n++] = i;
            }
        }
        assertArrayEquals(Arrays.copyOf(expected, n), run.seqs());
    }

    @Test
    void gilbertElliottMeanLossAndBurstLengthMatchTheChain() {
        double p = 0.01;
        double r = 0.1;
        FaultRun ge = new FaultRun(3, FaultSpec.NONE.withBurstLoss(p, r), N, 100, 1_000, false);
        DirectionStats s = ge.link.forward().stats();
        double mean = p / (p + r);
        assertEquals(mean, FaultSpec.NONE.withBurstLoss(p, r).burstMeanLoss(), 1e-12);
        // Losses are correlated: the variance of the count grows by (1+λ)/(1-λ), λ = 1-p-r.
        double lambda = 1 - p - r;
        double sigma = Math.sqrt(N * mean * (1 - mean) * (1 + lambda) / (1 - lambda));
        assertEquals(N * mean, s.lostBurst, 5 * sigma);
        assertEquals(N, s.framesDelivered + s.lostBurst);

        double burst = meanBurstLength(ge.seqs(), N);
        // Bad-state stays are geometric with mean 1/r = 10 frames (sd ~9.5 over ~900 bursts).
        assertEquals(1 / r, burst, 5 * Math.sqrt(1 - r) / r / Math.sqrt(N * mean * r));

        // The same mean loss without memory gives bursts of about 1/(1-mean) = 1.1 frames.
        FaultRun bernoulli = new FaultRun(3, FaultSpec.NONE.withLoss(mean), N, 100, 1_000, false);
        assertTrue(meanBurstLength(bernoulli.seqs(), N) < 1.3, "Bernoulli loss is not bursty");
    }

    @Test
    void gilbertElliottWithPartialLossInBothStates() {
        FaultSpec spec = FaultSpec.NONE.withBurstLoss(0.05, 0.2, 0.5, 0.02);
        double mean = 0.2 * 0.5 + 0.8 * 0.02;
        assertEquals(mean, spec.burstMeanLoss(), 1e-12);
        FaultRun run = new FaultRun(5, spec, N, 100, 1_000, false);
        double lambda = 1 - 0.05 - 0.2;
        double sigma = Math.sqrt(N * mean * (1 - mean) * (1 + lambda) / (1 - lambda));
        assertEquals(N * mean, run.link.forward().stats().lostBurst, 5 * sigma);
    }

    @Test
    void duplicationDeliversAnIdenticalExtraCopyRightAfterTheOriginal() {
        FaultRun run = new FaultRun(11, FaultSpec.NONE.withDuplicate(0.01), N, 100, 1_000, true);
        DirectionStats s = run.link.forward().stats();
        assertEquals(1000, s.duplicated, FaultRun.fiveSigma(N, 0.01));
        assertEquals(N + s.duplicated, run.arrivals);
        assertEquals(N + s.duplicated, s.framesDelivered);
        int dups = 0;
        for (int i = 1; i < run.arrivals; i++) {
            if (run.seqs[i] == run.seqs[i - 1]) {
                dups++;
                assertEquals(run.times[i], run.times[i - 1]);
                assertArrayEquals(run.bytes[i - 1], run.bytes[i]);
                assertFalse(run.bytes[i] == run.bytes[i - 1]);
            } else {
                assertEquals(run.seqs[i - 1] + 1, run.seqs[i]);
            }
        }
        assertEquals(s.duplicated, dups);
    }

    @Test
    void corruptionFlipsExactlyOneBitAfterTheEthernetHeader() {
        FaultRun run = new FaultRun(13, FaultSpec.NONE.withCorrupt(0.01), N, 200, 2_000, true);
        DirectionStats s = run.link.forward().stats();
        assertEquals(N, run.arrivals, "corruption is not a drop");
        int corrupted = 0;
        int[] bitHits = new int[8];
        for (int i = 0; i < run.arrivals; i++) {
            // No loss, no reordering: the i-th arrival is frame i (its seq bytes may be the damaged ones).
            byte[] sent = NetTestSupport.frameBytes(run.link.deviceB().mac(), run.link.deviceA().mac(), 200, i);
            byte[] got = run.bytes[i];
            int flipped = 0;
            for (int j = 0; j < sent.length; j++) {
                int diff = (sent[j] ^ got[j]) & 0xff;
                if (diff != 0) {
                    assertTrue(j >= 14, "byte " + j + " of frame " + i + " is in the Ethernet header");
                    flipped += Integer.bitCount(diff);
                    bitHits[Integer.numberOfTrailingZeros(diff)]++;
                }
            }
            assertTrue(flipped <= 1, "frame " + i + " has " + flipped + " flipped bits");
            corrupted += flipped;
        }
        assertEquals(s.corrupted, corrupted);
        assertEquals(1000, corrupted, FaultRun.fiveSigma(N, 0.01));
        for (int bit = 0; bit < 8; bit++) {
            assertTrue(bitHits[bit] > 50, "bit " + bit + " is hit too: " + Arrays.toString(bitHits));
        }
    }

    @Test
    void jitterWithoutReorderKeepsOrderAndStaysWithinBounds() {
        long jitter = 200_000;
        FaultRun run = new FaultRun(17, FaultSpec.NONE.withJitter(jitter), 20_000, 100, 10_000, false);
        assertEquals(20_000, run.arrivals);
        long maxExtra = 0;
        int delayed = 0;
        for (int i = 0; i < run.arrivals; i++) {
            assertEquals(i, run.seqs[i], "a frame never overtakes the previous one");
            long extra = run.times[i] - run.baseArrival(i);
            assertTrue(extra >= 0 && extra <= jitter, "extra delay " + extra + " of frame " + i);
            maxExtra = Math.max(maxExtra, extra);
            if (extra > jitter / 2) {
                delayed++;
            }
            if (i > 0) {
                assertTrue(run.times[i] >= run.times[i - 1]);
            }
        }
        assertTrue(maxExtra > jitter * 9 / 10, "max extra delay " + maxExtra);
        assertTrue(delayed > 5_000, delayed + " frames waited more than half the jitter");
    }

    @Test
    void jitterWithReorderLetsFramesOvertake() {
        long jitter = 200_000;
        FaultRun run = new FaultRun(19, FaultSpec.NONE.withJitter(jitter, true), 20_000, 100, 10_000, false);
        assertEquals(20_000, run.arrivals);
        int inversions = 0;
        boolean[] seen = new boolean[20_000];
        for (int i = 0; i < run.arrivals; i++) {
            int seq = run.seqs[i];
            assertFalse(seen[seq], "seq " + seq + " delivered twice");
            seen[seq] = true;
            long extra = run.times[i] - run.baseArrival(seq);
            assertTrue(extra >= 0 && extra <= jitter, "extra delay " + extra + " of frame " + seq);
            if (i > 0 && seq < run.seqs[i - 1]) {
                inversions++;
            }
        }
        // Frames 10 us apart with up to 200 us of independent jitter overtake each other often.
        assertTrue(inversions > 2_000, inversions + " inversions");
    }

    @Test
    void framesHeldByJitterAreLostWhenTheLinkGoesDown() {
        var sim = NetTestSupport.simulation(23);
        var a = sim.addNode("a");
        var b = sim.addNode("b");
        var net = new org.jlibos.net.topology.Network(sim);
        var link = net.pointToPoint(a, b, LinkSpec.of(FaultRun.RATE, FaultRun.DELAY)
                .withFaults(FaultSpec.NONE.withJitter(10_000_000, true)));
        var log = NetTestSupport.ArrivalLog.install(sim, b);
        NetTestSupport.sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 100, 0, 50);
        // All 50 frames are on their way by 50 us; they wait up to 10 ms in the jitter stage.
        net.at(1_000_000).linkDown(link);
        sim.runUntilIdle();
        DirectionStats s = link.forward().stats();
        assertEquals(50, s.framesSent);
        assertEquals(50, log.size() + s.lostLinkDown);
        assertEquals(50, s.framesDelivered + s.lostLinkDown);
        assertTrue(s.lostLinkDown > 40, "most frames were still waiting: " + s.lostLinkDown);
        for (var arrival : log) {
            assertTrue(arrival.time() < 1_000_000);
        }
    }

    @Test
    void sameSeedGivesIdenticalArrivalsAndADifferentSeedDoesNot() {
        FaultSpec spec = FaultSpec.NONE.withLoss(0.02).withBurstLoss(0.005, 0.2).withDuplicate(0.01).withCorrupt(0.01)
                .withJitter(50_000, true);
        FaultRun one = new FaultRun(42, spec, 20_000, 120, 5_000, true);
        FaultRun two = new FaultRun(42, spec, 20_000, 120, 5_000, true);
        FaultRun other = new FaultRun(43, spec, 20_000, 120, 5_000, true);
        assertEquals(one.arrivals, two.arrivals);
        assertArrayEquals(one.seqs(), two.seqs());
        assertArrayEquals(Arrays.copyOf(one.times, one.arrivals), Arrays.copyOf(two.times, two.arrivals));
        for (int i = 0; i < one.arrivals; i++) {
            assertArrayEquals(one.bytes[i], two.bytes[i]);
        }
        assertEquals(one.sim.traceHash(), two.sim.traceHash());
        assertFalse(Arrays.equals(one.seqs(), other.seqs()), "another seed, another pattern");
        assertNotEquals(one.sim.traceHash(), other.sim.traceHash());
    }

    @Test
    void addingALinkOrAnotherFaultModelDoesNotShiftALinksLossPattern() {
        FaultRun alone = new FaultRun(99, FaultSpec.NONE.withLoss(0.05), 10_000, 100, 1_000, false);
        FaultRun withOtherLink = new FaultRun(99, FaultSpec.NONE.withLoss(0.05), 10_000, 100, 1_000, false,
                (sim, net) -> net.pointToPoint(sim.addNode("c"), sim.addNode("d"),
                        LinkSpec.of(1_000_000L, 0).withFaults(FaultSpec.NONE.withLoss(0.5))));
        FaultRun withMoreFaults = new FaultRun(99, FaultSpec.NONE.withLoss(0.05).withDuplicate(0.3).withJitter(5_000),
                10_000, 100, 1_000, false);
        assertArrayEquals(alone.seqs(), withOtherLink.seqs());
        assertTrue(withMoreFaults.link.forward().stats().duplicated > 0);
        assertArrayEquals(alone.seqs(), Arrays.stream(withMoreFaults.seqs()).distinct().toArray());
    }

    @Test
    void specsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withLoss(1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withDuplicate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withLoss(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withJitter(-1));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withBurstLoss(0.1, 0));
        assertTrue(FaultSpec.NONE.isNone());
        assertFalse(FaultSpec.NONE.withJitter(1).isNone());
    }

    /** Mean length of runs of consecutive missing sequence numbers in 0..n-1. */
    private static double meanBurstLength(int[] delivered, int n) {
        boolean[] got = new boolean[n];
        for (int s : delivered) {
            got[s] = true;
        }
        int bursts = 0;
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (!got[i]) {
                lost++;
                if (i == 0 || got[i - 1]) {
                    bursts++;
                }
            }
        }
        return (double) lost / bursts;
    }
}
