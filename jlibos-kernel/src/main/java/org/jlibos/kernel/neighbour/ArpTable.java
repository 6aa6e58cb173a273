package org.jlibos.kernel.neighbour;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

import org.agrona.collections.Long2ObjectHashMap;
import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ethernet.EthernetLayer;
import org.jlibos.kernel.sysctl.SysctlTable;
import org.jlibos.kernel.wire.ArpPacket;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.Ipv4Header;

/**
 * ARP (RFC 826) with a Linux-style neighbour cache ({@code net/core/neighbour.c},
 * {@code net/ipv4/arp.c}).
 *
 * <pre>
 *  (none) --send--> INCOMPLETE --reply--> REACHABLE --reachable_time--> STALE
 *                      | mcast_solicit requests, retrans_time apart       | send
 *                      v                                                  v
 *                    FAILED <--ucast_solicit probes-- PROBE <--delay_first_probe_time-- DELAY
 * </pre>
 *
 * Timers and limits come from the {@code net.ipv4.neigh.default.*} sysctls. Packets waiting
 * for resolution are queued per entry up to unres_qlen_bytes (oldest dropped first); when
 * resolution fails each one is answered with ICMP host unreachable.
 */
public final class ArpTable {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final Kernel kernel;
    private final EthernetLayer ethernet;
    private final ArpContext context;
    private final Long2ObjectHashMap<NeighbourEntry> entries = new Long2ObjectHashMap<>();
    private RandomGenerator random;

    /** {@code /proc/net/stat/arp_cache} counters. */
    public long lookups;
    public long resolutionFailures;
    public long unresolvedDiscards;
    public long requestsReceived;
    public long repliesReceived;
    public long requestsSent;
    public long repliesSent;
    public long malformed;
    /** Entries refused because the table was full (Linux's table_fulls). */
    public long tableFulls;
    /** Entries evicted to make room (forced garbage collection). */
    public long forcedGcRuns;

    public ArpTable(Kernel kernel, EthernetLayer ethernet, ArpContext context) {
        this.kernel = kernel;
        this.ethernet = ethernet;
        this.context = context;
    }

    private static long key(int ifindex, int address) {
        return ((long) ifindex << 32) | (address & 0xffffffffL);
    }

    /** The entry for {@code address} on {@code ifindex}, or null. */
    public NeighbourEntry lookup(int ifindex, int address) {
        return entries.get(key(ifindex, address));
    }

    /**
     * Sends an IPv4 packet (head at the IP header) to next hop {@code nextHop} on {@code dev},
     * resolving its MAC first if needed ({@code neigh_resolve_output}).
     */
    public void output(NetDevice dev, int nextHop, PacketBuffer packet) {
        lookups++;
        long now = kernel.host().nowNanos();
        NeighbourEntry n = entries.get(key(dev.ifindex(), nextHop));
        if (n == null) {
            if (!makeRoom()) {
                unresolvedDiscards++;
                return;
            }
            n = new NeighbourEntry(dev.ifindex(), nextHop, NeighbourState.INCOMPLETE);
            n.updatedNanos = now;
            entries.put(key(dev.ifindex(), nextHop), n);
            enqueue(n, packet);
            startResolution(dev, n, packet);
            return;
        }
        n.usedNanos = now;
        switch (n.state) {
            case REACHABLE, DELAY, PROBE, PERMANENT, NOARP -> send(dev, n.mac, packet);
            case STALE -> {
                // First use of a stale entry: send with the old address, verify it soon.
                n.state = NeighbourState.DELAY;
                n.updatedNanos = now;
                arm(n, now + kernel.sysctl().getLong("net.ipv4.neigh.default.delay_first_probe_time") * S);
                send(dev, n.mac, packet);
            }
            case INCOMPLETE -> enqueue(n, packet);
            case FAILED -> {
                n.state = NeighbourState.INCOMPLETE;
                n.probes = 0;
                n.updatedNanos = now;
                enqueue(n, packet);
                startResolution(dev, n, packet);
            }
        }
    }

