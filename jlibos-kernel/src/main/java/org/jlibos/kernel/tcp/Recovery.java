package org.jlibos.kernel.tcp;

import static org.jlibos.kernel.tcp.cc.CongestionControl.CA_CWR;
import static org.jlibos.kernel.tcp.cc.CongestionControl.CA_DISORDER;
import static org.jlibos.kernel.tcp.cc.CongestionControl.CA_LOSS;
import static org.jlibos.kernel.tcp.cc.CongestionControl.CA_OPEN;
import static org.jlibos.kernel.tcp.cc.CongestionControl.CA_RECOVERY;

import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.cc.CongestionControl;
import org.jlibos.kernel.tcp.cc.CongestionWindow;

/**
 * The congestion state machine of Linux's {@code tcp_fastretrans_alert}: Open → Disorder
 * (duplicate ACKs or SACKs, nothing lost yet) → Recovery (fast retransmit and fast recovery
 * with PRR, until everything sent before it began is acknowledged) or Loss (after an RTO, slow
 * start from one packet, retransmitting all that was outstanding) and back; CWR reduces cwnd
 * for an ECN echo or a repaired tail loss. Loss detection is {@link Rack} with SACK (Linux's
 * default, tcp_recovery=1), RFC 6675's DupThresh in {@link SackRecovery} with tcp_recovery=0,
 * and {@link RenoRecovery} without SACK; cwnd during a reduction is
 * {@link ProportionalRateReduction}'s. Tail loss probes are the {@link Sender}'s.
 *
 * <p>Not implemented: undo of spurious reductions (DSACK, timestamps, F-RTO).
 */
final class Recovery {

    static final int REXMIT_NONE = 0;
    static final int REXMIT_LOST = 1;

    private final TcpSocket s;
    final ProportionalRateReduction prr;
    final RenoRecovery reno;
    final SackRecovery sack;
    int caState = CA_OPEN;
    /** Recovery point: snd_nxt when the reduction began ({@code high_seq}). */
    int highSeq;
    int priorSsthresh;
    /** The ACK flags after the last {@link #fastRetransAlert} (it may add FLAG_LOST_RETRANS). */
    int lastFlag;

    Recovery(TcpSocket s) {
        this.s = s;
        this.prr = new ProportionalRateReduction(s);
        this.reno = new RenoRecovery(s);
        this.sack = new SackRecovery(s);
    }

    boolean inCwndReduction() {
        return caState == CA_CWR || caState == CA_RECOVERY;
    }

    /** {@code tcp_set_ca_state}: the module hears of every change. */
    void setCaState(int state) {
        s.refreshCongestionInputs();
        s.cc.setState(s.cw, state);
        caState = state;
    }

    /** {@code tcp_ack_is_dubious}: anything but a plain in-order ACK in the Open state. */
    boolean ackIsDubious(int flag) {
        return (flag & Sender.FLAG_NOT_DUP) == 0 || (flag & Sender.FLAG_CA_ALERT) != 0 || caState != CA_OPEN;
    }

