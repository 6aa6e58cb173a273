package org.jlibos.kernel.ethernet;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.wire.EthernetHeader;

/**
 * Ethernet framing: receive-side filtering and demultiplexing by EtherType
 * ({@code eth_type_trans} + {@code netif_receive_skb}), and transmit-side header push.
 * Frames are not padded to the 60-byte minimum: lengths on the wire are header + payload.
 */
public final class EthernetLayer {

    /** Upper protocol handlers, called with the buffer's head at the L3 header. */
    public interface ProtocolHandler {
        void receive(NetDevice device, PacketBuffer packet, boolean linkBroadcast);
    }

    private ProtocolHandler arp;
    private ProtocolHandler ipv4;
    private ProtocolHandler ipv6;

    public void setArpHandler(ProtocolHandler h) {
        this.arp = h;
    }

    public void setIpv4Handler(ProtocolHandler h) {
        this.ipv4 = h;
    }

    public void setIpv6Handler(ProtocolHandler h) {
        this.ipv6 = h;
    }

    /** A frame arrived on {@code dev}; malformed or foreign frames are counted and dropped. */
    public void receive(NetDevice dev, PacketBuffer frame) {
        if (frame.length() < EthernetHeader.LENGTH) {
            dev.stats().rxErrors++;
            return;
        }
        byte[] b = frame.array();
        int off = frame.head();
        long dst = EthernetHeader.dst(b, off);
        boolean group = MacAddress.isMulticast(dst);
        if (!group && dst != dev.mac() && dev.type() != NetDevice.Type.LOOPBACK) {
            // PACKET_OTHERHOST: not for us (a switch flooded it); Linux drops it silently.
            return;
        }
        if (group) {
            dev.stats().rxMulticast++;
        }
        int etherType = EthernetHeader.etherType(b, off);
        frame.pull(EthernetHeader.LENGTH);
        ProtocolHandler h = switch (etherType) {
            case EthernetHeader.ETHERTYPE_IPV4 -> ipv4;
            case EthernetHeader.ETHERTYPE_ARP -> arp;
            case EthernetHeader.ETHERTYPE_IPV6 -> ipv6;
            default -> null;
        };
        if (h == null) {
            dev.stats().rxDropped++;
            return;
        }
        h.receive(dev, frame, group);
    }

    /** Pushes the Ethernet header and queues the frame on {@code dev}. */
    public boolean transmit(NetDevice dev, PacketBuffer packet, long dstMac, int etherType) {
        int off = packet.push(EthernetHeader.LENGTH);
        EthernetHeader.write(packet.array(), off, dstMac, dev.mac(), etherType);
        return dev.queueTransmit(packet);
    }
}
