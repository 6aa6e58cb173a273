package org.jlibos.kernel.neighbour;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;

/** What ARP needs from IPv4: which addresses are ours, and where to report failures. */
public interface ArpContext {

    /** True when {@code address} is configured on this host (arp_ignore=0: on any device). */
    boolean isLocalAddress(int address);

    /** Source address for a request about {@code target} sent on {@code dev} (0 if none). */
    int selectSourceAddress(NetDevice dev, int target);

    /** Resolution failed for a queued packet: Linux answers with ICMP host unreachable. */
    void resolutionFailed(NetDevice dev, PacketBuffer ipPacket);
}
