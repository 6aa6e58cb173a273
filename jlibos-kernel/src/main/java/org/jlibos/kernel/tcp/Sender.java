package org.jlibos.kernel.tcp;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.cc.CongestionControl;
import org.jlibos.kernel.tcp.cc.CongestionWindow;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * The sending half of a connection ({@code tcp_output.c} and the ACK side of {@code tcp_input.c}):
 * send buffer and send-buffer sizing within tcp_wmem, segmentation into MSS-sized segments,
 * Nagle (RFC 896, Minshall's variant as Linux), TCP_NODELAY, TCP_CORK and MSG_MORE, the peer's
 * receive window, cwnd, processing of arriving ACKs ({@code tcp_ack}: window update, SACK
 * tagging, cleaning the retransmission queue, RTT samples), retransmission, the retransmission
 * timer with exponential backoff, and zero-window probes.
 *
 * <p>Sequence numbers are ints compared with {@link Seq}. Windows and counts that Linux keeps
 * in packets are in packets here too.
 */
final class Sender {

    // tp->nonagle bits.
    static final int NAGLE_NORMAL = 0;
    static final int NAGLE_OFF = 1;
    static final int NAGLE_CORK = 2;
    static final int NAGLE_PUSH = 4;

    // Linux's FLAG_* bits describing one ACK.
    static final int FLAG_DATA = 0x01;
    static final int FLAG_WIN_UPDATE = 0x02;
    static final int FLAG_DATA_ACKED = 0x04;
    static final int FLAG_RETRANS_DATA_ACKED = 0x08;
    static final int FLAG_SYN_ACKED = 0x10;
    static final int FLAG_DATA_SACKED = 0x20;
    static final int FLAG_ECE = 0x40;
    static final int FLAG_LOST_RETRANS = 0x80;
    static final int FLAG_SLOWPATH = 0x100;
    static final int FLAG_SND_UNA_ADVANCED = 0x400;
    static final int FLAG_DSACKING_ACK = 0x800;
    static final int FLAG_SET_XMIT_TIMER = 0x1000;
    static final int FLAG_UPDATE_TS_RECENT = 0x4000;
    static final int FLAG_NO_CHALLENGE_ACK = 0x8000;
    static final int FLAG_DSACK_TLP = 0x20000;
    static final int FLAG_ACKED = FLAG_DATA_ACKED | FLAG_SYN_ACKED;
    static final int FLAG_NOT_DUP = FLAG_DATA | FLAG_WIN_UPDATE | FLAG_ACKED;
    static final int FLAG_CA_ALERT = FLAG_DATA_SACKED | FLAG_ECE | FLAG_DSACKING_ACK;
    static final int FLAG_FORWARD_PROGRESS = FLAG_ACKED | FLAG_DATA_SACKED;

    /** {@link #onAck} results. */
    static final int ACK_OK = 1;
    /** Below snd_una but within the window: processed for SACK only. */
    static final int ACK_OLD = 0;
    /** Acknowledges data never sent. */
    static final int ACK_UNSENT = -1;
    /** Older than snd_una - max_window (RFC 5961 §5.2). */
    static final int ACK_TOO_OLD = -2;

    private final TcpSocket s;
    final SendBuffer buffer = new SendBuffer();
    final SackScoreboard board = new SackScoreboard();
    private final SackScoreboard.Delivery delivery = new SackScoreboard.Delivery();

    /** snd_una, snd_nxt, the peer's window in bytes (scaled), snd_wl1. */
    int una;
    int nxt;
    int wnd;
    int wl1;
    int maxWindow;
    boolean finQueued;
    boolean finSent;
    /** pushed_seq (forced push) and snd_sml (Minshall: end of the last small segment). */
    int pushedSeq;
    /** End of the cwnd- or window-limited packet being sent, which carries PSH ({@link #burstPushSeq}). */
    private int burstPsh;
    /** Tail loss probe ({@code tlp_high_seq}, {@code tlp_retrans}): snd_nxt when the probe went out. */
    private boolean tlpActive;
    private int tlpHighSeq;
    private boolean tlpRetrans;
    int sndSml;

    // Retransmission timer state (inet_connection_sock).
    int retransmits;
    int backoff;
    int probesOut;
    long probesStamp;
    /** Original send time of the first retransmitted segment ({@code retrans_stamp}), 0 when none. */
    long retransStamp;
    int reordering;
    /** Latest send time among delivered segments (RACK's rack.mstamp), for lost-retransmission detection. */
    long rackSentAt = -1;

    // Delivery accounting and statistics.
    long delivered;
    long deliveredTime;
    long firstTxTime;
    long deliveryRate;
    long lastDataSent;
    long lastAckRecv;
    int maxPacketsOut;
    int cwndUsageSeq;
    long cwndStamp;
    int cwndUsed;
    long totalRetrans;
    int totalRto;
    long bytesAcked;
    long bytesSent;
    long bytesRetrans;
    long dataSegsOut;

    Sender(TcpSocket s) {
        this.s = s;
        this.reordering = (int) s.tcp.sysctl("net.ipv4.tcp_reordering");
    }

    /** Starts the sequence space at {@code iss}: the SYN takes iss, data starts at iss + 1. */
    void init(int iss) {
        una = iss;
        nxt = iss;
        buffer.reset(iss + 1);
        pushedSeq = iss + 1;
        burstPsh = iss;
        tlpActive = false;
        s.rack.reset();
        sndSml = iss;
        board.clear();
        finQueued = false;
        finSent = false;
    }

    /** {@code tcp_packets_in_flight}: packets_out - (sacked_out + lost_out) + retrans_out. */
    int inFlight() {
        SackScoreboard b = board;
        return b.size() - (b.sackedOut + b.lostOut) + b.retransOut;
    }

    /**
     * Bytes in flight: everything sent and not yet acknowledged when nothing is SACKed or lost
     * (exact), otherwise the in-flight packet count times the MSS.
     */
    int bytesInFlight() {
        SackScoreboard b = board;
        int outstanding = nxt - una;
        if (b.sackedOut == 0 && b.lostOut == 0) {
            return outstanding;
        }
        return Math.min(outstanding, inFlight() * s.mssCache);
    }

    /** {@code tcp_acceptable_seq}: snd_nxt, unless it lies beyond the window the peer offered. */
    int acceptableSeq() {
        int wndEnd = una + wnd;
        if (!Seq.before(wndEnd, nxt) || (s.wscaleOk && nxt - wndEnd < (1 << s.rcvWscale))) {
            return nxt;
        }
        return wndEnd;
    }

    // ---- the send buffer ------------------------------------------------------------------------

    /** Payload bytes the buffer may still take (sk_sndbuf - sk_wmem_queued). */
    int room() {
        if (!s.sndbufLocked) {
            expandSndbuf();
        }
        return s.effectiveSndbuf() - buffer.size();
    }

    /** {@code sk_stream_is_writeable}: free space at least half of what is queued. */
    boolean isWritable() {
        int queued = buffer.size();
        if (s.effectiveSndbuf() - queued < (queued >> 1)) {
            return false;
        }
        long lowat = s.notSentLowat;
        return lowat >= 0xffffffffL || (buffer.endSeq() - nxt) < lowat;
    }

    /** {@code tcp_sndbuf_expand}: room for two windows of segments, within tcp_wmem[2]. */
    private void expandSndbuf() {
        int mss = Math.max(s.mssCache, s.mssClamp);
        int perMss = Integer.highestOneBit(mss + TcpConstants.SKB_OVERHEAD - 1) * 2 + 256;
        long segs = Math.max(TcpConstants.INIT_CWND, Math.max(s.cw.cwnd, reordering + 1));
        long want = 2 * segs * perMss;
        long max = s.wmemMax;
        want = Math.min(want, max);
        if (want > s.effectiveSndbuf()) {
            s.setSendBufferBytes((int) want);
        }
    }

    /** Copies application bytes in (the caller checked {@link #room()}), with Linux's forced pushes. */
    void write(byte[] data, int off, int len) {
        buffer.append(data, off, len);
        int writeSeq = buffer.endSeq();
        if (maxWindow > 0 && Seq.after(writeSeq, pushedSeq + (maxWindow >> 1))) {
            // forced_push(): a write spanning half the window pushes on the way.
            buffer.markPush(writeSeq);
            pushedSeq = writeSeq;
            push(NAGLE_PUSH);
        }
    }

    /** End of a write ({@code tcp_push}): PSH on its last byte unless MSG_MORE, then send. */
    void pushAfterWrite(int flags, boolean waitingForSpace) {
        int writeSeq = buffer.endSeq();
        if (Seq.before(nxt, writeSeq)) {
            if ((flags & SocketConstants.MSG_MORE) == 0) {
                buffer.markPush(writeSeq);
                pushedSeq = writeSeq;
            }
        }
        int nonagle;
        if (waitingForSpace) {
            nonagle = NAGLE_PUSH;
        } else if ((flags & SocketConstants.MSG_MORE) != 0) {
            nonagle = NAGLE_CORK;
        } else {
            nonagle = currentNagle();
        }
        push(nonagle);
    }

    int currentNagle() {
        return (s.nodelay ? NAGLE_OFF : 0) | (s.cork ? NAGLE_CORK : 0);
    }

    /** shutdown(SHUT_WR) / close(): a FIN after the queued data ({@code tcp_send_fin}). */
    void queueFin() {
        if (finQueued) {
            return;
        }
        finQueued = true;
        push(NAGLE_OFF);
    }

    /** Drops everything queued ({@code tcp_write_queue_purge}). */
    void purge() {
        board.clear();
        buffer.clear();
        finQueued = false;
    }

    // ---- transmitting new data (tcp_write_xmit) ------------------------------------------------

    private boolean canSend() {
        TcpState st = s.state;
        return st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT || st == TcpState.FIN_WAIT1
                || st == TcpState.LAST_ACK || st == TcpState.CLOSING;
    }

    /** Sends what Nagle, cwnd and the peer's window allow, then arms the probe timer if stuck. */
    void push(int nonagle) {
        if (!canSend()) {
            return;
        }
        int mss = s.mssCache;
        int sent = 0;
        boolean cwndLimited = false;
        int retries = 0;
        while (true) {
            int writeSeq = buffer.endSeq();
            int unsent = writeSeq - nxt;
            boolean finPending = finQueued && !finSent;
            if (unsent <= 0 && !finPending) {
                break;
            }
            if (unsent < 0) {
                unsent = 0;
            }
            if (s.cw.cwnd - inFlight() <= 0) {
                cwndLimited = true;
                break;
            }
            int len = Math.min(unsent, mss);
            boolean last = len == unsent;
            boolean fin = finPending && last;
            int end = nxt + len + (fin ? 1 : 0);
            if (Seq.after(end, una + wnd) && !(len == 0 && !fin)) {
                break; // tcp_snd_wnd_test: the segment must fit the offered window
            }
            if (len < mss && last && !fin && !nagleAllows(nonagle)) {
                break;
            }
            if (smallQueueFull(0)) {
                break;
            }
            int err = sendNew(len, fin, len > 0 && nxt + len == burstPushSeq(mss));
            if (err != 0) {
                if (err == Errno.EMSGSIZE.value && retries++ < 2) {
                    mss = s.syncMss(s.pathMtu());
                    continue;
                }
                break;
            }
            sent++;
        }
        if (s.cw.cwnd <= inFlight()) {
            cwndLimited = true;
        }
        if (sent > 0 || cwndLimited) {
            cwndValidate(cwndLimited);
        }
        if (sent > 0 && s.recovery.inCwndReduction()) {
            s.recovery.prr.sent(sent);
        }
        if (sent > 0) {
            scheduleLossProbe(false);
        }
        if (board.isEmpty() && (Seq.before(nxt, buffer.endSeq()) || (finQueued && !finSent))) {
            s.timers.checkProbeTimer();
        }
    }

    /**
     * Where Linux puts PSH besides the end of a write. Linux sends new data as GSO packets of up
     * to {@link #tsoSegs} segments, cut short by cwnd and the peer's window; the packetdrill
     * corpus shows each such packet of two or more segments ending in PSH, while a lone segment
     * sent from the middle of a write (limited transmit, say) has none. Returns the sequence
     * number ending the current packet, or {@code nxt - 1} (never matched) when no PSH is due
     * before the data runs out. The receiver only looks at PSH on sub-MSS segments, so this is
     * about matching Linux on the wire, nothing else.
     */
    private int burstPushSeq(int mss) {
        if (Seq.after(burstPsh, nxt) && !Seq.after(burstPsh, buffer.endSeq())) {
            return burstPsh; // the packet being sent (TCP small queues may have paused it)
        }
        int unsent = buffer.endSeq() - nxt;
        if (unsent <= 2 * mss) {
            return nxt - 1;
        }
        int quota = Math.min(Math.min(s.cw.cwnd - inFlight(), (una + wnd - nxt) / mss), tsoSegs(mss));
        int segments = (unsent + mss - 1) / mss;
        burstPsh = quota >= 2 && quota < segments ? nxt + quota * mss : nxt - 1;
        return burstPsh;
    }

    /**
     * {@code tcp_tso_segs}/{@code tcp_tso_autosize}: about 1 ms worth of data at the pacing rate
     * ({@code sk_pacing_shift} 10), plus a bonus for small min-RTTs ({@code tcp_tso_rtt_log}), within
     * the 64 KB GSO limit and at least {@code tcp_min_tso_segs}. Before the first rate computation
     * (a passive opener's first flight) the pacing rate is unlimited, as in Linux.
     */
    private int tsoSegs(int mss) {
        long rate = s.cw.pacingRate;
        long bytes = rate == 0 ? TcpConstants.GSO_MAX_SIZE : rate >> 10;
        long minRtt = s.rtt.minRttUs();
        if (minRtt > 0 && s.tsoRttLog < 63) {
            long r = minRtt >> s.tsoRttLog;
            if (r < 32) {
                bytes += TcpConstants.GSO_MAX_SIZE >> r;
            }
        }
        bytes = Math.min(bytes, TcpConstants.GSO_MAX_SIZE);
        return (int) Math.max(bytes / mss, s.minTsoSegs);
    }

    /** {@code tcp_nagle_test} for a partial last segment. */
    private boolean nagleAllows(int nonagle) {
        if ((nonagle & NAGLE_PUSH) != 0) {
            return true;
        }
        if ((nonagle & NAGLE_CORK) != 0) {
            return false;
        }
        // Minshall: hold a small segment only while an earlier small one is unacknowledged.
        return !(nonagle == NAGLE_NORMAL && !board.isEmpty() && Seq.after(sndSml, una) && !Seq.after(sndSml, nxt));
    }

    /** Transmits the new segment {@code [nxt, nxt + len)} (plus FIN); returns 0 or an errno. */
    private int sendNew(int len, boolean fin, boolean forcePsh) {
        int seq = nxt;
        int flags = TcpHeader.ACK;
        if (fin) {
            flags |= TcpHeader.FIN;
        }
        if (forcePsh || (len > 0 && buffer.pushIn(seq, seq + len))) {
            flags |= TcpHeader.PSH;
        }
        long now = s.tcp.now();
        boolean firstInFlight = board.isEmpty();
        if (firstInFlight) {
            firstTxTime = now;
            deliveredTime = now;
        }
        if (inFlight() == 0) {
            s.refreshCongestionInputs();
            s.cw.lastSendJiffies = lastDataSent / TcpConstants.MS + 1_000_000L;
            s.cc.onEvent(s.cw, CongestionControl.EVENT_TX_START);
            cwndRestartAfterIdle(now);
        }
        int err = s.tcp.output.transmit(s, seq, len, flags, false);
        if (err != 0) {
            return err;
        }
        board.add(seq, seq + len + (fin ? 1 : 0), fin ? SackScoreboard.FIN : 0, now, (int) delivered, deliveredTime,
                firstTxTime);
        nxt = seq + len + (fin ? 1 : 0);
        if (fin) {
            finSent = true;
        }
        if (len < s.mssCache) {
            sndSml = nxt;
        }
        s.rcv.dataSent(now);
        lastDataSent = now;
        if (len > 0) {
            bytesSent += len;
            dataSegsOut++;
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ORIG_DATA_SENT);
        }
        if (firstInFlight || s.timers.lossProbePending()) {
            rearmRto();
        }
        return 0;
    }

    /** {@code tcp_cwnd_restart} (tcp_slow_start_after_idle): halve cwnd per RTO idle, down to IW. */
    private void cwndRestartAfterIdle(long now) {
        if (lastDataSent == 0 || !s.slowStartAfterIdle) {
            return;
        }
        long idle = now - lastDataSent;
        long rto = s.rtoNanos();
        if (idle < rto || !board.isEmpty()) {
            return;
        }
        CongestionWindow w = s.cw;
        s.cc.onEvent(w, CongestionControl.EVENT_CWND_RESTART);
        int restart = Math.min(TcpConstants.INIT_CWND, w.cwnd);
        w.ssthresh = currentSsthresh();
        int cwnd = w.cwnd;
        while (idle > rto && cwnd > restart) {
            cwnd >>= 1;
            idle -= rto;
        }
        w.cwnd = Math.max(cwnd, restart);
        cwndStamp = now;
        cwndUsed = 0;
    }

    /** {@code tcp_current_ssthresh}: the ssthresh to remember before a reduction. */
    int currentSsthresh() {
        CongestionWindow w = s.cw;
        if (s.recovery.inCwndReduction()) {
            return w.ssthresh;
        }
        return Math.max(w.ssthresh, ((w.cwnd >> 1) + (w.cwnd >> 2)));
    }

    /** {@code tcp_cwnd_validate}: remember whether this window was limited by cwnd or by the application. */
    private void cwndValidate(boolean isCwndLimited) {
        CongestionWindow w = s.cw;
        int packetsOut = board.size();
        if (!Seq.before(una, cwndUsageSeq) || isCwndLimited || (!w.cwndLimited && packetsOut > maxPacketsOut)) {
            w.cwndLimited = isCwndLimited;
            maxPacketsOut = packetsOut;
            w.maxPacketsOut = packetsOut;
            cwndUsageSeq = nxt;
        }
        if (w.isCwndLimited()) {
            cwndUsed = 0;
            cwndStamp = s.tcp.now();
        } else if (packetsOut > cwndUsed) {
            cwndUsed = packetsOut;
        }
    }

    // ---- TCP small queues (TSQ) ---------------------------------------------------------------------

    private org.jlibos.kernel.device.NetDevice tsqDevice;
    private int tsqDeviceRoute = -1;

    /**
     * {@code tcp_small_queue_check}: Linux keeps at most about 1 ms of a socket's data (its
     * pacing rate >> 10, at least two segments, at most tcp_limit_output_bytes) in the qdisc
     * and device; the rest waits in the socket until transmissions complete
     * ({@link Tcp#transmitComplete}). So a bulk sender never overflows its own device queue;
     * queues build where the path's bottleneck is, not in the sending host. Here the
     * device's backlog stands for the socket's share of it.
     */
    private boolean smallQueueFull(int factor) {
        if (board.size() <= 1) {
            return false; // rtx queue empty or a single segment: always send
        }
        org.jlibos.kernel.device.NetDevice dev = outputDevice();
        if (dev == null || dev.type() == org.jlibos.kernel.device.NetDevice.Type.LOOPBACK) {
            return false;
        }
        long limit = Math.max(2L * (s.mssCache + TcpConstants.SKB_OVERHEAD + 256), s.cw.pacingRate >> 10);
        limit = Math.min(limit, s.limitOutputBytes) << factor;
        long queued = dev.qdisc().backlogBytes();
        if (dev.isTransmitting()) {
            queued += s.mssCache + 66;
        }
        if (queued > limit) {
            s.tcp.tsqThrottle(s, dev.ifindex());
            return true;
        }
        return false;
    }

    private org.jlibos.kernel.device.NetDevice outputDevice() {
        if (tsqDevice == null || tsqDeviceRoute != s.remoteAddress) {
            org.jlibos.kernel.route.Route r = s.tcp.ipv4().routeOutput(s.remoteAddress, s.localAddress, s.boundDeviceIndex());
            if (r == null || r.type() != org.jlibos.kernel.route.Route.Type.UNICAST) {
                return null;
            }
            tsqDevice = s.kernel().device(r.ifindex());
            tsqDeviceRoute = s.remoteAddress;
        }
        return tsqDevice;
    }

    /** The device sent a frame while this socket was throttled ({@code tcp_tsq_write}). */
    void tsqResume() {
        if (!canSend()) {
            return;
        }
        if (board.lostOut > board.retransOut && s.cw.cwnd > inFlight()) {
            retransmitLost();
        }
        push(currentNagle());
    }

    // ---- retransmission ---------------------------------------------------------------------------

    /** {@code tcp_retransmit_skb} of record {@code i}; returns 0 or an errno (-1: not allowed now). */
    int retransmit(int i) {
        int mss = s.mssCache;
        int f = board.flags(i);
        if ((f & SackScoreboard.SYN) == 0 && board.dataLength(i) > mss) {
            board.split(i, board.start(i) + mss);
            f = board.flags(i);
        }
        int start = board.start(i);
        if (i > 0 && !Seq.before(start, una + wnd)) {
            return -1; // beyond the peer's window (only the head may probe past it)
        }
        int len = board.dataLength(i);
        int flags;
        if ((f & SackScoreboard.SYN) != 0) {
            flags = TcpHeader.SYN | (s.state == TcpState.SYN_RECV ? TcpHeader.ACK : 0);
            if (s.state == TcpState.SYN_SENT && s.ecnOk) {
                flags |= TcpHeader.ECE | TcpHeader.CWR;
            }
            if (s.state == TcpState.SYN_RECV && s.ecnOk) {
                flags |= TcpHeader.ECE;
            }
        } else {
            flags = TcpHeader.ACK;
            if ((f & SackScoreboard.FIN) != 0) {
                flags |= TcpHeader.FIN;
            }
            if (len > 0 && buffer.pushIn(start, start + len)) {
                flags |= TcpHeader.PSH;
            }
        }
        long original = board.sentAt(i);
        int err = s.tcp.output.transmit(s, start, len, flags, true);
        if (err != 0) {
            if (err == Errno.EMSGSIZE.value) {
                s.syncMss(s.pathMtu());
            }
            return err;
        }
        long now = s.tcp.now();
        board.retransmitted(i, now, (int) delivered, deliveredTime, firstTxTime);
        totalRetrans++;
        bytesRetrans += len;
        s.tcp.snmp.inc(SnmpCounter.TCP_RETRANS_SEGS);
        if ((f & SackScoreboard.SYN) != 0) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_SYN_RETRANS);
        }
        if (retransStamp == 0) {
            retransStamp = original == 0 ? 1 : original;
        }
        lastDataSent = now;
        return 0;
    }

    /** {@code tcp_xmit_retransmit_queue}: resend lost segments while cwnd allows. */
    void retransmitLost() {
        boolean rearm = false;
        while (s.cw.cwnd - inFlight() > 0) {
            int i = board.nextToRetransmit();
            if (i < 0) {
                break;
            }
            if (smallQueueFull(1)) {
                break;
            }
            if (retransmit(i) != 0) {
                break;
            }
            s.tcp.snmp.inc(s.recovery.caState == CongestionControl.CA_LOSS
                    ? SnmpCounter.TCP_EXT_TCP_SLOW_START_RETRANS : SnmpCounter.TCP_EXT_TCP_FAST_RETRANS);
            if (s.recovery.inCwndReduction()) {
                s.recovery.prr.sent(1);
            }
            if (i == 0) {
                rearm = true;
            }
        }
        if (rearm && !s.timers.reorderPending()) {
            s.timers.setRetransmit(s.tcp.now() + s.rtoWithBackoff());
        }
    }

    /**
     * {@code tcp_rearm_rto}: the RTO runs from now while anything is outstanding; when it
     * replaces a pending loss probe it keeps counting from the head's transmission.
     */
    void rearmRto() {
        if (board.isEmpty()) {
            s.timers.clearRetransmit();
            return;
        }
        long now = s.tcp.now();
        long rto = s.rtoWithBackoff();
        if (s.timers.probeOrReorderPending()) {
            rto = Math.max(rtoDelta(now), 1_000L);
        }
        s.timers.setRetransmit(now + clampToUserTimeout(rto));
    }

    /** {@code tcp_rto_delta_us}: time left until the head's RTO would fire. */
    private long rtoDelta(long now) {
        return board.sentAt(0) + s.rtoWithBackoff() - now;
    }

    // ---- tail loss probe (RFC 8985 §7, tcp_schedule_loss_probe / tcp_send_loss_probe) -----------

    /**
     * Arms the loss probe in place of the RTO: two SRTTs after the last transmission (plus
     * the minimum RTO when a single segment is out, for the peer's delayed ACK; 2 ms
     * otherwise), never later than the RTO. Only for SACK connections in Open or CWR state
     * with {@code tcp_early_retrans} 3 or 4. Returns false when no probe applies.
     */
    boolean scheduleLossProbe(boolean advanced) {
        int ca = s.recovery.caState;
        if ((s.earlyRetrans != 3 && s.earlyRetrans != 4) || board.isEmpty() || !s.sackOk
                || (ca != CongestionControl.CA_OPEN && ca != CongestionControl.CA_CWR)
                || !s.state.isSynchronized()) {
            return false;
        }
        long now = s.tcp.now();
        long timeout;
        long srtt8 = s.rtt.srttScaled();
        if (srtt8 != 0) {
            long us = (srtt8 >> 2) + (board.size() == 1 ? s.rtt.rtoMinUs() : TcpConstants.TIMEOUT_MIN_US);
            timeout = jiffies(us * 1000);
        } else {
            timeout = TcpConstants.TIMEOUT_INIT;
        }
        long rtoDelta = advanced ? rtoDelta(now) : s.rtoWithBackoff();
        if (rtoDelta > 0) {
            timeout = Math.min(timeout, jiffies(rtoDelta));
        }
        s.timers.setLossProbe(now + timeout);
        return true;
    }

    /** {@code usecs_to_jiffies} at HZ=1000: rounds up to whole milliseconds. */
    private static long jiffies(long nanos) {
        long ms = (nanos + TcpConstants.MS - 1) / TcpConstants.MS;
        return ms * TcpConstants.MS;
    }

    /** The probe timer fired: send new data if the window allows, else resend the last segment. */
    void onLossProbe() {
        if (board.isEmpty()) {
            s.timers.clearRetransmit();
            return;
        }
        if (tlpActive) {
            rearmRto(); // at most one probe outstanding
            return;
        }
        tlpRetrans = false;
        int unsent = buffer.endSeq() - nxt;
        boolean finPending = finQueued && !finSent;
        if (unsent > 0 || finPending) {
            int len = Math.min(Math.max(unsent, 0), s.mssCache);
            boolean fin = finPending && len == Math.max(unsent, 0);
            if (!Seq.after(nxt + len + (fin ? 1 : 0), una + wnd)) {
                if (sendNew(len, fin, false) != 0) {
                    rearmRto();
                    return;
                }
                if (s.recovery.inCwndReduction()) {
                    s.recovery.prr.sent(1);
                }
                lossProbeSent();
                return;
            }
        }
        int last = board.size() - 1;
        if (retransmit(last) != 0) {
            rearmRto();
            return;
        }
        tlpRetrans = true;
        lossProbeSent();
    }

    private void lossProbeSent() {
        tlpActive = true;
        tlpHighSeq = nxt;
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_LOSS_PROBES);
        s.timers.clearRetransmit();
        rearmRto();
    }

    /** Forgets an outstanding probe (a cwnd reduction or an RTO took over). */
    void clearLossProbe() {
        tlpActive = false;
    }

    /** {@code tcp_process_tlp_ack}: did the probe repair a loss (then reduce cwnd once)? */
    private void processTlpAck(int ack, int flag) {
        if (Seq.before(ack, tlpHighSeq)) {
            return;
        }
        if (!tlpRetrans || (flag & FLAG_DSACK_TLP) != 0) {
            tlpActive = false;
        } else if (Seq.after(ack, tlpHighSeq)) {
            s.recovery.lossProbeRecovered(flag);
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_LOSS_PROBE_RECOVERY);
        } else if ((flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP | FLAG_DATA_SACKED)) == 0) {
            tlpActive = false; // a pure duplicate: both the original and the probe arrived
        }
    }

    /** {@code tcp_clamp_rto_to_user_timeout}: never wait past TCP_USER_TIMEOUT. */
    long clampToUserTimeout(long rto) {
        if (s.userTimeoutMs == 0 || retransStamp == 0) {
            return rto;
        }
        long elapsed = s.tcp.now() - retransStamp;
        long remaining = s.userTimeoutMs * TcpConstants.MS - elapsed;
        if (remaining <= 0) {
            return TcpConstants.MS;
        }
        return Math.min(rto, remaining);
    }

    /** {@code tcp_retransmit_timer}. */
    void onRetransmitTimeout() {
        if (board.isEmpty()) {
            return;
        }
        long now = s.tcp.now();
        if (wnd == 0 && !s.orphan && s.state != TcpState.SYN_SENT && s.state != TcpState.SYN_RECV) {
            // The receiver shrank its window: retransmissions become window probes and do not
            // time the connection out while the peer keeps answering.
            if (now - lastAckRecv > TcpConstants.RTO_MAX) {
                writeError();
                return;
            }
            s.recovery.enterLoss();
            retransmit(0);
            backoff++;
            s.timers.setRetransmit(now + clampToUserTimeout(s.rtoWithBackoff()));
            return;
        }
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_TIMEOUTS);
        if (writeTimedOut()) {
            return;
        }
        if (retransmits == 0) {
            int ca = s.recovery.caState;
            if (ca == CongestionControl.CA_RECOVERY) {
                s.tcp.snmp.inc(s.sackOk ? SnmpCounter.TCP_EXT_TCP_SACK_FAILURES : SnmpCounter.TCP_EXT_TCP_RENO_FAILURES);
            } else if (ca == CongestionControl.CA_LOSS) {
                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_LOSS_FAILURES);
            }
        }
        tlpActive = false;
        s.recovery.enterLoss();
        retransmits++;
        int err = retransmit(0);
        if (err > 0) {
            s.timers.setRetransmit(now + TcpConstants.RESOURCE_PROBE_INTERVAL);
            return;
        }
        backoff++;
        totalRto++;
        s.timers.setRetransmit(now + clampToUserTimeout(s.rtoWithBackoff()));
    }

    /** {@code tcp_write_timeout}: whether the connection must be given up (then it is). */
    private boolean writeTimedOut() {
        boolean expired;
        if (s.state == TcpState.SYN_SENT || s.state == TcpState.SYN_RECV) {
            int retryUntil = s.synRetries != 0 ? s.synRetries : (int) s.tcp.sysctl("net.ipv4.tcp_syn_retries");
            expired = retransmits >= retryUntil;
        } else {
            int retryUntil = (int) s.tcp.sysctl("net.ipv4.tcp_retries2");
            if (s.orphan) {
                boolean alive = s.rtoWithBackoff() < TcpConstants.RTO_MAX;
                int orphanRetries = (int) s.tcp.sysctl("net.ipv4.tcp_orphan_retries");
                if (orphanRetries == 0 && alive) {
                    orphanRetries = 8;
                }
                retryUntil = orphanRetries;
            }
            expired = timedOut(retryUntil, s.userTimeoutMs);
        }
        if (expired) {
            writeError();
        }
        return expired;
    }

    /** {@code retransmits_timed_out}: time since the first retransmitted segment vs the model timeout. */
    private boolean timedOut(int boundary, int userTimeoutMs) {
        if (retransmits == 0) {
            return false;
        }
        long timeout = userTimeoutMs != 0 ? userTimeoutMs * TcpConstants.MS
                : modelTimeout(boundary, TcpConstants.RTO_MIN);
        return s.tcp.now() - retransStamp >= timeout;
    }

    /** {@code tcp_model_timeout}: the time {@code boundary} backed-off retransmissions take. */
    static long modelTimeout(int boundary, long rtoBase) {
        int linearThresh = 63 - Long.numberOfLeadingZeros(TcpConstants.RTO_MAX / rtoBase);
        if (boundary <= linearThresh) {
            return ((2L << boundary) - 1) * rtoBase;
        }
        return ((2L << linearThresh) - 1) * rtoBase + (long) (boundary - linearThresh) * TcpConstants.RTO_MAX;
    }

    /** {@code tcp_write_err}: the connection timed out. */
    void writeError() {
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_TIMEOUT);
        int soft = s.softErrorOnTimeout;
        Errno e = soft != 0 ? Errno.of(soft) : null;
        s.doneWithError(e != null ? e : Errno.ETIMEDOUT);
    }

    /** ICMP fragmentation needed: shrink the MSS and resend what no longer fits ({@code tcp_simple_retransmit}). */
    void mtuReduced() {
        int mtu = s.pathMtu();
        if (mtu <= 0 || s.pmtuCookie <= mtu) {
            return;
        }
        int mss = s.syncMss(mtu);
        boolean any = false;
        for (int i = 0; i < board.size(); i++) {
            if (board.dataLength(i) > mss && board.markLost(i)) {
                any = true;
            }
        }
        if (!any && board.lostOut == 0) {
            return;
        }
        if (s.recovery.caState != CongestionControl.CA_LOSS) {
            s.recovery.highSeq = nxt;
            s.cw.ssthresh = currentSsthresh();
            s.recovery.setCaState(CongestionControl.CA_LOSS);
        }
        retransmitLost();
    }

    // ---- zero-window probes and keepalives --------------------------------------------------

    /** {@code tcp_probe0_when}: the probe interval with backoff, at least the minimum RTO. */
    long probeInterval() {
        long base = Math.max(s.rtoNanos(), TcpConstants.RTO_MIN);
        int b = Math.min(backoff, 30);
        long when = b >= 20 ? TcpConstants.RTO_MAX : base << b;
        return Math.min(when, TcpConstants.RTO_MAX);
    }

    /** {@code tcp_probe_timer}. */
    void onProbeTimer() {
        boolean pending = Seq.before(nxt, buffer.endSeq()) || (finQueued && !finSent);
        if (!board.isEmpty() || !pending) {
            probesOut = 0;
            probesStamp = 0;
            return;
        }
        long now = s.tcp.now();
        if (probesStamp == 0) {
            probesStamp = now;
        } else if (s.userTimeoutMs != 0 && now - probesStamp >= s.userTimeoutMs * TcpConstants.MS) {
            writeError();
            return;
        }
        int maxProbes = (int) s.tcp.sysctl("net.ipv4.tcp_retries2");
        if (s.orphan) {
            boolean alive = s.rtoWithBackoff() < TcpConstants.RTO_MAX;
            int orphanRetries = (int) s.tcp.sysctl("net.ipv4.tcp_orphan_retries");
            maxProbes = orphanRetries == 0 && alive ? 8 : orphanRetries;
            if (!alive && backoff >= maxProbes) {
                writeError();
                return;
            }
        }
        if (probesOut >= maxProbes) {
            writeError();
            return;
        }
        sendProbe0();
    }

    /** {@code tcp_send_probe0}. */
    private void sendProbe0() {
        int err = writeWakeup(SnmpCounter.TCP_EXT_TCP_WIN_PROBE);
        boolean pending = Seq.before(nxt, buffer.endSeq()) || (finQueued && !finSent);
        if (!board.isEmpty() || !pending) {
            probesOut = 0;
            backoff = 0;
            probesStamp = 0;
            return;
        }
        probesOut++;
        long timeout;
        if (err <= 0) {
            if (backoff < s.tcp.sysctl("net.ipv4.tcp_retries2")) {
                backoff++;
            }
            timeout = probeInterval();
        } else {
            timeout = TcpConstants.RESOURCE_PROBE_INTERVAL;
        }
        s.timers.setProbe(s.tcp.now() + clampProbeToUserTimeout(timeout));
    }

    private long clampProbeToUserTimeout(long when) {
        if (s.userTimeoutMs == 0 || probesStamp == 0) {
            return when;
        }
        long remaining = s.userTimeoutMs * TcpConstants.MS - (s.tcp.now() - probesStamp);
        return Math.max(Math.min(when, remaining), TcpConstants.MS);
    }

    /**
     * {@code tcp_write_wakeup}: sends new data if the window allows any (the probe that opens
     * a window the sender held back for SWS avoidance), else an ACK with snd_una - 1.
     * Returns 0 when something was sent, a positive errno on a local failure, -1 when closed.
     */
    int writeWakeup(SnmpCounter mib) {
        if (s.state == TcpState.CLOSE) {
            return -1;
        }
        int writeSeq = buffer.endSeq();
        int unsent = writeSeq - nxt;
        boolean finPending = finQueued && !finSent;
        int wndEnd = una + wnd;
        if ((unsent > 0 || finPending) && Seq.before(nxt, wndEnd) && canSend()) {
            int skbLen = Math.min(Math.max(unsent, 0), s.mssCache);
            int segSize = Math.min(wndEnd - nxt, skbLen);
            if (Seq.before(pushedSeq, nxt + skbLen)) {
                pushedSeq = nxt + skbLen;
            }
            boolean fin = finPending && segSize == unsent;
            if (segSize == 0 && !fin) {
                return s.tcp.output.sendProbe(s);
            }
            return sendNew(segSize, fin, true);
        }
        s.tcp.snmp.inc(mib);
        return s.tcp.output.sendProbe(s);
    }

    /** {@code tcp_ack_probe}: an ACK arrived while nothing was in flight. */
    private void ackProbe() {
        int unsent = buffer.endSeq() - nxt;
        boolean finPending = finQueued && !finSent;
        if (unsent <= 0 && !finPending) {
            return;
        }
        int headEnd = nxt + Math.min(Math.max(unsent, 0), s.mssCache) + (finPending && unsent <= s.mssCache ? 1 : 0);
        if (!Seq.after(headEnd, una + wnd)) {
            backoff = 0;
            probesStamp = 0;
            s.timers.clearProbe();
        } else {
            s.timers.setProbe(s.tcp.now() + clampProbeToUserTimeout(probeInterval()));
        }
    }

    // ---- ACK processing (tcp_ack) ------------------------------------------------------------------

    /**
     * Processes the acknowledgment of {@code seg}: window update, SACK, cumulative ACK, RTT,
     * loss recovery and congestion control, then retransmissions. Returns {@link #ACK_OK},
     * {@link #ACK_OLD}, {@link #ACK_UNSENT} or {@link #ACK_TOO_OLD}.
     */
    int onAck(TcpSegment seg, int flag) {
        SackScoreboard.Delivery d = delivery;
        d.reset();
        d.now = s.tcp.now();
        long minRtt = s.rtt.minRttUs();
        d.minRtt = minRtt == 0 ? Long.MAX_VALUE : minRtt * 1000;
        int priorUna = una;
        int priorFack = board.fack(una);
        int ack = seg.ack;
        int priorPacketsOut = board.size();
        long priorDelivered = delivered;
        int priorLost = board.lostOut;
        if (Seq.before(ack, priorUna)) {
            if (Seq.before(ack, priorUna - maxWindow)) {
                if ((flag & FLAG_NO_CHALLENGE_ACK) == 0) {
                    TcpInput.sendChallengeAck(s);
                }
                return ACK_TOO_OLD;
            }
            // An old ACK may still carry new SACK information.
            if (s.sackOk && seg.options.sackBlockCount > 0) {
                flag |= sacktag(seg, d);
                s.rack.advance(d);
                if ((flag & FLAG_DATA_SACKED) != 0 || (flag & FLAG_DSACKING_ACK) != 0) {
                    delivered += d.newlySacked;
                    if (d.latestSentAt > rackSentAt) {
                        rackSentAt = d.latestSentAt;
                    }
                    int rexmit = s.recovery.fastRetransAlert(priorUna, 0, flag);
                    if (rexmit != Recovery.REXMIT_NONE) {
                        retransmitLost();
                    }
                }
            }
            return ACK_OLD;
        }
        if (Seq.after(ack, nxt)) {
            return ACK_UNSENT;
        }
        long now = s.tcp.now();
        if (Seq.after(ack, priorUna)) {
            flag |= FLAG_SND_UNA_ADVANCED;
            retransmits = 0;
        }
        if ((flag & FLAG_UPDATE_TS_RECENT) != 0) {
            TcpInput.replaceTsRecent(s, seg.seq);
        }
        flag |= updateWindow(seg, ack);
        if (seg.dataLength > 0) {
            flag |= FLAG_DATA;
        } else {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_PURE_ACKS);
        }
        if (s.sackOk && seg.options.sackBlockCount > 0) {
            flag |= sacktag(seg, d);
        }
        if (s.ecnOk && seg.has(TcpHeader.ECE) && !seg.syn()) {
            // tcp_ecn_rcv_ecn_echo: ECE on a SYN-ACK is ECN setup, not congestion.
            flag |= FLAG_ECE;
        }
        lastAckRecv = now;
        probesOut = 0;
        s.softErrorOnTimeout = 0;
        if (priorPacketsOut == 0) {
            ackProbe();
            if (tlpActive) {
                processTlpAck(ack, flag);
            }
            return ACK_OK;
        }
        flag |= cleanRtxQueue(d, now, flag);
        if (s.sackOk) {
            delivered += (d.ackedPackets - d.ackedWereSacked) + d.newlySacked;
            s.rack.advance(d);
            if (d.ackReordValid && Seq.before(d.ackReord, priorFack)) {
                s.rack.checkReordering(d.ackReord);
            }
            s.rack.updateReorderWindow(d.rateSentAt >= 0 ? d.rateDelivered : 0, delivered);
        }
        if (d.latestSentAt > rackSentAt) {
            rackSentAt = d.latestSentAt;
        }
        if (tlpActive) {
            processTlpAck(ack, flag);
        }
        int rexmit = Recovery.REXMIT_NONE;
        if (s.recovery.ackIsDubious(flag)) {
            int numDupack = (flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP | FLAG_DSACKING_ACK)) == 0 ? 1 : 0;
            rexmit = s.recovery.fastRetransAlert(priorUna, numDupack, flag);
            flag = s.recovery.lastFlag;
        }
        if ((flag & FLAG_SET_XMIT_TIMER) != 0 && !scheduleLossProbe(true)) {
            rearmRto(); // tcp_set_xmit_timer
        }
        int newlyDelivered = (int) (delivered - priorDelivered);
        if (newlyDelivered > 0) {
            s.tcp.snmp.add(SnmpCounter.TCP_EXT_TCP_DELIVERED, newlyDelivered);
            rateSample(d, now);
        }
        int newlyLost = Math.max(0, board.lostOut - priorLost);
        congestionControl(ack, newlyDelivered, newlyLost, flag);
        if (rexmit != Recovery.REXMIT_NONE && s.state != TcpState.SYN_SENT) {
            retransmitLost();
        }
        return ACK_OK;
    }

    /** {@code tcp_ack_update_window} and {@code tcp_snd_una_update}. */
    private int updateWindow(TcpSegment seg, int ack) {
        int flag = 0;
        int nwin = seg.window;
        if (!seg.syn()) {
            nwin <<= s.sndWscale;
        }
        if (Seq.after(ack, una) || Seq.after(seg.seq, wl1) || (seg.seq == wl1 && (nwin > wnd || nwin == 0))) {
            flag |= FLAG_WIN_UPDATE;
            wl1 = seg.seq;
            if (wnd != nwin) {
                wnd = nwin;
                if (nwin > maxWindow) {
                    maxWindow = nwin;
                    s.syncMss(s.pmtuCookie > 0 ? s.pmtuCookie : s.pathMtu());
                }
            }
        }
        if (Seq.after(ack, una)) {
            bytesAcked += ack - una;
            una = ack;
        }
        return flag;
    }

    /**
     * {@code tcp_sacktag_write_queue}: tags SACKed records; a first block below the cumulative
     * ACK or inside the second block is a D-SACK (RFC 2883) and only noted.
     */
    private int sacktag(TcpSegment seg, SackScoreboard.Delivery d) {
        TcpOptions o = seg.options;
        int n = o.sackBlockCount;
        int flag = 0;
        int first = 0;
        if (Seq.before(o.sackStart[0], seg.ack)
                || (n > 1 && !Seq.after(o.sackEnd[0], o.sackEnd[1]) && !Seq.before(o.sackStart[0], o.sackStart[1]))) {
            flag |= FLAG_DSACKING_ACK;
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_DSACK_RECV);
            first = 1;
            if (tlpActive && tlpRetrans && o.sackEnd[0] == tlpHighSeq) {
                flag |= FLAG_DSACK_TLP; // the probe was the segment's only retransmission
            }
            s.rack.dsackReceived((flag & FLAG_DSACK_TLP) != 0);
        }
        int before = d.newlySacked;
        for (int k = first; k < n; k++) {
            int start = o.sackStart[k];
            int end = o.sackEnd[k];
            if (!Seq.before(start, end) || Seq.after(end, nxt) || Seq.before(start, una - maxWindow)) {
                continue;
            }
            board.sack(start, end, d, s.mssCache);
        }
        if (d.newlySacked > before) {
            flag |= FLAG_DATA_SACKED;
        }
        if (d.sackReordValid) {
            s.rack.checkReordering(d.sackReord);
        }
        return flag;
    }

    /** {@code tcp_clean_rtx_queue}: removes what the cumulative ACK covers; RTT samples. */
    private int cleanRtxQueue(SackScoreboard.Delivery d, long now, int flag) {
        int acked = board.ackTo(una, d);
        buffer.ackTo(una);
        if (acked > 0) {
            flag |= d.synAcked && acked == 1 ? FLAG_SYN_ACKED : FLAG_DATA_ACKED;
            if (d.synAcked) {
                flag |= FLAG_SYN_ACKED;
            }
        } else if (d.synAcked) {
            flag |= FLAG_SYN_ACKED;
        }
        if (d.retransAcked) {
            flag |= FLAG_RETRANS_DATA_ACKED;
        }
        long seqRtt = -1;
        long caRtt = -1;
        if (d.firstAckedSentAt >= 0 && !d.retransAcked) {
            seqRtt = (now - d.firstAckedSentAt) / 1000;
            caRtt = (now - d.lastAckedSentAt) / 1000;
        }
        long sackRtt = -1;
        if (d.firstSackedSentAt >= 0) {
            sackRtt = (now - d.firstSackedSentAt) / 1000;
            caRtt = (now - d.lastSackedSentAt) / 1000;
        }
        boolean rttUpdate = ackUpdateRtt(flag, seqRtt, sackRtt, caRtt);
        long sampleRtt = lastCaRtt;
        if ((flag & FLAG_ACKED) != 0) {
            flag |= FLAG_SET_XMIT_TIMER;
            if (!s.sackOk) {
                s.recovery.reno.removeSacks(acked);
            }
            if (retransStamp != 0 && board.retransOut == 0 && !anyRetransOutstanding()) {
                retransStamp = 0;
            }
        } else if (rttUpdate && sackRtt >= 0 && !board.isEmpty() && sackRtt * 1000 > now - board.sentAt(0)) {
            flag |= FLAG_SET_XMIT_TIMER;
        }
        s.refreshCongestionInputs();
        s.cc.onPacketsAcked(s.cw, acked, sampleRtt);
        return flag;
    }

    private boolean anyRetransOutstanding() {
        for (int i = 0; i < board.size(); i++) {
            if ((board.flags(i) & SackScoreboard.EVER_RETRANS) != 0) {
                return true;
            }
        }
        return false;
    }

    private long lastCaRtt = -1;

    /** {@code tcp_ack_update_rtt}: Karn's rule, then timestamps (RFC 7323 RTTM) as a fallback. */
    private boolean ackUpdateRtt(int flag, long seqRtt, long sackRtt, long caRtt) {
        if (seqRtt < 0) {
            seqRtt = sackRtt;
        }
        if (seqRtt < 0 && s.sawTstamp && s.rcvTsecr != 0 && (flag & FLAG_ACKED) != 0) {
            long delta = (s.tcp.output.tsNow(s) - s.rcvTsecr) & 0xffffffffL;
            if (delta < Integer.MAX_VALUE / 1000) {
                if (delta == 0) {
                    delta = 1;
                }
                seqRtt = caRtt = delta * 1000;
            }
        }
        lastCaRtt = caRtt;
        if (seqRtt < 0) {
            return false;
        }
        long nowUs = s.tcp.now() / 1000;
        if (caRtt >= 0) {
            s.rtt.sampleMin(caRtt, nowUs);
        }
        s.rtt.sample(seqRtt, una, nxt);
        backoff = 0;
        return true;
    }

    /** Delivery rate from the most recently sent delivered segment (tcp_rate.c, simplified). */
    private void rateSample(SackScoreboard.Delivery d, long now) {
        if (d.rateSentAt < 0) {
            deliveredTime = now;
            return;
        }
        long sendElapsed = d.rateSentAt - d.rateFirstSentAt;
        long ackElapsed = now - d.rateDeliveredAt;
        long interval = Math.max(sendElapsed, ackElapsed);
        long count = delivered - d.rateDelivered;
        if (interval > 0 && count > 0) {
            long minRtt = s.rtt.minRttUs() * 1000;
            if (interval >= minRtt || deliveryRate == 0) {
                deliveryRate = count * s.mssCache * 1_000_000_000L / interval;
            }
        }
        firstTxTime = d.rateSentAt;
        deliveredTime = now;
    }

    /** {@code tcp_cong_control}: PRR during a reduction, else the module's increase. */
    private void congestionControl(int ack, int newlyDelivered, int newlyLost, int flag) {
        CongestionWindow w = s.cw;
        if (s.recovery.inCwndReduction()) {
            s.recovery.prr.reduce(newlyDelivered, newlyLost, flag);
        } else if ((flag & FLAG_DATA_ACKED) != 0) {
            s.refreshCongestionInputs();
            s.cc.congestionAvoidance(w, ack, newlyDelivered);
        }
        updatePacingRate();
        s.sampleSeries();
    }

    /** {@code tcp_update_pacing_rate}: 200% of cwnd/srtt in slow start, 120% afterwards. */
    private void updatePacingRate() {
        CongestionWindow w = s.cw;
        long srtt8 = s.rtt.srttScaled();
        long rate = (long) s.mssCache * ((1_000_000L / 100) << 3);
        rate *= w.cwnd < w.ssthresh / 2 ? s.pacingSsRatio : s.pacingCaRatio;
        rate *= Math.max(w.cwnd, board.size());
        if (srtt8 > 0) {
            rate /= srtt8;
        }
        w.pacingRate = rate;
    }
}
