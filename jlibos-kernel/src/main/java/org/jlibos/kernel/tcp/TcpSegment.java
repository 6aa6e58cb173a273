package org.jlibos.kernel.tcp;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.wire.Bytes;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * The received segment being processed ({@code TCP_SKB_CB(skb)} plus the parsed options):
 * one reusable instance per TCP instance, filled by {@link #parse} from a packet whose
 * checksum was verified. Input processing never re-enters (loopback delivery is deferred), so
 * one instance suffices and parsing allocates nothing.
 */
final class TcpSegment {

    PacketBuffer packet;
    NetDevice device;
    /** Offset of the TCP header in the packet's array. */
    int off;
    int ipOffset;
    int src;
    int dst;
    int srcPort;
    int dstPort;
    int seq;
    int ack;
    int flags;
    /** Window field as received (unscaled). */
    int window;
    int headerLength;
    /** Payload bytes. */
    int dataLength;
    /** seq + data + SYN + FIN ({@code end_seq}). */
    int endSeq;
    /** ECN field of the IP header (two low bits of TOS). */
    int ecn;
    /** False when the option list was malformed (fields parsed before the error are kept). */
    boolean optionsValid;
    final TcpOptions options = new TcpOptions();

    void parse(NetDevice dev, PacketBuffer p, int ipOffset) {
        byte[] b = p.array();
        int o = p.head();
        this.packet = p;
        this.device = dev;
        this.off = o;
        this.ipOffset = ipOffset;
        this.src = Ipv4Header.src(b, ipOffset);
        this.dst = Ipv4Header.dst(b, ipOffset);
        this.ecn = Ipv4Header.tos(b, ipOffset) & 3;
        this.srcPort = TcpHeader.srcPort(b, o);
        this.dstPort = TcpHeader.dstPort(b, o);
        this.seq = TcpHeader.seq(b, o);
        this.ack = TcpHeader.ack(b, o);
        this.flags = TcpHeader.flags(b, o);
        this.window = TcpHeader.window(b, o);
        this.headerLength = TcpHeader.headerLength(b, o);
        this.dataLength = p.length() - headerLength;
        int e = seq + dataLength;
        if ((flags & TcpHeader.SYN) != 0) {
            e++;
        }
        if ((flags & TcpHeader.FIN) != 0) {
            e++;
        }
        this.endSeq = e;
        parseOptions(b, o);
    }

    /** Linux's {@code tcp_fast_parse_options}: the common {@code nop,nop,TS} layout without a full walk. */
    private void parseOptions(byte[] b, int o) {
        int len = headerLength - TcpHeader.MIN_LENGTH;
        TcpOptions opt = options;
        if (len == 0) {
            opt.clear();
            optionsValid = true;
            return;
        }
        int at = o + TcpHeader.MIN_LENGTH;
        if (len == TcpConstants.TS_ALIGNED && Bytes.getI32(b, at) == 0x0101080a) {
            opt.clear();
            opt.hasTimestamp = true;
            opt.tsVal = Bytes.getI32(b, at + 4);
            opt.tsEcr = Bytes.getI32(b, at + 8);
            optionsValid = true;
            return;
        }
        optionsValid = opt.parse(b, at, len);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean syn() {
        return (flags & TcpHeader.SYN) != 0;
    }

    boolean ackFlag() {
        return (flags & TcpHeader.ACK) != 0;
    }

    boolean rst() {
        return (flags & TcpHeader.RST) != 0;
    }

    boolean fin() {
        return (flags & TcpHeader.FIN) != 0;
    }

    /** Offset of the payload in the packet's array. */
    int payloadOffset() {
        return off + headerLength;
    }
}
