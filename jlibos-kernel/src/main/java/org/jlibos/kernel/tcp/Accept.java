package org.jlibos.kernel.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * The passive side of the handshake for one listening socket ({@code tcp_conn_request},
 * {@code tcp_check_req}, {@code inet_csk_accept}, {@code cookie_v4_check}):
 *
 * <ul>
 *   <li>the SYN queue: a SYN creates a connection in SYN_RECV and is answered with a SYN-ACK
 *       (retransmitted with backoff up to tcp_synack_retries, then dropped silently); a
 *       retransmitted SYN gets the SYN-ACK again;</li>
 *   <li>the accept queue: the final ACK moves the connection there if it has room (Linux lets
 *       it hold backlog + 1), otherwise the ACK is dropped and counted (ListenOverflows);</li>
 *   <li>the backlog: min(listen()'s argument, net.core.somaxconn), bounding both queues;</li>
 *   <li>SYN cookies (tcp_syncookies = 1) when the SYN queue is full, always with 2; the final
 *       ACK of a cookie SYN-ACK rebuilds the connection ({@link SynCookies});</li>
 *   <li>an ACK without a matching request or cookie is answered with a RST (seq = its ACK).</li>
 * </ul>
 */
final class Accept {

    private final TcpSocket listener;
    private int backlog;
    private final LinkedHashSet<TcpSocket> synQueue = new LinkedHashSet<>();
    private final ArrayDeque<TcpSocket> acceptQueue = new ArrayDeque<>();
    /** Time of the last SYN queue overflow (cookies are only checked for two minutes after one). */
    private long lastOverflow = Long.MIN_VALUE;

    Accept(TcpSocket listener, int backlog) {
        this.listener = listener;
        this.backlog = backlog;
    }

    int backlog() {
        return backlog;
    }

    void setBacklog(int backlog) {
        this.backlog = backlog;
    }

    int acceptQueueLength() {
        return acceptQueue.size();
    }

    int synQueueLength() {
        return synQueue.size();
    }

    /** The next established connection, or null. */
    TcpSocket poll() {
        return acceptQueue.poll();
    }

    private boolean acceptQueueFull() {
        return acceptQueue.size() > backlog;
    }

    /**
     * Whether {@code child} is still a request in the SYN queue ({@code TCP_NEW_SYN_RECV}) rather
     * than a socket of its own: one moved to the accept queue may still be in SYN_RECV (its
     * first segment was discarded) and then takes segments, ICMP errors and timeouts as a full
     * socket does.
     */
    boolean holdsRequest(TcpSocket child) {
        return synQueue.contains(child);
    }

    /** A connection still in the SYN queue went away (reset, timeout). */
    void childGone(TcpSocket child) {
        synQueue.remove(child);
    }

    /** close() or shutdown of the listener: pending connections are dropped, established ones reset. */
    void stop() {
        List<TcpSocket> requests = new ArrayList<>(synQueue);
        synQueue.clear();
        for (TcpSocket r : requests) {
            r.parent = null;
            r.orphan = true;
            r.setState(TcpState.CLOSE);
            r.timers.clearAll();
            r.destroyIfClosed();
        }
        TcpSocket c;
        while ((c = acceptQueue.poll()) != null) {
            c.parent = null;
            c.orphan = true;
            if (c.state == TcpState.ESTABLISHED || c.state == TcpState.CLOSE_WAIT || c.state == TcpState.FIN_WAIT1
                    || c.state == TcpState.FIN_WAIT2 || c.state == TcpState.SYN_RECV) {
                c.abortWithReset(null);
            } else if (c.state != TcpState.TIME_WAIT) {
                c.setState(TcpState.CLOSE);
                c.timers.clearAll();
            }
            c.destroyIfClosed();
        }
    }

    // ---- segments to the listening socket ----------------------------------------------------

    /** {@code tcp_v4_do_rcv} + {@code tcp_rcv_state_process} in LISTEN. */
    void segmentArrived(TcpSegment seg) {
        Tcp tcp = listener.tcp;
        if (seg.rst()) {
            return;
        }
        if (seg.ackFlag()) {
            if (!seg.syn() && cookieCheck(seg)) {
                return;
            }
            tcp.output.sendResetReply(seg);
            return;
        }
        if (!seg.syn() || seg.fin()) {
            return;
        }
        connRequest(seg);
    }

    /** {@code tcp_conn_request}: a SYN. */
    private void connRequest(TcpSegment seg) {
        Tcp tcp = listener.tcp;
        long now = tcp.now();
        int isnHint = tcp.takeIsnHint();
        long syncookies = tcp.sysctl("net.ipv4.tcp_syncookies");
        boolean wantCookie = false;
        if ((syncookies == 2 || synQueue.size() >= backlog) && isnHint == 0) {
            if (syncookies != 0) {
                wantCookie = true;
                tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_REQ_Q_FULL_DO_COOKIES);
            } else {
                tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_REQ_Q_FULL_DROP);
                tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_DROPS);
                return;
            }
        }
        if (acceptQueueFull()) {
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_OVERFLOWS);
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_DROPS);
            return;
        }
        if (!wantCookie && isnHint == 0 && syncookies == 0) {
            long maxSynBacklog = tcp.sysctl("net.ipv4.tcp_max_syn_backlog");
            if (maxSynBacklog - synQueue.size() < (maxSynBacklog >> 2)) {
                tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_DROPS);
                return;
            }
        }
        if (wantCookie) {
            sendCookieSynAck(seg, now);
            return;
        }
        TcpSocket child = newChild(seg.dst, seg.srcPort, seg.src);
        TcpOptions o = seg.options;
        child.tsOk = o.hasTimestamp && tcp.sysctl("net.ipv4.tcp_timestamps") != 0;
        child.sackOk = o.sackPermitted && tcp.sysctl("net.ipv4.tcp_sack") != 0;
        child.wscaleOk = o.hasWindowScale() && tcp.sysctl("net.ipv4.tcp_window_scaling") != 0;
        child.sndWscale = child.wscaleOk ? Math.min(o.windowScale, TcpConstants.MAX_WSCALE) : 0;
        child.ecnOk = ecnRequested(seg) && tcp.sysctl("net.ipv4.tcp_ecn") != 0;
        int in = o.hasMss() && o.mss > 0 ? o.mss : TcpConstants.MSS_DEFAULT;
        if (child.userMss != 0 && child.userMss < in) {
            in = child.userMss;
        }
        child.mssClamp = in;
        if (child.tsOk) {
            child.tsRecent = o.tsVal;
            child.tsRecentStamp = now;
        }
        child.iss = isnHint != 0 ? isnHint : tcp.newIsn();
        establishRequest(child, seg.seq, seg.window);
        synQueue.add(child);
        long t = now;
        child.snd.board.add(child.iss, child.iss + 1, SackScoreboard.SYN, t, 0, t, t);
        child.snd.nxt = child.iss + 1;
        int flags = TcpHeader.SYN | TcpHeader.ACK | (child.ecnOk ? TcpHeader.ECE : 0);
        tcp.output.transmit(child, child.iss, 0, flags, false);
        child.timers.setRetransmit(now + TcpConstants.TIMEOUT_INIT);
    }

    private static boolean ecnRequested(TcpSegment seg) {
        return seg.has(TcpHeader.ECE) && seg.has(TcpHeader.CWR) && seg.ecn == 0;
    }

    /** A new connection for the SYN from {@code remote:remotePort}, inheriting the listener's options. */
    private TcpSocket newChild(int local, int remotePort, int remote) {
        TcpSocket l = listener;
        TcpSocket c = l.tcp.newSocket();
        c.localAddress = local;
        c.localPort = l.localPort;
        c.remoteAddress = remote;
        c.remotePort = remotePort;
        c.parent = l;
        c.inheritFrom(l);
        l.tcp.inheritPort(c, l);
        return c;
    }

    /** Sequence space, MSS and windows of a request from its SYN; enters SYN_RECV. */
    private void establishRequest(TcpSocket child, int synSeq, int synWindow) {
        Tcp tcp = listener.tcp;
        child.tsOffset = tcp.cookies.tsOffset(child.localAddress, child.remoteAddress);
        child.irs = synSeq;
        child.rcv.init(synSeq);
        child.snd.init(child.iss);
        child.snd.wnd = synWindow;
        child.snd.wl1 = synSeq;
        child.snd.maxWindow = synWindow;
        int mtu = child.pathMtu();
        if (mtu <= 0) {
            mtu = 576;
        }
        child.advmss = Math.max(mtu - TcpConstants.IPV4_TCP_HEADERS, TcpConstants.MIN_MSS);
        if (child.userMss != 0 && child.userMss < child.advmss) {
            child.advmss = child.userMss;
        }
        child.syncMss(mtu);
        child.rcv.selectInitialWindow(child.advmss - (child.tsOk ? TcpConstants.TS_ALIGNED : 0), child.wscaleOk);
        if (!child.wscaleOk) {
            child.rcvWscale = 0;
        }
        child.setState(TcpState.SYN_RECV);
        tcp.hashConnection(child);
        child.sockState = TcpSocket.SS_CONNECTING;
    }

    /** A SYN-ACK that keeps no state: the ISN is a cookie ({@code TCP_SYNACK_COOKIE}). */
    private void sendCookieSynAck(TcpSegment seg, long now) {
        Tcp tcp = listener.tcp;
        TcpOptions o = seg.options;
        boolean ts = o.hasTimestamp && tcp.sysctl("net.ipv4.tcp_timestamps") != 0;
        boolean sack = ts && o.sackPermitted && tcp.sysctl("net.ipv4.tcp_sack") != 0;
        boolean wscaleOk = ts && o.hasWindowScale() && tcp.sysctl("net.ipv4.tcp_window_scaling") != 0;
        boolean ecn = ts && ecnRequested(seg) && tcp.sysctl("net.ipv4.tcp_ecn") != 0;
        int peerMss = o.hasMss() && o.mss > 0 ? o.mss : TcpConstants.MSS_DEFAULT;
        if (listener.userMss != 0 && listener.userMss < peerMss) {
            peerMss = listener.userMss;
        }
        int index = SynCookies.mssIndex(peerMss);
        int cookie = tcp.cookies.make(seg.src, seg.dst, seg.srcPort, seg.dstPort, seg.seq, index, now);
        lastOverflow = now;
        tcp.snmp.inc(SnmpCounter.TCP_EXT_SYNCOOKIES_SENT);
        // Our own advertised MSS, window and scale, as for a normal request.
        int mtu = tcp.pathMtu(seg.src, seg.dst, listener.boundDeviceIndex());
        int advmss = Math.max((mtu > 0 ? mtu : 576) - TcpConstants.IPV4_TCP_HEADERS, TcpConstants.MIN_MSS);
        if (listener.userMss != 0 && listener.userMss < advmss) {
            advmss = listener.userMss;
        }
        Receiver scratch = listener.rcv;
        int savedWscale = listener.rcvWscale;
        int savedWnd = scratch.rcvWnd;
        int savedClamp = scratch.windowClamp;
        int savedSsthresh = scratch.rcvSsthresh;
        scratch.selectInitialWindow(advmss - (ts ? TcpConstants.TS_ALIGNED : 0), wscaleOk);
        int window = Math.min(scratch.rcvWnd, TcpConstants.MAX_UNSCALED_WINDOW);
        int wscale = wscaleOk ? listener.rcvWscale : 0;
        listener.rcvWscale = savedWscale;
        scratch.rcvWnd = savedWnd;
        scratch.windowClamp = savedClamp;
        scratch.rcvSsthresh = savedSsthresh;
        TcpOptions out = tcp.output.scratchOptions();
        out.mss = advmss;
        if (ts) {
            int tsTicks = (int) (now / TcpConstants.MS);
            int tsVal = SynCookies.timestamp(tsTicks, o.windowScale < 0 ? 0 : Math.min(o.windowScale, 14), wscaleOk,
                    sack, ecn) + tcp.cookies.tsOffset(seg.dst, seg.src);
            out.setTimestamp(tsVal, o.tsVal);
        }
        out.sackPermitted = sack;
        if (wscaleOk) {
            out.windowScale = wscale;
        }
        int flags = TcpHeader.SYN | TcpHeader.ACK | (ecn ? TcpHeader.ECE : 0);
        tcp.output.sendBare(seg.dst, seg.src, seg.dstPort, seg.srcPort, cookie, seg.seq + 1, flags, window, out, -1, 0);
    }

    /** {@code cookie_v4_check}: an ACK that may complete a cookie handshake; true when it did. */
    private boolean cookieCheck(TcpSegment seg) {
        Tcp tcp = listener.tcp;
        long now = tcp.now();
        if (tcp.sysctl("net.ipv4.tcp_syncookies") == 0 || seg.rst()) {
            return false;
        }
        if (lastOverflow == Long.MIN_VALUE || now - lastOverflow > 2 * 60 * TcpConstants.S) {
            return false;
        }
        int index = tcp.cookies.check(seg.src, seg.dst, seg.srcPort, seg.dstPort, seg.seq - 1, seg.ack - 1, now);
        if (index < 0) {
            tcp.snmp.inc(SnmpCounter.TCP_EXT_SYNCOOKIES_FAILED);
            return false;
        }
        tcp.snmp.inc(SnmpCounter.TCP_EXT_SYNCOOKIES_RECV);
        TcpOptions o = seg.options;
        boolean ts = o.hasTimestamp;
        boolean sack = false;
        boolean wscaleOk = false;
        int sndWscale = 0;
        boolean ecn = false;
        if (ts) {
            if (tcp.sysctl("net.ipv4.tcp_timestamps") == 0) {
                return false;
            }
            int options = (o.tsEcr - tcp.cookies.tsOffset(seg.dst, seg.src)) & SynCookies.TS_MASK;
            sndWscale = options & SynCookies.TS_OPT_WSCALE_MASK;
            wscaleOk = sndWscale != SynCookies.TS_OPT_WSCALE_MASK;
            if (!wscaleOk) {
                sndWscale = 0;
            } else if (sndWscale > TcpConstants.MAX_WSCALE) {
                return false;
            }
            sack = (options & SynCookies.TS_OPT_SACK) != 0;
            ecn = (options & SynCookies.TS_OPT_ECN) != 0;
        }
        if (acceptQueueFull()) {
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_OVERFLOWS);
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_DROPS);
            return true;
        }
        TcpSocket child = newChild(seg.dst, seg.srcPort, seg.src);
        child.tsOk = ts;
        child.sackOk = sack;
        child.wscaleOk = wscaleOk;
        child.sndWscale = sndWscale;
        child.ecnOk = ecn;
        child.mssClamp = SynCookies.MSS_TABLE[index];
        child.iss = seg.ack - 1;
        if (ts) {
            child.tsRecent = o.tsVal;
            child.tsRecentStamp = now;
        }
        establishRequest(child, seg.seq - 1, seg.window << sndWscale);
        child.snd.nxt = child.iss + 1;
        child.snd.una = child.iss;
        acceptQueue.add(child);
        tcp.snmp.inc(SnmpCounter.TCP_PASSIVE_OPENS);
        TcpInput.synchronizedArrived(child, seg);
        listener.notifyApplication();
        return true;
    }

    // ---- segments to a connection in SYN_RECV ----------------------------------------------------

    /** {@code tcp_check_req}: a segment for a request still in the SYN queue. */
    static void requestArrived(TcpSocket child, TcpSegment seg) {
        Tcp tcp = child.tcp;
        TcpSocket l = child.parent;
        Accept a = l.acceptor;
        TcpInput.readTimestamps(child, seg);
        boolean pawsReject = child.sawTstamp && !TcpInput.pawsCheck(child, TcpConstants.PAWS_WINDOW);
        // Only exactly SYN among SYN, RST and ACK is a retransmitted SYN (Linux compares the
        // masked flags with TCP_FLAG_SYN): a SYN|RST at the ISN falls through to the window
        // check below, where it is out of the window and, being a reset, dropped unanswered.
        if (seg.syn() && !seg.rst() && !seg.ackFlag() && seg.seq == child.irs && !pawsReject) {
            // The peer retransmitted its SYN: our SYN-ACK was lost.
            if (!TcpInput.oowRateLimited(child, seg, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_SEQ)) {
                child.snd.retransmit(0);
            }
            return;
        }
        if (seg.ackFlag() && seg.ack != child.iss + 1) {
            tcp.output.sendResetReply(seg);
            return;
        }
        // The window is the one our SYN-ACK advertised (req->rsk_rcv_wnd): a request never
        // selects a new one, its ACKs (sendRequestAck) repeat that one, so rcvWnd stays put.
        int rcvNxt = child.rcv.rcvNxt;
        int windowEnd = rcvNxt + child.rcv.rcvWnd;
        boolean inWindow = seg.seq == rcvNxt || (Seq.after(seg.endSeq, rcvNxt) && Seq.before(seg.seq, windowEnd))
                || (seg.seq == windowEnd && seg.seq == seg.endSeq);
        if (pawsReject || !inWindow) {
            if (!seg.rst() && !TcpInput.oowRateLimited(child, seg, SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_SEQ)) {
                tcp.output.sendRequestAck(child);
            }
            if (pawsReject) {
                tcp.snmp.inc(SnmpCounter.TCP_EXT_PAWS_ESTAB);
            }
            return;
        }
        // A SYN at the peer's ISN lies before the window, which starts at irs + 1: Linux
        // truncates it ("flg &= ~TCP_FLAG_SYN"), so a SYN-ACK with data there acts as an ACK and
        // completes the request; the new socket then challenges the SYN bit (RFC 5961 §4).
        boolean syn = seg.syn() && seg.seq != child.irs;
        if (seg.rst() || syn) {
            tcp.snmp.inc(SnmpCounter.TCP_ATTEMPT_FAILS);
            if (!seg.rst()) {
                tcp.output.sendResetReply(seg);
            }
            tcp.snmp.inc(SnmpCounter.TCP_EXT_EMBRYONIC_RSTS);
            a.synQueue.remove(child);
            child.parent = null;
            child.orphan = true;
            child.setState(TcpState.CLOSE);
            child.timers.clearAll();
            child.destroyIfClosed();
            return;
        }
        if (!seg.ackFlag()) {
            return;
        }
        if (child.snd.retransmits < l.deferAcceptRetrans && seg.endSeq == child.irs + 1) {
            // TCP_DEFER_ACCEPT: a bare ACK does not complete the request; data will.
            child.deferAcked = true;
            tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_DEFER_ACCEPT_DROP);
            return;
        }
        if (a.acceptQueueFull()) {
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_OVERFLOWS);
            tcp.snmp.inc(SnmpCounter.TCP_EXT_LISTEN_DROPS);
            if (tcp.sysctl("net.ipv4.tcp_abort_on_overflow") != 0) {
                tcp.output.sendResetReply(seg);
                a.synQueue.remove(child);
                child.parent = null;
                child.orphan = true;
                child.setState(TcpState.CLOSE);
                child.timers.clearAll();
                child.destroyIfClosed();
            }
            return;
        }
        a.synQueue.remove(child);
        a.acceptQueue.add(child);
        tcp.snmp.inc(SnmpCounter.TCP_PASSIVE_OPENS);
        TcpInput.synchronizedArrived(child, seg);
        l.notifyApplication();
    }

    /** {@code reqsk_timer_handler}: retransmit the SYN-ACK, or give up after tcp_synack_retries. */
    static void synAckTimeout(TcpSocket child) {
        Tcp tcp = child.tcp;
        int max = child.synRetries != 0 ? child.synRetries : (int) tcp.sysctl("net.ipv4.tcp_synack_retries");
        Sender snd = child.snd;
        // syn_ack_recalc: with TCP_DEFER_ACCEPT an ACKed request waits for data silently and
        // lives until the deferral is over; the SYN-ACK is resent only for its last chance.
        int defer = child.parent != null ? child.parent.deferAcceptRetrans : 0;
        boolean expire;
        boolean resend;
        if (defer == 0) {
            expire = snd.retransmits >= max;
            resend = true;
        } else {
            expire = snd.retransmits >= max && (!child.deferAcked || snd.retransmits >= defer);
            resend = !child.deferAcked || snd.retransmits >= defer - 1;
        }
        if (expire) {
            TcpSocket l = child.parent;
            if (l != null) {
                l.acceptor.synQueue.remove(child);
            }
            child.parent = null;
            child.orphan = true;
            child.setState(TcpState.CLOSE);
            child.timers.clearAll();
            child.destroyIfClosed();
            return;
        }
        if (resend) {
            snd.retransmit(0);
        }
        snd.retransmits++;
        long timeout = Math.min(TcpConstants.TIMEOUT_INIT << snd.retransmits, TcpConstants.RTO_MAX);
        child.timers.setRetransmit(tcp.now() + timeout);
    }
}
