package org.jlibos.kernel.tcp;

import org.jlibos.kernel.host.KernelTimer;
import org.jlibos.kernel.stats.SnmpCounter;

/**
 * The timers of one connection, as Linux's {@code tcp_timer.c}:
 *
 * <ul>
 *   <li>retransmit timer ({@code icsk_retransmit_timer}): the RTO, or the zero-window probe
 *       timer ("persist") when nothing is in flight but data waits for the window;</li>
 *   <li>delayed-ACK timer, and the compressed-SACK timer for out-of-order data;</li>
 *   <li>keepalive timer ({@code sk_timer}), which also times out an orphaned FIN_WAIT2
 *       (tcp_fin_timeout), and the TIME_WAIT timer (60 s).</li>
 * </ul>
 *
 * <p>The RTO moves later on nearly every ACK. Re-arming a host timer each time would shuffle
 * the event queue per packet, so deadlines are kept here and the host timer is only armed
 * when a deadline moves earlier; when it fires early it re-arms itself for the real deadline.
 * Host timers are created on first use and reused for the life of the connection.
 */
final class TcpTimers {

    private static final long NONE = Long.MAX_VALUE;
    private static final int RETRANS = 1;
    private static final int PROBE = 2;
    private static final int LOSS_PROBE = 3;
    private static final int REORDER = 4;
    private static final int KEEPALIVE = 1;
    private static final int FIN_WAIT2 = 2;
    private static final int TIME_WAIT = 3;

    private final TcpSocket s;
    private KernelTimer retransmitTimer;
    private long retransmitAt = NONE;
    private int retransmitKind;
    private KernelTimer delackTimer;
    private long delackAt = NONE;
    private KernelTimer compressedTimer;
    private long compressedAt = NONE;
    private KernelTimer keepaliveTimer;
    private long keepaliveAt = NONE;
    private int keepaliveKind;

    TcpTimers(TcpSocket s) {
        this.s = s;
    }

    private KernelTimer timer(KernelTimer t, String name, Runnable action) {
        return t != null ? t : s.kernel().host().newTimer(name, action);
    }

    private static void arm(KernelTimer t, long at) {
        if (!t.isArmed() || t.expiresAtNanos() > at) {
            t.armAt(at);
        }
    }

    // ---- retransmit / probe --------------------------------------------------------------------

    void setRetransmit(long at) {
        retransmitTimer = timer(retransmitTimer, "tcp:rto", this::retransmitFired);
        retransmitKind = RETRANS;
        retransmitAt = at;
        arm(retransmitTimer, at);
    }

    void clearRetransmit() {
        if (retransmitKind != PROBE) {
            retransmitAt = NONE;
        }
    }

    /** The tail loss probe takes the retransmit timer's place ({@code ICSK_TIME_LOSS_PROBE}). */
    void setLossProbe(long at) {
        retransmitTimer = timer(retransmitTimer, "tcp:rto", this::retransmitFired);
        retransmitKind = LOSS_PROBE;
        retransmitAt = at;
        arm(retransmitTimer, at);
    }

    /** RACK's reorder timer also takes the retransmit timer's place ({@code ICSK_TIME_REO_TIMEOUT}). */
    void setReorderTimeout(long at) {
        retransmitTimer = timer(retransmitTimer, "tcp:rto", this::retransmitFired);
        retransmitKind = REORDER;
        retransmitAt = at;
        arm(retransmitTimer, at);
    }

    /** Whether the retransmit timer currently runs as the loss-probe timer. */
    boolean lossProbePending() {
        return retransmitKind == LOSS_PROBE && retransmitAt != NONE;
    }

    /** Whether it runs as the loss-probe or reorder timer (the RTO then counts from the head). */
    boolean probeOrReorderPending() {
        return (retransmitKind == LOSS_PROBE || retransmitKind == REORDER) && retransmitAt != NONE;
    }

    boolean reorderPending() {
        return retransmitKind == REORDER && retransmitAt != NONE;
    }

    /** Whether it runs as the plain RTO ({@code icsk_pending == ICSK_TIME_RETRANS}). */
    boolean rtoPending() {
        return retransmitKind == RETRANS && retransmitAt != NONE;
    }

