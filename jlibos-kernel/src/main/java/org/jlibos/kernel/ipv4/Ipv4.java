package org.jlibos.kernel.ipv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ethernet.EthernetLayer;
import org.jlibos.kernel.neighbour.ArpContext;
import org.jlibos.kernel.neighbour.ArpTable;
import org.jlibos.kernel.route.Fib;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;

/**
 * IPv4 (RFC 791, 1122, 1812): addresses, input and local delivery, forwarding, output with
 * fragmentation and path MTU, reassembly. Follows {@code net/ipv4/ip_input.c},
 * {@code ip_forward.c}, {@code ip_output.c} and {@code devinet.c} in what it counts and when
 * it answers with ICMP.
 */
public final class Ipv4 implements ArpContext {

    /** Transport protocols by number; null entries are unknown protocols. */
    private final Ipv4Protocol[] protocols = new Ipv4Protocol[256];
    private final Kernel kernel;
    private final EthernetLayer ethernet;
    private final Snmp snmp;
    private final Fib fib = new Fib();
    private final ArpTable arp;
    private final PathMtuCache pathMtu = new PathMtuCache();
    private final Ipv4Reassembly reassembly;
    private final List<InterfaceAddress> addresses = new ArrayList<>(2);
    private RawDelivery raw;
    private IcmpSender icmp;
    private int nextId;

    /** Delivers copies of incoming packets to raw sockets; true when one took the packet. */
    public interface RawDelivery {
        boolean deliver(NetDevice dev, PacketBuffer packet, int protocol);
    }

    /** Sends ICMP errors about a packet (implemented by the ICMP module). */
    public interface IcmpSender {
        void sendError(NetDevice inDev, PacketBuffer original, int type, int code, int info);
    }

    public Ipv4(Kernel kernel, EthernetLayer ethernet, Snmp snmp) {
        this.kernel = kernel;
        this.ethernet = ethernet;
        this.snmp = snmp;
        this.arp = new ArpTable(kernel, ethernet, this);
        this.reassembly = new Ipv4Reassembly(kernel, snmp, this::reassemblyTimedOut);
        this.nextId = kernel.host().random("ipv4:id").nextInt(0x10000);
        ethernet.setIpv4Handler(this::receive);
        ethernet.setArpHandler(arp::receive);
    }

    public void register(int protocol, Ipv4Protocol handler) {
        protocols[protocol] = handler;
    }

    public Ipv4Protocol protocol(int protocol) {
        return protocols[protocol];
    }

    public void setRawDelivery(RawDelivery raw) {
        this.raw = raw;
    }

    public void setIcmpSender(IcmpSender icmp) {
        this.icmp = icmp;
    }

    public Fib fib() {
        return fib;
    }

    public ArpTable arp() {
        return arp;
    }

    public PathMtuCache pathMtu() {
        return pathMtu;
    }

    public Ipv4Reassembly reassembly() {
        return reassembly;
    }

    public Snmp snmp() {
        return snmp;
    }

    // ---- addresses (devinet.c) -----------------------------------------------------------

