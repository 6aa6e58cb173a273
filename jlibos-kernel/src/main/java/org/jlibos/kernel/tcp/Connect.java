package org.jlibos.kernel.tcp;

import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * The three-way handshake from the active side and what both sides do when it completes
 * ({@code tcp_v4_connect}, {@code tcp_connect_init}, {@code tcp_rcv_synsent_state_process},
 * {@code tcp_finish_connect}, {@code tcp_init_transfer}):
 *
 * <ul>
 *   <li>route, source address, ephemeral port, ISN and timestamp offset;</li>
 *   <li>the SYN with Linux's options: MSS from the route MTU (or TCP_MAXSEG), SACK-permitted,
 *       timestamps, window scale from tcp_rmem, ECN per tcp_ecn = 1;</li>
 *   <li>in SYN_SENT: an ACK that does not acknowledge our SYN gets a reset, a RST with an
 *       acceptable ACK refuses the connection, a SYN-ACK establishes it (options negotiated,
 *       MSS synced to the path MTU), a bare SYN is a simultaneous open (SYN_RECV).</li>
 * </ul>
 */
final class Connect {

    private Connect() {
    }

    /** connect(): sends the SYN. Throws the errno a failed route or port choice gives. */
    static void start(TcpSocket s, int dst, int port) throws ErrnoException {
        Tcp tcp = s.tcp;
        Ipv4 ipv4 = tcp.ipv4();
        Route r = ipv4.routeOutput(dst, s.localAddress, s.boundDeviceIndex());
        Errno e = Ipv4.routeErrno(r);
        if (e != null) {
            throw new ErrnoException("connect", e);
        }
        if (r.type() == Route.Type.BROADCAST || org.jlibos.kernel.wire.Ipv4Address.isMulticast(dst)) {
            throw new ErrnoException("connect", Errno.ENETUNREACH);
        }
        int src = s.localAddress != 0 ? s.localAddress : ipv4.sourceFor(r, dst);
        boolean wasBound = s.portBound;
        int oldLocal = s.localAddress;
        s.localAddress = src;
        s.remoteAddress = dst;
        s.remotePort = port;
        if (!wasBound) {
            try {
                tcp.autobindForConnect(s, dst, port);
            } catch (ErrnoException ex) {
                s.localAddress = oldLocal;
                s.remoteAddress = 0;
                s.remotePort = 0;
                throw ex;
            }
        } else if (tcp.tupleInUse(s, dst, port)) {
            s.localAddress = oldLocal;
            s.remoteAddress = 0;
            s.remotePort = 0;
            throw new ErrnoException("connect", Errno.EADDRNOTAVAIL);
        }
        tcp.hashConnection(s);
        s.iss = tcp.newIsn();
        s.tsOffset = tcp.cookies.tsOffset(src, dst);
        s.tsOk = tcp.sysctl("net.ipv4.tcp_timestamps") != 0;
        s.sackOk = tcp.sysctl("net.ipv4.tcp_sack") != 0;
        s.wscaleOk = tcp.sysctl("net.ipv4.tcp_window_scaling") != 0;
        s.ecnOk = tcp.sysctl("net.ipv4.tcp_ecn") == 1;
        s.tsRecent = 0;
        int mtu = s.pathMtu();
        if (mtu <= 0) {
            mtu = 576;
        }
        s.advmss = Math.max(mtu - TcpConstants.IPV4_TCP_HEADERS, TcpConstants.MIN_MSS);
        if (s.userMss != 0 && s.userMss < s.advmss) {
            s.advmss = s.userMss;
        }
        s.mssClamp = s.userMss != 0 ? s.userMss : TcpConstants.MSS_DEFAULT;
        s.snd.init(s.iss);
        s.snd.maxWindow = 0;
        s.syncMss(mtu);
        s.rcv.selectInitialWindow(s.advmss, s.wscaleOk);
        if (!s.wscaleOk) {
            s.rcvWscale = 0;
        }
        s.setState(TcpState.SYN_SENT);
        tcp.snmp.inc(SnmpCounter.TCP_ACTIVE_OPENS);
        sendSyn(s);
        s.timers.setRetransmit(tcp.now() + TcpConstants.TIMEOUT_INIT);
    }

    /** Queues and transmits our SYN ({@code tcp_connect}). */
    private static void sendSyn(TcpSocket s) {
        long now = s.tcp.now();
        s.snd.board.add(s.iss, s.iss + 1, SackScoreboard.SYN, now, 0, now, now);
        s.snd.nxt = s.iss + 1;
        int flags = TcpHeader.SYN;
        if (s.ecnOk) {
            flags |= TcpHeader.ECE | TcpHeader.CWR;
        }
        s.tcp.output.transmit(s, s.iss, 0, flags, false);
    }

