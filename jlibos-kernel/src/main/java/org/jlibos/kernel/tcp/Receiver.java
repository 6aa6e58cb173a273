package org.jlibos.kernel.tcp;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * The receiving half of a connection ({@code tcp_data_queue} and friends in tcp_input.c,
 * {@code __tcp_select_window} in tcp_output.c):
 *
 * <ul>
 *   <li>in-order data waits as the received packet buffers (payload copied once, by recv);
 *       out-of-order segments go to the {@link ReassemblyQueue} and come back when the hole
 *       fills;</li>
 *   <li>SACK blocks (RFC 2018) in Linux's order, most recent first, and D-SACK (RFC 2883);</li>
 *   <li>the receive window: never shrunk, scaled by rcv_wscale, grown through rcv_ssthresh
 *       as data arrives, with the buffer auto-tuned within tcp_rmem once per RTT from what
 *       the application read ({@code tcp_rcv_space_adjust});</li>
 *   <li>ACK policy: quick ACKs at the start and after disorder, ACK every second full segment,
 *       otherwise a delayed ACK (40 ms ATO that adapts to the arrival pattern), interactive
 *       "pingpong" mode, compressed SACKs for out-of-order data.</li>
 * </ul>
 */
final class Receiver {

    // icsk_ack.pending bits.
    static final int ACK_SCHED = 1;
    static final int ACK_TIMER = 2;
    static final int ACK_PUSHED = 4;
    static final int ACK_PUSHED2 = 8;
    static final int ACK_NOW = 16;

    private final TcpSocket s;

    /** rcv_nxt, rcv_wup (rcv_nxt at the last window update), rcv_wnd (bytes), copied_seq. */
    int rcvNxt;
    int rcvWup;
    int rcvWnd;
    int copiedSeq;
    int windowClamp;
    int rcvSsthresh;

    private PacketBuffer[] queue = new PacketBuffer[64];
    private int qHead;
    private int qCount;
    private int queuedBytes;
    private boolean finReached;
    final ReassemblyQueue ooo = new ReassemblyQueue();

    // SACK blocks (selective_acks) and the D-SACK block.
    private final int[] sackStart = new int[4];
    private final int[] sackEnd = new int[4];
    private int numSacks;
    private boolean dsack;
    private int dsackStart;
    private int dsackEnd;

    // Delayed ACK state (icsk_ack).
    int pending;
    int quick;
    int pingpong;
    long ato;
    long lrcvtime;
    int rcvMss;
    private int lastSegSize;
    long delackTimeout;
    private int compressedAck;
    private int compressedAckRcvNxt;
    private int dupAckCounter;

    // Receiver RTT (rcv_rtt_est, scaled by 8) and buffer auto-tuning (rcvq_space).
    long rcvRttUs;
    private long rcvRtt8;
    private int rcvRttSeq;
    private long rcvRttTime;
    private int rcvRttLastTsecr;
    int spaceEstimate;
    private int spaceSeq;
    private long spaceTime;

    long bytesReceived;
    long dataSegsIn;
    long lastDataRecv;

    Receiver(TcpSocket s) {
        this.s = s;
    }

    // ---- set-up -----------------------------------------------------------------------------------

