package org.jlibos.kernel.ipv4;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;

/** An upper-layer protocol of IPv4 ({@code struct net_protocol}): ICMP, UDP, TCP. */
public interface Ipv4Protocol {

    /**
     * A packet for this protocol arrived. The buffer's head is at the transport header; the IP
     * header (addresses, TTL) is still in the array at {@code ipOffset}.
     */
    void receive(NetDevice device, PacketBuffer packet, int ipOffset);

    /**
     * An ICMP error quoted one of our packets ({@code err_handler}): {@code quoted} holds the
     * original IP header at {@code quotedOffset} followed by at least 8 bytes of it.
     */
    void icmpError(int type, int code, int info, byte[] quoted, int quotedOffset, int quotedLength);
}