    /** {@code tcp_fastretrans_alert}; returns whether lost segments should be retransmitted. */
    int fastRetransAlert(int priorUna, int numDupack, int flag) {
        Sender snd = s.snd;
        SackScoreboard b = snd.board;
        boolean eceAck = (flag & Sender.FLAG_ECE) != 0;
        boolean doLost = numDupack > 0 || ((flag & Sender.FLAG_DATA_SACKED) != 0 && sack.forceFastRetransmit());
        boolean fastRexmit = false;
        int rexmit = REXMIT_NONE;
        lastFlag = flag;
        if (b.isEmpty() && b.sackedOut != 0) {
            b.sackedOut = 0;
        }
        // D. Exit states whose recovery point has been acknowledged.
        if (caState == CA_OPEN) {
            snd.retransStamp = 0;
        } else if (!Seq.before(snd.una, highSeq)) {
            switch (caState) {
                case CA_CWR -> {
                    // Hold CWR until something above high_seq is acked, so the CWR bit was seen.
                    if (snd.una != highSeq) {
                        endCwndReduction();
                        setCaState(CA_OPEN);
                    }
                }
                case CA_RECOVERY -> {
                    if (!s.sackOk) {
                        reno.resetSacks();
                    }
                    s.rack.recoveryEnded();
                    if (tryUndoRecovery()) {
                        return REXMIT_NONE;
                    }
                    endCwndReduction();
                }
                default -> { }
            }
        }
        // E. Process the state.
        boolean fallThrough = false;
        switch (caState) {
            case CA_RECOVERY -> {
                if ((flag & Sender.FLAG_SND_UNA_ADVANCED) == 0) {
                    if (!s.sackOk) {
                        reno.addSacks(numDupack);
                    }
                }
                identifyPacketLoss(flag);
            }
            case CA_LOSS -> {
                rexmit = processLoss(flag, numDupack);
                identifyPacketLoss(flag);
                if (!(caState == CA_OPEN || (lastFlag & Sender.FLAG_LOST_RETRANS) != 0)) {
                    return rexmit;
                }
                fallThrough = true;
            }
            default -> fallThrough = true;
        }
        if (fallThrough) {
            if (!s.sackOk) {
                if ((flag & Sender.FLAG_SND_UNA_ADVANCED) != 0) {
                    reno.resetSacks();
                }
                reno.addSacks(numDupack);
            }
            identifyPacketLoss(flag);
            if (!timeToRecover()) {
                tryToOpen(flag);
                return rexmit;
            }
            enterRecovery(eceAck);
            fastRexmit = true;
        }
        if (s.sackOk && doLost && !s.rack.enabled()) {
            sack.updateScoreboard(fastRexmit);
        }
        return REXMIT_LOST;
    }

    /**
     * {@code tcp_identify_packet_loss}: NewReno marking without SACK; RACK with SACK (then a
     * reorder timer it arms must not be replaced by the RTO: FLAG_SET_XMIT_TIMER is dropped);
     * with RACK off (tcp_recovery=0), lost retransmissions for RFC 6675.
     */
    private void identifyPacketLoss(int flag) {
        if (s.snd.board.isEmpty()) {
            return;
        }
        if (!s.sackOk) {
            reno.markLost((flag & Sender.FLAG_SND_UNA_ADVANCED) != 0);
        } else if (s.rack.enabled()) {
            if (s.rack.markLost()) {
                lastFlag &= ~Sender.FLAG_SET_XMIT_TIMER;
            }
        } else if (sack.detectLostRetransmissions() > 0) {
            lastFlag |= Sender.FLAG_LOST_RETRANS;
        }
    }

    /**
     * {@code tcp_time_to_recover}: something is lost; without RACK also DupThresh duplicate
     * ACKs / SACKs (RACK covers that with a zero reordering window).
     */
    private boolean timeToRecover() {
        SackScoreboard b = s.snd.board;
        return b.lostOut > 0 || (!s.rack.enabled() && b.sackedOut + 1 > s.snd.reordering);
    }

    /** {@code tcp_try_undo_recovery} without undo: back to Open (NewReno waits for an ACK above high_seq). */
    private boolean tryUndoRecovery() {
        if (s.snd.una == highSeq && !s.sackOk) {
            if (!anyRetransDone()) {
                s.snd.retransStamp = 0;
            }
            return true;
        }
        setCaState(CA_OPEN);
        return false;
    }

    private boolean anyRetransDone() {
        SackScoreboard b = s.snd.board;
        return b.retransOut > 0 || (!b.isEmpty() && (b.flags(0) & SackScoreboard.EVER_RETRANS) != 0);
    }

    /** {@code tcp_try_to_open}. */
    private void tryToOpen(int flag) {
        if (!anyRetransDone()) {
            s.snd.retransStamp = 0;
        }
        if ((flag & Sender.FLAG_ECE) != 0) {
            enterCwr();
        }
        if (caState != CA_CWR) {
            SackScoreboard b = s.snd.board;
            int state = (b.sackedOut + b.lostOut) > 0 || anyRetransDone() ? CA_DISORDER : CA_OPEN;
            if (caState != state) {
                setCaState(state);
                highSeq = s.snd.nxt;
            }
        }
    }

    /** {@code tcp_process_loss} without F-RTO. */
    private int processLoss(int flag, int numDupack) {
        Sender snd = s.snd;
        boolean recovered = !Seq.before(snd.una, highSeq);
        if (recovered) {
            tryUndoRecovery();
            return REXMIT_NONE;
        }
        if (!s.sackOk) {
            if (Seq.after(snd.nxt, highSeq) && numDupack > 0) {
                reno.addSacks(numDupack);
            } else if ((flag & Sender.FLAG_SND_UNA_ADVANCED) != 0) {
                reno.resetSacks();
            }
        }
        return REXMIT_LOST;
    }

