package org.jlibos.kernel.icmp;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.inet.QueuedDatagramSocket;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SockAddr;
import org.jlibos.kernel.wire.IcmpV4Header;

/**
 * An ICMP datagram ("ping") socket, {@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}
 * (Linux {@code net/ipv4/ping.c}): the caller sends echo requests without privileges; the
 * kernel sets the identifier to the socket's bound "port" and computes the checksum, and
 * delivers echo replies carrying that identifier (ICMP header and data, no IP header).
 */
public final class PingSocket extends QueuedDatagramSocket {

    private final PingSockets table;
    int identifier;

    PingSocket(Kernel kernel, PingSockets table) {
        super(kernel, SOCK_DGRAM, IPPROTO_ICMP);
        this.table = table;
    }

    public int identifier() {
        return identifier;
    }

    @Override
    public void bind(SockAddr address) throws ErrnoException {
        InetSockAddr a = inet("bind", address);
        if (identifier != 0) {
            throw new ErrnoException("bind", Errno.EINVAL);
        }
        if (a.address() != 0 && !table.ipv4().isLocalAddress(a.address())) {
            throw new ErrnoException("bind", Errno.EADDRNOTAVAIL);
        }
        localAddress = a.address();
        table.bind(this, a.port());
    }

    @Override
    public void connect(SockAddr address) throws ErrnoException {
        remoteAddress = inet("connect", address).address();
        connected = true;
        if (identifier == 0) {
            table.bind(this, 0);
        }
    }

    @Override
    public int sendTo(byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        throwPendingError("sendto");
        int dst = destination(to);
        if (length < IcmpV4Header.LENGTH || IcmpV4Header.type(data, offset) != IcmpV4Header.ECHO_REQUEST
                || IcmpV4Header.code(data, offset) != 0) {
            throw new ErrnoException("sendto", Errno.EINVAL);
        }
        if (identifier == 0) {
            table.bind(this, 0);
        }
        PacketBuffer p = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + length);
        int off = p.put(length);
        byte[] b = p.array();
        System.arraycopy(data, offset, b, off, length);
        IcmpV4Header.setIdentifier(b, off, identifier);
        IcmpV4Header.fillChecksum(b, off, length);
        Ipv4.SendOptions o = new Ipv4.SendOptions().of(this);
        int err = table.ipv4().send(p, localAddress, dst, IPPROTO_ICMP, o);
        if (err != 0) {
            throw new ErrnoException("sendto", Errno.of(err));
        }
        table.counted();
        return length;
    }

    @Override
    public SockAddr localAddress() {
        return new InetSockAddr(localAddress, identifier);
    }

    void receive(PacketBuffer icmpMessage, int src, int dst, int ttl, int ifindex) {
        if ((localAddress != 0 && localAddress != dst) || (connected && remoteAddress != src)) {
            return;
        }
        enqueue(icmpMessage, src, 0, dst, ttl, ifindex);
    }

    @Override
    protected void onClose() {
        super.onClose();
        table.unbind(this);
    }
}
