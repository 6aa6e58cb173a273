package org.jlibos.kernel.tcp;

import org.jlibos.kernel.tcp.cc.CongestionWindow;

/**
 * Proportional Rate Reduction (RFC 6937) as Linux's {@code tcp_cwnd_reduction}: during fast
 * recovery and CWR, cwnd is recomputed on every ACK so that the data sent tracks the data
 * delivered scaled by ssthresh / prior cwnd while more than ssthresh is in flight (the
 * proportional part), and then grows back towards ssthresh at most as fast as slow start
 * (the slow-start reduction bound, PRR-SSRB).
 */
final class ProportionalRateReduction {

    private final TcpSocket s;
    /** Packets delivered to the receiver since the reduction began ({@code prr_delivered}). */
    int delivered;
    /** Packets sent since the reduction began ({@code prr_out}). */
    int out;

    ProportionalRateReduction(TcpSocket s) {
        this.s = s;
    }

    void init() {
        delivered = 0;
        out = 0;
    }

    void sent(int packets) {
        out += packets;
    }

    /** One ACK delivered {@code newlyAckedSacked} packets and {@code newlyLost} were marked lost. */
    void reduce(int newlyAckedSacked, int newlyLost, int flag) {
        CongestionWindow w = s.cw;
        if (newlyAckedSacked <= 0 || w.priorCwnd == 0) {
            return;
        }
        int inFlight = s.snd.inFlight();
        int delta = w.ssthresh - inFlight;
        int sndcnt;
        delivered += newlyAckedSacked;
        if (delta < 0) {
            long dividend = (long) w.ssthresh * delivered + w.priorCwnd - 1;
            sndcnt = (int) (dividend / w.priorCwnd) - out;
        } else {
            sndcnt = Math.max(delivered - out, newlyAckedSacked);
            if ((flag & Sender.FLAG_SND_UNA_ADVANCED) != 0 && newlyLost == 0) {
                sndcnt++;
            }
            sndcnt = Math.min(delta, sndcnt);
        }
        // Force a fast retransmit upon entering fast recovery.
        sndcnt = Math.max(sndcnt, out == 0 ? 1 : 0);
        w.cwnd = inFlight + sndcnt;
    }
}