    private void send(NetDevice dev, long mac, PacketBuffer packet) {
        ethernet.transmit(dev, packet, mac, EthernetHeader.ETHERTYPE_IPV4);
    }

    private void enqueue(NeighbourEntry n, PacketBuffer packet) {
        long limit = kernel.sysctl().getLong("net.ipv4.neigh.default.unres_qlen_bytes");
        n.pending.add(packet);
        n.pendingBytes += packet.length();
        while (n.pendingBytes > limit && n.pending.size() > 1) {
            PacketBuffer dropped = n.pending.poll();
            n.pendingBytes -= dropped.length();
            unresolvedDiscards++;
        }
    }

    private void startResolution(NetDevice dev, NeighbourEntry n, PacketBuffer trigger) {
        n.probes = 1;
        sendRequest(dev, n, trigger, MacAddress.BROADCAST);
        arm(n, kernel.host().nowNanos() + retransNanos());
    }

    private long retransNanos() {
        return kernel.sysctl().getLong("net.ipv4.neigh.default.retrans_time_ms") * MS;
    }

    private void arm(NeighbourEntry n, long at) {
        if (n.timer == null) {
            NeighbourEntry entry = n;
            n.timer = kernel.host().newTimer("arp-timer", () -> timerExpired(entry));
        }
        n.timer.armAt(at);
    }

    private void timerExpired(NeighbourEntry n) {
        long now = kernel.host().nowNanos();
        NetDevice dev = kernel.device(n.ifindex);
        SysctlTable sys = kernel.sysctl();
        switch (n.state) {
            case INCOMPLETE -> {
                if (n.probes >= sys.getLong("net.ipv4.neigh.default.mcast_solicit")) {
                    fail(dev, n);
                } else {
                    n.probes++;
                    sendRequest(dev, n, n.pending.peekLast(), MacAddress.BROADCAST);
                    arm(n, now + retransNanos());
                }
            }
            case REACHABLE -> {
                n.state = NeighbourState.STALE;
                n.updatedNanos = now;
            }
            case DELAY -> {
                if (n.confirmedNanos >= n.updatedNanos) {
                    becomeReachable(n, now);
                } else {
                    n.state = NeighbourState.PROBE;
                    n.updatedNanos = now;
                    n.probes = 1;
                    sendRequest(dev, n, null, n.mac);
                    arm(n, now + retransNanos());
                }
            }
            case PROBE -> {
                if (n.probes >= sys.getLong("net.ipv4.neigh.default.ucast_solicit")) {
                    fail(dev, n);
                } else {
                    n.probes++;
                    sendRequest(dev, n, null, n.mac);
                    arm(n, now + retransNanos());
                }
            }
            default -> { }
        }
    }

    private void fail(NetDevice dev, NeighbourEntry n) {
        n.state = NeighbourState.FAILED;
        n.updatedNanos = kernel.host().nowNanos();
        resolutionFailures++;
        PacketBuffer p;
        while ((p = n.pending.poll()) != null) {
            n.pendingBytes -= p.length();
            context.resolutionFailed(dev, p);
        }
    }

    private void becomeReachable(NeighbourEntry n, long now) {
        n.state = NeighbourState.REACHABLE;
        n.confirmedNanos = now;
        n.updatedNanos = now;
        n.probes = 0;
        arm(n, now + reachableTime());
    }

    /** Linux picks reachable_time uniformly in [base/2, 3*base/2) (neigh_rand_reach_time). */
    private long reachableTime() {
        if (random == null) {
            random = kernel.host().random("neigh:reachable_time");
        }
        long base = kernel.sysctl().getLong("net.ipv4.neigh.default.base_reachable_time_ms") * MS;
        return base == 0 ? 0 : base / 2 + random.nextLong(base);
    }

