package org.jlibos.kernel.tcp;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.SockAddr;
import org.jlibos.kernel.socket.Socket;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.cc.CongestionControl;
import org.jlibos.kernel.tcp.cc.CongestionControls;
import org.jlibos.kernel.tcp.cc.CongestionWindow;
import org.jlibos.kernel.wire.Ipv4Address;

/**
 * A TCP socket (tcp(7)) and its connection ({@code struct tcp_sock}).
 *
 * <p><b>What each call does, by state</b> (Linux semantics and errno values):
 * <ul>
 *   <li>{@code bind}: CLOSE only (else EINVAL); port 0 picks an ephemeral port; conflicts
 *       follow SO_REUSEADDR / SO_REUSEPORT as Linux (EADDRINUSE).</li>
 *   <li>{@code listen}: CLOSE or LISTEN; binds an ephemeral port if unbound; backlog =
 *       min(backlog, net.core.somaxconn).</li>
 *   <li>{@code accept}: LISTEN only (EINVAL); blocks for a connection, EAGAIN when
 *       non-blocking or SO_RCVTIMEO expires.</li>
 *   <li>{@code connect}: sends a SYN; blocking waits for the handshake (ECONNREFUSED on RST,
 *       ETIMEDOUT after tcp_syn_retries, an ICMP errno); non-blocking returns EINPROGRESS,
 *       then EALREADY while connecting, 0 once, then EISCONN; the result also shows in
 *       SO_ERROR and poll (POLLOUT, or POLLERR|POLLHUP). SO_SNDTIMEO expiry gives
 *       EINPROGRESS.</li>
 *   <li>{@code send}: ESTABLISHED or CLOSE_WAIT (waits for a handshake in progress; EPIPE
 *       otherwise or after SHUT_WR; a pending error such as ECONNRESET once). Copies into the
 *       send buffer, blocking while it is full (SO_SNDTIMEO, MSG_DONTWAIT: partial count or
 *       EAGAIN).</li>
 *   <li>{@code recv}: returns queued data; 0 at end of stream (FIN, SHUT_RD, after a reset
 *       once the error was reported); MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT, SO_RCVTIMEO;
 *       ENOTCONN on a socket never connected.</li>
 *   <li>{@code shutdown}: SHUT_WR sends a FIN after the queued data; SHUT_RD makes recv
 *       return 0 (data still arriving is accepted); ENOTCONN when not connected.</li>
 *   <li>{@code close}: FIN after queued data; RST instead when unread data is discarded, or
 *       with SO_LINGER and a zero timeout; SO_LINGER with a timeout blocks until the FIN is
 *       acknowledged. The connection lives on (FIN_WAIT, TIME_WAIT) after the descriptor is
 *       gone.</li>
 * </ul>
 *
 * <p>The protocol work is split by concern: {@link Connect} (active open), {@link Accept}
 * (listening, SYN queue, accept queue, SYN cookies), {@link Sender} (segmentation, Nagle,
 * ACK processing, retransmission), {@link Receiver} (reassembly, receive window, delayed
 * ACKs), {@link Recovery} with {@link SackRecovery}, {@link RenoRecovery} and
 * {@link ProportionalRateReduction} (loss recovery), {@link RttEstimator}, {@link TcpTimers},
 * {@link TcpInput} (the RFC 9293 state machine) and {@link TcpOutput} (segments on the wire).
 */
public final class TcpSocket extends Socket {

    /** {@code sk_shutdown} bits. */
    static final int RCV_SHUTDOWN = 1;
    static final int SEND_SHUTDOWN = 2;
    static final int SHUTDOWN_MASK = 3;
    /** {@code struct socket} states. */
    static final int SS_UNCONNECTED = 1;
    static final int SS_CONNECTING = 2;
    static final int SS_CONNECTED = 3;

    final Tcp tcp;

    // ---- identity and tables ------------------------------------------------------------------
    int localAddress;
    int localPort;
    int remoteAddress;
    int remotePort;
    /** Holds localPort in the bind table. */
    boolean portBound;
    /** bind() chose the port (SOCK_BINDPORT_LOCK): it stays reserved after the connection ends. */
    boolean portUserLocked;
    /** In the connection (established / SYN_RECV / TIME_WAIT) table. */
    boolean hashed;
    TcpSocket hashNext;
    TcpSocket listenNext;
    /** Creation order, for deterministic listing. */
    final long id;

    // ---- state ----------------------------------------------------------------------------------
    TcpState state = TcpState.CLOSE;
    int sockState = SS_UNCONNECTED;
    int shutdownFlags;
    /** The application closed it ({@code SOCK_DEAD}); the kernel finishes the connection alone. */
    boolean orphan;
    /** A FIN arrived ({@code SOCK_DONE}). */
    boolean done;
    boolean everConnected;
    /** Soft error kept for a timeout ({@code sk_err_soft}). */
    int softErrorOnTimeout;

    // ---- listening and accepting -------------------------------------------------------------------
    /** SYN queue and accept queue while listening. */
    Accept acceptor;
    /** The listener that created this connection and has not handed it to accept() yet. */
    TcpSocket parent;

    // ---- options set by the application --------------------------------------------------------------
    boolean nodelay;
    boolean cork;
    int userMss;
    int keepIdleSeconds;
    int keepIntvlSeconds;
    int keepCount;
    int userTimeoutMs;
    /** SO_LINGER: -1 off, else seconds. */
    int lingerSeconds = -1;
    /**
     * TCP_DEFER_ACCEPT ({@code rskq_defer_accept}): while a request has seen fewer SYN-ACK
     * timeouts than this, a bare ACK does not complete it; only data does.
     */
    int deferAcceptRetrans;
    /** A bare ACK was dropped for TCP_DEFER_ACCEPT ({@code inet_rsk(req)->acked}). */
    boolean deferAcked;

    /** {@code secs_to_retrans}: seconds as SYN-ACK timeouts (1 s doubling, at most 120 s). */
    static int secsToRetrans(int seconds) {
        int res = 0;
        if (seconds > 0) {
            int timeout = (int) (TcpConstants.TIMEOUT_INIT / TcpConstants.S);
            int rtoMax = (int) (TcpConstants.RTO_MAX / TcpConstants.S);
            int period = timeout;
            res = 1;
            while (seconds > period && res < 255) {
                res++;
                timeout = Math.min(timeout << 1, rtoMax);
                period += timeout;
            }
        }
        return res;
    }