    /** {@code tcp_rcv_synsent_state_process}. */
    static void synSentArrived(TcpSocket s, TcpSegment seg) {
        Tcp tcp = s.tcp;
        TcpOptions o = seg.options;
        if (seg.ackFlag()) {
            if (!Seq.after(seg.ack, s.iss) || Seq.after(seg.ack, s.snd.nxt)) {
                tcp.output.sendResetReply(seg);
                return;
            }
            if (seg.rst()) {
                TcpInput.reset(s);
                return;
            }
            if (!seg.syn()) {
                return;
            }
            negotiate(s, seg, o);
            if (s.ecnOk && (!seg.has(TcpHeader.ECE) || seg.has(TcpHeader.CWR))) {
                s.ecnOk = false;
            }
            s.snd.wl1 = seg.seq;
            s.rcv.init(seg.seq);
            s.irs = seg.seq;
            s.sawTstamp = s.tsOk && o.hasTimestamp;
            if (s.sawTstamp) {
                s.rcvTsval = o.tsVal;
                s.rcvTsecr = o.tsEcr;
            }
            s.snd.onAck(seg, Sender.FLAG_SLOWPATH);
            // RFC 7323: the window of a SYN is never scaled.
            s.snd.wnd = seg.window;
            s.snd.maxWindow = Math.max(s.snd.maxWindow, seg.window);
            if (s.tsOk) {
                s.tsRecent = o.tsVal;
                s.tsRecentStamp = tcp.now();
                s.advmss -= TcpConstants.TS_ALIGNED;
            }
            s.syncMss(s.pmtuCookie > 0 ? s.pmtuCookie : s.pathMtu());
            s.setState(TcpState.ESTABLISHED);
            initTransfer(s);
            s.notifyApplication();
            if (s.rcv.pingpong >= TcpConstants.PINGPONG_THRESH) {
                s.rcv.pending |= Receiver.ACK_SCHED;
                s.rcv.sendDelayedAck();
            } else {
                tcp.output.sendAck(s);
            }
            s.snd.push(s.snd.currentNagle());
            return;
        }
        if (seg.rst()) {
            return;
        }
        if (seg.syn()) {
            // Simultaneous open (RFC 9293 §3.5): answer with a SYN-ACK carrying our ISN.
            negotiate(s, seg, o);
            if (s.ecnOk && !(seg.has(TcpHeader.ECE) && seg.has(TcpHeader.CWR))) {
                s.ecnOk = false;
            }
            if (s.tsOk) {
                s.tsRecent = o.tsVal;
                s.tsRecentStamp = tcp.now();
            }
            s.setState(TcpState.SYN_RECV);
            s.rcv.init(seg.seq);
            s.irs = seg.seq;
            s.snd.wnd = seg.window;
            s.snd.wl1 = seg.seq;
            s.snd.maxWindow = seg.window;
            s.syncMss(s.pmtuCookie > 0 ? s.pmtuCookie : s.pathMtu());
            s.rcv.initBufferSpace();
            int flags = TcpHeader.SYN | TcpHeader.ACK | (s.ecnOk ? TcpHeader.ECE : 0);
            tcp.output.transmit(s, s.iss, 0, flags, false);
        }
    }

    /** Applies the peer's SYN options to what we offered. */
    static void negotiate(TcpSocket s, TcpSegment seg, TcpOptions o) {
        if (s.wscaleOk && o.hasWindowScale()) {
            s.sndWscale = Math.min(o.windowScale, TcpConstants.MAX_WSCALE);
        } else {
            s.wscaleOk = false;
            s.sndWscale = 0;
            s.rcvWscale = 0;
            s.rcv.windowClamp = Math.min(s.rcv.windowClamp, TcpConstants.MAX_UNSCALED_WINDOW);
        }
        s.tsOk = s.tsOk && o.hasTimestamp;
        s.sackOk = s.sackOk && o.sackPermitted;
        int in = o.hasMss() && o.mss > 0 ? o.mss : TcpConstants.MSS_DEFAULT;
        if (s.userMss != 0 && s.userMss < in) {
            in = s.userMss;
        }
        s.mssClamp = in;
    }

    /**
     * SYN_RECV → ESTABLISHED on the ACK of our SYN-ACK (both for an accepted child and after a
     * simultaneous open).
     */
    static void synRecvEstablished(TcpSocket s, TcpSegment seg) {
        s.snd.delivered++;
        s.snd.retransStamp = 0;
        s.setState(TcpState.ESTABLISHED);
        s.snd.wnd = seg.window << s.sndWscale;
        s.snd.wl1 = seg.seq;
        s.snd.maxWindow = Math.max(s.snd.maxWindow, s.snd.wnd);
        if (s.tsOk) {
            s.advmss -= TcpConstants.TS_ALIGNED;
        }
        initTransfer(s);
        s.snd.lastDataSent = s.tcp.now();
        s.notifyApplication();
        if ((s.shutdownFlags & TcpSocket.SEND_SHUTDOWN) != 0 && s.closeState()) {
            s.snd.queueFin();
        }
    }

    /** {@code tcp_init_transfer}: initial window, congestion control, buffers, keepalive. */
    static void initTransfer(TcpSocket s) {
        if (!s.rtt.hasSample()) {
            // RFC 6298 §5.7: no RTT sample from the handshake (the SYN was retransmitted).
            s.rtt.setRtoNanos(TcpConstants.TIMEOUT_FALLBACK);
        }
        s.snd.backoff = 0;
        s.snd.retransmits = 0;
        s.cw.cwnd = s.snd.totalRetrans > 1 ? 1 : TcpConstants.INIT_CWND;
        s.cw.cwndCnt = 0;
        s.snd.cwndStamp = s.tcp.now();
        s.syncMss(s.pmtuCookie > 0 ? s.pmtuCookie : s.pathMtu());
        s.refreshCongestionInputs();
        s.cc.init(s.cw);
        s.rcv.initBufferSpace();
        if (s.keepAliveEnabled()) {
            s.timers.resetKeepalive();
        }
        s.sampleSeries();
    }
}
