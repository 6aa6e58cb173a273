package org.jlibos.kernel.raw;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.inet.QueuedDatagramSocket;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SockAddr;
import org.jlibos.kernel.wire.Ipv4Header;

/**
 * A raw IPv4 socket (raw(7)): receives a copy of every incoming packet of its protocol,
 * IP header included, and sends packets of its protocol with a kernel-built IP header (or the
 * caller's, with IP_HDRINCL; always for IPPROTO_RAW).
 */
public final class RawSocket extends QueuedDatagramSocket {

    private final RawSockets table;
    private boolean headerIncluded;

    RawSocket(Kernel kernel, RawSockets table, int protocol) {
        super(kernel, SOCK_RAW, protocol);
        this.table = table;
        this.headerIncluded = protocol == IPPROTO_RAW;
    }

    @Override
    public void bind(SockAddr address) throws ErrnoException {
        InetSockAddr a = inet("bind", address);
        if (a.address() != 0 && !table.ipv4().isLocalAddress(a.address())) {
            throw new ErrnoException("bind", Errno.EADDRNOTAVAIL);
        }
        localAddress = a.address();
    }

    @Override
    public void connect(SockAddr address) throws ErrnoException {
        InetSockAddr a = inet("connect", address);
        remoteAddress = a.address();
        connected = true;
    }

    @Override
    public int sendTo(byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        throwPendingError("sendto");
        int dst = destination(to);
        Ipv4.SendOptions o = new Ipv4.SendOptions().of(this);
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + length);
        int off = p.put(length);
        System.arraycopy(data, offset, p.array(), off, length);
        int err;
        if (headerIncluded) {
            if (length < Ipv4Header.MIN_LENGTH) {
                throw new ErrnoException("sendto", Errno.EINVAL);
            }
            Ipv4Header.setDst(p.array(), off, dst);
            err = table.ipv4().sendRaw(p, o);
        } else {
            if (length > 65535 - Ipv4Header.MIN_LENGTH) {
                throw new ErrnoException("sendto", Errno.EMSGSIZE);
            }
            err = table.ipv4().send(p, localAddress, dst, protocol(), o);
        }
        if (err != 0) {
            throw new ErrnoException("sendto", Errno.of(err));
        }
        return length;
    }

    @Override
    public SockAddr localAddress() {
        return new InetSockAddr(localAddress, protocol());
    }

    @Override
    public long getOption(int level, int name) throws ErrnoException {
        if (level == SOL_IP && name == IP_HDRINCL) {
            return headerIncluded ? 1 : 0;
        }
        return super.getOption(level, name);
    }

    @Override
    public void setOption(int level, int name, long value) throws ErrnoException {
        if (level == SOL_IP && name == IP_HDRINCL) {
            headerIncluded = value != 0;
            return;
        }
        super.setOption(level, name, value);
    }

    boolean accepts(int src, int dst, int ifindex) {
        return (localAddress == 0 || localAddress == dst)
                && (!connected || remoteAddress == src)
                && (boundDeviceIndex() == 0 || boundDeviceIndex() == ifindex);
    }

    void receive(PacketBuffer copy, int src, int dst, int ttl, int ifindex) {
        enqueue(copy, src, 0, dst, ttl, ifindex);
    }

    @Override
    protected void onClose() {
        super.onClose();
        table.remove(this);
    }
}
