package org.jlibos.kernel.tcp;

import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.cc.CongestionControl;

/**
 * RACK, time-based loss detection (RFC 8985), as Linux's {@code tcp_recovery.c} with
 * {@code net.ipv4.tcp_recovery} bit 0 set (the default). Linux uses it instead of counting
 * duplicate ACKs once the peer does SACK:
 *
 * <ul>
 *   <li>every delivered segment whose delivery is unambiguous advances RACK: the RTT it
 *       measured, and the send time and end of the most recently sent delivered segment
 *       ({@code rack.mstamp}, {@code rack.end_seq});</li>
 *   <li>a segment sent before that one is lost once RACK.rtt plus the reordering window has
 *       passed since it was sent; a segment that still has time left arms the reorder timer
 *       ({@code ICSK_TIME_REO_TIMEOUT}) for the longest remaining wait plus 2 ms;</li>
 *   <li>the reordering window is min_rtt/4 (times a step count that DSACKs raise), at most
 *       SRTT, and zero until reordering has been seen once in recovery or with
 *       {@code tcp_reordering} segments SACKed: then RACK marks at once, like DupThresh;</li>
 *   <li>a retransmission that RACK finds lost again is simply retransmittable again
 *       (TcpExtTCPLostRetransmit).</li>
 * </ul>
 *
 * <p>Reordering is noticed as Linux does ({@code tcp_check_sack_reordering}): a segment never
 * retransmitted is delivered below the highest SACKed one; {@code tcp_reordering} grows to the
 * distance seen, up to {@code tcp_max_reordering}.
 */
final class Rack {

    /** {@code TCP_RACK_NO_DUPTHRESH}: bit 2 of tcp_recovery. */
    private static final int NO_DUPTHRESH = 0x4;
    /** {@code TCP_RACK_STATIC_REO_WND}: bit 1 of tcp_recovery. */
    private static final int STATIC_REO_WND = 0x2;
    /** {@code TCP_RACK_RECOVERY_THRESH}: recoveries a raised reordering window persists. */
    private static final int RECOVERY_THRESH = 16;
    /** {@code TCP_TIMEOUT_MIN}: slack added to the reorder timer, 2 jiffies. */
    private static final long TIMEOUT_MIN = 2 * TcpConstants.MS;

    private final TcpSocket s;
    /** tcp_recovery bits. */
    private final int mode;
    private final int maxReordering;
    /** Send time (ns) and end of the most recently sent delivered segment; -1 before any. */
    long sentAt = -1;
    int endSeq;
    /** RTT the last unambiguous delivery measured, ns. */
    long rtt;
    /** Something was delivered since the last scan. */
    boolean advanced;
    int reoWndSteps = 1;
    int reoWndPersist;
    boolean dsackSeen;
    long lastDelivered;
    /** {@code reord_seen}: how often reordering was observed. */
    int reordSeen;

    Rack(TcpSocket s, int mode, int maxReordering) {
        this.s = s;
        this.mode = mode;
        this.maxReordering = maxReordering;
    }

    /** Whether RACK does loss detection ({@code tcp_is_rack}): tcp_recovery bit 0, with SACK. */
    boolean enabled() {
        return (mode & 1) != 0 && s.sackOk;
    }

    void reset() {
        sentAt = -1;
        advanced = false;
        reoWndSteps = 1;
        reoWndPersist = 0;
        dsackSeen = false;
        reordSeen = 0;
    }

    /** Takes what one ACK delivered ({@code tcp_rack_advance} for each segment). */
    void advance(SackScoreboard.Delivery d) {
        if (!d.rackAdvanced) {
            return;
        }
        advanced = true;
        rtt = d.rackRtt;
        if (sentAt < 0 || d.rackSentAt > sentAt || (d.rackSentAt == sentAt && Seq.after(d.rackEnd, endSeq))) {
            sentAt = d.rackSentAt;
            endSeq = d.rackEnd;
        }
    }

    /** {@code tcp_rack_reo_wnd}, ns. */
    long reorderWindow() {
        SackScoreboard b = s.snd.board;
        if (reordSeen == 0) {
            if (s.recovery.caState >= CongestionControl.CA_RECOVERY) {
                return 0;
            }
            if (b.sackedOut >= s.snd.reordering && (mode & NO_DUPTHRESH) == 0) {
                return 0;
            }
        }
        long srtt = s.rtt.srttUs() * 1000;
        long minRtt = s.rtt.minRttUs() * 1000;
        if (minRtt == 0) {
            return srtt;
        }
        return Math.min((minRtt >> 2) * reoWndSteps, srtt);
    }

