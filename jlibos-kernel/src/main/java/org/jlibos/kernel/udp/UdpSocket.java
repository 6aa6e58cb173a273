package org.jlibos.kernel.udp;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.util.ArrayDeque;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.SockAddr;
import org.jlibos.kernel.socket.Socket;

/**
 * A UDP socket (udp(7)). States: unbound → bound (bind, or automatically on first send or
 * connect, to an ephemeral port) → optionally connected (a default destination and a filter
 * on the source of received datagrams). Received datagrams wait in a queue charged against
 * SO_RCVBUF; when it is full new ones are dropped and counted (UdpRcvbufErrors).
 */
public final class UdpSocket extends Socket {

    /** One received datagram, head at its payload. */
    static final class Datagram {
        final PacketBuffer payload;
        final int srcAddress;
        final int srcPort;
        final int dstAddress;
        final int ttl;
        final int ifindex;
        final long time;

        Datagram(PacketBuffer payload, int srcAddress, int srcPort, int dstAddress, int ttl, int ifindex, long time) {
            this.payload = payload;
            this.srcAddress = srcAddress;
            this.srcPort = srcPort;
            this.dstAddress = dstAddress;
            this.ttl = ttl;
            this.ifindex = ifindex;
            this.time = time;
        }
    }

    final Udp udp;
    int localAddress;
    int localPort;
    int remoteAddress;
    int remotePort;
    boolean connected;
    boolean shutRead;
    boolean shutWrite;
    final ArrayDeque<Datagram> receiveQueue = new ArrayDeque<>();
    int receiveQueueBytes;
    long drops;

    UdpSocket(Kernel kernel, Udp udp) {
        super(kernel, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        this.udp = udp;
    }

    public int localPort() {
        return localPort;
    }

    public int localAddressValue() {
        return localAddress;
    }

    public int remoteAddressValue() {
        return remoteAddress;
    }

    public int remotePortValue() {
        return remotePort;
    }

    public boolean isConnected() {
        return connected;
    }

    /** Bytes waiting in the receive queue (ss's Recv-Q). */
    public int receiveQueueBytes() {
        return receiveQueueBytes;
    }

    /** Datagrams dropped because the receive buffer was full. */
    public long drops() {
        return drops;
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
        throwPendingErrorIfConnected("sendto");
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
    public int receiveFrom(byte[] buffer, int offset, int length, int flags, MessageInfo info) throws ErrnoException {
        long deadline = deadline(rcvTimeoutNanos);
        while (receiveQueue.isEmpty()) {
            throwPendingError("recvfrom");
            if (shutRead || isReleased()) {
                return 0;
            }
            if (nonBlocking || (flags & MSG_DONTWAIT) != 0 || kernel.host().nowNanos() >= deadline) {
                throw new ErrnoException("recvfrom", Errno.EAGAIN);
            }
            sleep("recvfrom", deadline);
        }
        Datagram d = (flags & MSG_PEEK) != 0 ? receiveQueue.peek() : receiveQueue.poll();
        int size = d.payload.length();
        int n = Math.min(size, length);
        System.arraycopy(d.payload.array(), d.payload.head(), buffer, offset, n);
        if ((flags & MSG_PEEK) == 0) {
            receiveQueueBytes -= Udp.charge(d);
        }
        if (info != null) {
            info.srcAddress = d.srcAddress;
            info.srcPort = d.srcPort;
            info.dstAddress = d.dstAddress;
            info.ttl = d.ttl;
            info.ifindex = d.ifindex;
            info.fullLength = size;
            info.timestampNanos = d.time;
        }
        return (flags & MSG_TRUNC) != 0 ? size : n;
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
    public int readableBytes() {
        Datagram d = receiveQueue.peek();
        return d == null ? 0 : d.payload.length();
    }

    @Override
    public int pollEvents() {
        int ev = POLLOUT;
        if (!receiveQueue.isEmpty() || shutRead) {
            ev |= POLLIN;
        }
        if (softError != 0) {
            ev |= POLLERR;
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
        receiveQueue.clear();
        receiveQueueBytes = 0;
    }

    void deliver(Datagram d, int charge) {
        receiveQueue.add(d);
        receiveQueueBytes += charge;
        wakeUp();
    }

    private void throwPendingErrorIfConnected(String call) throws ErrnoException {
        if (softError != 0) {
            throwPendingError(call);
        }
    }

    static InetSockAddr inet(String call, SockAddr a) throws ErrnoException {
        if (a instanceof InetSockAddr i) {
            return i;
        }
        throw new ErrnoException(call, Errno.EAFNOSUPPORT);
    }

    @Override
    public String toString() {
        return "udp " + new InetSockAddr(localAddress, localPort) + (connected ? " -> " + new InetSockAddr(remoteAddress, remotePort) : "");
    }
}
