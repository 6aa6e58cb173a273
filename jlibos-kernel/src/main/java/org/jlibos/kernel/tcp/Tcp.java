package org.jlibos.kernel.tcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.random.RandomGenerator;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.icmp.IcmpErrors;
import org.jlibos.kernel.inet.PortAllocator;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.ipv4.Ipv4Protocol;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;

/**
 * TCP of one kernel (RFC 9293; Linux {@code net/ipv4/tcp_ipv4.c} and {@code inet_hashtables.c}):
 * the tables that find a connection for an arriving segment (established by 4-tuple,
 * listeners by port, the bind table by port), checksum validation, resets for segments no
 * socket takes, ICMP errors, ephemeral ports, initial sequence numbers and timestamp offsets.
 *
 * <p>Lookups go through primitive-keyed hash maps: a connection's key packs the remote address,
 * remote port and local port into a {@code long}; sockets that differ only in the local address
 * chain behind one key.
 */
public final class Tcp implements Ipv4Protocol {

    private final Kernel kernel;
    private final Ipv4 ipv4;
    final Snmp snmp;
    final TcpOutput output;
    private final TcpSegment segment = new TcpSegment();
    private final PortAllocator ports;
    private final RandomGenerator isnRandom;
    private final RandomGenerator tsRandom;
    final SynCookies cookies;
    private final Long2ObjectHashMap<TcpSocket> connections = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<TcpSocket> listeners = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<ArrayList<TcpSocket>> bound = new Int2ObjectHashMap<>();
    private final LinkedHashSet<TcpSocket> sockets = new LinkedHashSet<>();
    private long nextSocketId;
    /** ISN for the next passive connection when a SYN reopened a TIME_WAIT 4-tuple, else 0. */
    private int isnHint;
    private boolean recordTimeSeries;
    private final List<TcpSocket> recorded = new ArrayList<>();

