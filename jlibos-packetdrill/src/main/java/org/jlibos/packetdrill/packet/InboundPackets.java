package org.jlibos.packetdrill.packet;

import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.IpProtocol;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.UdpHeader;

/**
 * Builds the IPv4 packets a script injects (README §5.7): headers as the line says, the payload
 * all zero bytes, checksums filled in. A payload larger than the MTU is built as one packet;
 * the tun device accepts it and the stack must take it as one segment.
 */
public final class InboundPackets {

    /** TTL of injected packets (packetdrill's default for packets it builds). */
    public static final int TTL = 64;

    private InboundPackets() {
    }

    /** Addresses and IP header settings of an injected packet. */
    public record IpFields(int src, int dst, int tos, int ttl) {
    }

    /**
     * A TCP segment; {@code flags} in {@link TcpFlags} bits (AE as bit 8), {@code options} already
     * encoded (a multiple of 4 bytes, at most 40).
     */
    public static byte[] tcp(IpFields ip, int srcPort, int dstPort, int flags, long seq, long ack, int window,
                             int urgentPointer, byte[] options, int payloadLength) {
        int tcpLen = TcpHeader.MIN_LENGTH + options.length;
        int total = Ipv4Header.MIN_LENGTH + tcpLen + payloadLength;
        if (total > Ipv4Header.MAX_TOTAL_LENGTH) {
            throw new IllegalArgumentException("packet of " + total + " bytes does not fit in one IPv4 packet");
        }
        byte[] b = new byte[total];
        Ipv4Header.write(b, 0, ip.tos(), total, 0, false, ip.ttl(), IpProtocol.TCP, ip.src(), ip.dst());
        int t = Ipv4Header.MIN_LENGTH;
        TcpHeader.write(b, t, srcPort, dstPort, (int) seq, (int) ack, tcpLen, flags & 0xff, window);
        TcpHeader.setAe(b, t, (flags & TcpHeader.AE) != 0);
        TcpHeader.setUrgentPointer(b, t, urgentPointer);
        System.arraycopy(options, 0, b, t + TcpHeader.MIN_LENGTH, options.length);
        TcpHeader.fillChecksumIpv4(b, t, tcpLen + payloadLength, ip.src(), ip.dst());
        return b;
    }

    /** A UDP datagram with {@code payloadLength} zero bytes. */
    public static byte[] udp(IpFields ip, int srcPort, int dstPort, int payloadLength) {
        int udpLen = UdpHeader.LENGTH + payloadLength;
        int total = Ipv4Header.MIN_LENGTH + udpLen;
        byte[] b = new byte[total];
        Ipv4Header.write(b, 0, ip.tos(), total, 0, false, ip.ttl(), IpProtocol.UDP, ip.src(), ip.dst());
        int u = Ipv4Header.MIN_LENGTH;
        UdpHeader.setSrcPort(b, u, srcPort);
        UdpHeader.setDstPort(b, u, dstPort);
        UdpHeader.setLength(b, u, udpLen);
        UdpHeader.fillChecksumIpv4(b, u, udpLen, ip.src(), ip.dst());
        return b;
    }

    /**
     * An ICMP error quoting {@code quoted} (the stack's own packet: its IP header and the first 8
     * bytes of its transport header), or carrying no quote when null.
     */
    public static byte[] icmp(IpFields ip, int type, int code, int restOfHeader, byte[] quoted) {
        int icmpLen = IcmpV4Header.LENGTH + (quoted == null ? 0 : quoted.length);
        int total = Ipv4Header.MIN_LENGTH + icmpLen;
        byte[] b = new byte[total];
        Ipv4Header.write(b, 0, ip.tos(), total, 0, false, ip.ttl(), IpProtocol.ICMP, ip.src(), ip.dst());
        int i = Ipv4Header.MIN_LENGTH;
        IcmpV4Header.write(b, i, type, code, restOfHeader);
        if (quoted != null) {
            System.arraycopy(quoted, 0, b, i + IcmpV4Header.LENGTH, quoted.length);
        }
        IcmpV4Header.fillChecksum(b, i, icmpLen);
        return b;
    }

    /**
     * The part of a stack packet an ICMP error quotes: a 20-byte IPv4 header (stack → peer) and
     * the first 8 bytes of the transport header. For TCP those are the ports and the sequence
     * number; {@code length} is the quoted packet's transport payload length.
     */
    public static byte[] quotedHeader(int src, int dst, int protocol, int srcPort, int dstPort, long tcpSeq, int length) {
        int transportHeader = protocol == IpProtocol.TCP ? TcpHeader.MIN_LENGTH : UdpHeader.LENGTH;
        byte[] b = new byte[Ipv4Header.MIN_LENGTH + 8];
        Ipv4Header.write(b, 0, 0, Ipv4Header.MIN_LENGTH + transportHeader + length, 0, true, TTL, protocol, src, dst);
        int t = Ipv4Header.MIN_LENGTH;
        TcpHeader.setSrcPort(b, t, srcPort);
        TcpHeader.setDstPort(b, t, dstPort);
        if (protocol == IpProtocol.TCP) {
            TcpHeader.setSeq(b, t, (int) tcpSeq);
        } else {
            UdpHeader.setLength(b, t, UdpHeader.LENGTH + length);
        }
        return b;
    }
}