    /** {@code retrans_to_secs}: what getsockopt(TCP_DEFER_ACCEPT) reports. */
    static int retransToSecs(int retrans) {
        int period = 0;
        if (retrans > 0) {
            int timeout = (int) (TcpConstants.TIMEOUT_INIT / TcpConstants.S);
            int rtoMax = (int) (TcpConstants.RTO_MAX / TcpConstants.S);
            period = timeout;
            while (--retrans > 0) {
                timeout = Math.min(timeout << 1, rtoMax);
                period += timeout;
            }
        }
        return period;
    }

    /** TCP_LINGER2: 0 = tcp_fin_timeout, -1 = reset instead of FIN_WAIT2, else seconds. */
    int linger2;
    int synRetries;
    int windowClampUser;
    boolean rcvbufLocked;
    boolean sndbufLocked;
    long notSentLowat;
    int ttl;

    // ---- sysctls read when the socket is created (the hot path never parses sysctl text) ----------
    final long wmemMax;
    final long rmemMax;
    final boolean slowStartAfterIdle;
    final int pacingSsRatio;
    final int pacingCaRatio;
    final boolean moderateRcvbuf;
    final boolean dsackEnabled;
    final int compSackNr;
    final long compSackDelayNs;
    final long limitOutputBytes;
    final int minTsoSegs;
    final int earlyRetrans;
    final int tsoRttLog;

    // ---- negotiated ------------------------------------------------------------------------------
    boolean tsOk;
    boolean sackOk;
    boolean wscaleOk;
    boolean ecnOk;
    int sndWscale;
    int rcvWscale;
    /** Peer's MSS option (clamped by TCP_MAXSEG): {@code rx_opt.mss_clamp}. */
    int mssClamp = TcpConstants.MSS_DEFAULT;
    /** MSS we advertise ({@code advmss}). */
    int advmss;
    /** Current sending MSS, options excluded ({@code mss_cache}). */
    int mssCache = TcpConstants.MSS_DEFAULT;
    /** Path MTU the MSS was computed for ({@code icsk_pmtu_cookie}). */
    int pmtuCookie;
    int iss;
    int irs;

    // ---- timestamps (RFC 7323) --------------------------------------------------------------------
    int tsOffset;
    int tsRecent;
    long tsRecentStamp;
    /** The current segment carried a timestamp ({@code rx_opt.saw_tstamp}) and its values. */
    boolean sawTstamp;
    int rcvTsval;
    int rcvTsecr;

    // ---- ECN (RFC 3168) ------------------------------------------------------------------------------
    boolean ecnQueueCwr;
    boolean ecnDemandCwr;
    boolean ecnSeen;

    // ---- the parts ----------------------------------------------------------------------------------
    final Sender snd;
    final Receiver rcv;
    final TcpTimers timers;
    final Recovery recovery;
    final Rack rack;
    final RttEstimator rtt;
    final CongestionWindow cw = new CongestionWindow();
    CongestionControl cc;
    TcpTimeSeries series;

    /** Waiting in a TSQ list for its device to drain. */
    boolean tsqQueued;

    // ---- statistics (TCP_INFO) -----------------------------------------------------------------
    long segsOut;
    long segsIn;
    long lastOowAckJiffies;

    TcpSocket(Kernel kernel, Tcp tcp, long id) {
        super(kernel, AF_INET, SOCK_STREAM, IPPROTO_TCP);
        this.tcp = tcp;
        this.id = id;
        // tcp_init_sock: buffers start at tcp_rmem[1] / tcp_wmem[1].
        this.receiveBufferBytes = (int) kernel.sysctl().getLong("net.ipv4.tcp_rmem", 1);
        this.sendBufferBytes = (int) kernel.sysctl().getLong("net.ipv4.tcp_wmem", 1);
        this.ttl = effectiveTtl();
        this.notSentLowat = tcp.sysctl("net.ipv4.tcp_notsent_lowat");
        this.wmemMax = tcp.sysctl("net.ipv4.tcp_wmem", 2);
        this.rmemMax = tcp.sysctl("net.ipv4.tcp_rmem", 2);
        this.slowStartAfterIdle = tcp.sysctl("net.ipv4.tcp_slow_start_after_idle") != 0;
        this.pacingSsRatio = (int) tcp.sysctl("net.ipv4.tcp_pacing_ss_ratio");
        this.pacingCaRatio = (int) tcp.sysctl("net.ipv4.tcp_pacing_ca_ratio");
        this.moderateRcvbuf = tcp.sysctl("net.ipv4.tcp_moderate_rcvbuf") != 0;
        this.dsackEnabled = tcp.sysctl("net.ipv4.tcp_dsack") != 0;
        this.compSackNr = (int) tcp.sysctl("net.ipv4.tcp_comp_sack_nr");
        this.compSackDelayNs = tcp.sysctl("net.ipv4.tcp_comp_sack_delay_ns");
        this.limitOutputBytes = tcp.sysctl("net.ipv4.tcp_limit_output_bytes");
        this.minTsoSegs = (int) tcp.sysctl("net.ipv4.tcp_min_tso_segs");
        this.earlyRetrans = (int) tcp.sysctl("net.ipv4.tcp_early_retrans");
        this.tsoRttLog = (int) tcp.sysctl("net.ipv4.tcp_tso_rtt_log");
        this.rtt = new RttEstimator(tcp.sysctl("net.ipv4.tcp_rto_min_us"),
                tcp.sysctl("net.ipv4.tcp_min_rtt_wlen") * 1_000_000L);
        this.snd = new Sender(this);
        this.rcv = new Receiver(this);
        this.timers = new TcpTimers(this);
        this.recovery = new Recovery(this);
        this.rack = new Rack(this, (int) tcp.sysctl("net.ipv4.tcp_recovery"),
                (int) tcp.sysctl("net.ipv4.tcp_max_reordering"));
        this.cc = CongestionControls.create(kernel.sysctl().getString("net.ipv4.tcp_congestion_control"));
        if (this.cc == null) {
            this.cc = CongestionControls.create("cubic");
        }
        this.cw.cwnd = TcpConstants.INIT_CWND;
        this.cw.ssthresh = CongestionWindow.INFINITE_SSTHRESH;
    }

