package org.jlibos.kernel.tcp;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;

/**
 * Segment arrival for a connection: the RFC 9293 §3.10.7 event processing as Linux's
 * {@code tcp_rcv_state_process} / {@code tcp_rcv_established} do it, with
 *
 * <ul>
 *   <li>PAWS (RFC 7323 §5) and timestamp recording ({@code ts_recent}, RFC 7323 §4.3);</li>
 *   <li>the acceptability test; unacceptable segments get a duplicate ACK, rate-limited for
 *       pure ACKs (tcp_invalid_ratelimit);</li>
 *   <li>RST handling per RFC 5961 §3: only a RST at exactly rcv_nxt resets, one elsewhere in
 *       the window gets a challenge ACK; a SYN in a synchronized state gets a challenge ACK
 *       (§4); an ACK too old gets one too (§5);</li>
 *   <li>the state transitions driven by ACKs of our FIN and by the peer's FIN, simultaneous
 *       close (CLOSING) and TIME_WAIT, including segments arriving in TIME_WAIT
 *       ({@code tcp_timewait_state_process}).</li>
 * </ul>
 *
 * <p>SYN_SENT is {@link Connect}'s and LISTEN is {@link Accept}'s.
 */
final class TcpInput {

    private TcpInput() {
    }

    static void segmentArrived(TcpSocket s, TcpSegment seg) {
        s.segsIn++;
        switch (s.state) {
            case SYN_SENT -> Connect.synSentArrived(s, seg);
            case LISTEN, CLOSE -> s.tcp.output.sendResetReply(seg);
            case SYN_RECV -> {
                if (s.isRequest()) {
                    Accept.requestArrived(s, seg);
                } else {
                    synchronizedArrived(s, seg);
                }
            }
            default -> synchronizedArrived(s, seg);
        }
    }

    static void readTimestamps(TcpSocket s, TcpSegment seg) {
        boolean saw = s.tsOk && seg.options.hasTimestamp;
        s.sawTstamp = saw;
        if (saw) {
            s.rcvTsval = seg.options.tsVal;
            s.rcvTsecr = seg.options.tsEcr;
        }
    }