    void setProbe(long at) {
        retransmitTimer = timer(retransmitTimer, "tcp:rto", this::retransmitFired);
        retransmitKind = PROBE;
        retransmitAt = at;
        arm(retransmitTimer, at);
    }

    void clearProbe() {
        if (retransmitKind == PROBE) {
            retransmitAt = NONE;
        }
    }

    /** {@code tcp_check_probe_timer}: nothing in flight, data waiting: start probing unless a timer runs. */
    void checkProbeTimer() {
        if (retransmitAt == NONE) {
            setProbe(s.tcp.now() + Math.max(s.rtoNanos(), TcpConstants.RTO_MIN));
        }
    }

    boolean retransmitPending() {
        return retransmitAt != NONE;
    }

    private void retransmitFired() {
        long at = retransmitAt;
        if (at == NONE) {
            return;
        }
        long now = s.tcp.now();
        if (now < at) {
            retransmitTimer.armAt(at);
            return;
        }
        if (s.state == TcpState.CLOSE || s.state == TcpState.LISTEN || s.state == TcpState.TIME_WAIT) {
            retransmitAt = NONE;
            return;
        }
        if (retransmitKind == LOSS_PROBE || retransmitKind == REORDER) {
            // Still pending while the handler runs, as in Linux: tcp_rearm_rto then counts
            // the RTO from the head's transmission.
            int kind = retransmitKind;
            if (kind == LOSS_PROBE) {
                s.snd.onLossProbe();
            } else {
                s.rack.reorderTimeout();
            }
            if (retransmitKind == kind && retransmitAt == at) {
                retransmitAt = NONE;
            }
            return;
        }
        retransmitAt = NONE;
        if (retransmitKind == PROBE) {
            s.snd.onProbeTimer();
        } else if (s.isRequest()) {
            Accept.synAckTimeout(s);
        } else {
            s.snd.onRetransmitTimeout();
        }
    }

    // ---- delayed ACK ------------------------------------------------------------------------------

    void setDelack(long at) {
        delackTimer = timer(delackTimer, "tcp:delack", this::delackFired);
        delackAt = at;
        arm(delackTimer, at);
    }

    void clearDelack() {
        delackAt = NONE;
    }

    private void delackFired() {
        long at = delackAt;
        if (at == NONE) {
            return;
        }
        if (s.tcp.now() < at) {
            delackTimer.armAt(at);
            return;
        }
        delackAt = NONE;
        s.rcv.delackTimeout();
    }

    void setCompressedAck(long at) {
        compressedTimer = timer(compressedTimer, "tcp:comp-sack", this::compressedFired);
        compressedAt = at;
        arm(compressedTimer, at);
    }

    boolean compressedAckArmed() {
        return compressedAt != NONE;
    }

    void clearCompressedAck() {
        compressedAt = NONE;
    }

    private void compressedFired() {
        long at = compressedAt;
        if (at == NONE) {
            return;
        }
        if (s.tcp.now() < at) {
            compressedTimer.armAt(at);
            return;
        }
        compressedAt = NONE;
        if (s.state.isSynchronized() && s.state != TcpState.TIME_WAIT) {
            s.rcv.compressedAckTimeout();
        }
    }

    // ---- keepalive, FIN_WAIT2, TIME_WAIT -------------------------------------------------------------

    private void setKeepaliveTimer(int kind, long at) {
        keepaliveTimer = timer(keepaliveTimer, "tcp:keepalive", this::keepaliveFired);
        keepaliveKind = kind;
        keepaliveAt = at;
        if (keepaliveTimer.isArmed() && keepaliveTimer.expiresAtNanos() > at) {
            keepaliveTimer.armAt(at);
        } else if (!keepaliveTimer.isArmed()) {
            keepaliveTimer.armAt(at);
        }
    }

    /** (Re)starts keepalive: the first probe after tcp_keepalive_time of idleness. */
    void resetKeepalive() {
        if (!s.keepAliveEnabled()) {
            return;
        }
        long idle = s.tcp.now() - lastHeard();
        long when = s.keepIdleNanos();
        setKeepaliveTimer(KEEPALIVE, s.tcp.now() + Math.max(when - idle, 0));
    }