    /** The socket behind descriptor {@code fd} of a process, for TCP_INFO and other TCP-only calls. */
    public static TcpSocket of(Syscalls sys, int fd) throws ErrnoException {
        Socket s = sys.files().socket("getsockopt", fd);
        if (s instanceof TcpSocket t) {
            return t;
        }
        throw new ErrnoException("getsockopt", Errno.EOPNOTSUPP);
    }

    /** A connection created by a listener takes over the listener's options (sk_clone_lock). */
    void inheritFrom(TcpSocket l) {
        nodelay = l.nodelay;
        cork = l.cork;
        userMss = l.userMss;
        keepIdleSeconds = l.keepIdleSeconds;
        keepIntvlSeconds = l.keepIntvlSeconds;
        keepCount = l.keepCount;
        userTimeoutMs = l.userTimeoutMs;
        lingerSeconds = l.lingerSeconds;
        linger2 = l.linger2;
        synRetries = l.synRetries;
        windowClampUser = l.windowClampUser;
        notSentLowat = l.notSentLowat;
        rcvbufLocked = l.rcvbufLocked;
        sndbufLocked = l.sndbufLocked;
        receiveBufferBytes = l.receiveBufferBytes;
        sendBufferBytes = l.sendBufferBytes;
        keepAlive = l.keepAlive;
        reuseAddress = l.reuseAddress;
        reusePort = l.reusePort;
        boundDevice = l.boundDevice;
        ipTtl = l.ipTtl;
        ipTos = l.ipTos;
        recvErr = l.recvErr;
        ttl = l.ttl;
        if (!l.cc.name().equals(cc.name())) {
            CongestionControl c = CongestionControls.create(l.cc.name());
            if (c != null) {
                cc = c;
            }
        }
    }

    // ---- public views ---------------------------------------------------------------------------

    public TcpState state() {
        return state;
    }

    public int localAddressValue() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddressValue() {
        return remoteAddress;
    }

    public int remotePort() {
        return remotePort;
    }

    /** snd_una: the oldest unacknowledged sequence number (diagnostics and tests). */
    public int sendUnacknowledged() {
        return snd.una;
    }

    /** snd_nxt: the next sequence number to send. */
    public int sendNext() {
        return snd.nxt;
    }

    /** rcv_nxt: the next sequence number expected from the peer. */
    public int receiveNext() {
        return rcv.rcvNxt;
    }

    /** Bytes received and not read (ss Recv-Q; for a listener, the accept queue length). */
    public int receiveQueue() {
        return state == TcpState.LISTEN ? acceptor.acceptQueueLength() : rcv.available();
    }

    /** Bytes not yet acknowledged (ss Send-Q; for a listener, the backlog). */
    public int sendQueue() {
        return state == TcpState.LISTEN ? acceptor.backlog() : snd.buffer.endSeq() - snd.una;
    }

    /** A snapshot of the connection's state ({@code getsockopt(TCP_INFO)}). */
    public TcpInfo info() {
        TcpInfo i = new TcpInfo();
        fillInfo(i);
        return i;
    }

    /** Name of the congestion control module in use (TCP_CONGESTION). */
    public String congestionControl() {
        return cc.name();
    }

    /** The congestion control instance (for tests and introspection). */
    public CongestionControl congestionControlModule() {
        return cc;
    }

    /** Per-connection time series, or null when recording was off when the connection began. */
    public TcpTimeSeries timeSeries() {
        return series;
    }

    /** Starts recording the time series of this connection (if not already). */
    public TcpTimeSeries recordTimeSeries() {
        if (series == null) {
            series = new TcpTimeSeries();
            sampleSeries();
        }
        return series;
    }

    // ---- bind / listen / accept -----------------------------------------------------------------

    @Override
    public void bind(SockAddr address) throws ErrnoException {
        InetSockAddr a = inet("bind", address);
        if (portBound || state != TcpState.CLOSE) {
            throw new ErrnoException("bind", Errno.EINVAL);
        }
        if (a.address() != 0 && !kernel.ipv4().isLocalAddress(a.address())) {
            throw new ErrnoException("bind", Errno.EADDRNOTAVAIL);
        }
        tcp.bind(this, a.address(), a.port());
        portUserLocked = a.port() != 0;
    }

    @Override
    public void listen(int backlog) throws ErrnoException {
        if (sockState != SS_UNCONNECTED || (state != TcpState.CLOSE && state != TcpState.LISTEN)) {
            throw new ErrnoException("listen", Errno.EINVAL);
        }
        long somaxconn = kernel.sysctl().getLong("net.core.somaxconn");
        int max = (backlog < 0 || backlog > somaxconn) ? (int) somaxconn : backlog;
        if (state == TcpState.LISTEN) {
            acceptor.setBacklog(max);
            return;
        }
        if (!portBound) {
            tcp.bind(this, localAddress, 0);
        }
        tcp.checkListenConflict(this);
        acceptor = new Accept(this, max);
        setState(TcpState.LISTEN);
        tcp.hashListener(this);
    }

    @Override
    public Socket accept(MessageInfo peer) throws ErrnoException {
        if (state != TcpState.LISTEN) {
            throw new ErrnoException("accept", Errno.EINVAL);
        }
        long deadline = deadline(rcvTimeoutNanos);
        TcpSocket child;
        while ((child = acceptor.poll()) == null) {
            if (state != TcpState.LISTEN) {
                throw new ErrnoException("accept", Errno.EINVAL);
            }
            if (nonBlocking || kernel.host().nowNanos() >= deadline) {
                throw new ErrnoException("accept", Errno.EAGAIN);
            }
            sleep("accept", deadline);
        }
        child.parent = null;
        child.sockState = SS_CONNECTED;
        if (peer != null) {
            peer.srcAddress = child.remoteAddress;
            peer.srcPort = child.remotePort;
            peer.dstAddress = child.localAddress;
        }
        return child;
    }

    // ---- connect ----------------------------------------------------------------------------------

