package org.jlibos.packetdrill.run;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.host.KernelTimer;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.ipv4.Ipv4Protocol;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;

/**
 * A stand-in for the kernel's TCP in tests of the interpreter: it records every segment the
 * script injects (in live values) and answers with segments the test decides, so the outbound
 * path (ISN mapping, aggregation, options, timing) can be exercised whatever state the real TCP
 * is in. It is registered as the kernel's IPPROTO_TCP handler through the execution's host hook.
 */
final class ScriptedTcp implements Ipv4Protocol {

    /** A received segment, live values. */
    record Segment(long timeNanos, int src, int srcPort, int dstPort, int flags, long seq, long ack, int window,
                   byte[] options, int payloadLength, int tos) {
    }

    /** Decides the answer to each received segment. */
    interface Responder {
        void onSegment(Segment s, ScriptedTcp tcp);
    }

    final List<Segment> received = new ArrayList<>();
    private final Responder responder;
    private Kernel kernel;

    ScriptedTcp(Responder responder) {
        this.responder = responder;
    }

    void install(Kernel k) {
        this.kernel = k;
        k.ipv4().register(SocketConstants.IPPROTO_TCP, this);
    }

    @Override
    public void receive(NetDevice device, PacketBuffer packet, int ipOffset) {
        byte[] b = packet.array();
        int t = packet.head();
        int len = packet.length();
        int hl = TcpHeader.headerLength(b, t);
        byte[] opts = new byte[hl - TcpHeader.MIN_LENGTH];
        System.arraycopy(b, t + TcpHeader.MIN_LENGTH, opts, 0, opts.length);
        int flags = TcpHeader.flags(b, t) | (TcpHeader.ae(b, t) ? TcpHeader.AE : 0);
        Segment s = new Segment(kernel.host().nowNanos(), Ipv4Header.src(b, ipOffset), TcpHeader.srcPort(b, t),
                TcpHeader.dstPort(b, t), flags, TcpHeader.seqUnsigned(b, t), TcpHeader.ackUnsigned(b, t),
                TcpHeader.window(b, t), opts, len - hl, Ipv4Header.tos(b, ipOffset));
        received.add(s);
        responder.onSegment(s, this);
    }

    @Override
    public void icmpError(int type, int code, int info, byte[] quoted, int quotedOffset, int quotedLength) {
    }

    /** Sends a segment to {@code dst} after {@code delayNanos} (0: now). */
    void send(long delayNanos, int dst, int srcPort, int dstPort, int flags, long seq, long ack, int window,
              byte[] options, int payloadLength) {
        Runnable emit = () -> {
            int tcpLen = TcpHeader.MIN_LENGTH + options.length;
            PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM,
                    PacketBuffer.DEFAULT_HEADROOM + tcpLen + payloadLength);
            int at = p.put(tcpLen + payloadLength);
            byte[] b = p.array();
            TcpHeader.write(b, at, srcPort, dstPort, (int) seq, (int) ack, tcpLen, flags & 0xff, window);
            System.arraycopy(options, 0, b, at + TcpHeader.MIN_LENGTH, options.length);
            int src = localAddress(dst);
            TcpHeader.fillChecksumIpv4(b, at, tcpLen + payloadLength, src, dst);
            kernel.ipv4().send(p, src, dst, SocketConstants.IPPROTO_TCP, Ipv4.KERNEL_DEFAULTS);
        };
        if (delayNanos == 0) {
            emit.run();
        } else {
            KernelTimer timer = kernel.host().newTimer("scripted tcp", emit);
            timer.armAfter(delayNanos);
        }
    }

    private int localAddress(int dst) {
        return kernel.ipv4().sourceFor(kernel.ipv4().routeOutput(dst, 0, 0), dst);
    }
}
