package org.jlibos.kernel.icmp;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.ipv4.Ipv4Protocol;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;

/**
 * ICMP for IPv4 (RFC 792, RFC 1122 3.2.2, RFC 1812 4.3; Linux {@code net/ipv4/icmp.c}): echo
 * replies, errors about received packets with Linux's rules and rate limits, and delivery of
 * received errors to the protocol that sent the quoted packet.
 */
public final class Icmp implements Ipv4Protocol, Ipv4.IcmpSender {

    /** An ICMP error quotes at most this much in total (RFC 1812 4.3.2.3: 576-byte datagram). */
    static final int MAX_ERROR_DATAGRAM = 576;
    private static final int IPTOS_PREC_INTERNETCONTROL = 0xc0;

    private final Kernel kernel;
    private final Ipv4 ipv4;
    private final Snmp snmp;
    private final IcmpRateLimiter limiter = new IcmpRateLimiter();
    private final Ipv4.SendOptions replyOptions = new Ipv4.SendOptions();
    private EchoReplyListener echoListener;

    /** Where echo replies go besides raw sockets: ping (ICMP datagram) sockets. */
    public interface EchoReplyListener {
        void echoReply(NetDevice dev, PacketBuffer packet, int ipOffset);
    }

    public Icmp(Kernel kernel, Ipv4 ipv4, Snmp snmp) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
        this.snmp = snmp;
        replyOptions.forceNoDf = true;
        replyOptions.broadcastAllowed = true;
    }

    /** Hosts the per-destination rate limiter remembers now (bounded). */
    public int rateLimitedHosts() {
        return limiter.peerCount();
    }

    public void setEchoReplyListener(EchoReplyListener l) {
        this.echoListener = l;
    }

    @Override
    public void receive(NetDevice dev, PacketBuffer p, int ipOffset) {
        byte[] b = p.array();
        int off = p.head();
        int len = p.length();
        if (len < IcmpV4Header.LENGTH) {
            snmp.inc(SnmpCounter.ICMP_IN_ERRORS);
            return;
        }
        if (!IcmpV4Header.isChecksumValid(b, off, len)) {
            snmp.inc(SnmpCounter.ICMP_IN_CSUM_ERRORS);
            snmp.inc(SnmpCounter.ICMP_IN_ERRORS);
            return;
        }
        snmp.inc(SnmpCounter.ICMP_IN_MSGS);
        int type = IcmpV4Header.type(b, off);
        switch (type) {
            case IcmpV4Header.ECHO_REQUEST -> {
                snmp.inc(SnmpCounter.ICMP_IN_ECHOS);
                echoRequest(dev, p, ipOffset);
            }
            case IcmpV4Header.ECHO_REPLY -> {
                snmp.inc(SnmpCounter.ICMP_IN_ECHO_REPS);
                if (echoListener != null) {
                    echoListener.echoReply(dev, p, ipOffset);
                }
            }
            case IcmpV4Header.DEST_UNREACHABLE -> {
                snmp.inc(SnmpCounter.ICMP_IN_DEST_UNREACHS);
                error(p, type);
            }
            case IcmpV4Header.TIME_EXCEEDED -> {
                snmp.inc(SnmpCounter.ICMP_IN_TIME_EXCDS);
                error(p, type);
            }
            case IcmpV4Header.PARAMETER_PROBLEM -> {
                snmp.inc(SnmpCounter.ICMP_IN_PARM_PROBS);
                error(p, type);
            }
            default -> { }
        }
    }

    private void echoRequest(NetDevice dev, PacketBuffer p, int ipOffset) {
        byte[] b = p.array();
        if (kernel.sysctl().getBoolean("net.ipv4.icmp_echo_ignore_all")) {
            return;
        }
        int dst = Ipv4Header.dst(b, ipOffset);
        boolean toBroadcast = !ipv4.isLocalAddress(dst);
        if (toBroadcast && kernel.sysctl().getBoolean("net.ipv4.icmp_echo_ignore_broadcasts")) {
            return;
        }
        int len = p.length();
        PacketBuffer reply = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + len);
        int ro = reply.put(len);
        byte[] r = reply.array();
        System.arraycopy(b, p.head(), r, ro, len);
        IcmpV4Header.setType(r, ro, IcmpV4Header.ECHO_REPLY);
        IcmpV4Header.fillChecksum(r, ro, len);
        int src = toBroadcast ? 0 : dst;
        replyOptions.tos = Ipv4Header.tos(b, ipOffset);
        if (ipv4.send(reply, src, Ipv4Header.src(b, ipOffset), 1, replyOptions) == 0) {
            snmp.inc(SnmpCounter.ICMP_OUT_MSGS);
            snmp.inc(SnmpCounter.ICMP_OUT_ECHO_REPS);
        }
    }

    /** An ICMP error arrived: find the quoted packet's protocol and tell it ({@code icmp_unreach}). */
    private void error(PacketBuffer p, int type) {
        byte[] b = p.array();
        int off = p.head();
        int len = p.length();
        int quoted = off + IcmpV4Header.LENGTH;
        int quotedLength = len - IcmpV4Header.LENGTH;
        if (quotedLength < Ipv4Header.MIN_LENGTH || Ipv4Header.version(b, quoted) != 4) {
            snmp.inc(SnmpCounter.ICMP_IN_ERRORS);
            return;
        }
        int hl = Ipv4Header.headerLength(b, quoted);
        if (hl < Ipv4Header.MIN_LENGTH || quotedLength < hl + 8) {
            snmp.inc(SnmpCounter.ICMP_IN_ERRORS);
            return;
        }
        int code = IcmpV4Header.code(b, off);
        int info = 0;
        if (type == IcmpV4Header.DEST_UNREACHABLE && code == IcmpV4Header.UNREACH_FRAG_NEEDED) {
            info = IcmpV4Header.nextHopMtu(b, off);
            int dst = Ipv4Header.dst(b, quoted);
            Route r = ipv4.routeOutput(dst, 0, 0);
            int current = r == null ? 1500 : ipv4.pathMtu(r, dst);
            if (info == 0) {
                // RFC 1191 plateau search for old routers that do not report the MTU.
                info = plateauBelow(Ipv4Header.totalLength(b, quoted));
            }
            ipv4.pathMtu().update(dst, info, current, kernel.host().nowNanos());
        } else if (type == IcmpV4Header.PARAMETER_PROBLEM) {
            info = IcmpV4Header.pointer(b, off);
        }
        Ipv4Protocol proto = ipv4.protocol(Ipv4Header.protocol(b, quoted));
        if (proto != null) {
            proto.icmpError(type, code, info, b, quoted, quotedLength);
        }
    }

    private static int plateauBelow(int length) {
        int[] plateaus = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
        for (int p : plateaus) {
            if (p < length) {
                return p;
            }
        }
        return 68;
    }

    @Override
    public void icmpError(int type, int code, int info, byte[] quoted, int quotedOffset, int quotedLength) {
        // Errors about ICMP messages we sent (echo requests) go to raw and ping sockets,
        // which see them through raw delivery; nothing else to do here.
    }

    /**
     * {@code icmp_send}: answers {@code original} (head at its IP header) with an error, unless
     * RFC 1122 forbids it (errors about errors, non-first fragments, broadcasts, odd sources)
     * or the rate limits say no.
     *
     * @param inDev the device the original arrived on, or null when it was generated here
     */
    @Override
    public void sendError(NetDevice inDev, PacketBuffer original, int type, int code, int info) {
        byte[] b = original.array();
        int off = original.head();
        if (original.length() < Ipv4Header.MIN_LENGTH) {
            return;
        }
        int hl = Ipv4Header.headerLength(b, off);
        int src = Ipv4Header.src(b, off);
        int dst = Ipv4Header.dst(b, off);
        if (Ipv4Header.fragmentOffset(b, off) != 0) {
            return;
        }
        if (src == 0 || src == Ipv4Address.BROADCAST || Ipv4Address.isMulticast(src) || Ipv4Address.isMulticast(dst)
                || dst == Ipv4Address.BROADCAST) {
            return;
        }
        Route toDst = ipv4.fib().local().lookup(dst);
        if (toDst != null && toDst.type() == Route.Type.BROADCAST) {
            return;
        }
        if (Ipv4Header.protocol(b, off) == 1 && original.length() >= hl + 1
                && IcmpV4Header.isError(IcmpV4Header.type(b, off + hl))) {
            return;
        }
        long now = kernel.host().nowNanos();
        Route back = ipv4.routeOutput(src, 0, 0);
        boolean viaLoopback = back != null && back.type() == Route.Type.LOCAL;
        long mask = kernel.sysctl().getLong("net.ipv4.icmp_ratemask");
        if (!viaLoopback && ((mask >>> type) & 1) != 0) {
            // Per-host limit first, then the global one (Linux 6.12's order: a message refused
            // per host does not spend a global token).
            if (!limiter.allowHost(src, now, kernel.sysctl().getLong("net.ipv4.icmp_ratelimit") * 1_000_000L)) {
                snmp.inc(SnmpCounter.ICMP_OUT_RATE_LIMIT_HOST);
                return;
            }
            if (!limiter.allowGlobal(now, kernel.sysctl().getLong("net.ipv4.icmp_msgs_per_sec"),
                    kernel.sysctl().getLong("net.ipv4.icmp_msgs_burst"))) {
                snmp.inc(SnmpCounter.ICMP_OUT_RATE_LIMIT_GLOBAL);
                return;
            }
        }
        int room = MAX_ERROR_DATAGRAM - Ipv4Header.MIN_LENGTH - IcmpV4Header.LENGTH;
        int quote = Math.min(room, original.length());
        PacketBuffer e = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM,
                PacketBuffer.DEFAULT_HEADROOM + IcmpV4Header.LENGTH + quote);
        int eo = e.put(IcmpV4Header.LENGTH + quote);
        byte[] eb = e.array();
        IcmpV4Header.write(eb, eo, type, code, 0);
        if (type == IcmpV4Header.DEST_UNREACHABLE && code == IcmpV4Header.UNREACH_FRAG_NEEDED) {
            IcmpV4Header.setNextHopMtu(eb, eo, info);
        } else if (type == IcmpV4Header.PARAMETER_PROBLEM) {
            IcmpV4Header.setPointer(eb, eo, info);
        }
        System.arraycopy(b, off, eb, eo + IcmpV4Header.LENGTH, quote);
        IcmpV4Header.fillChecksum(eb, eo, IcmpV4Header.LENGTH + quote);
        // Source: the original destination if it was ours, else the address of the interface
        // the error leaves through (icmp_errors_use_inbound_ifaddr = 0).
        int errorSrc = ipv4.isLocalAddress(dst) ? dst : 0;
        Ipv4.SendOptions o = new Ipv4.SendOptions();
        o.forceNoDf = true;
        o.tos = (Ipv4Header.tos(b, off) & 0x1e) | IPTOS_PREC_INTERNETCONTROL;
        if (ipv4.send(e, errorSrc, src, 1, o) == 0) {
            snmp.inc(SnmpCounter.ICMP_OUT_MSGS);
            switch (type) {
                case IcmpV4Header.DEST_UNREACHABLE -> snmp.inc(SnmpCounter.ICMP_OUT_DEST_UNREACHS);
                case IcmpV4Header.TIME_EXCEEDED -> snmp.inc(SnmpCounter.ICMP_OUT_TIME_EXCDS);
                default -> { }
            }
        } else {
            snmp.inc(SnmpCounter.ICMP_OUT_ERRORS);
        }
    }
}