    /** Scans for lost segments; returns how many became lost. */
    private int detectLoss() {
        long now = s.tcp.now();
        return s.snd.board.rackDetectLoss(sentAt, endSeq, rtt, reorderWindow(), now);
    }

    /**
     * {@code tcp_rack_mark_lost}, from {@code tcp_identify_packet_loss}: returns true when the
     * reorder timer was armed (then the ACK must not re-arm the RTO or loss probe over it).
     */
    boolean markLost() {
        if (!advanced) {
            return false;
        }
        advanced = false;
        int priorRetrans = s.snd.board.retransOut;
        detectLoss();
        noteLostRetransmissions(priorRetrans);
        long timeout = s.snd.board.reoTimeout;
        if (timeout > 0) {
            long ms = (timeout + TcpConstants.MS - 1) / TcpConstants.MS;
            s.timers.setReorderTimeout(s.tcp.now() + Math.min(ms * TcpConstants.MS + TIMEOUT_MIN, s.rtoWithBackoff()));
            return true;
        }
        return false;
    }

    private void noteLostRetransmissions(int priorRetrans) {
        int lostAgain = priorRetrans - s.snd.board.retransOut;
        if (lostAgain > 0) {
            s.tcp.snmp.add(SnmpCounter.TCP_EXT_TCP_LOST_RETRANSMIT, lostAgain);
            s.recovery.lastFlag |= Sender.FLAG_LOST_RETRANS;
        }
    }

    /** {@code tcp_rack_reo_timeout}: the reorder timer fired. */
    void reorderTimeout() {
        Sender snd = s.snd;
        int priorInflight = snd.inFlight();
        int priorLost = snd.board.lostOut;
        int priorRetrans = snd.board.retransOut;
        detectLoss();
        int lostAgain = priorRetrans - snd.board.retransOut;
        if (lostAgain > 0) {
            s.tcp.snmp.add(SnmpCounter.TCP_EXT_TCP_LOST_RETRANSMIT, lostAgain);
        }
        if (priorInflight != snd.inFlight()) {
            if (s.recovery.caState != CongestionControl.CA_RECOVERY) {
                s.recovery.enterRecoveryFromTimer();
                s.recovery.prr.reduce(1, Math.max(0, snd.board.lostOut - priorLost), 0);
            }
            snd.retransmitLost();
        }
        if (!s.timers.rtoPending()) {
            snd.rearmRto();
        }
    }

    /** {@code tcp_check_sack_reordering}: a segment arrived {@code lowSeq} below the highest SACK. */
    void checkReordering(int lowSeq) {
        Sender snd = s.snd;
        int fack = snd.board.fack(snd.una);
        if (!Seq.before(lowSeq, fack)) {
            return;
        }
        int mss = s.mssCache;
        int metric = fack - lowSeq;
        if (mss > 0 && metric > snd.reordering * mss) {
            snd.reordering = Math.min((metric + mss - 1) / mss, maxReordering);
        }
        reordSeen++;
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_SACK_REORDER);
    }

    /** A D-SACK arrived: if reordering was seen, widen the window on the next ACK. */
    void dsackReceived(boolean forTlp) {
        if (reordSeen > 0 && !forTlp) {
            dsackSeen = true;
        }
    }

    /** {@code tcp_rack_update_reo_wnd}, per ACK with the rate sample's prior delivered count. */
    void updateReorderWindow(long priorDelivered, long delivered) {
        if ((mode & STATIC_REO_WND) != 0 || priorDelivered == 0) {
            return;
        }
        if (priorDelivered < lastDelivered) {
            dsackSeen = false; // less than a round trip since the last change
        }
        if (dsackSeen) {
            reoWndSteps = Math.min(0xFF, reoWndSteps + 1);
            dsackSeen = false;
            lastDelivered = delivered;
            reoWndPersist = RECOVERY_THRESH;
        } else if (reoWndPersist == 0) {
            reoWndSteps = 1;
        }
    }

    /** A loss recovery ended: a widened window lasts {@value #RECOVERY_THRESH} of them. */
    void recoveryEnded() {
        if (reoWndPersist > 0) {
            reoWndPersist--;
        }
    }
}
