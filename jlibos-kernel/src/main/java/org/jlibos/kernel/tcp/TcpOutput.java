package org.jlibos.kernel.tcp;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;

/**
 * Building and sending segments ({@code tcp_transmit_skb}, {@code tcp_send_ack},
 * {@code tcp_send_active_reset}, {@code tcp_v4_send_reset}): the header, the options in
 * Linux's layout (MSS, SACK-permitted, timestamps, window scale on SYNs; timestamps and SACK
 * blocks afterwards), the advertised window, ECN marks, the checksum, and the hand-off to IPv4.
 * One instance per TCP instance; its option and IP-option scratch objects are reused, so a
 * segment costs one packet buffer and nothing else.
 */
final class TcpOutput {

    /** Headroom for the IPv4 and Ethernet headers in front of the TCP header. */
    static final int HEADROOM = 64;
    /** IP ECN codepoints. */
    static final int ECN_NOT_ECT = 0;
    static final int ECN_ECT0 = 2;
    static final int ECN_CE = 3;

    private final Tcp tcp;
    private final Ipv4 ipv4;
    private final Snmp snmp;
    private final TcpOptions options = new TcpOptions();
    private final Ipv4.SendOptions ipOptions = new Ipv4.SendOptions();

    TcpOutput(Tcp tcp, Ipv4 ipv4, Snmp snmp) {
        this.tcp = tcp;
        this.ipv4 = ipv4;
        this.snmp = snmp;
    }

    /** The TSval to send now: milliseconds of virtual time plus the connection's offset (1 ms ticks). */
    int tsNow(TcpSocket s) {
        return (int) (tcp.now() / TcpConstants.MS) + s.tsOffset;
    }

    /**
     * Sends segment {@code [seq, seq + dataLength)} of {@code s} with {@code flags}; data comes
     * from the send buffer at {@code seq} (after the SYN for a SYN). {@code retransmission}
     * keeps it out of TcpOutSegs and off ECT. Returns 0 or a positive errno of a local failure.
     */
    int transmit(TcpSocket s, int seq, int dataLength, int flags, boolean retransmission) {
        TcpOptions o = options.clear();
        boolean syn = (flags & TcpHeader.SYN) != 0;
        Receiver rcv = s.rcv;
        if (syn) {
            o.mss = s.advertisedMss();
            if (s.tsOk) {
                o.setTimestamp(tsNow(s), s.tsRecent);
            }
            if (s.wscaleOk) {
                o.windowScale = s.rcvWscale;
            }
            o.sackPermitted = s.sackOk;
        } else {
            if (s.tsOk) {
                o.setTimestamp(tsNow(s), s.tsRecent);
            }
            if (s.sackOk) {
                rcv.writeSackBlocks(o);
            }
        }
        int optionLength = o.length();
        int headerLength = TcpHeader.MIN_LENGTH + optionLength;
        PacketBuffer p = new PacketBuffer(HEADROOM, HEADROOM + headerLength + dataLength);
        int off = p.put(headerLength + dataLength);
        byte[] b = p.array();
        int window;
        if (syn) {
            window = Math.min(rcv.rcvWnd, TcpConstants.MAX_UNSCALED_WINDOW);
        } else if ((flags & TcpHeader.ACK) != 0) {
            window = rcv.selectWindow();
        } else {
            window = 0;
        }
        int ackNumber = (flags & TcpHeader.ACK) != 0 ? rcv.rcvNxt : 0;
        int ecnIp = ECN_NOT_ECT;
        if (s.ecnOk && !syn) {
            if (dataLength > 0 && !retransmission) {
                ecnIp = ECN_ECT0;
                if (s.ecnQueueCwr) {
                    s.ecnQueueCwr = false;
                    flags |= TcpHeader.CWR;
                }
            }
            if (s.ecnDemandCwr) {
                flags |= TcpHeader.ECE;
            }
        }
        TcpHeader.write(b, off, s.localPort, s.remotePort, seq, ackNumber, headerLength, flags, window);
        if (optionLength > 0) {
            o.write(b, off + TcpHeader.MIN_LENGTH);
        }
        if (dataLength > 0) {
            s.snd.buffer.copyOut(syn ? seq + 1 : seq, b, off + headerLength, dataLength);
        }
        TcpHeader.fillChecksumIpv4(b, off, headerLength + dataLength, s.localAddress, s.remoteAddress);
        Ipv4.SendOptions io = ipOptions;
        io.ttl = s.ttl;
        io.tos = (s.tosValue() & ~3) | ecnIp;
        io.pmtuDiscover = SocketConstants.IP_PMTUDISC_DO;
        io.boundDevice = s.boundDeviceIndex();
        io.broadcastAllowed = false;
        int err = ipv4.send(p, s.localAddress, s.remoteAddress, SocketConstants.IPPROTO_TCP, io);
        if (err != 0) {
            return err;
        }
        if (!retransmission) {
            snmp.inc(SnmpCounter.TCP_OUT_SEGS);
        }
        s.segsOut++;
        if ((flags & TcpHeader.RST) != 0) {
            snmp.inc(SnmpCounter.TCP_OUT_RSTS);
        }
        if ((flags & TcpHeader.ACK) != 0) {
            rcv.onAckSent();
        }
        return 0;
    }