    /**
     * {@code ip addr add ADDR/LEN [brd B] dev DEV}: adds the address and the routes Linux adds
     * with it (local and broadcast in table local, the prefix route in main), then announces it
     * with a gratuitous ARP.
     */
    public InterfaceAddress addAddress(NetDevice dev, int address, int prefixLength, int broadcast) throws RouteException {
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() == dev.ifindex() && a.address() == address && a.prefixLength() == prefixLength) {
                throw new RouteException(Errno.EEXIST, "RTNETLINK answers: File exists");
            }
        }
        boolean secondary = false;
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() == dev.ifindex() && a.prefixLength() == prefixLength && a.contains(address)) {
                secondary = true;
                break;
            }
        }
        Route.Scope scope = dev.type() == NetDevice.Type.LOOPBACK && (address >>> 24) == 127 ? Route.Scope.HOST : Route.Scope.UNIVERSE;
        if (broadcast == -2) {
            broadcast = prefixLength >= 31 ? 0 : Ipv4Address.broadcast(address, prefixLength);
        }
        InterfaceAddress ia = new InterfaceAddress(dev.ifindex(), address, prefixLength, broadcast, scope, dev.name(), secondary);
        addresses.add(ia);
        int ifx = dev.ifindex();
        fib.local().replace(new Route(Route.TABLE_LOCAL, Route.Type.LOCAL, address, 32, 0, ifx, 0,
                Route.Scope.HOST, Route.Protocol.KERNEL, address, 0));
        if (dev.type() == NetDevice.Type.LOOPBACK && prefixLength < 32) {
            fib.local().replace(new Route(Route.TABLE_LOCAL, Route.Type.LOCAL, address, prefixLength, 0, ifx, 0,
                    Route.Scope.HOST, Route.Protocol.KERNEL, address, 0));
        }
        // fib_add_ifaddr: the subnet's broadcast route comes with every primary address shorter
        // than /31, whether or not a "brd" was given; a given brd gets its own route too.
        int subnetBroadcast = Ipv4Address.broadcast(address, prefixLength);
        if (!secondary && prefixLength < 31) {
            fib.local().replace(new Route(Route.TABLE_LOCAL, Route.Type.BROADCAST, subnetBroadcast, 32, 0, ifx, 0,
                    Route.Scope.LINK, Route.Protocol.KERNEL, address, 0));
        }
        if (broadcast != 0 && broadcast != subnetBroadcast) {
            fib.local().replace(new Route(Route.TABLE_LOCAL, Route.Type.BROADCAST, broadcast, 32, 0, ifx, 0,
                    Route.Scope.LINK, Route.Protocol.KERNEL, address, 0));
        }
        if (!secondary && prefixLength < 32 && dev.type() != NetDevice.Type.LOOPBACK) {
            fib.main().replace(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, address, prefixLength, 0, ifx, 0,
                    Route.Scope.LINK, Route.Protocol.KERNEL, address, 0));
        }
        arp.announce(dev, address);
        return ia;
    }

    /** {@code ip addr del}: removes the address and the routes that came with it. */
    public void removeAddress(NetDevice dev, int address, int prefixLength) throws RouteException {
        InterfaceAddress found = null;
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() == dev.ifindex() && a.address() == address && (prefixLength < 0 || a.prefixLength() == prefixLength)) {
                found = a;
                break;
            }
        }
        if (found == null) {
            throw new RouteException(Errno.EADDRNOTAVAIL, "RTNETLINK answers: Cannot assign requested address");
        }
        addresses.remove(found);
        InterfaceAddress gone = found;
        fib.local().removeIf(r -> r.prefsrc() == gone.address() && r.ifindex() == gone.ifindex());
        fib.main().removeIf(r -> r.protocol() == Route.Protocol.KERNEL && r.prefsrc() == gone.address() && r.ifindex() == gone.ifindex());
    }

    /** Addresses in the order they were added. */
    public List<InterfaceAddress> addresses() {
        return Collections.unmodifiableList(addresses);
    }

    /**
     * The address other hosts know this one by: the first primary global-scope address, in the
     * order addresses were added; -1 when there is none. Name lookups of a node's name (the
     * tools' and JVM programs') answer it, as an /etc/hosts listing every node would.
     */
    public long primaryGlobalAddress() {
        for (InterfaceAddress a : addresses) {
            if (a.scope() == Route.Scope.UNIVERSE && !a.secondary()) {
                return a.address() & 0xffff_ffffL;
            }
        }
        return -1;
    }

    /** Addresses of one device. */
    public List<InterfaceAddress> addresses(int ifindex) {
        List<InterfaceAddress> out = new ArrayList<>(2);
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() == ifindex) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public boolean isLocalAddress(int address) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i).address() == address) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code inet_select_addr}: a primary address of {@code dev} in the same subnet as
     * {@code target} if there is one, else its first primary address, else any global address.
     */
    @Override
    public int selectSourceAddress(NetDevice dev, int target) {
        int first = 0;
        if (dev != null) {
            for (InterfaceAddress a : addresses) {
                if (a.ifindex() == dev.ifindex() && !a.secondary()) {
                    if (target != 0 && a.contains(target)) {
                        return a.address();
                    }
                    if (first == 0) {
                        first = a.address();
                    }
                }
            }
        }
        if (first != 0) {
            return first;
        }
        for (InterfaceAddress a : addresses) {
            if (a.scope() == Route.Scope.UNIVERSE) {
                return a.address();
            }
        }
        return addresses.isEmpty() ? 0 : addresses.get(0).address();
    }

    @Override
    public void resolutionFailed(NetDevice dev, PacketBuffer ipPacket) {
        snmp.inc(SnmpCounter.IP_OUT_DISCARDS);
        if (icmp != null) {
            icmp.sendError(null, ipPacket, IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.UNREACH_HOST, 0);
        }
    }

    private void reassemblyTimedOut(NetDevice dev, byte[] quote) {
        if (icmp != null) {
            PacketBuffer p = PacketBuffer.copyOf(quote, 0, quote.length);
            icmp.sendError(dev, p, IcmpV4Header.TIME_EXCEEDED, IcmpV4Header.EXCEEDED_REASSEMBLY, 0);
        }
    }

    // ---- input (ip_input.c) ----------------------------------------------------------------

    /** An IPv4 packet arrived (head at the IP header). */
    public void receive(NetDevice dev, PacketBuffer p, boolean linkBroadcast) {
        snmp.inc(SnmpCounter.IP_IN_RECEIVES);
        byte[] b = p.array();
        int off = p.head();
        int verdict = Ipv4Header.validate(b, off, p.length());
        if (verdict != Ipv4Header.OK) {
            switch (verdict) {
                case Ipv4Header.TRUNCATED -> snmp.inc(SnmpCounter.IP_EXT_IN_TRUNCATED_PKTS);
                case Ipv4Header.BAD_CHECKSUM -> {
                    snmp.inc(SnmpCounter.IP_EXT_IN_CSUM_ERRORS);
                    snmp.inc(SnmpCounter.IP_IN_HDR_ERRORS);
                }
                default -> snmp.inc(SnmpCounter.IP_IN_HDR_ERRORS);
            }
            return;
        }
        p.trim(Ipv4Header.totalLength(b, off));
        int dst = Ipv4Header.dst(b, off);
        int src = Ipv4Header.src(b, off);
        if (Ipv4Address.isMulticast(src) || src == Ipv4Address.BROADCAST
                || ((src >>> 24) == 127 && dev.type() != NetDevice.Type.LOOPBACK)) {
            // Martian source: Linux drops these in ip_route_input_slow.
            snmp.inc(SnmpCounter.IP_IN_ADDR_ERRORS);
            return;
        }
        Route local = dst == Ipv4Address.BROADCAST ? null : fib.local().lookup(dst);
        boolean forUs = dst == Ipv4Address.BROADCAST
                || (local != null && (local.type() == Route.Type.LOCAL || local.type() == Route.Type.BROADCAST));
        if (forUs) {
            deliverLocally(dev, p);
            return;
        }
        if (Ipv4Address.isMulticast(dst) || linkBroadcast) {
            // Not joined (no multicast membership yet): drop silently.
            snmp.inc(SnmpCounter.IP_IN_DISCARDS);
            return;
        }
        if (!forwarding()) {
            snmp.inc(SnmpCounter.IP_IN_ADDR_ERRORS);
            return;
        }
        forward(dev, p);
    }

    private boolean forwarding() {
        return kernel.sysctl().getBoolean("net.ipv4.ip_forward");
    }

    private void deliverLocally(NetDevice dev, PacketBuffer p) {
        byte[] b = p.array();
        int off = p.head();
        if (Ipv4Header.isFragment(b, off)) {
            PacketBuffer whole = reassembly.add(dev, p);
            if (whole == null) {
                return;
            }
            p = whole;
            b = p.array();
            off = p.head();
        }
        int protocol = Ipv4Header.protocol(b, off);
        boolean rawTook = raw != null && raw.deliver(dev, p, protocol);
        Ipv4Protocol handler = protocols[protocol];
        if (handler == null) {
            if (!rawTook) {
                snmp.inc(SnmpCounter.IP_IN_UNKNOWN_PROTOS);
                if (icmp != null) {
                    icmp.sendError(dev, p, IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.UNREACH_PROTOCOL, 0);
                }
            } else {
                snmp.inc(SnmpCounter.IP_IN_DELIVERS);
            }
            return;
        }
        snmp.inc(SnmpCounter.IP_IN_DELIVERS);
        int ipOffset = off;
        p.pull(Ipv4Header.headerLength(b, off));
        handler.receive(dev, p, ipOffset);
    }

    // ---- forwarding (ip_forward.c) ---------------------------------------------------------

    private void forward(NetDevice in, PacketBuffer p) {
        byte[] b = p.array();
        int off = p.head();
        int dst = Ipv4Header.dst(b, off);
        if (Ipv4Header.ttl(b, off) <= 1) {
            snmp.inc(SnmpCounter.IP_IN_HDR_ERRORS);
            if (icmp != null) {
                icmp.sendError(in, p, IcmpV4Header.TIME_EXCEEDED, IcmpV4Header.EXCEEDED_TTL, 0);
            }
            return;
        }
        Route r = fib.lookup(dst, Ipv4Header.src(b, off), in.ifindex(), 0);
        if (r == null || r.type() != Route.Type.UNICAST) {
            if (r == null) {
                snmp.inc(SnmpCounter.IP_EXT_IN_NO_ROUTES);
            }
            if (icmp != null && (r == null || r.type() != Route.Type.BLACKHOLE)) {
                int code = r == null ? IcmpV4Header.UNREACH_NET
                        : r.type() == Route.Type.PROHIBIT ? IcmpV4Header.UNREACH_ADMIN_PROHIBITED : IcmpV4Header.UNREACH_HOST;
                icmp.sendError(in, p, IcmpV4Header.DEST_UNREACHABLE, code, 0);
            }
            return;
        }
        NetDevice out = kernel.device(r.ifindex());
        if (out == null || !out.isUp()) {
            snmp.inc(SnmpCounter.IP_OUT_DISCARDS);
            return;
        }
        int mtu = r.mtu() > 0 ? Math.min(r.mtu(), out.mtu()) : out.mtu();
        if (p.length() > mtu && Ipv4Header.dontFragment(b, off)) {
            snmp.inc(SnmpCounter.IP_FRAG_FAILS);
            if (icmp != null) {
                icmp.sendError(in, p, IcmpV4Header.DEST_UNREACHABLE, IcmpV4Header.UNREACH_FRAG_NEEDED, mtu);
            }
            return;
        }
        Ipv4Header.decrementTtl(b, off);
        snmp.inc(SnmpCounter.IP_FORW_DATAGRAMS);
        int nextHop = r.gateway() != 0 ? r.gateway() : dst;
        if (p.length() > mtu) {
            fragmentAndSend(out, nextHop, p, mtu);
        } else {
            arp.output(out, nextHop, p);
        }
    }

    // ---- output (ip_output.c) ----------------------------------------------------------

    /** Options of one send, taken from the socket (or defaults for kernel-generated packets). */
    public static final class SendOptions {
        public int ttl = -1;
        public int tos;
        public int pmtuDiscover = 1; // IP_PMTUDISC_WANT
        public boolean broadcastAllowed;
        public int boundDevice;
        /** When true the DF decision was already made (forwarded or ICMP packets). */
        public boolean forceNoDf;

        /** Takes TTL, TOS, PMTU discovery, SO_BROADCAST and SO_BINDTODEVICE from {@code s}. */
        public SendOptions of(org.jlibos.kernel.socket.Socket s) {
            ttl = s.effectiveTtl();
            tos = s.tosValue();
            pmtuDiscover = s.pmtuDiscoverValue();
            broadcastAllowed = s.broadcastEnabled();
            boundDevice = s.boundDeviceIndex();
            return this;
        }
    }

    /** Default options for packets the kernel generates itself (ICMP replies and errors). */
    public static final SendOptions KERNEL_DEFAULTS = new SendOptions();

    /**
     * Finds the route a locally generated packet to {@code dst} takes, or null. The result's
     * errno (when null) is given by {@link #lastRouteError}.
     */
    public Route routeOutput(int dst, int src, int oif) {
        Route r;
        if (dst == Ipv4Address.BROADCAST) {
            r = broadcastRoute(oif);
        } else {
            r = fib.lookup(dst, src, 0, oif);
        }
        return r;
    }

    private Route broadcastRoute(int oif) {
        NetDevice dev = oif != 0 ? kernel.device(oif) : null;
        if (dev == null) {
            Route dflt = fib.lookup(0, 0, 0, 0);
            dev = dflt != null ? kernel.device(dflt.ifindex()) : null;
        }
        if (dev == null) {
            for (NetDevice d : kernel.devices()) {
                if (d.type() == NetDevice.Type.ETHERNET && d.isUp()) {
                    dev = d;
                    break;
                }
            }
        }
        if (dev == null) {
            return null;
        }
        return new Route(Route.TABLE_LOCAL, Route.Type.BROADCAST, Ipv4Address.BROADCAST, 32, 0, dev.ifindex(), 0,
                Route.Scope.LINK, Route.Protocol.KERNEL, selectSourceAddress(dev, 0), 0);
    }

    /** The source address a packet to {@code dst} over {@code r} would get. */
    public int sourceFor(Route r, int dst) {
        if (r.prefsrc() != 0) {
            return r.prefsrc();
        }
        return selectSourceAddress(kernel.device(r.ifindex()), r.gateway() != 0 ? r.gateway() : dst);
    }

    /** The MTU of the path to {@code dst} through {@code r}: device, route lock, learned PMTU. */
    public int pathMtu(Route r, int dst) {
        NetDevice dev = kernel.device(r.ifindex());
        int mtu = dev == null ? 1500 : dev.mtu();
        if (r.mtu() > 0) {
            mtu = Math.min(mtu, r.mtu());
        }
        int learned = pathMtu.get(dst, kernel.host().nowNanos());
        if (learned > 0) {
            mtu = Math.min(mtu, learned);
        }
        return mtu;
    }

    /** Errno of a route lookup that returned a non-unicast route or null. */
    public static Errno routeErrno(Route r) {
        if (r == null) {
            return Errno.ENETUNREACH;
        }
        return switch (r.type()) {
            case UNREACHABLE -> Errno.EHOSTUNREACH;
            case PROHIBIT -> Errno.EACCES;
            case BLACKHOLE -> Errno.EINVAL;
            default -> null;
        };
    }

    /**
     * Sends a locally generated transport packet ({@code ip_queue_xmit}/{@code ip_make_skb}).
     * The buffer's head is at the transport header. Returns 0 or a positive errno value.
     *
     * @param src source address, 0 to choose one
     */
    public int send(PacketBuffer p, int src, int dst, int protocol, SendOptions o) {
        return send(p, src, dst, protocol, o, null);
    }

    /**
     * Like {@link #send(PacketBuffer, int, int, int, SendOptions)} through a route the caller
     * already looked up for this destination (to choose its source address), so the packet is
     * not routed twice; null looks it up here.
     */
    public int send(PacketBuffer p, int src, int dst, int protocol, SendOptions o, Route known) {
        Route r = known != null ? known : routeOutput(dst, src, o.boundDevice);
        Errno err = routeErrno(r);
        if (err != null) {
            if (r == null) {
                snmp.inc(SnmpCounter.IP_OUT_NO_ROUTES);
            }
            return err.value;
        }
        boolean broadcast = r.type() == Route.Type.BROADCAST;
        if (broadcast && !o.broadcastAllowed) {
            return Errno.EACCES.value;
        }
        if (src == 0) {
            src = sourceFor(r, dst);
        }
        NetDevice dev = kernel.device(r.ifindex());
        if (r.type() == Route.Type.LOCAL) {
            dev = kernel.device(1);
        }
        if (dev == null || !dev.isUp()) {
            snmp.inc(SnmpCounter.IP_OUT_DISCARDS);
            return Errno.ENETDOWN.value;
        }
        int mtu = r.type() == Route.Type.LOCAL ? dev.mtu() : pathMtu(r, dst);
        int total = Ipv4Header.MIN_LENGTH + p.length();
        if (total > Ipv4Header.MAX_TOTAL_LENGTH) {
            return Errno.EMSGSIZE.value;
        }
        boolean df = !o.forceNoDf && (o.pmtuDiscover >= 2 || (o.pmtuDiscover == 1 && total <= mtu));
        if (total > mtu && o.pmtuDiscover >= 2) {
            return Errno.EMSGSIZE.value;
        }
        int ttl = o.ttl > 0 ? o.ttl : (int) kernel.sysctl().getLong("net.ipv4.ip_default_ttl");
        int off = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(p.array(), off, o.tos, total, nextId(), df, ttl, protocol, src, dst);
        snmp.inc(SnmpCounter.IP_OUT_REQUESTS);
        transmit(dev, r, dst, p, mtu);
        return 0;
    }

    /**
     * Sends a complete IP packet (head at its header) built by the caller (IP_HDRINCL raw
     * sockets, ICMP replies). Fills in id and checksum; routes by destination.
     */
    public int sendRaw(PacketBuffer p, SendOptions o) {
        byte[] b = p.array();
        int off = p.head();
        int dst = Ipv4Header.dst(b, off);
        Route r = routeOutput(dst, Ipv4Header.src(b, off), o.boundDevice);
        Errno err = routeErrno(r);
        if (err != null) {
            if (r == null) {
                snmp.inc(SnmpCounter.IP_OUT_NO_ROUTES);
            }
            return err.value;
        }
        if (r.type() == Route.Type.BROADCAST && !o.broadcastAllowed) {
            return Errno.EACCES.value;
        }
        NetDevice dev = r.type() == Route.Type.LOCAL ? kernel.device(1) : kernel.device(r.ifindex());
        if (dev == null || !dev.isUp()) {
            return Errno.ENETDOWN.value;
        }
        if (Ipv4Header.src(b, off) == 0) {
            Ipv4Header.setSrc(b, off, sourceFor(r, dst));
        }
        if (Ipv4Header.identification(b, off) == 0) {
            Ipv4Header.setIdentification(b, off, nextId());
        }
        Ipv4Header.setTotalLength(b, off, p.length());
        Ipv4Header.fillChecksum(b, off);
        snmp.inc(SnmpCounter.IP_OUT_REQUESTS);
        int mtu = r.type() == Route.Type.LOCAL ? dev.mtu() : pathMtu(r, dst);
        if (p.length() > mtu && Ipv4Header.dontFragment(b, off)) {
            return Errno.EMSGSIZE.value;
        }
        transmit(dev, r, dst, p, mtu);
        return 0;
    }

    private void transmit(NetDevice dev, Route r, int dst, PacketBuffer p, int mtu) {
        if (dev.type() == NetDevice.Type.LOOPBACK) {
            if (p.length() > mtu) {
                fragmentAndSend(dev, dst, p, mtu);
            } else {
                ethernet.transmit(dev, p, MacAddress.ZERO, EthernetHeader.ETHERTYPE_IPV4);
            }
            return;
        }
        if (p.length() > mtu) {
            fragmentAndSend(dev, r.gateway() != 0 ? r.gateway() : dst, p, mtu);
            return;
        }
        sendToNeighbour(dev, r.type() == Route.Type.BROADCAST ? Ipv4Address.BROADCAST : (r.gateway() != 0 ? r.gateway() : dst), p);
    }

    private void sendToNeighbour(NetDevice dev, int nextHop, PacketBuffer p) {
        if (dev.type() == NetDevice.Type.LOOPBACK) {
            ethernet.transmit(dev, p, MacAddress.ZERO, EthernetHeader.ETHERTYPE_IPV4);
        } else if (nextHop == Ipv4Address.BROADCAST || isDirectedBroadcast(dev, nextHop)) {
            ethernet.transmit(dev, p, MacAddress.BROADCAST, EthernetHeader.ETHERTYPE_IPV4);
        } else if (Ipv4Address.isMulticast(nextHop)) {
            // RFC 1112: 01:00:5e + the low 23 bits of the group.
            ethernet.transmit(dev, p, 0x01005e000000L | (nextHop & 0x7fffff), EthernetHeader.ETHERTYPE_IPV4);
        } else {
            arp.output(dev, nextHop, p);
        }
    }

    private boolean isDirectedBroadcast(NetDevice dev, int address) {
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() == dev.ifindex() && address != 0 && (a.broadcast() == address
                    || (a.prefixLength() < 31 && Ipv4Address.broadcast(a.address(), a.prefixLength()) == address))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ip_fragment}: splits {@code p} (head at its IP header) into fragments that fit
     * {@code mtu} and sends each to {@code nextHop}. Fragment data is a multiple of 8 bytes.
     */
    private void fragmentAndSend(NetDevice dev, int nextHop, PacketBuffer p, int mtu) {
        byte[] b = p.array();
        int off = p.head();
        int hl = Ipv4Header.headerLength(b, off);
        int dataLength = p.length() - hl;
        int chunk = (mtu - hl) & ~7;
        if (chunk <= 0) {
            snmp.inc(SnmpCounter.IP_FRAG_FAILS);
            return;
        }
        int baseOffset = Ipv4Header.fragmentOffset(b, off);
        boolean baseMore = Ipv4Header.moreFragments(b, off);
        int created = 0;
        for (int done = 0; done < dataLength; done += chunk) {
            int len = Math.min(chunk, dataLength - done);
            PacketBuffer f = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + hl + len);
            int fo = f.put(hl + len);
            byte[] fb = f.array();
            System.arraycopy(b, off, fb, fo, hl);
            System.arraycopy(b, off + hl + done, fb, fo + hl, len);
            boolean more = done + len < dataLength || baseMore;
            Ipv4Header.setTotalLength(fb, fo, hl + len);
            Ipv4Header.setFlagsAndFragmentOffset(fb, fo, (more ? Ipv4Header.MF_BIT : 0) | ((baseOffset + done) >>> 3));
            Ipv4Header.fillChecksum(fb, fo);
            sendToNeighbour(dev, nextHop, f);
            created++;
        }
        snmp.inc(SnmpCounter.IP_FRAG_OKS);
        snmp.add(SnmpCounter.IP_FRAG_CREATES, created);
    }

    /** Linux uses hashed per-destination counters; one counter per kernel keeps ids unique enough. */
    private int nextId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }
}