    /** Every state after SYN_SENT and LISTEN (a SYN_RECV request has been accepted into one). */
    static void synchronizedArrived(TcpSocket s, TcpSegment seg) {
        boolean established = s.state == TcpState.ESTABLISHED;
        readTimestamps(s, seg);
        if (!seg.ackFlag() && !seg.rst() && !seg.syn()) {
            return;
        }
        if (!validateIncoming(s, seg, established)) {
            return;
        }
        int flag = Sender.FLAG_SLOWPATH | Sender.FLAG_UPDATE_TS_RECENT | (established ? 0 : Sender.FLAG_NO_CHALLENGE_ACK);
        int priorUna = s.snd.una;
        int res = s.snd.onAck(seg, flag);
        if (established) {
            if (res < 0) {
                return;
            }
        } else {
            if (res <= 0) {
                if (s.state == TcpState.SYN_RECV) {
                    s.tcp.output.sendResetReply(seg);
                    return;
                }
                if (res < 0) {
                    sendChallengeAck(s);
                    return;
                }
            }
            switch (s.state) {
                case SYN_RECV -> Connect.synRecvEstablished(s, seg);
                case FIN_WAIT1 -> {
                    if (s.snd.finSent && s.snd.una == s.snd.nxt && s.snd.finQueued) {
                        s.setState(TcpState.FIN_WAIT2);
                        s.shutdownFlags |= TcpSocket.SEND_SHUTDOWN;
                        if (!s.orphan) {
                            s.notifyApplication();
                        } else {
                            if (s.linger2 < 0) {
                                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_DATA);
                                s.done();
                                return;
                            }
                            if (seg.endSeq != seg.seq && Seq.after(seg.endSeq - (seg.fin() ? 1 : 0), s.rcv.rcvNxt)) {
                                // Data after close(): reset.
                                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_DATA);
                                s.done();
                                s.tcp.output.sendResetReply(seg);
                                return;
                            }
                            s.orphanedInFinWait2();
                        }
                    }
                }
                case CLOSING -> {
                    if (s.snd.finSent && s.snd.una == s.snd.nxt) {
                        s.enterTimeWait();
                        return;
                    }
                }
                case LAST_ACK -> {
                    if (s.snd.finSent && s.snd.una == s.snd.nxt) {
                        s.done();
                        return;
                    }
                }
                default -> { }
            }
        }
        if (s.state == TcpState.CLOSE) {
            return;
        }
        // Step 7: the segment text.
        switch (s.state) {
            case CLOSE_WAIT, CLOSING, LAST_ACK -> {
                if (!Seq.before(seg.seq, s.rcv.rcvNxt)) {
                    break;
                }
                if (!abortOnDataAfterClose(s, seg)) {
                    s.rcv.dataQueue(seg);
                }
            }
            case FIN_WAIT1, FIN_WAIT2 -> {
                if (abortOnDataAfterClose(s, seg)) {
                    return;
                }
                s.rcv.dataQueue(seg);
            }
            case ESTABLISHED -> s.rcv.dataQueue(seg);
            default -> { }
        }
        if (s.state == TcpState.CLOSE || s.state == TcpState.TIME_WAIT) {
            return;
        }
        // tcp_data_snd_check and tcp_ack_snd_check.
        s.snd.push(s.snd.currentNagle());
        if (s.snd.una != priorUna && s.snd.isWritable()) {
            s.notifyApplication();
        }
        s.rcv.ackSndCheck();
    }

    /** RFC 1122 §4.2.2.13: new data after the application closed (or shut down reading) resets. */
    private static boolean abortOnDataAfterClose(TcpSocket s, TcpSegment seg) {
        if ((s.shutdownFlags & TcpSocket.RCV_SHUTDOWN) != 0 && seg.endSeq != seg.seq
                && Seq.after(seg.endSeq - (seg.fin() ? 1 : 0), s.rcv.rcvNxt)
                && (s.orphan || s.state == TcpState.FIN_WAIT1 || s.state == TcpState.FIN_WAIT2)) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_DATA);
            reset(s);
            s.tcp.output.sendResetReply(seg);
            return true;
        }
        return false;
    }

    /** {@code tcp_validate_incoming}: PAWS, sequence, RST and SYN checks. */
    private static boolean validateIncoming(TcpSocket s, TcpSegment seg, boolean synInErr) {
        if (s.sawTstamp && !pawsCheck(s, TcpConstants.PAWS_WINDOW) && !disorderedAck(s, seg)) {
            if (!seg.rst()) {
                if (seg.syn()) {
                    synChallenge(s, synInErr);
                    return false;
                }
                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_PAWS_ESTAB);
                if (!oowRateLimited(s, seg, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_PAWS)) {
                    sendDupAck(s, seg);
                }
                return false;
            }
        }
        Receiver rcv = s.rcv;
        boolean acceptable = !Seq.before(seg.endSeq, rcv.rcvWup)
                && !Seq.after(seg.seq, rcv.rcvNxt + rcv.receiveWindow());
        if (!acceptable) {
            if (!seg.rst()) {
                if (seg.syn()) {
                    synChallenge(s, synInErr);
                    return false;
                }
                if (Seq.after(seg.seq, rcv.rcvNxt + rcv.receiveWindow())) {
                    s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_BEYOND_WINDOW);
                }
                if (!oowRateLimited(s, seg, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_SEQ)) {
                    sendDupAck(s, seg);
                }
            } else if (resetCheck(s, seg)) {
                reset(s);
            }
            return false;
        }
        if (seg.rst()) {
            // RFC 5961 §3.2: only an exact match resets; anything else in the window is challenged.
            if (seg.seq == rcv.rcvNxt || resetCheck(s, seg)) {
                reset(s);
                return false;
            }
            if (s.sackOk && rcv.numSacks() > 0 && seg.seq == rcv.maxSackEnd()) {
                reset(s);
                return false;
            }
            sendChallengeAck(s);
            return false;
        }
        if (seg.syn()) {
            if (s.state == TcpState.SYN_RECV && seg.ackFlag() && seg.seq + 1 == seg.endSeq
                    && seg.seq + 1 == rcv.rcvNxt && seg.ack == s.snd.nxt) {
                return true; // the SYN-ACK of a simultaneous open
            }
            synChallenge(s, synInErr);
            return false;
        }
        return true;
    }

    private static void synChallenge(TcpSocket s, boolean synInErr) {
        if (synInErr) {
            s.tcp.snmp.inc(SnmpCounter.TCP_IN_ERRS);
        }
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE);
        sendChallengeAck(s);
    }

    /** {@code tcp_reset_check}: a RST at rcv_nxt - 1 after the peer's FIN also counts. */
    private static boolean resetCheck(TcpSocket s, TcpSegment seg) {
        return seg.seq == s.rcv.rcvNxt - 1 && (s.state == TcpState.CLOSE_WAIT || s.state == TcpState.LAST_ACK
                || s.state == TcpState.CLOSING);
    }

    /** {@code tcp_reset}: the peer reset the connection. */
    static void reset(TcpSocket s) {
        Errno err;
        switch (s.state) {
            case SYN_SENT -> err = Errno.ECONNREFUSED;
            case CLOSE_WAIT -> err = Errno.EPIPE;
            case CLOSE -> {
                return;
            }
            default -> err = Errno.ECONNRESET;
        }
        s.snd.purge();
        s.doneWithError(err);
    }

    /** RFC 7323 §5.3 (Linux {@code tcp_paws_check}): true when the segment passes PAWS. */
    static boolean pawsCheck(TcpSocket s, int window) {
        if (s.tsRecent - s.rcvTsval <= window) {
            return true;
        }
        if (s.tcp.now() - s.tsRecentStamp >= TcpConstants.PAWS_24DAYS) {
            return true;
        }
        return s.tsRecent == 0;
    }

    /** {@code tcp_disordered_ack_check}: a reordered pure duplicate ACK may fail PAWS harmlessly. */
    private static boolean disorderedAck(TcpSocket s, TcpSegment seg) {
        if (!seg.ackFlag() || seg.seq != seg.endSeq || seg.seq != s.rcv.rcvNxt || seg.ack != s.snd.una) {
            return false;
        }
        Sender snd = s.snd;
        int nwin = seg.window << s.sndWscale;
        boolean mayUpdate = Seq.after(seg.ack, snd.una) || Seq.after(seg.seq, snd.wl1)
                || (seg.seq == snd.wl1 && nwin > snd.wnd);
        if (mayUpdate) {
            return false;
        }
        long rtoTicks = s.rtoNanos() / TcpConstants.MS;
        return s.tsRecent - s.rcvTsval <= rtoTicks * 1024 / 1000;
    }

    /** {@code tcp_replace_ts_recent}: TS.Recent follows segments at or below Last.ACK.sent. */
    static void replaceTsRecent(TcpSocket s, int seq) {
        if (s.sawTstamp && !Seq.after(seq, s.rcv.rcvWup) && pawsCheck(s, 0)) {
            s.tsRecent = s.rcvTsval;
            s.tsRecentStamp = s.tcp.now();
        }
    }

    private static long jiffies(TcpSocket s) {
        return s.tcp.now() / TcpConstants.MS + 1;
    }

    /** {@code __tcp_oow_rate_limited}: at most one such ACK per tcp_invalid_ratelimit ms. */
    private static boolean rateLimited(TcpSocket s, SnmpCounter mib) {
        long now = jiffies(s);
        if (s.lastOowAckJiffies != 0) {
            long elapsed = now - s.lastOowAckJiffies;
            if (elapsed >= 0 && elapsed < s.tcp.sysctl("net.ipv4.tcp_invalid_ratelimit")) {
                s.tcp.snmp.inc(mib);
                return true;
            }
        }
        s.lastOowAckJiffies = now;
        return false;
    }

    /** {@code tcp_oow_rate_limited}: data segments are never limited (they cannot be an ACK loop). */
    static boolean oowRateLimited(TcpSocket s, TcpSegment seg, SnmpCounter mib) {
        if (seg.seq != seg.endSeq && !seg.syn()) {
            return false;
        }
        return rateLimited(s, mib);
    }

    /** {@code tcp_send_challenge_ack} (RFC 5961 §7: per-socket rate limit). */
    static void sendChallengeAck(TcpSocket s) {
        if (rateLimited(s, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_CHALLENGE)) {
            return;
        }
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK);
        s.tcp.output.sendAck(s);
    }

    /** {@code tcp_send_dupack}: an old segment gets a D-SACK and an immediate ACK. */
    static void sendDupAck(TcpSocket s, TcpSegment seg) {
        if (seg.endSeq != seg.seq && Seq.before(seg.seq, s.rcv.rcvNxt)) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_DELAYED_ACK_LOST);
            s.rcv.enterQuickAck();
            int end = seg.endSeq;
            if (Seq.after(end, s.rcv.rcvNxt)) {
                end = s.rcv.rcvNxt;
            }
            s.rcv.dsackSet(seg.seq, end);
        }
        s.tcp.output.sendAck(s);
    }

    /** {@code tcp_fin}: the peer's FIN arrived in order (rcv_nxt already covers it). */
    static void finArrived(TcpSocket s) {
        s.shutdownFlags |= TcpSocket.RCV_SHUTDOWN;
        s.done = true;
        switch (s.state) {
            case SYN_RECV, ESTABLISHED -> {
                s.setState(TcpState.CLOSE_WAIT);
                s.rcv.enterPingpong();
            }
            case FIN_WAIT1 -> {
                // Simultaneous close.
                s.tcp.output.sendAck(s);
                s.setState(TcpState.CLOSING);
            }
            case FIN_WAIT2 -> {
                s.tcp.output.sendAck(s);
                s.enterTimeWait();
            }
            default -> { }
        }
        s.notifyApplication();
    }

    /**
     * A segment for a connection in TIME_WAIT ({@code tcp_timewait_state_process}). Returns true
     * when it is a new SYN that may reopen the 4-tuple: TIME_WAIT has ended and the caller hands
     * the SYN to a listener.
     */
    static boolean timeWaitArrived(TcpSocket s, TcpSegment seg) {
        readTimestamps(s, seg);
        boolean pawsReject = s.sawTstamp && !pawsCheck(s, TcpConstants.PAWS_WINDOW);
        int rcvNxt = s.rcv.rcvNxt;
        if (!pawsReject && seg.seq == rcvNxt && (seg.seq == seg.endSeq || seg.rst())) {
            if (seg.rst()) {
                if (s.tcp.sysctl("net.ipv4.tcp_rfc1337") == 0) {
                    s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TW_KILLED);
                    s.timeWaitDone();
                    return false;
                }
            } else {
                s.timers.rescheduleTimeWait();
            }
            if (s.sawTstamp) {
                s.tsRecent = s.rcvTsval;
                s.tsRecentStamp = s.tcp.now();
            }
            return false;
        }
        if (seg.syn() && !seg.rst() && !seg.ackFlag() && !pawsReject
                && (Seq.after(seg.seq, rcvNxt) || (s.sawTstamp && s.tsRecent - s.rcvTsval < 0))) {
            s.tcp.setIsnHint(s.snd.nxt + 65535 + 2);
            s.timeWaitDone();
            return true;
        }
        if (pawsReject) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_PAWS_ESTAB);
        }
        if (!seg.rst()) {
            if (pawsReject || seg.ackFlag()) {
                s.timers.rescheduleTimeWait();
            }
            if (!oowRateLimited(s, seg, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_TIME_WAIT)) {
                sendTimeWaitAck(s);
            }
        }
        return false;
    }

    /** {@code tcp_v4_timewait_ack}. */
    private static void sendTimeWaitAck(TcpSocket s) {
        int window = (int) Math.min(s.rcv.rcvWnd >> s.rcvWscale, TcpConstants.MAX_UNSCALED_WINDOW);
        long tsVal = s.tsOk ? (s.tcp.output.tsNow(s) & 0xffffffffL) : -1;
        s.tcp.output.sendBare(s.localAddress, s.remoteAddress, s.localPort, s.remotePort, s.snd.nxt, s.rcv.rcvNxt,
                TcpHeader.ACK, window, null, tsVal, s.tsRecent);
    }
}