    /** {@code tcp_init_cwnd_reduction}. */
    private void initCwndReduction() {
        CongestionWindow w = s.cw;
        highSeq = s.snd.nxt;
        s.snd.clearLossProbe();
        w.cwndCnt = 0;
        w.priorCwnd = w.cwnd;
        prr.init();
        s.refreshCongestionInputs();
        w.ssthresh = s.cc.ssthresh(w);
        if (s.ecnOk) {
            s.ecnQueueCwr = true;
        }
    }

    /** {@code tcp_end_cwnd_reduction}: cwnd settles at ssthresh. */
    private void endCwndReduction() {
        CongestionWindow w = s.cw;
        if (w.ssthresh < CongestionWindow.INFINITE_SSTHRESH) {
            w.cwnd = w.ssthresh;
        }
        s.refreshCongestionInputs();
        s.cc.onEvent(w, CongestionControl.EVENT_COMPLETE_CWR);
    }

    /** RACK's reorder timer found losses outside Recovery ({@code tcp_rack_reo_timeout}). */
    void enterRecoveryFromTimer() {
        enterRecovery(false);
    }

    /** {@code tcp_enter_recovery}: fast retransmit begins. */
    private void enterRecovery(boolean eceAck) {
        s.tcp.snmp.inc(s.sackOk ? SnmpCounter.TCP_EXT_TCP_SACK_RECOVERY : SnmpCounter.TCP_EXT_TCP_RENO_RECOVERY);
        priorSsthresh = 0;
        if (!inCwndReduction()) {
            if (!eceAck) {
                priorSsthresh = s.snd.currentSsthresh();
            }
            initCwndReduction();
        }
        setCaState(CA_RECOVERY);
    }

    /**
     * {@code tcp_process_tlp_ack} found that the loss probe repaired a loss: one cwnd
     * reduction, completed at once, then back to Open if nothing else is outstanding.
     */
    void lossProbeRecovered(int flag) {
        initCwndReduction();
        setCaState(CA_CWR);
        endCwndReduction();
        tryKeepOpen();
    }

    /** {@code tcp_try_keep_open}. */
    private void tryKeepOpen() {
        SackScoreboard b = s.snd.board;
        int state = (b.sackedOut + b.lostOut) > 0 || anyRetransDone() ? CA_DISORDER : CA_OPEN;
        if (caState != state) {
            setCaState(state);
            highSeq = s.snd.nxt;
        }
    }

    /** {@code tcp_enter_cwr}: an ECN echo (or a local drop) reduces cwnd once per window. */
    void enterCwr() {
        priorSsthresh = 0;
        if (caState < CA_CWR) {
            initCwndReduction();
            setCaState(CA_CWR);
        }
    }

    /** {@code tcp_enter_loss}: a retransmission timeout. */
    void enterLoss() {
        Sender snd = s.snd;
        SackScoreboard b = snd.board;
        CongestionWindow w = s.cw;
        boolean reneged = !b.isEmpty() && (b.flags(0) & SackScoreboard.SACKED) != 0;
        if (reneged) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_SACK_RENEGING);
        } else if (!s.sackOk) {
            reno.resetSacks();
        }
        if (s.rack.enabled()) {
            b.markAllLost(s.rack.rtt, s.tcp.now()); // recently sent ones are not lost yet
        } else {
            b.markAllLost();
        }
        if (caState <= CA_DISORDER || !Seq.after(highSeq, snd.una) || (caState == CA_LOSS && snd.retransmits == 0)) {
            priorSsthresh = snd.currentSsthresh();
            w.priorCwnd = w.cwnd;
            s.refreshCongestionInputs();
            w.ssthresh = s.cc.ssthresh(w);
            s.cc.onEvent(w, CongestionControl.EVENT_LOSS);
        }
        w.cwnd = snd.inFlight() + 1;
        w.cwndCnt = 0;
        snd.clearLossProbe();
        setCaState(CA_LOSS);
        highSeq = snd.nxt;
        if (s.ecnOk) {
            s.ecnQueueCwr = true;
        }
        s.sampleSeries();
    }
}
