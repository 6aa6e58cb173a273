package org.jlibos.kernel.icmp;

import org.agrona.collections.Int2ObjectHashMap;
import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.inet.PortAllocator;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Header;

/** Ping sockets by identifier, and who may open them (net.ipv4.ping_group_range). */
public final class PingSockets implements Icmp.EchoReplyListener {

    private final Kernel kernel;
    private final Ipv4 ipv4;
    private final Snmp snmp;
    private final PortAllocator identifiers;
    private final Int2ObjectHashMap<PingSocket> byIdentifier = new Int2ObjectHashMap<>();

    public PingSockets(Kernel kernel, Ipv4 ipv4, Snmp snmp) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
        this.snmp = snmp;
        this.identifiers = new PortAllocator(kernel, "ping:identifier");
    }

    Ipv4 ipv4() {
        return ipv4;
    }

    /**
     * A new ping socket for a process in group {@code gid}; EACCES unless the group lies in
     * ping_group_range (Linux's default "1 0" admits nobody, so ping uses raw sockets).
     */
    public PingSocket newSocket(int gid) throws ErrnoException {
        long low = kernel.sysctl().getLong("net.ipv4.ping_group_range", 0);
        long high = kernel.sysctl().getLong("net.ipv4.ping_group_range", 1);
        if (gid < low || gid > high) {
            throw new ErrnoException("socket", Errno.EACCES);
        }
        return new PingSocket(kernel, this);
    }

    void bind(PingSocket s, int identifier) throws ErrnoException {
        if (identifier == 0) {
            identifier = identifiers.allocate(id -> !byIdentifier.containsKey(id));
            if (identifier < 0) {
                throw new ErrnoException("bind", Errno.EAGAIN);
            }
        } else if (byIdentifier.containsKey(identifier)) {
            throw new ErrnoException("bind", Errno.EADDRINUSE);
        }
        s.identifier = identifier;
        byIdentifier.put(identifier, s);
    }

    void unbind(PingSocket s) {
        if (s.identifier != 0 && byIdentifier.get(s.identifier) == s) {
            byIdentifier.remove(s.identifier);
        }
    }

    void counted() {
        snmp.inc(SnmpCounter.ICMP_OUT_MSGS);
        snmp.inc(SnmpCounter.ICMP_OUT_ECHOS);
    }

    @Override
    public void echoReply(NetDevice dev, PacketBuffer packet, int ipOffset) {
        byte[] b = packet.array();
        PingSocket s = byIdentifier.get(IcmpV4Header.identifier(b, packet.head()));
        if (s != null) {
            s.receive(packet.copy(), Ipv4Header.src(b, ipOffset), Ipv4Header.dst(b, ipOffset), Ipv4Header.ttl(b, ipOffset),
                    dev.ifindex());
        }
    }
}
