package org.jlibos.kernel.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CUBIC's curve W(t) = C(t-K)^3 + W_max with Linux's fixed-point arithmetic (RFC 9438). */
class CubicTest {

    @Test
    void cubeRootIsWithinLinuxsError() {
        for (long a = 1; a < 1L << 40; a = a * 3 + 7) {
            double exact = Math.cbrt(a);
            long r = Cubic.cubicRoot(a);
            assertTrue(Math.abs(r - exact) <= Math.max(1, exact * 0.01), a + ": " + r + " vs " + exact);
        }
        assertEquals(1000, Cubic.cubicRoot(1_000_000_000L));
    }

    @Test
    void lossMultipliesByBetaAndRemembersWmax() {
        Cubic c = new Cubic();
        CongestionWindow w = window(100);
        c.init(w);
        assertEquals(70, c.ssthresh(w)); // 100 * 717 / 1024
        assertEquals(100, c.lastMaxCwnd());
        // Fast convergence: a second loss below W_max lowers W_max further.
        w.cwnd = 80;
        assertEquals(56, c.ssthresh(w));
        assertEquals(80 * (1024 + 717) / 2048, c.lastMaxCwnd());
    }

    @Test
    void windowReturnsToWmaxAfterK() {
        Cubic c = new Cubic();
        CongestionWindow w = window(1000);
        c.init(w);
        w.ssthresh = c.ssthresh(w);
        w.cwnd = w.ssthresh; // end of recovery: cwnd = ssthresh = 700
        // K = cbrt((W_max - cwnd) / C) = cbrt(300 / 0.4) = 9.086 s
        double kSeconds = Math.cbrt(300 / 0.4);
        long rttMs = 100;
        long now = 0;
        int atHalfK = -1;
        int atK = -1;
        int atTwoK = -1;
        for (int rtt = 0; rtt < 200; rtt++) {
            now += rttMs;
            int acks = w.cwnd;
            for (int i = 0; i < acks; i++) {
                w.jiffies = 1_000_000 + now;
                w.nowUs = now * 1000;
                w.cwndLimited = true;
                c.congestionAvoidance(w, 0, 1);
            }
            if (atHalfK < 0 && now >= kSeconds * 500) {
                atHalfK = w.cwnd;
            }
            if (atK < 0 && now >= kSeconds * 1000) {
                atK = w.cwnd;
            }
            if (atTwoK < 0 && now >= kSeconds * 2000) {
                atTwoK = w.cwnd;
            }
        }
        assertEquals(9304, c.k(), 20); // K in 2^-10 s
        // W(K/2) = 1000 - 0.4 * 4.54^3 = 963 (concave), W(K) = W_max, W(2K) = 1000 + 0.4 * 9.09^3 = 1300.
        assertEquals(963, atHalfK, 15);
        assertEquals(1000, atK, 10);
        assertEquals(1300, atTwoK, 30);
    }

    @Test
    void slowStartDoublesPerRoundTrip() {
        Cubic c = new Cubic();
        CongestionWindow w = window(10);
        c.init(w);
        for (int i = 0; i < 10; i++) {
            w.maxPacketsOut = w.cwnd;
            c.congestionAvoidance(w, 0, 1);
        }
        assertEquals(20, w.cwnd);
    }

    @Test
    void renoHalvesAndAddsOnePacketPerWindow() {
        Reno r = new Reno();
        CongestionWindow w = window(100);
        assertEquals(50, r.ssthresh(w));
        w.ssthresh = 50;
        w.cwnd = 50;
        w.cwndLimited = true;
        for (int i = 0; i < 50; i++) {
            r.congestionAvoidance(w, 0, 1);
        }
        assertEquals(51, w.cwnd);
    }

    private static CongestionWindow window(int cwnd) {
        CongestionWindow w = new CongestionWindow();
        w.cwnd = cwnd;
        w.mss = 1448;
        w.jiffies = 1_000_000;
        return w;
    }
}
