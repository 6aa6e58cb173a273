package org.jlibos.kernel.udp;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.inet.QueuedDatagramSocket;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SockAddr;

/**
 * A UDP socket (udp(7)). States: unbound → bound (bind, or automatically on first send or
 * connect, to an ephemeral port) → optionally connected (a default destination and a filter
 * on the source of received datagrams). Received datagrams wait in a queue charged against
 * SO_RCVBUF; when it is full new ones are dropped and counted (UdpRcvbufErrors).
 */
public final class UdpSocket extends QueuedDatagramSocket {

    final Udp udp;
    private boolean shutRead;
    private boolean shutWrite;

    UdpSocket(Kernel kernel, Udp udp) {
        super(kernel, SOCK_DGRAM, IPPROTO_UDP);
        this.udp = udp;
    }

    /** Bytes waiting in the receive queue (ss's Recv-Q). */
    public int receiveQueueBytes() {
        return queuedBytes();
    }

    void setLocal(int address, int port) {
        localAddress = address;
        localPort = port;
    }

    void setRemote(int address, int port) {
        remoteAddress = address;
        remotePort = port;
        connected = true;
    }

    /** Queues a received datagram (head at its payload); false when SO_RCVBUF is full. */
    boolean deliver(PacketBuffer payload, int src, int srcPort, int dst, int ttl, int ifindex) {
        return enqueue(payload, src, srcPort, dst, ttl, ifindex);
    }

    @Override
    public void bind(SockAddr address) throws ErrnoException {
        InetSockAddr a = inet("bind", address);
        if (localPort != 0) {
            throw new ErrnoException("bind", Errno.EINVAL);
        }
        udp.bind(this, a.address(), a.port());
    }

    @Override
    public void connect(SockAddr address) throws ErrnoException {
        if (address == null) {
            connected = false;
            remoteAddress = 0;
            remotePort = 0;
            return;
        }
        InetSockAddr a = inet("connect", address);
        if (a.port() == 0) {
            throw new ErrnoException("connect", Errno.EINVAL);
        }
        udp.connect(this, a.address(), a.port());
        wakeUp();
    }

    @Override
    public int sendTo(byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        throwPendingError("sendto");
        if (shutWrite) {
            throw new ErrnoException("sendto", Errno.EPIPE);
        }
        int dst;
        int port;
        if (to != null) {
            InetSockAddr a = inet("sendto", to);
            dst = a.address();
            port = a.port();
            if (port == 0) {
                throw new ErrnoException("sendto", Errno.EINVAL);
            }
        } else if (connected) {
            dst = remoteAddress;
            port = remotePort;
        } else {
            throw new ErrnoException("sendto", Errno.EDESTADDRREQ);
        }
        return udp.send(this, data, offset, length, dst, port);
    }

    @Override
    public void shutdown(int how) throws ErrnoException {
        if (!connected) {
            throw new ErrnoException("shutdown", Errno.ENOTCONN);
        }
        if (how == SHUT_RD || how == SHUT_RDWR) {
            shutRead = true;
        }
        if (how == SHUT_WR || how == SHUT_RDWR) {
            shutWrite = true;
        }
        wakeUp();
    }

    @Override
    protected void consumed() {
        kernel.snmp().inc(org.jlibos.kernel.stats.SnmpCounter.UDP_IN_DATAGRAMS);
    }

    @Override
    protected boolean readShutdown() {
        return shutRead;
    }

    @Override
    public SockAddr localAddress() {
        return new InetSockAddr(localAddress, localPort);
    }

    @Override
    public SockAddr remoteAddress() throws ErrnoException {
        if (!connected) {
            throw new ErrnoException("getpeername", Errno.ENOTCONN);
        }
        return new InetSockAddr(remoteAddress, remotePort);
    }

    @Override
    public int pollEvents() {
        int ev = super.pollEvents();
        if (shutRead) {
            ev |= POLLIN;
        }
        if (shutRead && shutWrite) {
            ev |= POLLHUP;
        }
        return ev;
    }

    @Override
    public long getOption(int level, int name) throws ErrnoException {
        if (level == SOL_IP && name == IP_MTU) {
            if (!connected) {
                throw new ErrnoException("getsockopt", Errno.ENOTCONN);
            }
            return udp.pathMtu(this);
        }
        return super.getOption(level, name);
    }

    @Override
    protected void onClose() {
        udp.unbind(this);
        super.onClose();
    }

    @Override
    public String toString() {
        return "udp " + new InetSockAddr(localAddress, localPort)
                + (connected ? " -> " + new InetSockAddr(remoteAddress, remotePort) : "");
    }
}