    /** tcp_win_from_space with Linux's default scaling ratio of 50%. */
    static int winFromSpace(long space) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, space) >> 1);
    }

    /** {@code tcp_full_space}. */
    int fullSpace() {
        return winFromSpace(s.receiveBufferBytes());
    }

    /**
     * {@code tcp_select_initial_window}: the window in our SYN or SYN-ACK and the window scale
     * to offer, from the receive buffer and tcp_rmem[2]. {@code mss} is the MSS the peer will
     * send (advmss, less the timestamp option when it is in use).
     */
    void selectInitialWindow(int mss, boolean wscaleOk) {
        int full = fullSpace();
        long clamp = s.windowClampUser != 0 ? s.windowClampUser : (65535L << TcpConstants.MAX_WSCALE);
        if (s.rcvbufLocked && (clamp > full || clamp == 0)) {
            clamp = full;
        }
        long space = Math.min(clamp, full);
        if (space > mss) {
            space = space / mss * mss;
        }
        rcvWnd = (int) Math.min(space, TcpConstants.MAX_UNSCALED_WINDOW);
        int wscale = 0;
        if (wscaleOk) {
            long maxSpace = Math.max(full, s.rmemMax);
            maxSpace = Math.max(maxSpace, s.tcp.sysctl("net.core.rmem_max"));
            maxSpace = Math.min(maxSpace, clamp);
            wscale = Math.max(0, Math.min(TcpConstants.MAX_WSCALE, 63 - Long.numberOfLeadingZeros(maxSpace) - 15));
        }
        s.rcvWscale = wscale;
        windowClamp = (int) Math.min(65535L << wscale, clamp);
        rcvSsthresh = rcvWnd;
        // Until established (tcp_initialize_rcv_mss) assume the default MSS.
        rcvMss = Math.max(TcpConstants.MIN_MSS, Math.min(mss, TcpConstants.MSS_DEFAULT));
    }

    /** The peer's ISN arrived: the stream starts at irs + 1. */
    void init(int irs) {
        rcvNxt = irs + 1;
        rcvWup = rcvNxt;
        copiedSeq = rcvNxt;
        finReached = false;
    }

    /** {@code tcp_init_buffer_space} and {@code tcp_initialize_rcv_mss}, once established. */
    void initBufferSpace() {
        int maxwin = fullSpace();
        if (windowClamp >= maxwin) {
            windowClamp = maxwin;
        }
        rcvSsthresh = Math.min(rcvSsthresh, windowClamp);
        spaceEstimate = Math.min(Math.min(rcvSsthresh, rcvWnd), TcpConstants.INIT_CWND * s.advmss);
        spaceSeq = copiedSeq;
        spaceTime = s.tcp.now();
        int hint = Math.min(s.advmss, s.mssCache);
        hint = Math.min(hint, rcvWnd / 2);
        hint = Math.min(hint, TcpConstants.MSS_DEFAULT);
        rcvMss = Math.max(hint, TcpConstants.MIN_MSS);
    }

    void setWindowClamp(int clamp) {
        if (clamp == 0) {
            return;
        }
        windowClamp = Math.max(clamp, TcpConstants.MIN_MSS * 2);
        rcvSsthresh = Math.min(rcvSsthresh, windowClamp);
    }

    /** SO_RCVBUF changed. */
    void bufferChanged() {
        if (s.state.isSynchronized()) {
            windowClamp = Math.min(windowClamp, Math.max(fullSpace(), TcpConstants.MIN_MSS * 2));
        }
    }

    // ---- windows -------------------------------------------------------------------------------

    /** {@code tcp_receive_window}: what remains of the window last advertised. */
    int receiveWindow() {
        int win = rcvWup + rcvWnd - rcvNxt;
        return Math.max(win, 0);
    }

    private int freeSpace() {
        return winFromSpace((long) s.receiveBufferBytes() - queuedBytes - ooo.bytes());
    }

    /** {@code __tcp_select_window}: the window we could offer now, unscaled bytes. */
    int computeWindow() {
        int mss = Math.max(rcvMss, 1);
        int free = freeSpace();
        int allowed = fullSpace();
        int full = Math.min(windowClamp, allowed);
        if (mss > full) {
            mss = full;
            if (mss <= 0) {
                return 0;
            }
        }
        int wscale = s.rcvWscale;
        if (free < (full >> 1)) {
            quick = 0;
            free = (free >> wscale) << wscale;
            if (free < (allowed >> 4) || free < mss) {
                return 0;
            }
        }
        if (free > rcvSsthresh) {
            free = rcvSsthresh;
        }
        int window;
        if (wscale != 0) {
            window = free;
            int unit = 1 << wscale;
            window = (window + unit - 1) & -unit;
        } else {
            window = rcvWnd;
            if (window <= free - mss || window > free) {
                window = free / mss * mss;
            } else if (mss == full && free > window + (full >> 1)) {
                window = free;
            }
        }
        return window;
    }

    /** {@code tcp_select_window}: the window field of an outgoing segment (never shrinks the offer). */
    int selectWindow() {
        int oldWin = rcvWnd;
        int curWin = receiveWindow();
        int newWin = computeWindow();
        int wscale = s.rcvWscale;
        if (newWin < curWin) {
            if (newWin == 0) {
                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_WANT_ZERO_WINDOW_ADV);
            }
            int unit = 1 << wscale;
            newWin = (curWin + unit - 1) & -unit;
        }
        rcvWnd = newWin;
        rcvWup = rcvNxt;
        long max = (long) TcpConstants.MAX_UNSCALED_WINDOW << wscale;
        int field = (int) (Math.min(newWin, max) >> wscale);
        if (field == 0) {
            if (oldWin != 0) {
                s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_TO_ZERO_WINDOW_ADV);
            }
        } else if (oldWin == 0) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_FROM_ZERO_WINDOW_ADV);
        }
        return field;
    }

    /** {@code tcp_grow_window}: opens rcv_ssthresh as data arrives, up to the clamp. */
    private void growWindow(int len) {
        int room = Math.min(windowClamp, freeSpace()) - rcvSsthresh;
        if (room <= 0) {
            return;
        }
        int incr = Math.max(2 * s.advmss, 2 * len);
        rcvSsthresh += Math.min(room, incr);
        quick |= 1;
    }

    // ---- arriving data (tcp_data_queue) ----------------------------------------------------------

    /** Queues the payload (and FIN) of an acceptable segment of a synchronized connection. */
    void dataQueue(TcpSegment seg) {
        int seq = seg.seq;
        int len = seg.dataLength;
        boolean fin = seg.fin();
        if (s.ecnOk && seg.has(org.jlibos.kernel.wire.TcpHeader.CWR)) {
            // tcp_ecn_accept_cwr: the sender reduced; stop echoing, and ACK at once (its cwnd may be tiny).
            s.ecnDemandCwr = false;
            if (len > 0) {
                pending |= ACK_NOW;
            }
        }
        if (len == 0 && !fin) {
            return;
        }
        PacketBuffer p = seg.packet;
        p.pull(seg.headerLength);
        if (p.length() > len) {
            p.trim(len);
        }
        int endSeq = seq + len + (fin ? 1 : 0);
        if (seq == rcvNxt) {
            if (receiveWindow() == 0 && len > 0) {
                outOfWindow();
                return;
            }
            if (len > 0 && tooMuchMemory(len)) {
                outOfWindow();
                return;
            }
            queueInOrder(p, len, fin, seg);
            return;
        }
        if (!Seq.after(endSeq, rcvNxt)) {
            // A retransmission of what we have: D-SACK it and ACK at once.
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_DELAYED_ACK_LOST);
            dsackSet(seq, endSeq);
            outOfWindow();
            return;
        }
        if (!Seq.before(seq, rcvNxt + receiveWindow())) {
            outOfWindow();
            return;
        }
        if (Seq.before(seq, rcvNxt)) {
            // Partly old: D-SACK the old part and keep the rest.
            dsackSet(seq, rcvNxt);
            if (receiveWindow() == 0) {
                outOfWindow();
                return;
            }
            int cut = rcvNxt - seq;
            if (cut > len) {
                cut = len;
            }
            p.pull(cut);
            len -= cut;
            if (len > 0 && tooMuchMemory(len)) {
                outOfWindow();
                return;
            }
            queueInOrder(p, len, fin, seg);
            return;
        }
        queueOutOfOrder(seq, p, len, fin, seg);
    }

    private boolean tooMuchMemory(int len) {
        return (long) queuedBytes + ooo.bytes() + len > s.receiveBufferBytes();
    }

    private void outOfWindow() {
        enterQuickAck(TcpConstants.MAX_QUICKACKS);
        pending |= ACK_SCHED;
    }

    private void queueInOrder(PacketBuffer p, int len, boolean fin, TcpSegment seg) {
        if (len > 0) {
            append(p);
            rcvNxt += len;
            bytesReceived += len;
            dataSegsIn++;
            eventDataRecv(seg, len);
        }
        if (fin) {
            finArrived();
        }
        if (!ooo.isEmpty()) {
            ofoQueue();
            // RFC 5681 §4.2: ACK at once when a gap is filled.
            if (ooo.isEmpty()) {
                pending |= ACK_NOW;
            }
        }
        if (numSacks > 0) {
            sackRemove();
        }
        s.notifyApplication();
    }

    private void append(PacketBuffer p) {
        if (qCount == queue.length) {
            PacketBuffer[] bigger = new PacketBuffer[queue.length * 2];
            for (int i = 0; i < qCount; i++) {
                bigger[i] = queue[(qHead + i) & (queue.length - 1)];
            }
            queue = bigger;
            qHead = 0;
        }
        queue[(qHead + qCount) & (queue.length - 1)] = p;
        qCount++;
        queuedBytes += p.length();
    }

    /** {@code tcp_ofo_queue}: moves segments the hole-filling made contiguous. */
    private void ofoQueue() {
        int dsackHigh = rcvNxt;
        while (ooo.hasInOrder(rcvNxt)) {
            int start = ooo.start(0);
            int end = ooo.firstEnd();
            boolean fin = ooo.firstHasFin();
            if (Seq.before(start, dsackHigh)) {
                int d = dsackHigh;
                if (Seq.before(end, dsackHigh)) {
                    dsackHigh = end;
                }
                dsackExtend(start, d);
            }
            int effectiveEnd = end + (fin ? 1 : 0);
            PacketBuffer p = ooo.pollFirst(rcvNxt);
            if (!Seq.after(effectiveEnd, rcvNxt)) {
                continue;
            }
            int len = p.length();
            if (len > 0) {
                append(p);
                rcvNxt += len;
                bytesReceived += len;
            }
            if (fin) {
                finArrived();
                break;
            }
        }
    }

    /** {@code tcp_data_queue_ofo}. */
    private void queueOutOfOrder(int seq, PacketBuffer p, int len, boolean fin, TcpSegment seg) {
        s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_OFO_QUEUE);
        if (tooMuchMemory(len)) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_OFO_DROP);
            outOfWindow();
            return;
        }
        pending |= ACK_SCHED;
        int endSeq = seq + len + (fin ? 1 : 0);
        boolean added = ooo.insert(seq, p, fin);
        if (ooo.dupFound) {
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_OFO_MERGE);
            dsackSet(ooo.dupStart, ooo.dupEnd);
        }
        if (s.sackOk) {
            sackNewOfo(seq, endSeq);
        }
        if (added && len >= 128) {
            growWindow(len);
        }
        dataSegsIn++;
        lastDataRecv = s.tcp.now();
    }

    /** {@code tcp_fin}: the peer's FIN is now in order. */
    private void finArrived() {
        rcvNxt++;
        finReached = true;
        pending |= ACK_SCHED;
        ooo.clear();
        numSacks = 0;
        TcpInput.finArrived(s);
    }

    boolean finReached() {
        return finReached;
    }

    /** {@code tcp_event_data_recv}: ATO estimation, quick ACKs, receiver RTT, window growth. */
    private void eventDataRecv(TcpSegment seg, int len) {
        pending |= ACK_SCHED;
        measureRcvMss(seg, len);
        rcvRttMeasure(seg, len);
        long now = s.tcp.now();
        lastDataRecv = now;
        if (ato == 0) {
            // The first data: start in quick-ACK mode.
            incrQuickAck(TcpConstants.MAX_QUICKACKS);
            ato = TcpConstants.ATO_MIN;
        } else {
            long m = now - lrcvtime;
            long rto = s.rtoNanos();
            if (m <= TcpConstants.ATO_MIN / 2) {
                ato = (ato >> 1) + TcpConstants.ATO_MIN / 2;
            } else if (m < ato) {
                ato = (ato >> 1) + m;
                if (ato > rto) {
                    ato = rto;
                }
            } else if (m > rto) {
                incrQuickAck(TcpConstants.MAX_QUICKACKS);
            }
        }
        lrcvtime = now;
        if (s.ecnOk && seg.ecn == TcpOutput.ECN_CE) {
            // RFC 3168: echo ECE until the sender's CWR; ACK congestion at once.
            if (!s.ecnDemandCwr) {
                enterQuickAck(2);
            }
            s.ecnDemandCwr = true;
            s.ecnSeen = true;
        }
        if (len >= 128) {
            growWindow(len);
        }
    }

    /** {@code tcp_measure_rcv_mss}: the peer's segment size, and whether it pushed small segments. */
    private void measureRcvMss(TcpSegment seg, int len) {
        int lss = lastSegSize;
        lastSegSize = 0;
        if (len >= rcvMss) {
            rcvMss = Math.min(len, s.advmss);
        } else {
            int withHeader = len + seg.headerLength;
            int tcpHeaderLen = TcpConstants.HEADER + (s.tsOk ? TcpConstants.TS_ALIGNED : 0);
            if (withHeader >= TcpConstants.MSS_DEFAULT + TcpConstants.HEADER
                    || (withHeader >= TcpConstants.MIN_MSS + TcpConstants.HEADER
                        && (seg.flags & (org.jlibos.kernel.wire.TcpHeader.PSH | org.jlibos.kernel.wire.TcpHeader.URG
                            | org.jlibos.kernel.wire.TcpHeader.FIN | org.jlibos.kernel.wire.TcpHeader.SYN
                            | org.jlibos.kernel.wire.TcpHeader.RST)) == 0)) {
                int l = withHeader - tcpHeaderLen;
                lastSegSize = l;
                if (l == lss) {
                    rcvMss = l;
                    return;
                }
            }
            if ((pending & ACK_PUSHED) != 0) {
                pending |= ACK_PUSHED2;
            }
            pending |= ACK_PUSHED;
        }
    }

    /** {@code tcp_rcv_rtt_measure} / {@code tcp_rcv_rtt_measure_ts}. */
    private void rcvRttMeasure(TcpSegment seg, int len) {
        long now = s.tcp.now();
        if (s.tsOk && s.sawTstamp) {
            if (s.rcvTsecr == rcvRttLastTsecr || s.rcvTsecr == 0) {
                return;
            }
            rcvRttLastTsecr = s.rcvTsecr;
            if (len >= rcvMss) {
                long delta = (s.tcp.output.tsNow(s) - s.rcvTsecr) & 0xffffffffL;
                if (delta > 0 && delta < Integer.MAX_VALUE / 1000) {
                    rcvRttUpdate(delta * 1000, false);
                }
            }
            return;
        }
        if (rcvRttTime != 0) {
            if (Seq.before(rcvNxt, rcvRttSeq)) {
                return;
            }
            long deltaUs = Math.max(1, (now - rcvRttTime) / 1000);
            rcvRttUpdate(deltaUs, true);
        }
        rcvRttSeq = rcvNxt + rcvWnd;
        rcvRttTime = now;
    }

    private void rcvRttUpdate(long sampleUs, boolean windowDependent) {
        long n = rcvRtt8;
        long m = sampleUs;
        if (n != 0) {
            if (!windowDependent) {
                m -= n >> 3;
                n += m;
            } else {
                m <<= 3;
                if (m < n) {
                    n = m;
                }
            }
        } else {
            n = m << 3;
        }
        rcvRtt8 = n;
        rcvRttUs = n >> 3;
    }

    // ---- SACK and D-SACK blocks ----------------------------------------------------------------------

    private static boolean sackExtend(int[] st, int[] en, int k, int seq, int end) {
        if (!Seq.after(seq, en[k]) && !Seq.after(st[k], end)) {
            if (Seq.before(seq, st[k])) {
                st[k] = seq;
            }
            if (Seq.after(end, en[k])) {
                en[k] = end;
            }
            return true;
        }
        return false;
    }

    /** {@code tcp_sack_new_ofo_skb}: the block holding the newest segment goes first. */
    private void sackNewOfo(int seq, int end) {
        int cur = numSacks;
        if (cur == 0) {
            sackStart[0] = seq;
            sackEnd[0] = end;
            numSacks = 1;
            return;
        }
        for (int k = 0; k < cur; k++) {
            if (sackExtend(sackStart, sackEnd, k, seq, end)) {
                for (; k > 0; k--) {
                    swap(k, k - 1);
                }
                if (cur > 1) {
                    sackMaybeCoalesce();
                }
                return;
            }
        }
        int k = cur;
        if (k >= 4) {
            k--;
            numSacks--;
        }
        for (; k > 0; k--) {
            sackStart[k] = sackStart[k - 1];
            sackEnd[k] = sackEnd[k - 1];
        }
        sackStart[0] = seq;
        sackEnd[0] = end;
        numSacks++;
    }

    private void swap(int a, int b) {
        int ts = sackStart[a];
        int te = sackEnd[a];
        sackStart[a] = sackStart[b];
        sackEnd[a] = sackEnd[b];
        sackStart[b] = ts;
        sackEnd[b] = te;
    }

    private void sackMaybeCoalesce() {
        for (int k = 1; k < numSacks;) {
            if (sackExtend(sackStart, sackEnd, 0, sackStart[k], sackEnd[k])) {
                numSacks--;
                for (int i = k; i < numSacks; i++) {
                    sackStart[i] = sackStart[i + 1];
                    sackEnd[i] = sackEnd[i + 1];
                }
                continue;
            }
            k++;
        }
    }

    /** {@code tcp_sack_remove}: blocks rcv_nxt has passed go. */
    private void sackRemove() {
        if (ooo.isEmpty()) {
            numSacks = 0;
            return;
        }
        for (int k = 0; k < numSacks;) {
            if (!Seq.before(rcvNxt, sackStart[k])) {
                for (int i = k + 1; i < numSacks; i++) {
                    sackStart[i - 1] = sackStart[i];
                    sackEnd[i - 1] = sackEnd[i];
                }
                numSacks--;
                continue;
            }
            k++;
        }
    }

    /** {@code tcp_dsack_set}. */
    void dsackSet(int seq, int end) {
        if (!s.sackOk || !s.dsackEnabled) {
            return;
        }
        s.tcp.snmp.inc(Seq.before(seq, rcvNxt) ? SnmpCounter.TCP_EXT_TCP_DSACK_OLD_SENT : SnmpCounter.TCP_EXT_TCP_DSACK_OFO_SENT);
        dsack = true;
        dsackStart = seq;
        dsackEnd = end;
    }

    private void dsackExtend(int seq, int end) {
        if (!dsack) {
            dsackSet(seq, end);
            return;
        }
        if (!Seq.after(seq, dsackEnd) && !Seq.after(dsackStart, end)) {
            if (Seq.before(seq, dsackStart)) {
                dsackStart = seq;
            }
            if (Seq.after(end, dsackEnd)) {
                dsackEnd = end;
            }
        }
    }

    /** Adds the D-SACK block (once) and the SACK blocks to an outgoing segment's options. */
    void writeSackBlocks(TcpOptions o) {
        if (dsack) {
            o.addSackBlock(dsackStart, dsackEnd);
            dsack = false;
        }
        for (int k = 0; k < numSacks; k++) {
            o.addSackBlock(sackStart[k], sackEnd[k]);
        }
    }

    /** The rightmost SACK block edge, for RFC 5961 RST checks (0 blocks: rcv_nxt). */
    int maxSackEnd() {
        int m = rcvNxt;
        for (int k = 0; k < numSacks; k++) {
            if (Seq.after(sackEnd[k], m)) {
                m = sackEnd[k];
            }
        }
        return m;
    }

    int numSacks() {
        return numSacks;
    }

    // ---- ACK decisions --------------------------------------------------------------------------

    private void incrQuickAck(int max) {
        int quickacks = rcvWnd / (2 * Math.max(rcvMss, 1));
        if (quickacks == 0) {
            quickacks = 2;
        }
        quickacks = Math.min(quickacks, max);
        if (quickacks > quick) {
            quick = quickacks;
        }
    }

    /** {@code tcp_enter_quickack_mode}. */
    void enterQuickAck(int max) {
        incrQuickAck(max);
        pingpong = 0;
        ato = TcpConstants.ATO_MIN;
    }

    void enterQuickAck() {
        enterQuickAck(TcpConstants.MAX_QUICKACKS);
    }

    void enterPingpong() {
        pingpong = TcpConstants.PINGPONG_THRESH;
    }

    boolean quickAckMode() {
        return quick != 0 && pingpong < TcpConstants.PINGPONG_THRESH;
    }

    boolean ackScheduled() {
        return (pending & ACK_SCHED) != 0;
    }

    /** {@code tcp_ack_snd_check}: send an ACK now, delay it, or compress it. */
    void ackSndCheck() {
        if ((pending & ACK_SCHED) == 0) {
            return;
        }
        if ((rcvNxt - rcvWup > rcvMss && computeWindow() >= rcvWnd) || quickAckMode() || (pending & ACK_NOW) != 0) {
            s.tcp.output.sendAck(s);
            return;
        }
        if (ooo.isEmpty()) {
            sendDelayedAck();
            return;
        }
        if (!s.sackOk || compressedAck >= s.compSackNr) {
            s.tcp.output.sendAck(s);
            return;
        }
        if (compressedAckRcvNxt != rcvNxt) {
            compressedAckRcvNxt = rcvNxt;
            dupAckCounter = 0;
        }
        if (dupAckCounter < TcpConstants.FASTRETRANS_THRESH) {
            dupAckCounter++;
            s.tcp.output.sendAck(s);
            return;
        }
        compressedAck++;
        if (s.timers.compressedAckArmed()) {
            return;
        }
        // Compressed SACK: 5% of the RTT, at most tcp_comp_sack_delay_ns.
        long rttUs = rcvRttUs;
        long srttUs = s.rtt.srttUs();
        if (srttUs != 0 && (rttUs == 0 || srttUs < rttUs)) {
            rttUs = srttUs;
        }
        long delay = Math.min(s.compSackDelayNs, rttUs * 1000 / 20);
        s.timers.setCompressedAck(s.tcp.now() + Math.max(delay, 1));
    }

    /** The compressed-SACK timer fired. */
    void compressedAckTimeout() {
        if (compressedAck > 0) {
            compressedAck--;
            s.tcp.output.sendAck(s);
        }
    }

    /** {@code tcp_send_delayed_ack}. */
    void sendDelayedAck() {
        long a = ato;
        if (a > TcpConstants.DELACK_MIN) {
            long maxAto = TcpConstants.S / 2;
            if (pingpong >= TcpConstants.PINGPONG_THRESH || (pending & ACK_PUSHED) != 0) {
                maxAto = TcpConstants.DELACK_MAX;
            }
            long srttUs = s.rtt.srttUs();
            if (srttUs != 0) {
                long rtt = Math.max(((srttUs + 999) / 1000) * TcpConstants.MS, TcpConstants.DELACK_MIN);
                if (rtt < maxAto) {
                    maxAto = rtt;
                }
            }
            a = Math.min(a, maxAto);
        }
        a = Math.min(a, TcpConstants.DELACK_MAX);
        long now = s.tcp.now();
        long timeout = now + a;
        if ((pending & ACK_TIMER) != 0) {
            if (delackTimeout <= now + (a >> 2)) {
                s.tcp.output.sendAck(s);
                return;
            }
            if (timeout >= delackTimeout) {
                timeout = delackTimeout;
            }
        }
        pending |= ACK_SCHED | ACK_TIMER;
        delackTimeout = timeout;
        s.timers.setDelack(timeout);
    }

    /** The delayed-ACK timer fired ({@code tcp_delack_timer_handler}). */
    void delackTimeout() {
        if (s.state == TcpState.CLOSE || s.state == TcpState.LISTEN || (pending & ACK_TIMER) == 0) {
            return;
        }
        long now = s.tcp.now();
        if (delackTimeout > now) {
            s.timers.setDelack(delackTimeout);
            return;
        }
        pending &= ~ACK_TIMER;
        if ((pending & ACK_SCHED) != 0) {
            if (pingpong < TcpConstants.PINGPONG_THRESH) {
                ato = Math.min(ato << 1, s.rtoNanos());
            } else {
                pingpong = 0;
                ato = TcpConstants.ATO_MIN;
            }
            s.tcp.snmp.inc(SnmpCounter.TCP_EXT_DELAYED_ACKS);
            s.tcp.output.sendAck(s);
        }
    }

    /** {@code tcp_event_ack_sent}: every segment carries the ACK, so nothing is pending any more. */
    void onAckSent() {
        if (compressedAck > 0) {
            s.tcp.snmp.add(SnmpCounter.TCP_EXT_TCP_ACK_COMPRESSED, compressedAck);
            compressedAck = 0;
            s.timers.clearCompressedAck();
        }
        if (quick != 0) {
            int pkts = (pending & ACK_SCHED) != 0 ? 1 : 0;
            if (pkts >= quick) {
                quick = 0;
                ato = TcpConstants.ATO_MIN;
            } else {
                quick -= pkts;
            }
        }
        if ((pending & ACK_TIMER) != 0) {
            s.timers.clearDelack();
        }
        pending = 0;
    }

    /** {@code tcp_event_data_sent}: replying within the ATO makes the connection interactive. */
    void dataSent(long now) {
        if (lrcvtime != 0 && now - lrcvtime < ato && pingpong < 255) {
            pingpong++;
        }
    }

    /** TCP_QUICKACK: an ACK that was being delayed goes now. */
    void sendAckIfScheduled() {
        if ((pending & ACK_SCHED) != 0) {
            s.tcp.output.sendAck(s);
        }
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Bytes waiting to be read (SIOCINQ). */
    int available() {
        return queuedBytes;
    }

    /**
     * Copies up to {@code len} bytes to {@code dst}; with {@code peek} the data stays, starting
     * {@code peekOffset} bytes in. Returns the number copied.
     */
    int read(byte[] dst, int off, int len, boolean peek, int peekOffset) {
        int copied = 0;
        int skip = peekOffset;
        int mask = queue.length - 1;
        int i = 0;
        while (copied < len && i < qCount) {
            PacketBuffer b = queue[(qHead + i) & mask];
            int avail = b.length();
            if (peek) {
                if (skip >= avail) {
                    skip -= avail;
                    i++;
                    continue;
                }
                int n = Math.min(avail - skip, len - copied);
                System.arraycopy(b.array(), b.head() + skip, dst, off + copied, n);
                copied += n;
                skip = 0;
                i++;
                continue;
            }
            int n = Math.min(avail, len - copied);
            System.arraycopy(b.array(), b.head(), dst, off + copied, n);
            copied += n;
            if (n == avail) {
                queue[qHead] = null;
                qHead = (qHead + 1) & mask;
                qCount--;
            } else {
                b.pull(n);
            }
        }
        if (!peek) {
            queuedBytes -= copied;
            copiedSeq += copied;
        }
        return copied;
    }

    /** close(): throws away unread data; returns how many bytes there were. */
    int discardQueue() {
        int n = queuedBytes;
        purgeQueue();
        return n;
    }

    private void purgeQueue() {
        int mask = queue.length - 1;
        for (int i = 0; i < qCount; i++) {
            queue[(qHead + i) & mask] = null;
        }
        qHead = 0;
        qCount = 0;
        copiedSeq += queuedBytes;
        queuedBytes = 0;
    }

    /** Everything received is dropped (the connection is gone). */
    void purge() {
        purgeQueue();
        ooo.clear();
        numSacks = 0;
        dsack = false;
    }

    /** {@code __tcp_cleanup_rbuf}: after reading, ACK if a delayed ACK is due or the window opened a lot. */
    void cleanupAfterRead(int copied) {
        if (!s.state.isSynchronized() || s.state == TcpState.TIME_WAIT) {
            return;
        }
        boolean timeToAck = false;
        if ((pending & ACK_SCHED) != 0) {
            if (rcvNxt - rcvWup > rcvMss
                    || (copied > 0 && ((pending & ACK_PUSHED2) != 0
                        || ((pending & ACK_PUSHED) != 0 && pingpong < TcpConstants.PINGPONG_THRESH))
                        && queuedBytes == 0 && ooo.isEmpty())) {
                timeToAck = true;
            }
        }
        if (copied > 0 && !timeToAck && (s.shutdownFlags & TcpSocket.RCV_SHUTDOWN) == 0) {
            int now = receiveWindow();
            if (2L * now <= windowClamp) {
                int newWindow = computeWindow();
                if (newWindow != 0 && newWindow >= 2L * now) {
                    timeToAck = true;
                }
            }
        }
        if (timeToAck) {
            s.tcp.output.sendAck(s);
        }
    }

    /** {@code tcp_rcv_space_adjust}: once per RTT, grow the buffer to twice what was read. */
    void spaceAdjust() {
        long now = s.tcp.now();
        long rttUs = rcvRtt8 >> 3;
        if (rttUs == 0 || (now - spaceTime) / 1000 < rttUs) {
            return;
        }
        int copied = copiedSeq - spaceSeq;
        if (copied > spaceEstimate) {
            if (s.moderateRcvbuf && !s.rcvbufLocked) {
                long rcvwin = ((long) copied << 1) + 16L * s.advmss;
                long grow = rcvwin * (copied - spaceEstimate) / Math.max(spaceEstimate, 1);
                rcvwin += grow << 1;
                long rcvbuf = Math.min(rcvwin << 1, s.rmemMax);
                if (rcvbuf > s.receiveBufferBytes()) {
                    s.setReceiveBufferBytes((int) rcvbuf);
                    windowClamp = winFromSpace(rcvbuf);
                }
            }
            spaceEstimate = copied;
        }
        spaceSeq = copiedSeq;
        spaceTime = now;
    }
}