    @Override
    public void connect(SockAddr address) throws ErrnoException {
        if (address == null || address.family() == AF_UNSPEC) {
            disconnect();
            return;
        }
        InetSockAddr a = inet("connect", address);
        Errno err;
        switch (sockState) {
            case SS_CONNECTED -> throw new ErrnoException("connect", Errno.EISCONN);
            case SS_CONNECTING -> err = Errno.EALREADY;
            default -> {
                if (state != TcpState.CLOSE) {
                    throw new ErrnoException("connect", Errno.EISCONN);
                }
                if (a.port() == 0) {
                    throw new ErrnoException("connect", Errno.ECONNREFUSED);
                }
                Connect.start(this, a.address(), a.port());
                sockState = SS_CONNECTING;
                err = Errno.EINPROGRESS;
            }
        }
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECV) {
            if (nonBlocking) {
                throw new ErrnoException("connect", err);
            }
            long deadline = deadline(sndTimeoutNanos);
            while (state == TcpState.SYN_SENT || state == TcpState.SYN_RECV) {
                if (kernel.host().nowNanos() >= deadline) {
                    throw new ErrnoException("connect", err);
                }
                sleep("connect", deadline);
            }
        }
        if (state == TcpState.CLOSE) {
            int e = softError;
            softError = 0;
            sockState = SS_UNCONNECTED;
            disconnectQuietly();
            Errno en = Errno.of(e);
            throw new ErrnoException("connect", en == null ? Errno.ECONNABORTED : en);
        }
        sockState = SS_CONNECTED;
    }

    /** connect(AF_UNSPEC) / tcp_disconnect: aborts the connection, back to a fresh CLOSE socket. */
    private void disconnect() {
        if (state == TcpState.LISTEN) {
            acceptor.stop();
            tcp.unhashListener(this);
            setState(TcpState.CLOSE);
        } else if (state != TcpState.CLOSE && state != TcpState.TIME_WAIT) {
            if (state.isSynchronized() || state == TcpState.SYN_RECV) {
                tcp.output.sendActiveReset(this);
            }
            setState(TcpState.CLOSE);
            timers.clearAll();
        }
        disconnectQuietly();
        sockState = SS_UNCONNECTED;
        wakeUp();
    }

    private void disconnectQuietly() {
        shutdownFlags = 0;
        done = false;
        snd.purge();
        rcv.purge();
        remoteAddress = 0;
        remotePort = 0;
        if (!portUserLocked && portBound && !hashed) {
            tcp.unbind(this);
        }
    }

    // ---- data ---------------------------------------------------------------------------------

    @Override
    public int sendTo(byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        if ((flags & MSG_OOB) != 0) {
            // Urgent data (RFC 9293 §3.8.5) is not implemented: say so rather than send it inline.
            throw new ErrnoException("sendto", Errno.EOPNOTSUPP);
        }
        long deadline = deadline(sndTimeoutNanos);
        boolean dontWait = nonBlocking || (flags & MSG_DONTWAIT) != 0;
        while (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT) {
            if (softError != 0) {
                throwPendingError("sendto");
            }
            if (state != TcpState.SYN_SENT && state != TcpState.SYN_RECV) {
                throw new ErrnoException("sendto", Errno.EPIPE);
            }
            if (dontWait || kernel.host().nowNanos() >= deadline) {
                throw new ErrnoException("sendto", Errno.EAGAIN);
            }
            sleep("sendto", deadline);
        }
        if (softError != 0) {
            throwPendingError("sendto");
        }
        if ((shutdownFlags & SEND_SHUTDOWN) != 0) {
            throw new ErrnoException("sendto", Errno.EPIPE);
        }
        int copied = 0;
        while (copied < length) {
            int room = snd.room();
            if (room <= 0) {
                if (copied > 0) {
                    snd.pushAfterWrite(flags & ~MSG_MORE, true);
                }
                if (dontWait || kernel.host().nowNanos() >= deadline) {
                    if (copied > 0) {
                        return copied;
                    }
                    throw new ErrnoException("sendto", Errno.EAGAIN);
                }
                try {
                    sleep("sendto", deadline);
                } catch (ErrnoException e) {
                    if (copied > 0) {
                        return copied;
                    }
                    throw e;
                }
                if (softError != 0 || (shutdownFlags & SEND_SHUTDOWN) != 0
                        || (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT)) {
                    if (copied > 0) {
                        return copied;
                    }
                    if (softError != 0) {
                        throwPendingError("sendto");
                    }
                    throw new ErrnoException("sendto", Errno.EPIPE);
                }
                continue;
            }
            int n = Math.min(room, length - copied);
            snd.write(data, offset + copied, n);
            copied += n;
        }
        if (copied > 0) {
            snd.pushAfterWrite(flags, false);
        }
        return copied;
    }

    @Override
    public int receiveFrom(byte[] buffer, int offset, int length, int flags, MessageInfo info) throws ErrnoException {
        if (state == TcpState.LISTEN) {
            throw new ErrnoException("recvfrom", Errno.ENOTCONN);
        }
        if ((flags & MSG_OOB) != 0) {
            throw new ErrnoException("recvfrom", Errno.EINVAL);
        }
        boolean peek = (flags & MSG_PEEK) != 0;
        boolean dontWait = nonBlocking || (flags & MSG_DONTWAIT) != 0;
        int target = (flags & MSG_WAITALL) != 0 && !peek ? length : Math.min(1, length);
        long deadline = deadline(rcvTimeoutNanos);
        int copied = 0;
        while (true) {
            copied += rcv.read(buffer, offset + copied, length - copied, peek, peek ? copied : 0);
            if (copied >= target || length == 0) {
                break;
            }
            if (copied > 0) {
                if (softError != 0 || state == TcpState.CLOSE || (shutdownFlags & RCV_SHUTDOWN) != 0
                        || rcv.finReached() || dontWait || kernel.host().nowNanos() >= deadline) {
                    break;
                }
            } else {
                if (rcv.finReached()) {
                    break;
                }
                if (softError != 0) {
                    throwPendingError("recvfrom");
                }
                if ((shutdownFlags & RCV_SHUTDOWN) != 0) {
                    break;
                }
                if (state == TcpState.CLOSE || state == TcpState.TIME_WAIT) {
                    if (!everConnected) {
                        throw new ErrnoException("recvfrom", Errno.ENOTCONN);
                    }
                    break;
                }
                if (dontWait || kernel.host().nowNanos() >= deadline) {
                    throw new ErrnoException("recvfrom", Errno.EAGAIN);
                }
            }
            if (!peek) {
                rcv.cleanupAfterRead(copied);
            }
            try {
                sleep("recvfrom", deadline);
            } catch (ErrnoException e) {
                if (copied > 0) {
                    break;
                }
                throw e;
            }
        }
        if (!peek) {
            rcv.spaceAdjust();
            rcv.cleanupAfterRead(copied);
        }
        if (info != null) {
            info.srcAddress = remoteAddress;
            info.srcPort = remotePort;
            info.dstAddress = localAddress;
            info.fullLength = copied;
            info.timestampNanos = kernel.host().nowNanos();
        }
        return copied;
    }

    @Override
    public void shutdown(int how) throws ErrnoException {
        int bits = how + 1; // SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN, SHUT_RDWR -> both
        if (sockState == SS_CONNECTING) {
            sockState = (state == TcpState.SYN_SENT || state == TcpState.SYN_RECV || state == TcpState.CLOSE)
                    ? SS_UNCONNECTED : SS_CONNECTED;
        }
        Errno err = null;
        switch (state) {
            case CLOSE, TIME_WAIT -> {
                err = Errno.ENOTCONN;
                shutdownFlags |= bits;
            }
            case LISTEN -> {
                if ((bits & RCV_SHUTDOWN) != 0) {
                    disconnect();
                }
            }
            case SYN_SENT -> disconnect();
            default -> {
                shutdownFlags |= bits;
                if ((bits & SEND_SHUTDOWN) != 0 && (state == TcpState.ESTABLISHED || state == TcpState.SYN_RECV
                        || state == TcpState.CLOSE_WAIT)) {
                    closeState();
                    snd.queueFin();
                }
            }
        }
        wakeUp();
        if (err != null) {
            throw new ErrnoException("shutdown", err);
        }
    }

    /**
     * {@code tcp_close_state}: the state after our FIN (ESTABLISHED → FIN_WAIT1, CLOSE_WAIT →
     * LAST_ACK, SYN_RECV → FIN_WAIT1). Returns whether a FIN should be sent.
     */
    boolean closeState() {
        switch (state) {
            case ESTABLISHED, SYN_RECV -> {
                setState(TcpState.FIN_WAIT1);
                return true;
            }
            case CLOSE_WAIT -> {
                setState(TcpState.LAST_ACK);
                return true;
            }
            case SYN_SENT -> {
                setState(TcpState.CLOSE);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    protected void onClose() {
        shutdownFlags = SHUTDOWN_MASK;
        if (state == TcpState.LISTEN) {
            setState(TcpState.CLOSE);
            acceptor.stop();
            tcp.unhashListener(this);
            orphan = true;
            destroyIfClosed();
            return;
        }
        int unread = rcv.discardQueue();
        if (state == TcpState.CLOSE) {
            orphan = true;
            destroyIfClosed();
            return;
        }
        if (state == TcpState.TIME_WAIT) {
            orphan = true;
            return;
        }
        if (unread > 0) {
            // RFC 2525 §2.17: data thrown away must not look like an orderly close.
            tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_CLOSE);
            setState(TcpState.CLOSE);
            tcp.output.sendActiveReset(this);
        } else if (lingerSeconds == 0) {
            abortWithReset(SnmpCounter.TCP_EXT_TCP_ABORT_ON_DATA);
        } else if (closeState()) {
            snd.queueFin();
        }
        if (lingerSeconds > 0 && state != TcpState.CLOSE) {
            lingerWait(lingerSeconds * TcpConstants.S);
        }
        orphan = true;
        if (state == TcpState.FIN_WAIT2) {
            orphanedInFinWait2();
        }
        if (state == TcpState.CLOSE) {
            timers.clearAll();
            destroyIfClosed();
        }
    }

    /** SO_LINGER with a timeout: close() waits until the FIN is acknowledged (sk_stream_wait_close). */
    private void lingerWait(long timeout) {
        long deadline = kernel.host().nowNanos() + timeout;
        try {
            while (state == TcpState.FIN_WAIT1 || state == TcpState.CLOSING || state == TcpState.LAST_ACK) {
                if (kernel.host().nowNanos() >= deadline) {
                    return;
                }
                if (waitQueue().await(deadline) == WaitQueue.INTERRUPTED) {
                    return;
                }
            }
        } catch (RuntimeException processEnding) {
            // The process is exiting or was killed: close does not wait any longer.
        }
    }

    /** The application has gone and our FIN was acknowledged: time out FIN_WAIT2 (tcp_fin_timeout). */
    void orphanedInFinWait2() {
        if (linger2 < 0) {
            setState(TcpState.CLOSE);
            tcp.output.sendActiveReset(this);
            tcp.snmp.inc(SnmpCounter.TCP_EXT_TCP_ABORT_ON_LINGER);
            timers.clearAll();
            destroyIfClosed();
            return;
        }
        timers.armFinWait2(finTimeoutNanos());
    }

    long finTimeoutNanos() {
        long fin = tcp.sysctl("net.ipv4.tcp_fin_timeout") * TcpConstants.S;
        if (linger2 > 0) {
            fin = linger2 * TcpConstants.S;
        }
        long rto = rtoNanos();
        return Math.max(fin, (rto << 2) - (rto >> 1)); // tcp_fin_time: at least 3.5 RTO
    }

    /** Aborts with RST|ACK and CLOSE (abortive close, keepalive and user timeouts). */
    void abortWithReset(SnmpCounter why) {
        if (why != null) {
            tcp.snmp.inc(why);
        }
        if (state != TcpState.CLOSE && state != TcpState.LISTEN && state != TcpState.SYN_SENT) {
            tcp.output.sendActiveReset(this);
        }
        snd.purge();
        setState(TcpState.CLOSE);
        timers.clearAll();
        shutdownFlags = SHUTDOWN_MASK;
        wakeUp();
    }

    // ---- state changes -------------------------------------------------------------------------

    /** {@code tcp_set_state}: counters, and leaving the tables on CLOSE. */
    void setState(TcpState next) {
        TcpState old = state;
        if (old == next) {
            return;
        }
        state = next;
        switch (next) {
            case ESTABLISHED -> {
                tcp.snmp.inc(SnmpCounter.TCP_CURR_ESTAB);
                everConnected = true;
            }
            case CLOSE_WAIT -> {
                if (old == TcpState.SYN_RECV) {
                    tcp.snmp.inc(SnmpCounter.TCP_CURR_ESTAB);
                }
            }
            case CLOSE -> {
                if (old == TcpState.CLOSE_WAIT || old == TcpState.ESTABLISHED) {
                    tcp.snmp.inc(SnmpCounter.TCP_ESTAB_RESETS);
                }
                tcp.unhashConnection(this);
                if (portBound && !portUserLocked) {
                    tcp.unbind(this);
                }
            }
            default -> { }
        }
        if (next != TcpState.ESTABLISHED && next != TcpState.CLOSE_WAIT
                && (old == TcpState.ESTABLISHED || old == TcpState.CLOSE_WAIT)) {
            tcp.snmp.add(SnmpCounter.TCP_CURR_ESTAB, -1);
        }
    }

    /**
     * Whether this is a connection request still in its listener's SYN queue (Linux's request
     * sock, handled by {@code tcp_check_req}), not a socket in SYN_RECV of its own.
     */
    boolean isRequest() {
        return state == TcpState.SYN_RECV && parent != null && parent.acceptor.holdsRequest(this);
    }

    /** {@code tcp_done}: the connection is over (reset, timeout, last ACK). */
    void done() {
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECV) {
            tcp.snmp.inc(SnmpCounter.TCP_ATTEMPT_FAILS);
        }
        setState(TcpState.CLOSE);
        timers.clearAll();
        shutdownFlags = SHUTDOWN_MASK;
        if (parent != null) {
            parent.acceptor.childGone(this);
            parent = null;
        }
        wakeUp();
        destroyIfClosed();
    }

    /** {@code tcp_done_with_error}: ends the connection reporting {@code err} to the application. */
    void doneWithError(Errno err) {
        softError = err.value;
        done();
    }

    /** A connection whose application is gone and whose state is CLOSE disappears. */
    void destroyIfClosed() {
        if (orphan && state == TcpState.CLOSE) {
            if (portBound) {
                tcp.unbind(this);
            }
            snd.purge();
            rcv.purge();
            timers.clearAll();
        }
    }

    /** {@code tcp_time_wait}: enters TIME_WAIT (60 s) keeping the 4-tuple. */
    void enterTimeWait() {
        setState(TcpState.TIME_WAIT);
        tcp.snmp.inc(SnmpCounter.TCP_EXT_TW);
        shutdownFlags = SHUTDOWN_MASK;
        snd.purge();
        timers.clearAll();
        timers.armTimeWait(TcpConstants.TIMEWAIT_LEN);
        wakeUp();
    }

    /** TIME_WAIT is over: the 4-tuple is free again. */
    void timeWaitDone() {
        setState(TcpState.CLOSE);
        if (orphan && portBound) {
            tcp.unbind(this);
        }
        rcv.purge();
        wakeUp();
    }

    /** The application is woken: readiness changed. */
    void notifyApplication() {
        wakeUp();
    }

    // ---- MSS and path MTU ---------------------------------------------------------------------

    /** MSS option to send: advmss clamped by TCP_MAXSEG ({@code tcp_advertise_mss}). */
    int advertisedMss() {
        return advmss;
    }

    /**
     * {@code tcp_sync_mss}: the sending MSS for path MTU {@code pmtu}: MTU minus IP and TCP
     * headers, at most the peer's MSS, minus the option bytes every segment carries.
     */
    int syncMss(int pmtu) {
        int mss = pmtu - TcpConstants.IPV4_TCP_HEADERS;
        if (mss > mssClamp) {
            mss = mssClamp;
        }
        mss -= tsOk ? TcpConstants.TS_ALIGNED : 0;
        int maxWindow = snd.maxWindow;
        if (maxWindow > 0 && mss > maxWindow / 2 && maxWindow / 2 >= TcpConstants.MIN_SND_MSS) {
            // tcp_bound_to_half_wnd: never more than half the largest window seen.
            mss = Math.max(maxWindow / 2, TcpConstants.MIN_SND_MSS);
        }
        mss = Math.max(mss, TcpConstants.MIN_SND_MSS);
        pmtuCookie = pmtu;
        mssCache = mss;
        cw.mss = mss;
        return mss;
    }

    /** The path MTU towards the peer now (0 when there is no route). */
    int pathMtu() {
        return tcp.pathMtu(remoteAddress, localAddress, boundDeviceIndex());
    }

    // ---- time ----------------------------------------------------------------------------------

    long rtoNanos() {
        return rtt.rtoNanos();
    }

    /** The retransmission timeout with backoff applied, capped at 120 s ({@code inet_csk_rto_backoff}). */
    long rtoWithBackoff() {
        long rto = rtt.rtoNanos();
        int backoff = snd.backoff;
        if (backoff >= 20) {
            return TcpConstants.RTO_MAX;
        }
        return Math.min(rto << backoff, TcpConstants.RTO_MAX);
    }

    /** Updates the inputs congestion control sees. */
    void refreshCongestionInputs() {
        CongestionWindow w = cw;
        long now = tcp.now();
        w.nowUs = now / 1000;
        w.jiffies = now / TcpConstants.MS + 1_000_000L;
        w.srttUs = rtt.srttUs();
        w.minRttUs = rtt.minRttUs();
        w.mss = mssCache;
        w.sndUna = snd.una;
        w.sndNxt = snd.nxt;
        w.inFlight = snd.inFlight();
        w.packetsOut = snd.board.size();
    }

    /** Records a time-series sample when recording is on and something changed. */
    void sampleSeries() {
        TcpTimeSeries ts = series;
        if (ts != null) {
            ts.sample(tcp.now(), cw.cwnd, cw.ssthresh, rtt.srttUs(), snd.bytesInFlight());
        }
    }

    // ---- readiness ----------------------------------------------------------------------------------

    @Override
    public int readableBytes() {
        return rcv.available();
    }

    @Override
    public int ioctl(int request) throws ErrnoException {
        switch (request) {
            case SIOCINQ -> {
                if (state == TcpState.LISTEN) {
                    throw new ErrnoException("ioctl", Errno.EINVAL);
                }
                return rcv.available();
            }
            case SIOCOUTQ -> {
                if (state == TcpState.LISTEN) {
                    throw new ErrnoException("ioctl", Errno.EINVAL);
                }
                return state == TcpState.SYN_SENT || state == TcpState.SYN_RECV ? 0 : snd.buffer.endSeq() - snd.una;
            }
            case SIOCOUTQNSD -> {
                if (state == TcpState.LISTEN) {
                    throw new ErrnoException("ioctl", Errno.EINVAL);
                }
                return state == TcpState.SYN_SENT || state == TcpState.SYN_RECV ? 0 : snd.buffer.endSeq() - snd.nxt;
            }
            default -> throw new ErrnoException("ioctl", Errno.EINVAL);
        }
    }

    /** {@code tcp_poll}. */
    @Override
    public int pollEvents() {
        if (state == TcpState.LISTEN) {
            return acceptor.acceptQueueLength() > 0 ? POLLIN : 0;
        }
        int mask = 0;
        if (shutdownFlags == SHUTDOWN_MASK || state == TcpState.CLOSE) {
            mask |= POLLHUP;
        }
        if ((shutdownFlags & RCV_SHUTDOWN) != 0) {
            mask |= POLLIN | POLLRDHUP;
        }
        if (state != TcpState.SYN_SENT && state != TcpState.SYN_RECV) {
            if (rcv.available() > 0 || rcv.finReached()) {
                mask |= POLLIN;
            }
            if ((shutdownFlags & SEND_SHUTDOWN) == 0) {
                if (snd.isWritable()) {
                    mask |= POLLOUT;
                }
            } else {
                mask |= POLLOUT;
            }
        }
        if (softError != 0) {
            mask |= POLLERR;
        }
        return mask;
    }

    // ---- addresses ------------------------------------------------------------------------------

    @Override
    public SockAddr localAddress() {
        return new InetSockAddr(localAddress, localPort);
    }

    @Override
    public SockAddr remoteAddress() throws ErrnoException {
        if (state == TcpState.CLOSE || state == TcpState.LISTEN || state == TcpState.SYN_SENT || remotePort == 0) {
            if (!(state == TcpState.CLOSE && everConnected && remotePort != 0)) {
                throw new ErrnoException("getpeername", Errno.ENOTCONN);
            }
        }
        return new InetSockAddr(remoteAddress, remotePort);
    }

    // ---- options ---------------------------------------------------------------------------------

    @Override
    public long getOption(int level, int name) throws ErrnoException {
        if (level == SOL_TCP) {
            switch (name) {
                case TCP_NODELAY: return nodelay ? 1 : 0;
                case TCP_CORK: return cork ? 1 : 0;
                case TCP_MAXSEG: {
                    if (userMss != 0 && (state == TcpState.CLOSE || state == TcpState.LISTEN)) {
                        return userMss;
                    }
                    return mssCache;
                }
                case TCP_KEEPIDLE: return keepIdleNanos() / TcpConstants.S;
                case TCP_KEEPINTVL: return keepIntvlNanos() / TcpConstants.S;
                case TCP_KEEPCNT: return keepProbes();
                case TCP_SYNCNT: return synRetries != 0 ? synRetries : tcp.sysctl("net.ipv4.tcp_syn_retries");
                case TCP_LINGER2: return linger2 < 0 ? -1 : (linger2 == 0 ? tcp.sysctl("net.ipv4.tcp_fin_timeout") : linger2);
                case TCP_DEFER_ACCEPT: return retransToSecs(deferAcceptRetrans);
                case TCP_WINDOW_CLAMP: return rcv.windowClamp;
                case TCP_QUICKACK: return rcv.quickAckMode() ? 1 : 0;
                case TCP_USER_TIMEOUT: return userTimeoutMs;
                case TCP_NOTSENT_LOWAT: return notSentLowat;
                case TCP_INFO: throw new ErrnoException("getsockopt", Errno.EINVAL); // struct: use info()
                default: throw new ErrnoException("getsockopt", Errno.ENOPROTOOPT);
            }
        }
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_LINGER: return lingerSeconds;
                case SO_ACCEPTCONN: return state == TcpState.LISTEN ? 1 : 0;
                default: break;
            }
        }
        return super.getOption(level, name);
    }

    @Override
    public void setOption(int level, int name, long value) throws ErrnoException {
        if (level == SOL_TCP) {
            int v = (int) value;
            switch (name) {
                case TCP_NODELAY -> {
                    nodelay = value != 0;
                    if (nodelay && state.isSynchronized()) {
                        snd.push(Sender.NAGLE_PUSH);
                    }
                }
                case TCP_CORK -> {
                    boolean was = cork;
                    cork = value != 0;
                    if (was && !cork && state.isSynchronized()) {
                        snd.push(nodelay ? Sender.NAGLE_PUSH : Sender.NAGLE_NORMAL);
                    }
                }
                case TCP_MAXSEG -> {
                    if (value != 0 && (value < TcpConstants.MIN_MSS || value > TcpConstants.MAX_TCP_WINDOW)) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    userMss = v;
                }
                case TCP_KEEPIDLE -> {
                    if (value < 1 || value > TcpConstants.MAX_KEEPIDLE) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    keepIdleSeconds = v;
                    if (keepAlive && state != TcpState.CLOSE && state != TcpState.LISTEN) {
                        timers.resetKeepalive();
                    }
                }
                case TCP_KEEPINTVL -> {
                    if (value < 1 || value > TcpConstants.MAX_KEEPINTVL) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    keepIntvlSeconds = v;
                }
                case TCP_KEEPCNT -> {
                    if (value < 1 || value > TcpConstants.MAX_KEEPCNT) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    keepCount = v;
                }
                case TCP_SYNCNT -> {
                    if (value < 1 || value > 127) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    synRetries = v;
                }
                case TCP_LINGER2 -> linger2 = value < 0 ? -1 : (int) Math.min(value, tcp.sysctl("net.ipv4.tcp_fin_timeout"));
                case TCP_DEFER_ACCEPT -> deferAcceptRetrans = secsToRetrans(v);
                case TCP_WINDOW_CLAMP -> {
                    if (value < 0) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    windowClampUser = v;
                    rcv.setWindowClamp(v);
                }
                case TCP_QUICKACK -> {
                    if (value != 0) {
                        rcv.enterQuickAck();
                        if (state.isSynchronized()) {
                            rcv.sendAckIfScheduled();
                        }
                    } else {
                        rcv.enterPingpong();
                    }
                }
                case TCP_USER_TIMEOUT -> {
                    if (value < 0) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    userTimeoutMs = v;
                }
                case TCP_NOTSENT_LOWAT -> notSentLowat = value & 0xffffffffL;
                default -> throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
            }
            return;
        }
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_LINGER -> {
                    lingerSeconds = value < 0 ? -1 : (int) Math.min(value, Integer.MAX_VALUE / 1000);
                    return;
                }
                case SO_KEEPALIVE -> {
                    boolean was = keepAlive;
                    super.setOption(level, name, value);
                    if (!was && keepAlive && state != TcpState.CLOSE && state != TcpState.LISTEN) {
                        timers.resetKeepalive();
                    } else if (was && !keepAlive) {
                        timers.cancelKeepalive();
                    }
                    return;
                }
                case SO_RCVBUF -> {
                    super.setOption(level, name, value);
                    rcvbufLocked = true;
                    rcv.bufferChanged();
                    return;
                }
                case SO_SNDBUF -> {
                    super.setOption(level, name, value);
                    sndbufLocked = true;
                    wakeUp();
                    return;
                }
                default -> {
                    super.setOption(level, name, value);
                    return;
                }
            }
        }
        super.setOption(level, name, value);
        if (level == SOL_IP && name == IP_TTL) {
            ttl = effectiveTtl();
        }
    }

    @Override
    public void setOption(int level, int name, String value) throws ErrnoException {
        if (level == SOL_TCP && name == TCP_CONGESTION) {
            CongestionControl next = CongestionControls.create(value);
            if (next == null) {
                throw new ErrnoException("setsockopt", Errno.ENOENT);
            }
            if (next.name().equals(cc.name())) {
                return;
            }
            cc = next;
            if (state.isSynchronized() || state == TcpState.SYN_SENT || state == TcpState.SYN_RECV) {
                refreshCongestionInputs();
                cc.init(cw);
            }
            return;
        }
        super.setOption(level, name, value);
    }

    @Override
    public String getOptionString(int level, int name) throws ErrnoException {
        if (level == SOL_TCP && name == TCP_CONGESTION) {
            return cc.name();
        }
        return super.getOptionString(level, name);
    }

    long keepIdleNanos() {
        return (keepIdleSeconds > 0 ? keepIdleSeconds : tcp.sysctl("net.ipv4.tcp_keepalive_time")) * TcpConstants.S;
    }

    long keepIntvlNanos() {
        return (keepIntvlSeconds > 0 ? keepIntvlSeconds : tcp.sysctl("net.ipv4.tcp_keepalive_intvl")) * TcpConstants.S;
    }

    int keepProbes() {
        return keepCount > 0 ? keepCount : (int) tcp.sysctl("net.ipv4.tcp_keepalive_probes");
    }

    boolean keepAliveEnabled() {
        return keepAlive;
    }

    int effectiveSndbuf() {
        return sendBufferBytes;
    }

    void setSendBufferBytes(int bytes) {
        sendBufferBytes = bytes;
    }

    void setReceiveBufferBytes(int bytes) {
        receiveBufferBytes = bytes;
    }

    // ---- TCP_INFO ------------------------------------------------------------------------------------

    void fillInfo(TcpInfo i) {
        long now = tcp.now();
        i.state = state.linux;
        i.caState = recovery.caState;
        i.retransmits = snd.retransmits;
        i.probes = snd.probesOut;
        i.backoff = snd.backoff;
        int options = 0;
        if (tsOk) {
            options |= TcpInfo.OPT_TIMESTAMPS;
        }
        if (sackOk) {
            options |= TcpInfo.OPT_SACK;
        }
        if (wscaleOk) {
            options |= TcpInfo.OPT_WSCALE;
            i.sndWscale = sndWscale;
            i.rcvWscale = rcvWscale;
        }
        if (ecnOk) {
            options |= TcpInfo.OPT_ECN;
        }
        if (ecnSeen) {
            options |= TcpInfo.OPT_ECN_SEEN;
        }
        i.options = options;
        i.rtoUs = rtoWithBackoff() / 1000;
        i.atoUs = rcv.ato / 1000;
        i.sndMss = mssCache;
        i.rcvMss = rcv.rcvMss;
        i.unacked = snd.board.size();
        i.sacked = snd.board.sackedOut;
        i.lost = snd.board.lostOut;
        i.retrans = snd.board.retransOut;
        i.lastDataSentMs = (now - snd.lastDataSent) / TcpConstants.MS;
        i.lastDataRecvMs = (now - rcv.lastDataRecv) / TcpConstants.MS;
        i.lastAckRecvMs = (now - snd.lastAckRecv) / TcpConstants.MS;
        i.pmtu = pmtuCookie;
        i.rcvSsthresh = rcv.rcvSsthresh;
        i.rttUs = rtt.srttUs();
        i.rttvarUs = rtt.rttvarUs();
        i.sndSsthresh = cw.ssthresh;
        i.sndCwnd = cw.cwnd;
        i.advmss = advmss;
        i.reordering = snd.reordering;
        i.rcvRttUs = rcv.rcvRttUs;
        i.rcvSpace = rcv.spaceEstimate;
        i.totalRetrans = snd.totalRetrans;
        i.pacingRate = cw.pacingRate;
        i.bytesAcked = snd.bytesAcked;
        i.bytesReceived = rcv.bytesReceived;
        i.segsOut = segsOut;
        i.segsIn = segsIn;
        i.notsentBytes = Math.max(0, snd.buffer.endSeq() - snd.nxt);
        i.minRttUs = rtt.minRttUs();
        i.dataSegsIn = rcv.dataSegsIn;
        i.dataSegsOut = snd.dataSegsOut;
        i.deliveryRate = snd.deliveryRate;
        i.delivered = snd.delivered;
        i.bytesSent = snd.bytesSent;
        i.bytesRetrans = snd.bytesRetrans;
        i.sndWnd = snd.wnd;
        i.rcvWnd = rcv.rcvWnd;
        i.totalRto = snd.totalRto;
        i.congestionControl = cc.name();
    }

    static InetSockAddr inet(String call, SockAddr a) throws ErrnoException {
        if (a instanceof InetSockAddr i) {
            return i;
        }
        throw new ErrnoException(call, Errno.EAFNOSUPPORT);
    }

    @Override
    public String toString() {
        return "tcp " + state.ssName + " " + Ipv4Address.format(localAddress) + ":" + localPort + " -> "
                + Ipv4Address.format(remoteAddress) + ":" + remotePort;
    }
}