    /** A pure ACK at snd_nxt ({@code tcp_send_ack}). */
    void sendAck(TcpSocket s) {
        if (s.state == TcpState.CLOSE) {
            return;
        }
        transmit(s, s.snd.nxt, 0, TcpHeader.ACK, false);
    }

    /**
     * The ACK of a request in the SYN queue ({@code tcp_v4_reqsk_send_ack}): the window is the
     * one the SYN-ACK advertised, scaled, and is not selected anew as {@link #sendAck} would
     * (which may round it up to the scale and so widen what the request accepts).
     */
    void sendRequestAck(TcpSocket req) {
        int window = (int) Math.min(req.rcv.rcvWnd >> req.rcvWscale, TcpConstants.MAX_UNSCALED_WINDOW);
        long tsVal = req.tsOk ? (tsNow(req) & 0xffffffffL) : -1;
        sendBare(req.localAddress, req.remoteAddress, req.localPort, req.remotePort, req.snd.nxt, req.rcv.rcvNxt,
                TcpHeader.ACK, window, null, tsVal, req.tsRecent);
    }

    /**
     * A zero-length probe with an old sequence number, snd_una - 1, that the peer must answer
     * with an ACK ({@code tcp_xmit_probe_skb}: window probes and keepalives).
     */
    int sendProbe(TcpSocket s) {
        return transmit(s, s.snd.una - 1, 0, TcpHeader.ACK, false);
    }

    /** RST|ACK at snd_nxt ({@code tcp_send_active_reset}): abortive close, unread data, timeouts. */
    void sendActiveReset(TcpSocket s) {
        transmit(s, s.snd.acceptableSeq(), 0, TcpHeader.RST | TcpHeader.ACK, false);
    }

    /**
     * A reset in reply to {@code seg} when no connection takes it ({@code tcp_v4_send_reset},
     * RFC 9293 §3.10.7.1): with an ACK, seq = SEG.ACK and no ACK flag; without one, seq = 0 and
     * ACK = SEG.SEQ + SEG.LEN. Never in reply to a reset.
     */
    void sendResetReply(TcpSegment seg) {
        if (seg.rst()) {
            return;
        }
        int seq;
        int ack;
        int flags;
        if (seg.ackFlag()) {
            seq = seg.ack;
            ack = 0;
            flags = TcpHeader.RST;
        } else {
            seq = 0;
            ack = seg.endSeq;
            flags = TcpHeader.RST | TcpHeader.ACK;
        }
        sendBare(seg.dst, seg.src, seg.dstPort, seg.srcPort, seq, ack, flags, 0, null, -1, 0);
        snmp.inc(SnmpCounter.TCP_OUT_RSTS);
    }

    /**
     * A segment not tied to a full connection (resets, TIME_WAIT ACKs, SYN cookie SYN-ACKs):
     * optional timestamps ({@code tsEcr} &gt;= 0 ... given as val/ecr), no payload.
     */
    void sendBare(int src, int dst, int srcPort, int dstPort, int seq, int ack, int flags, int window,
                  TcpOptions synOptions, long tsVal, int tsEcr) {
        TcpOptions o = synOptions;
        if (o == null) {
            o = options.clear();
            if (tsVal >= 0) {
                o.setTimestamp((int) tsVal, tsEcr);
            }
        }
        int optionLength = o.length();
        int headerLength = TcpHeader.MIN_LENGTH + optionLength;
        PacketBuffer p = new PacketBuffer(HEADROOM, HEADROOM + headerLength);
        int off = p.put(headerLength);
        byte[] b = p.array();
        TcpHeader.write(b, off, srcPort, dstPort, seq, ack, headerLength, flags, window);
        if (optionLength > 0) {
            o.write(b, off + TcpHeader.MIN_LENGTH);
        }
        TcpHeader.fillChecksumIpv4(b, off, headerLength, src, dst);
        Ipv4.SendOptions io = ipOptions;
        io.ttl = tcp.defaultTtl();
        io.tos = 0;
        io.pmtuDiscover = SocketConstants.IP_PMTUDISC_DO;
        io.boundDevice = 0;
        io.broadcastAllowed = false;
        if (ipv4.send(p, src, dst, SocketConstants.IPPROTO_TCP, io) == 0) {
            snmp.inc(SnmpCounter.TCP_OUT_SEGS);
        }
    }

    /** Scratch options for callers building SYN-ACKs with {@link #sendBare}. */
    TcpOptions scratchOptions() {
        return options.clear();
    }
}