    private void sendRequest(NetDevice dev, NeighbourEntry n, PacketBuffer trigger, long dstMac) {
        if (dev == null || !dev.isUp()) {
            return;
        }
        int src = 0;
        if (trigger != null && trigger.length() >= Ipv4Header.MIN_LENGTH) {
            int candidate = Ipv4Header.src(trigger.array(), trigger.head());
            if (context.isLocalAddress(candidate)) {
                src = candidate;
            }
        }
        if (src == 0) {
            src = context.selectSourceAddress(dev, n.address);
        }
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + ArpPacket.LENGTH);
        int off = p.put(ArpPacket.LENGTH);
        ArpPacket.writeEthernetIpv4(p.array(), off, ArpPacket.REQUEST, dev.mac(), src, MacAddress.ZERO, n.address);
        requestsSent++;
        ethernet.transmit(dev, p, dstMac, EthernetHeader.ETHERTYPE_ARP);
    }

    /** Sends a gratuitous ARP announcing {@code address} on {@code dev} (address added). */
    public void announce(NetDevice dev, int address) {
        if (!dev.isUp() || dev.type() != NetDevice.Type.ETHERNET) {
            return;
        }
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + ArpPacket.LENGTH);
        int off = p.put(ArpPacket.LENGTH);
        ArpPacket.writeEthernetIpv4(p.array(), off, ArpPacket.REQUEST, dev.mac(), address, MacAddress.ZERO, address);
        requestsSent++;
        ethernet.transmit(dev, p, MacAddress.BROADCAST, EthernetHeader.ETHERTYPE_ARP);
    }

    /** An ARP packet arrived (head at the ARP header) ({@code arp_process}). */
    public void receive(NetDevice dev, PacketBuffer packet, boolean linkBroadcast) {
        byte[] b = packet.array();
        int off = packet.head();
        if (!ArpPacket.isValidEthernetIpv4(b, off, packet.length())) {
            malformed++;
            dev.stats().rxErrors++;
            return;
        }
        int op = ArpPacket.oper(b, off);
        long sha = ArpPacket.sha(b, off);
        int spa = ArpPacket.spa(b, off);
        int tpa = ArpPacket.tpa(b, off);
        if (MacAddress.isMulticast(sha) || sha == dev.mac()) {
            malformed++;
            return;
        }
        long now = kernel.host().nowNanos();
        NeighbourEntry n = spa == 0 ? null : entries.get(key(dev.ifindex(), spa));
        if (op == ArpPacket.REQUEST) {
            requestsReceived++;
            boolean forUs = context.isLocalAddress(tpa);
            if (forUs && spa != 0) {
                // neigh_event_ns: the requester will talk to us; remember it as STALE.
                if (n == null) {
                    if (!makeRoom()) {
                        sendReply(dev, sha, spa, tpa);
                        return;
                    }
                    n = new NeighbourEntry(dev.ifindex(), spa, NeighbourState.STALE);
                    entries.put(key(dev.ifindex(), spa), n);
                }
                update(dev, n, sha, false, now);
            } else if (n != null) {
                update(dev, n, sha, false, now);
            }
            if (forUs && tpa != spa) {
                sendReply(dev, sha, spa, tpa);
            }
        } else if (op == ArpPacket.REPLY) {
            repliesReceived++;
            if (n != null) {
                update(dev, n, sha, true, now);
            }
        }
    }

    /** neigh_update: a new or confirmed link-layer address for an existing entry. */
    private void update(NetDevice dev, NeighbourEntry n, long mac, boolean confirmed, long now) {
        if (n.state == NeighbourState.PERMANENT || n.state == NeighbourState.NOARP) {
            return;
        }
        boolean changed = n.mac != mac || !n.state.hasAddress();
        n.mac = mac;
        if (confirmed) {
            becomeReachable(n, now);
        } else if (changed) {
            n.state = NeighbourState.STALE;
            n.updatedNanos = now;
            if (n.timer != null) {
                n.timer.cancel();
            }
        }
        if (n.state.hasAddress() && !n.pending.isEmpty()) {
            PacketBuffer p;
            while ((p = n.pending.poll()) != null) {
                n.pendingBytes -= p.length();
                send(dev, n.mac, p);
            }
        }
    }

    private void sendReply(NetDevice dev, long targetMac, int targetIp, int ourIp) {
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + ArpPacket.LENGTH);
        int off = p.put(ArpPacket.LENGTH);
        ArpPacket.writeEthernetIpv4(p.array(), off, ArpPacket.REPLY, dev.mac(), ourIp, targetMac, targetIp);
        repliesSent++;
        ethernet.transmit(dev, p, targetMac, EthernetHeader.ETHERTYPE_ARP);
    }

    /**
     * Keeps the table within gc_thresh3 entries (Linux's hard limit): when full, the oldest
     * entry that holds no queued packets and is not permanent is evicted; if none can go, the
     * new entry is refused. Without this, a flood of ARP requests from random addresses would
     * grow the table without bound.
     */
    private boolean makeRoom() {
        long limit = kernel.sysctl().getLong("net.ipv4.neigh.default.gc_thresh3");
        if (entries.size() < limit) {
            return true;
        }
        NeighbourEntry victim = null;
        for (NeighbourEntry e : entries.values()) {
            if (e.state == NeighbourState.PERMANENT || e.state == NeighbourState.NOARP || !e.pending.isEmpty()) {
                continue;
            }
            if (victim == null || e.updatedNanos < victim.updatedNanos
                    || (e.updatedNanos == victim.updatedNanos && Long.compareUnsigned(key(e.ifindex, e.address), key(victim.ifindex, victim.address)) < 0)) {
                victim = e;
            }
        }
        if (victim == null) {
            tableFulls++;
            return false;
        }
        forcedGcRuns++;
        remove(victim);
        return true;
    }

    public int size() {
        return entries.size();
    }

    /** Upper-layer proof of reachability (TCP progress): {@code neigh_confirm}. */
    public void confirm(int ifindex, int address) {
        NeighbourEntry n = entries.get(key(ifindex, address));
        if (n != null) {
            n.confirmedNanos = kernel.host().nowNanos();
        }
    }

    /** {@code ip neigh add|replace ... lladdr X nud permanent}. */
    public void addPermanent(int ifindex, int address, long mac) {
        NeighbourEntry n = entries.get(key(ifindex, address));
        if (n == null) {
            n = new NeighbourEntry(ifindex, address, NeighbourState.PERMANENT);
            entries.put(key(ifindex, address), n);
        }
        n.state = NeighbourState.PERMANENT;
        n.mac = mac;
        n.updatedNanos = kernel.host().nowNanos();
    }

    /** {@code ip neigh flush dev X} (all devices when ifindex is 0); permanent entries stay. Returns how many went. */
    public int flush(int ifindex) {
        List<NeighbourEntry> victims = new ArrayList<>();
        for (NeighbourEntry n : entries.values()) {
            if ((ifindex == 0 || n.ifindex == ifindex) && n.state != NeighbourState.PERMANENT && n.state != NeighbourState.NOARP) {
                victims.add(n);
            }
        }
        for (NeighbourEntry n : victims) {
            remove(n);
        }
        return victims.size();
    }

    /** {@code ip neigh del}. */
    public boolean delete(int ifindex, int address) {
        NeighbourEntry n = entries.get(key(ifindex, address));
        if (n == null) {
            return false;
        }
        remove(n);
        return true;
    }

    private void remove(NeighbourEntry n) {
        if (n.timer != null) {
            n.timer.cancel();
        }
        unresolvedDiscards += n.pending.size();
        n.pending.clear();
        entries.remove(key(n.ifindex, n.address));
    }

    /** Entries ordered by device, then address, for {@code ip neigh show}. */
    public List<NeighbourEntry> entries() {
        List<NeighbourEntry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparingInt(NeighbourEntry::ifindex)
                .thenComparingLong(e -> Integer.toUnsignedLong(e.address())));
        return list;
    }
}
