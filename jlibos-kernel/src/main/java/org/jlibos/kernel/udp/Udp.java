package org.jlibos.kernel.udp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.agrona.collections.Int2ObjectHashMap;
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
import org.jlibos.kernel.wire.UdpHeader;

/**
 * UDP (RFC 768; Linux {@code net/ipv4/udp.c}): port table and demultiplexing, checksums,
 * ephemeral ports, SO_REUSEADDR/SO_REUSEPORT, broadcast delivery, ICMP errors to sockets.
 */
public final class Udp implements Ipv4Protocol {

    /** Largest UDP payload over IPv4: 65535 - 20 - 8. */
    public static final int MAX_PAYLOAD = 65507;

    private final Kernel kernel;
    private final Ipv4 ipv4;
    private final Snmp snmp;
    private final PortAllocator ports;
    private final Int2ObjectHashMap<UdpSocket[]> byPort = new Int2ObjectHashMap<>();
    private final Ipv4.SendOptions sendOptions = new Ipv4.SendOptions();

    public Udp(Kernel kernel, Ipv4 ipv4, Snmp snmp) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
        this.snmp = snmp;
        this.ports = new PortAllocator(kernel, "udp:ephemeral-port");
    }

    public UdpSocket newSocket() {
        return new UdpSocket(kernel, this);
    }

    // ---- binding -------------------------------------------------------------------------

    void bind(UdpSocket s, int address, int port) throws ErrnoException {
        if (address != 0 && !ipv4.isLocalAddress(address) && address != Ipv4Address.BROADCAST
                && !Ipv4Address.isMulticast(address)) {
            throw new ErrnoException("bind", Errno.EADDRNOTAVAIL);
        }
        if (port == 0) {
            port = ports.allocate(p -> isFree(s, address, p));
            if (port < 0) {
                throw new ErrnoException("bind", Errno.EADDRINUSE);
            }
        } else if (!isFree(s, address, port)) {
            throw new ErrnoException("bind", Errno.EADDRINUSE);
        }
        s.setLocal(address, port);
        UdpSocket[] existing = byPort.get(port);
        if (existing == null) {
            byPort.put(port, new UdpSocket[] {s});
        } else {
            UdpSocket[] grown = java.util.Arrays.copyOf(existing, existing.length + 1);
            grown[existing.length] = s;
            byPort.put(port, grown);
        }
    }

    /** Linux's bind conflict rule for UDP: overlapping addresses need both SO_REUSEADDR or both SO_REUSEPORT. */
    private boolean isFree(UdpSocket s, int address, int port) {
        UdpSocket[] existing = byPort.get(port);
        if (existing == null) {
            return true;
        }
        for (UdpSocket o : existing) {
            boolean overlap = o.localAddressValue() == 0 || address == 0 || o.localAddressValue() == address;
            if (!overlap) {
                continue;
            }
            if (o.boundDeviceIndex() != 0 && s.boundDeviceIndex() != 0 && o.boundDeviceIndex() != s.boundDeviceIndex()) {
                continue;
            }
            boolean shared = (s.reuseAddressEnabled() && o.reuseAddressEnabled()) || (s.reusePortEnabled() && o.reusePortEnabled());
            if (!shared) {
                return false;
            }
        }
        return true;
    }

    void unbind(UdpSocket s) {
        if (s.localPort() == 0) {
            return;
        }
        UdpSocket[] existing = byPort.get(s.localPort());
        if (existing == null) {
            return;
        }
        if (existing.length == 1) {
            byPort.remove(s.localPort());
            return;
        }
        UdpSocket[] shrunk = new UdpSocket[existing.length - 1];
        int k = 0;
        for (UdpSocket o : existing) {
            if (o != s && k < shrunk.length) {
                shrunk[k++] = o;
            }
        }
        byPort.put(s.localPort(), shrunk);
    }

    void connect(UdpSocket s, int dst, int port) throws ErrnoException {
        Route r = ipv4.routeOutput(dst, s.localAddressValue(), s.boundDeviceIndex());
        Errno e = Ipv4.routeErrno(r);
        if (e != null) {
            throw new ErrnoException("connect", e);
        }
        if (r.type() == Route.Type.BROADCAST && !s.broadcastEnabled()) {
            throw new ErrnoException("connect", Errno.EACCES);
        }
        if (s.localPort() == 0) {
            bind(s, 0, 0);
        }
        if (s.localAddressValue() == 0) {
            // The source is fixed once connected, as ip4_datagram_connect does.
            s.setLocal(ipv4.sourceFor(r, dst), s.localPort());
        }
        s.setRemote(dst, port);
    }

    int pathMtu(UdpSocket s) throws ErrnoException {
        Route r = ipv4.routeOutput(s.remoteAddressValue(), s.localAddressValue(), s.boundDeviceIndex());
        if (Ipv4.routeErrno(r) != null) {
            throw new ErrnoException("getsockopt", Ipv4.routeErrno(r));
        }
        return ipv4.pathMtu(r, s.remoteAddressValue());
    }

    // ---- output ----------------------------------------------------------------------------

    int send(UdpSocket s, byte[] data, int offset, int length, int dst, int port) throws ErrnoException {
        if (length > MAX_PAYLOAD) {
            throw new ErrnoException("sendto", Errno.EMSGSIZE);
        }
        if (s.localPort() == 0) {
            bind(s, 0, 0);
        }
        int src = s.localAddressValue();
        Route r = null;
        if (src == 0 || Ipv4Address.isMulticast(src) || src == Ipv4Address.BROADCAST) {
            r = ipv4.routeOutput(dst, 0, s.boundDeviceIndex());
            Errno e = Ipv4.routeErrno(r);
            if (e != null) {
                if (r == null) {
                    snmp.inc(SnmpCounter.IP_OUT_NO_ROUTES);
                }
                throw new ErrnoException("sendto", e);
            }
            src = ipv4.sourceFor(r, dst);
        }
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + UdpHeader.LENGTH + length);
        int off = p.put(UdpHeader.LENGTH + length);
        byte[] b = p.array();
        UdpHeader.write(b, off, s.localPort(), port, UdpHeader.LENGTH + length);
        System.arraycopy(data, offset, b, off + UdpHeader.LENGTH, length);
        UdpHeader.fillChecksumIpv4(b, off, UdpHeader.LENGTH + length, src, dst);
        Ipv4.SendOptions o = sendOptions.of(s);
        int err = ipv4.send(p, src, dst, 17, o, r);
        if (err != 0) {
            throw new ErrnoException("sendto", Errno.of(err));
        }
        snmp.inc(SnmpCounter.UDP_OUT_DATAGRAMS);
        return length;
    }

    // ---- input -----------------------------------------------------------------------------

    @Override
    public void receive(NetDevice dev, PacketBuffer p, int ipOffset) {
        byte[] b = p.array();
        int off = p.head();
        int len = p.length();
        if (len < UdpHeader.LENGTH) {
            snmp.inc(SnmpCounter.UDP_IN_ERRORS);
            return;
        }
        int udpLength = UdpHeader.length(b, off);
        if (udpLength < UdpHeader.LENGTH || udpLength > len) {
            snmp.inc(SnmpCounter.UDP_IN_ERRORS);
            return;
        }
        p.trim(udpLength);
        int src = Ipv4Header.src(b, ipOffset);
        int dst = Ipv4Header.dst(b, ipOffset);
        if (UdpHeader.checksum(b, off) != UdpHeader.NO_CHECKSUM
                && !UdpHeader.isChecksumValidIpv4(b, off, udpLength, src, dst)) {
            snmp.inc(SnmpCounter.UDP_IN_CSUM_ERRORS);
            snmp.inc(SnmpCounter.UDP_IN_ERRORS);
            return;
        }
        int sport = UdpHeader.srcPort(b, off);
        int dport = UdpHeader.dstPort(b, off);
        boolean multi = dst == Ipv4Address.BROADCAST || Ipv4Address.isMulticast(dst) || !ipv4.isLocalAddress(dst);
        UdpSocket[] candidates = byPort.get(dport);
        if (multi) {
            deliverToAll(candidates, dev, p, ipOffset, src, sport, dst);
            return;
        }
        UdpSocket s = lookup(candidates, src, sport, dst, dev.ifindex());
        if (s == null) {
            snmp.inc(SnmpCounter.UDP_NO_PORTS);
            p.push(Ipv4Header.headerLength(b, ipOffset));
            ipv4IcmpPortUnreachable(dev, p);
            return;
        }
        deliver(s, dev, p, ipOffset, src, sport, dst);
    }

    private void ipv4IcmpPortUnreachable(NetDevice dev, PacketBuffer ipPacket) {
        if (icmp != null) {
            icmp.sendError(dev, ipPacket, IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.UNREACH_PORT, 0);
        }
    }

    private Ipv4.IcmpSender icmp;

    public void setIcmpSender(Ipv4.IcmpSender icmp) {
        this.icmp = icmp;
    }

    /**
     * The best socket for a unicast datagram (Linux's scoring in {@code compute_score}): a
     * connected match beats a bound-address match beats a wildcard; SO_REUSEPORT groups pick a
     * member by a hash of the 4-tuple, so one flow always reaches the same socket.
     */
    private UdpSocket lookup(UdpSocket[] candidates, int src, int sport, int dst, int ifindex) {
        if (candidates == null) {
            return null;
        }
        UdpSocket best = null;
        int bestScore = -1;
        int reuseCount = 0;
        for (UdpSocket s : candidates) {
            int score = score(s, src, sport, dst, ifindex);
            if (score < 0) {
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
        if (best != null && best.reusePortEnabled() && reuseCount > 1) {
            int pick = Math.floorMod(mix(src, sport, dst, best.localPort()), reuseCount);
            for (UdpSocket s : candidates) {
                if (s.reusePortEnabled() && score(s, src, sport, dst, ifindex) == bestScore && pick-- == 0) {
                    return s;
                }
            }
        }
        return best;
    }

    private static int score(UdpSocket s, int src, int sport, int dst, int ifindex) {
        int score = 0;
        if (s.localAddressValue() != 0) {
            if (s.localAddressValue() != dst) {
                return -1;
            }
            score += 4;
        }
        if (s.isConnected()) {
            if (s.remoteAddressValue() != src || s.remotePortValue() != sport) {
                return -1;
            }
            score += 4;
        }
        if (s.boundDeviceIndex() != 0) {
            if (s.boundDeviceIndex() != ifindex) {
                return -1;
            }
            score += 4;
        }
        return score;
    }

    private static int mix(int a, int b, int c, int d) {
        int h = a * 0x9e3779b9 ^ b;
        h = h * 0x85ebca6b ^ c;
        h = h * 0xc2b2ae35 ^ d;
        return h ^ (h >>> 16);
    }

    private void deliverToAll(UdpSocket[] candidates, NetDevice dev, PacketBuffer p, int ipOffset, int src, int sport, int dst) {
        if (candidates == null) {
            snmp.inc(SnmpCounter.UDP_IGNORED_MULTI);
            return;
        }
        int delivered = 0;
        for (UdpSocket s : candidates) {
            if ((s.localAddressValue() == 0 || s.localAddressValue() == dst) && (!s.isConnected() || (s.remoteAddressValue() == src && s.remotePortValue() == sport))
                    && (s.boundDeviceIndex() == 0 || s.boundDeviceIndex() == dev.ifindex())) {
                deliver(s, dev, delivered == 0 ? p : p.copy(), ipOffset, src, sport, dst);
                delivered++;
            }
        }
        if (delivered == 0) {
            snmp.inc(SnmpCounter.UDP_IGNORED_MULTI);
        }
    }

    private void deliver(UdpSocket s, NetDevice dev, PacketBuffer p, int ipOffset, int src, int sport, int dst) {
        int ttl = Ipv4Header.ttl(p.array(), ipOffset);
        p.pull(UdpHeader.LENGTH);
        if (!s.deliver(p, src, sport, dst, ttl, dev.ifindex())) {
            snmp.inc(SnmpCounter.UDP_RCVBUF_ERRORS);
            snmp.inc(SnmpCounter.UDP_IN_ERRORS);
        }
        // UdpInDatagrams is counted when the program reads the datagram (UdpSocket.consumed).
    }

    @Override
    public void icmpError(int type, int code, int info, byte[] q, int qoff, int qlen) {
        int hl = Ipv4Header.headerLength(q, qoff);
        int src = Ipv4Header.src(q, qoff);
        int dst = Ipv4Header.dst(q, qoff);
        int sport = UdpHeader.srcPort(q, qoff + hl);
        int dport = UdpHeader.dstPort(q, qoff + hl);
        UdpSocket[] candidates = byPort.get(sport);
        if (candidates == null) {
            return;
        }
        for (UdpSocket s : candidates) {
            if ((s.localAddressValue() == 0 || s.localAddressValue() == src) && (!s.isConnected() || (s.remoteAddressValue() == dst && s.remotePortValue() == dport))) {
                boolean fatal = IcmpErrors.isFatal(type, code);
                Errno e = IcmpErrors.errno(type, code);
                if (type == IcmpV4Header.DEST_UNREACHABLE && code == IcmpV4Header.UNREACH_FRAG_NEEDED) {
                    fatal = s.pmtuDiscoverValue() != 0;
                }
                if (s.recvErrEnabled() || (fatal && s.isConnected())) {
                    s.reportError(e);
                }
                return;
            }
        }
    }

    /** Sockets in port order, for {@code ss -u}. */
    public List<UdpSocket> sockets() {
        List<UdpSocket> all = new ArrayList<>();
        for (UdpSocket[] group : byPort.values()) {
            Collections.addAll(all, group);
        }
        all.sort(java.util.Comparator.comparingInt(UdpSocket::localPort));
        return all;
    }
}