    public Tcp(Kernel kernel, Ipv4 ipv4, Snmp snmp) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
        this.snmp = snmp;
        this.output = new TcpOutput(this, ipv4, snmp);
        this.ports = new PortAllocator(kernel, "tcp:ephemeral-port");
        this.isnRandom = kernel.host().random("tcp:isn");
        this.tsRandom = kernel.host().random("tcp:ts-offset");
        this.cookies = new SynCookies(kernel.host().random("tcp:syncookie-secret"));
    }

    /** socket(AF_INET, SOCK_STREAM, 0). */
    public TcpSocket newSocket() {
        TcpSocket s = new TcpSocket(kernel, this, nextSocketId++);
        if (recordTimeSeries) {
            s.recordTimeSeries();
            recorded.add(s);
        }
        return s;
    }

    /**
     * Every socket created while recording was on, closed ones included, in creation order:
     * the run results collect their time series after the run.
     */
    public List<TcpSocket> recordedSockets() {
        return List.copyOf(recorded);
    }

    /** Whether connections created from now on record their time series ({@link TcpSocket#timeSeries()}). */
    public void setRecordTimeSeries(boolean on) {
        this.recordTimeSeries = on;
    }

    public boolean recordsTimeSeries() {
        return recordTimeSeries;
    }

    /** Every socket holding a port (listening, connected, TIME_WAIT, bound) in creation order, for ss. */
    public List<TcpSocket> sockets() {
        List<TcpSocket> all = new ArrayList<>(sockets);
        all.sort((a, b) -> Long.compare(a.id, b.id));
        return all;
    }

    Kernel kernel() {
        return kernel;
    }

    Ipv4 ipv4() {
        return ipv4;
    }

    long now() {
        return kernel.host().nowNanos();
    }

    long sysctl(String name) {
        return kernel.sysctl().getLong(name);
    }

    long sysctl(String name, int index) {
        return kernel.sysctl().getLong(name, index);
    }

    int defaultTtl() {
        return (int) kernel.sysctl().getLong("net.ipv4.ip_default_ttl");
    }

    // ---- TCP small queues -----------------------------------------------------------------------

    /** Sockets throttled by TSQ, per ifindex, in the order they were throttled. */
    private TcpSocket[][] tsqWaiting = new TcpSocket[4][];
    private int[] tsqCount = new int[4];
    private TcpSocket[] tsqScratch = new TcpSocket[8];

    /** {@code tcp_small_queue_check} throttled {@code s}: resume it when device {@code ifindex} sends a frame. */
    void tsqThrottle(TcpSocket s, int ifindex) {
        if (s.tsqQueued) {
            return;
        }
        if (ifindex >= tsqWaiting.length) {
            int n = Math.max(ifindex + 1, tsqWaiting.length * 2);
            tsqWaiting = java.util.Arrays.copyOf(tsqWaiting, n);
            tsqCount = java.util.Arrays.copyOf(tsqCount, n);
        }
        TcpSocket[] list = tsqWaiting[ifindex];
        if (list == null) {
            list = new TcpSocket[4];
            tsqWaiting[ifindex] = list;
        }
        int c = tsqCount[ifindex];
        if (c == list.length) {
            list = java.util.Arrays.copyOf(list, c * 2);
            tsqWaiting[ifindex] = list;
        }
        list[c] = s;
        tsqCount[ifindex] = c + 1;
        s.tsqQueued = true;
    }

    /**
     * Device {@code ifindex} finished sending a frame (the TX completion that runs Linux's TSQ
     * tasklet): throttled sockets get another chance to send.
     */
    public void transmitComplete(int ifindex) {
        if (ifindex >= tsqCount.length) {
            return;
        }
        int c = tsqCount[ifindex];
        if (c == 0) {
            return;
        }
        TcpSocket[] list = tsqWaiting[ifindex];
        tsqCount[ifindex] = 0;
        if (c == 1) {
            TcpSocket s = list[0];
            list[0] = null;
            s.tsqQueued = false;
            s.snd.tsqResume();
            return;
        }
        if (tsqScratch.length < c) {
            tsqScratch = new TcpSocket[Math.max(c, tsqScratch.length * 2)];
        }
        TcpSocket[] run = tsqScratch;
        for (int i = 0; i < c; i++) {
            run[i] = list[i];
            list[i] = null;
        }
        for (int i = 0; i < c; i++) {
            TcpSocket s = run[i];
            run[i] = null;
            s.tsqQueued = false;
            s.snd.tsqResume();
        }
    }

    /** A fresh initial sequence number ({@code secure_tcp_seq}: per connection, unpredictable). */
    int newIsn() {
        return isnRandom.nextInt();
    }

    /** TIME_WAIT reuse: the new incarnation's ISN must lie above the old one's sequence space. */
    void setIsnHint(int isn) {
        isnHint = isn == 0 ? 1 : isn;
    }

    int takeIsnHint() {
        int h = isnHint;
        isnHint = 0;
        return h;
    }

    /** A fresh per-connection timestamp offset (tcp_timestamps=1: random offsets). */
    int newTsOffset() {
        return kernel.sysctl().getLong("net.ipv4.tcp_timestamps") == 1 ? tsRandom.nextInt() : 0;
    }

    /** The MTU of the path to {@code dst}, or 0 without a route. */
    int pathMtu(int dst, int src, int oif) {
        Route r = ipv4.routeOutput(dst, src, oif);
        if (r == null || Ipv4.routeErrno(r) != null) {
            return 0;
        }
        if (r.type() == Route.Type.LOCAL) {
            NetDevice lo = kernel.device(1);
            return lo == null ? Kernel.LOOPBACK_MTU : lo.mtu();
        }
        return ipv4.pathMtu(r, dst);
    }

    // ---- tables ---------------------------------------------------------------------------------

    private static long key(int remoteAddress, int remotePort, int localPort) {
        return ((long) remoteAddress << 32) | ((long) (remotePort & 0xffff) << 16) | (localPort & 0xffff);
    }

    TcpSocket lookupConnection(int remoteAddress, int remotePort, int localAddress, int localPort) {
        TcpSocket s = connections.get(key(remoteAddress, remotePort, localPort));
        while (s != null && s.localAddress != localAddress) {
            s = s.hashNext;
        }
        return s;
    }

    void hashConnection(TcpSocket s) {
        if (s.hashed) {
            return;
        }
        long k = key(s.remoteAddress, s.remotePort, s.localPort);
        s.hashNext = connections.get(k);
        connections.put(k, s);
        s.hashed = true;
        sockets.add(s);
    }

    void unhashConnection(TcpSocket s) {
        if (!s.hashed) {
            return;
        }
        long k = key(s.remoteAddress, s.remotePort, s.localPort);
        TcpSocket head = connections.get(k);
        if (head == s) {
            if (s.hashNext == null) {
                connections.remove(k);
            } else {
                connections.put(k, s.hashNext);
            }
        } else {
            for (TcpSocket p = head; p != null; p = p.hashNext) {
                if (p.hashNext == s) {
                    p.hashNext = s.hashNext;
                    break;
                }
            }
        }
        s.hashNext = null;
        s.hashed = false;
        if (!s.portBound) {
            sockets.remove(s);
        }
    }

    TcpSocket lookupListener(int localAddress, int localPort, int remoteAddress, int remotePort) {
        TcpSocket best = null;
        int bestScore = -1;
        int reuseCount = 0;
        for (TcpSocket s = listeners.get(localPort); s != null; s = s.listenNext) {
            int score;
            if (s.localAddress == localAddress) {
                score = 2;
            } else if (s.localAddress == 0) {
                score = 1;
            } else {
                continue;
            }
            if (score > bestScore) {
                best = s;
                bestScore = score;
                reuseCount = 1;
            } else if (score == bestScore && s.reusePortEnabled() && best.reusePortEnabled()) {
                reuseCount++;
            }
        }
        if (best != null && reuseCount > 1) {
            // SO_REUSEPORT group: a hash of the 4-tuple picks a member, so a flow always lands on one.
            int h = remoteAddress * 0x9e3779b9 ^ remotePort;
            h = h * 0x85ebca6b ^ localAddress;
            int pick = Math.floorMod(h ^ (h >>> 16), reuseCount);
            for (TcpSocket s = listeners.get(localPort); s != null; s = s.listenNext) {
                int score = s.localAddress == localAddress ? 2 : (s.localAddress == 0 ? 1 : -1);
                if (score == bestScore && s.reusePortEnabled() && pick-- == 0) {
                    return s;
                }
            }
        }
        return best;
    }

    void hashListener(TcpSocket s) {
        // Keep creation order in the chain so lookups are deterministic.
        TcpSocket head = listeners.get(s.localPort);
        s.listenNext = null;
        if (head == null) {
            listeners.put(s.localPort, s);
        } else {
            TcpSocket p = head;
            while (p.listenNext != null) {
                p = p.listenNext;
            }
            p.listenNext = s;
        }
    }

    void unhashListener(TcpSocket s) {
        TcpSocket head = listeners.get(s.localPort);
        if (head == s) {
            if (s.listenNext == null) {
                listeners.remove(s.localPort);
            } else {
                listeners.put(s.localPort, s.listenNext);
            }
        } else {
            for (TcpSocket p = head; p != null; p = p.listenNext) {
                if (p.listenNext == s) {
                    p.listenNext = s.listenNext;
                    break;
                }
            }
        }
        s.listenNext = null;
    }

    // ---- ports ----------------------------------------------------------------------------------

    /** bind(): takes {@code port} (0: an ephemeral one, odd first as Linux) for {@code s}. */
    void bind(TcpSocket s, int address, int port) throws ErrnoException {
        if (port == 0) {
            int p = ports.allocate(c -> (c & 1) == 1 && !conflicts(s, address, c));
            if (p < 0) {
                p = ports.allocate(c -> !conflicts(s, address, c));
            }
            if (p < 0) {
                throw new ErrnoException("bind", Errno.EADDRINUSE);
            }
            port = p;
        } else if (conflicts(s, address, port)) {
            throw new ErrnoException("bind", Errno.EADDRINUSE);
        }
        s.localAddress = address;
        s.localPort = port;
        addBound(s);
    }

    /** A listener's new connection shares its port in the bind table ({@code __inet_inherit_port}). */
    void inheritPort(TcpSocket child, TcpSocket listener) {
        child.portUserLocked = listener.portUserLocked;
        addBound(child);
    }

    private void addBound(TcpSocket s) {
        ArrayList<TcpSocket> list = bound.get(s.localPort);
        if (list == null) {
            list = new ArrayList<>(2);
            bound.put(s.localPort, list);
        }
        list.add(s);
        s.portBound = true;
        sockets.add(s);
    }

    void unbind(TcpSocket s) {
        if (!s.portBound) {
            return;
        }
        ArrayList<TcpSocket> list = bound.get(s.localPort);
        if (list != null) {
            list.remove(s);
            if (list.isEmpty()) {
                bound.remove(s.localPort);
            }
        }
        s.portBound = false;
        if (!s.hashed) {
            sockets.remove(s);
        }
    }

    /**
     * Linux's bind conflict rule ({@code inet_bind_conflict}): another socket on the port with an
     * overlapping address conflicts unless both set SO_REUSEADDR and the other is not listening,
     * or both set SO_REUSEPORT.
     */
    private boolean conflicts(TcpSocket s, int address, int port) {
        ArrayList<TcpSocket> list = bound.get(port);
        if (list == null) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            TcpSocket o = list.get(i);
            if (o == s) {
                continue;
            }
            if (o.boundDeviceIndex() != 0 && s.boundDeviceIndex() != 0 && o.boundDeviceIndex() != s.boundDeviceIndex()) {
                continue;
            }
            boolean overlap = o.localAddress == 0 || address == 0 || o.localAddress == address;
            if (!overlap) {
                continue;
            }
            if (s.reuseAddressEnabled() && o.reuseAddressEnabled() && o.state != TcpState.LISTEN) {
                continue;
            }
            if (s.reusePortEnabled() && o.reusePortEnabled()) {
                continue;
            }
            return true;
        }
        return false;
    }

    /** listen(): another listener on an overlapping address makes it EADDRINUSE (unless SO_REUSEPORT). */
    void checkListenConflict(TcpSocket s) throws ErrnoException {
        ArrayList<TcpSocket> list = bound.get(s.localPort);
        if (list == null) {
            return;
        }
        for (TcpSocket o : list) {
            if (o != s && o.state == TcpState.LISTEN
                    && (o.localAddress == 0 || s.localAddress == 0 || o.localAddress == s.localAddress)
                    && !(s.reusePortEnabled() && o.reusePortEnabled())) {
                throw new ErrnoException("listen", Errno.EADDRINUSE);
            }
        }
    }

    /**
     * connect() without bind(): an ephemeral port giving a unique 4-tuple, even ports first
     * ({@code __inet_hash_connect}); ports bound explicitly by bind() are never shared.
     */
    void autobindForConnect(TcpSocket s, int remoteAddress, int remotePort) throws ErrnoException {
        int local = s.localAddress;
        int p = ports.allocate(c -> (c & 1) == 0 && connectPortFree(local, c, remoteAddress, remotePort));
        if (p < 0) {
            p = ports.allocate(c -> connectPortFree(local, c, remoteAddress, remotePort));
        }
        if (p < 0) {
            throw new ErrnoException("connect", Errno.EADDRNOTAVAIL);
        }
        s.localPort = p;
        addBound(s);
    }

    private boolean connectPortFree(int local, int port, int remoteAddress, int remotePort) {
        ArrayList<TcpSocket> list = bound.get(port);
        if (list != null) {
            for (TcpSocket o : list) {
                if (o.portUserLocked || o.state == TcpState.LISTEN || !o.hashed) {
                    return false;
                }
            }
        }
        return lookupConnection(remoteAddress, remotePort, local, port) == null;
    }

    /** Whether the 4-tuple is taken by another connection (connect() after an explicit bind). */
    boolean tupleInUse(TcpSocket s, int remoteAddress, int remotePort) {
        TcpSocket o = lookupConnection(remoteAddress, remotePort, s.localAddress, s.localPort);
        return o != null && o != s;
    }

    // ---- input ------------------------------------------------------------------------------------

    /** {@code tcp_v4_rcv}: a segment for us arrived (head at the TCP header). */
    @Override
    public void receive(NetDevice dev, PacketBuffer p, int ipOffset) {
        byte[] b = p.array();
        int off = p.head();
        int len = p.length();
        if (len < TcpHeader.MIN_LENGTH) {
            return;
        }
        snmp.inc(SnmpCounter.TCP_IN_SEGS);
        int src = Ipv4Header.src(b, ipOffset);
        int dst = Ipv4Header.dst(b, ipOffset);
        int verdict = TcpHeader.validateIpv4(b, off, len, src, dst);
        if (verdict != TcpHeader.OK) {
            switch (verdict) {
                case TcpHeader.BAD_CHECKSUM -> {
                    snmp.inc(SnmpCounter.TCP_IN_CSUM_ERRORS);
                    snmp.inc(SnmpCounter.TCP_IN_ERRS);
                }
                case TcpHeader.BAD_DATA_OFFSET -> snmp.inc(SnmpCounter.TCP_IN_ERRS);
                default -> { }
            }
            return;
        }
        if (dst == Ipv4Address.BROADCAST || Ipv4Address.isMulticast(dst) || !ipv4.isLocalAddress(dst)) {
            return; // not PACKET_HOST
        }
        TcpSegment seg = segment;
        seg.parse(dev, p, ipOffset);
        TcpSocket s = lookupConnection(src, seg.srcPort, dst, seg.dstPort);
        if (s != null) {
            if (s.state == TcpState.TIME_WAIT) {
                if (!TcpInput.timeWaitArrived(s, seg)) {
                    return;
                }
                // A new SYN took over the 4-tuple: hand it to a listener.
            } else {
                TcpInput.segmentArrived(s, seg);
                return;
            }
        }
        TcpSocket listener = lookupListener(dst, seg.dstPort, src, seg.srcPort);
        if (listener != null) {
            listener.acceptor.segmentArrived(seg);
            return;
        }
        output.sendResetReply(seg);
    }

    /** {@code tcp_v4_err}: an ICMP error quoted one of our segments. */
    @Override
    public void icmpError(int type, int code, int info, byte[] q, int qoff, int qlen) {
        int hl = Ipv4Header.headerLength(q, qoff);
        int src = Ipv4Header.src(q, qoff);
        int dst = Ipv4Header.dst(q, qoff);
        int sport = TcpHeader.srcPort(q, qoff + hl);
        int dport = TcpHeader.dstPort(q, qoff + hl);
        int seq = TcpHeader.seq(q, qoff + hl);
        TcpSocket s = lookupConnection(dst, dport, src, sport);
        if (s == null || s.state == TcpState.TIME_WAIT) {
            return;
        }
        if (s.isRequest()) {
            // A request socket: an error about our SYN-ACK drops the request if it matches.
            if (seq == s.iss && type == IcmpV4Header.DEST_UNREACHABLE && code != IcmpV4Header.UNREACH_FRAG_NEEDED) {
                s.done();
            }
            return;
        }
        if (s.state != TcpState.SYN_SENT && !Seq.between(seq, s.snd.una, s.snd.nxt)) {
            return; // OutOfWindowIcmps
        }
        Errno err;
        switch (type) {
            case IcmpV4Header.PARAMETER_PROBLEM -> err = Errno.EPROTO;
            case IcmpV4Header.DEST_UNREACHABLE -> {
                if (code > 15) {
                    return;
                }
                if (code == IcmpV4Header.UNREACH_FRAG_NEEDED) {
                    if (s.state != TcpState.LISTEN) {
                        s.snd.mtuReduced();
                    }
                    return;
                }
                err = IcmpErrors.errno(type, code);
            }
            case IcmpV4Header.TIME_EXCEEDED -> err = Errno.EHOSTUNREACH;
            default -> {
                return;
            }
        }
        if (s.state == TcpState.SYN_SENT || s.state == TcpState.SYN_RECV) {
            s.doneWithError(err);
            return;
        }
        if (s.recvErrEnabled()) {
            s.reportError(err);
        } else {
            s.softErrorOnTimeout = err.value;
        }
    }
}