    void cancelKeepalive() {
        if (keepaliveKind == KEEPALIVE) {
            keepaliveAt = NONE;
        }
    }

    void armFinWait2(long timeout) {
        setKeepaliveTimer(FIN_WAIT2, s.tcp.now() + timeout);
    }

    void armTimeWait(long timeout) {
        setKeepaliveTimer(TIME_WAIT, s.tcp.now() + timeout);
    }

    /** Restarts the TIME_WAIT timer (a retransmitted FIN arrived: {@code inet_twsk_reschedule}). */
    void rescheduleTimeWait() {
        keepaliveKind = TIME_WAIT;
        keepaliveAt = s.tcp.now() + TcpConstants.TIMEWAIT_LEN;
        if (keepaliveTimer != null && !keepaliveTimer.isArmed()) {
            keepaliveTimer.armAt(keepaliveAt);
        }
    }

    /** Last time the peer was heard from: data or an ACK ({@code keepalive_time_elapsed}). */
    private long lastHeard() {
        return Math.max(s.rcv.lrcvtime, s.snd.lastAckRecv);
    }

    private void keepaliveFired() {
        long at = keepaliveAt;
        if (at == NONE) {
            return;
        }
        long now = s.tcp.now();
        if (now < at) {
            keepaliveTimer.armAt(at);
            return;
        }
        keepaliveAt = NONE;
        switch (keepaliveKind) {
            case TIME_WAIT -> {
                if (s.state == TcpState.TIME_WAIT) {
                    s.timeWaitDone();
                }
            }
            case FIN_WAIT2 -> {
                if (s.state == TcpState.FIN_WAIT2 && s.orphan) {
                    // tcp_fin_timeout expired: the peer never closed; drop silently.
                    s.done();
                }
            }
            default -> keepaliveProbe(now);
        }
    }

    /** {@code tcp_keepalive_timer}. */
    private void keepaliveProbe(long now) {
        TcpState st = s.state;
        if (!s.keepAliveEnabled() || st == TcpState.CLOSE || st == TcpState.SYN_SENT || st == TcpState.LISTEN
                || st == TcpState.TIME_WAIT) {
            return;
        }
        long when = s.keepIdleNanos();
        if (!s.snd.board.isEmpty() || Seq.before(s.snd.nxt, s.snd.buffer.endSeq())) {
            // Alive without keepalive: data is outstanding and the RTO watches it.
            setKeepaliveTimer(KEEPALIVE, now + when);
            return;
        }
        long elapsed = now - lastHeard();
        long next;
        if (elapsed >= when) {
            int userTimeoutMs = s.userTimeoutMs;
            if ((userTimeoutMs != 0 && elapsed >= userTimeoutMs * TcpConstants.MS && s.snd.probesOut > 0)
                    || (userTimeoutMs == 0 && s.snd.probesOut >= s.keepProbes())) {
                s.tcp.output.sendActiveReset(s);
                s.snd.writeError();
                return;
            }
            if (s.snd.writeWakeup(SnmpCounter.TCP_EXT_TCP_KEEP_ALIVE) <= 0) {
                s.snd.probesOut++;
                next = s.keepIntvlNanos();
            } else {
                next = TcpConstants.RESOURCE_PROBE_INTERVAL;
            }
        } else {
            next = when - elapsed;
        }
        setKeepaliveTimer(KEEPALIVE, now + next);
    }

    /** {@code tcp_clear_xmit_timers} plus the keepalive timer. */
    void clearAll() {
        retransmitAt = NONE;
        delackAt = NONE;
        compressedAt = NONE;
        if (keepaliveKind != TIME_WAIT || s.state != TcpState.TIME_WAIT) {
            keepaliveAt = NONE;
        }
        cancel(retransmitTimer);
        cancel(delackTimer);
        cancel(compressedTimer);
        if (keepaliveAt == NONE) {
            cancel(keepaliveTimer);
        }
    }

    private static void cancel(KernelTimer t) {
        if (t != null && t.isArmed()) {
            t.cancel();
        }
    }
}
