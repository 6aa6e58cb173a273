package org.jlibos.packetdrill.packet;

import java.util.List;

import org.jlibos.kernel.wire.Bytes;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.IpProtocol;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.kernel.wire.UdpHeader;

/**
 * An IPv4 packet the host under test sent on the tun device, with the virtual time it left.
 * The bytes are the runner's own copy, so mapping live values into script space
 * ({@link #setTcpSeq}, {@link #addToSackBlocks}, ...) rewrites them in place, as packetdrill
 * rewrites its "actual" packet.
 */
public final class LivePacket {

    private final long timeNanos;
    private final byte[] b;

    public LivePacket(long timeNanos, byte[] ipPacket) {
        this.timeNanos = timeNanos;
        this.b = ipPacket;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public byte[] bytes() {
        return b;
    }

    public LivePacket copy() {
        return new LivePacket(timeNanos, b.clone());
    }

    /** Whether this is a well-formed IPv4 packet carrying a complete transport header. */
    public boolean isWellFormed() {
        if (b.length < Ipv4Header.MIN_LENGTH || Ipv4Header.validate(b, 0, b.length) != Ipv4Header.OK) {
            return false;
        }
        int l4 = l4Offset();
        int l4len = Ipv4Header.totalLength(b, 0) - l4;
        return switch (protocol()) {
            case IpProtocol.TCP -> l4len >= TcpHeader.MIN_LENGTH && TcpHeader.headerLength(b, l4) >= TcpHeader.MIN_LENGTH
                    && TcpHeader.headerLength(b, l4) <= l4len;
            case IpProtocol.UDP -> l4len >= UdpHeader.LENGTH;
            case IpProtocol.ICMP -> l4len >= IcmpV4Header.LENGTH;
            default -> true;
        };
    }

    // ---- IPv4 ------------------------------------------------------------------------------

    public int ipVersion() {
        return Ipv4Header.version(b, 0);
    }

    public int ipHeaderLength() {
        return Ipv4Header.headerLength(b, 0);
    }

    public int totalLength() {
        return Ipv4Header.totalLength(b, 0);
    }

    public int tos() {
        return Ipv4Header.tos(b, 0);
    }

    public int ttl() {
        return Ipv4Header.ttl(b, 0);
    }

    public int protocol() {
        return Ipv4Header.protocol(b, 0);
    }

    public int src() {
        return Ipv4Header.src(b, 0);
    }

    public int dst() {
        return Ipv4Header.dst(b, 0);
    }

    public boolean ipChecksumValid() {
        return Ipv4Header.isChecksumValid(b, 0);
    }

    public boolean isTcp() {
        return protocol() == IpProtocol.TCP;
    }

    public boolean isUdp() {
        return protocol() == IpProtocol.UDP;
    }

    public boolean isIcmp() {
        return protocol() == IpProtocol.ICMP;
    }

    public int l4Offset() {
        return Ipv4Header.headerLength(b, 0);
    }

    // ---- TCP and UDP -----------------------------------------------------------------------

    public int srcPort() {
        return TcpHeader.srcPort(b, l4Offset());
    }

    public int dstPort() {
        return TcpHeader.dstPort(b, l4Offset());
    }

    public long tcpSeq() {
        return TcpHeader.seqUnsigned(b, l4Offset());
    }

    public void setTcpSeq(long seq) {
        TcpHeader.setSeq(b, l4Offset(), (int) seq);
    }

    public long tcpAck() {
        return TcpHeader.ackUnsigned(b, l4Offset());
    }

    public void setTcpAck(long ack) {
        TcpHeader.setAck(b, l4Offset(), (int) ack);
    }

    /** FIN..CWR in the low byte and AE as bit 8 (TcpHeader's layout). */
    public int tcpFlags() {
        int l4 = l4Offset();
        return TcpHeader.flags(b, l4) | (TcpHeader.ae(b, l4) ? TcpHeader.AE : 0);
    }

    public boolean hasTcpFlag(int flag) {
        return (tcpFlags() & flag) != 0;
    }

    public void setTcpFlag(int flag, boolean on) {
        int l4 = l4Offset();
        if (flag == TcpHeader.AE) {
            TcpHeader.setAe(b, l4, on);
        } else {
            int f = TcpHeader.flags(b, l4);
            TcpHeader.setFlags(b, l4, on ? f | flag : f & ~flag);
        }
    }

    /** The three reserved bits of the data-offset byte (excluding AE). */
    public int tcpReserved() {
        return TcpHeader.reserved(b, l4Offset());
    }

    public int tcpHeaderLength() {
        return TcpHeader.headerLength(b, l4Offset());
    }

    public int tcpWindow() {
        return TcpHeader.window(b, l4Offset());
    }

    public int tcpUrgentPointer() {
        return TcpHeader.urgentPointer(b, l4Offset());
    }

    public int tcpOptionsOffset() {
        return l4Offset() + TcpHeader.MIN_LENGTH;
    }

    public int tcpOptionsLength() {
        return tcpHeaderLength() - TcpHeader.MIN_LENGTH;
    }

    public int payloadOffset() {
        int l4 = l4Offset();
        return switch (protocol()) {
            case IpProtocol.TCP -> l4 + tcpHeaderLength();
            case IpProtocol.UDP -> l4 + UdpHeader.LENGTH;
            case IpProtocol.ICMP -> l4 + IcmpV4Header.LENGTH;
            default -> l4;
        };
    }

    public int payloadLength() {
        return totalLength() - payloadOffset();
    }

    /** Whether every payload byte is zero (scripts write zero-filled buffers). */
    public boolean payloadIsZero() {
        int end = payloadOffset() + payloadLength();
        for (int i = payloadOffset(); i < end; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The options, or null when they cannot be walked. */
    public List<TcpOptionCodec.RawOption> tcpOptions() {
        return TcpOptionCodec.walk(b, tcpOptionsOffset(), tcpOptionsLength());
    }

    /** Offset of the TSval field, or -1 when the segment carries no timestamp. */
    public int tsValOffset() {
        TcpOptionCodec.RawOption ts = TcpOptionCodec.findTimestamp(b, tcpOptionsOffset(), tcpOptionsLength());
        return ts == null ? -1 : ts.offset() + 2;
    }

    /** Adds {@code delta} (mod 2^32) to both edges of every SACK block. */
    public void addToSackBlocks(long delta) {
        List<TcpOptionCodec.RawOption> opts = tcpOptions();
        if (opts == null) {
            return;
        }
        for (TcpOptionCodec.RawOption o : opts) {
            if (o.kind() == TcpOptions.KIND_SACK) {
                for (int at = o.offset() + 2; at + 4 <= o.offset() + o.length(); at += 4) {
                    Bytes.put32(b, at, (int) (Bytes.getU32(b, at) + delta));
                }
            }
        }
    }

    public int icmpType() {
        return IcmpV4Header.type(b, l4Offset());
    }

    public int icmpCode() {
        return IcmpV4Header.code(b, l4Offset());
    }

    /** For logs: {@code 192.168.0.1:8080 > 192.0.2.1:40000}. */
    public String addresses() {
        if (isTcp() || isUdp()) {
            return Ipv4Address.format(src()) + ":" + srcPort() + " > " + Ipv4Address.format(dst()) + ":" + dstPort();
        }
        return Ipv4Address.format(src()) + " > " + Ipv4Address.format(dst());
    }

    /**
     * Merges consecutive segments of one TSO/GSO burst into the packet a script line describes
     * (README §5.8): header fields and options from the last fragment, seq and CWR from the first,
     * the payloads concatenated. The time is the last fragment's.
     */
    public static LivePacket aggregate(List<LivePacket> fragments) {
        LivePacket first = fragments.get(0);
        LivePacket last = fragments.get(fragments.size() - 1);
        int payload = 0;
        for (LivePacket f : fragments) {
            payload += f.payloadLength();
        }
        int headers = last.payloadOffset();
        byte[] out = new byte[headers + payload];
        System.arraycopy(last.b, 0, out, 0, headers);
        int at = headers;
        for (LivePacket f : fragments) {
            System.arraycopy(f.b, f.payloadOffset(), out, at, f.payloadLength());
            at += f.payloadLength();
        }
        LivePacket p = new LivePacket(last.timeNanos, out);
        Ipv4Header.setTotalLength(out, 0, out.length);
        Ipv4Header.fillChecksum(out, 0);
        p.setTcpSeq(first.tcpSeq());
        p.setTcpFlag(TcpHeader.CWR, first.hasTcpFlag(TcpHeader.CWR));
        return p;
    }
}
