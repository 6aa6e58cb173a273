package org.jlibos.kernel.inet;

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
 * The receive side shared by message-oriented IPv4 sockets other than UDP (raw and ping
 * sockets): a queue of whole messages charged against SO_RCVBUF, and blocking recvfrom.
 */
public abstract class QueuedDatagramSocket extends Socket {

    /** Per-message memory charged on top of the payload, like skb truesize. */
    public static final int MESSAGE_OVERHEAD = 256;

    private static final class Message {
        final PacketBuffer data;
        final int srcAddress;
        final int srcPort;
        final int dstAddress;
        final int ttl;
        final int ifindex;
        final long time;

        Message(PacketBuffer data, int srcAddress, int srcPort, int dstAddress, int ttl, int ifindex, long time) {
            this.data = data;
            this.srcAddress = srcAddress;
            this.srcPort = srcPort;
            this.dstAddress = dstAddress;
            this.ttl = ttl;
            this.ifindex = ifindex;
            this.time = time;
        }
    }

    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private int queuedBytes;
    private long drops;
    protected int localAddress;
    protected int localPort;
    protected int remoteAddress;
    protected int remotePort;
    protected boolean connected;

    protected QueuedDatagramSocket(Kernel kernel, int type, int protocol) {
        super(kernel, AF_INET, type, protocol);
    }

    /** Queues a message (head at what recvfrom returns); false when the buffer is full. */
    protected final boolean enqueue(PacketBuffer data, int src, int srcPort, int dst, int ttl, int ifindex) {
        int charge = data.length() + MESSAGE_OVERHEAD;
        if (queuedBytes + charge > receiveBufferBytes()) {
            drops++;
            return false;
        }
        queue.add(new Message(data, src, srcPort, dst, ttl, ifindex, kernel.host().nowNanos()));
        queuedBytes += charge;
        wakeUp();
        return true;
    }

    public long drops() {
        return drops;
    }

    public int queuedBytes() {
        return queuedBytes;
    }

    public int localAddressValue() {
        return localAddress;
    }

    /** Local port (UDP) or identifier (ping); 0 before binding. */
    public int localPort() {
        return localPort;
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

    /** A message was read (not peeked); UDP counts UdpInDatagrams here, as Linux's udp_recvmsg does. */
    protected void consumed() {
    }

    /** True once reading was shut down: receive calls then return 0 instead of blocking. */
    protected boolean readShutdown() {
        return false;
    }

    @Override
    public int receiveFrom(byte[] buffer, int offset, int length, int flags, MessageInfo info) throws ErrnoException {
        long deadline = deadline(rcvTimeoutNanos);
        while (queue.isEmpty()) {
            throwPendingError("recvfrom");
            if (isReleased() || readShutdown()) {
                return 0;
            }
            if (nonBlocking || (flags & MSG_DONTWAIT) != 0 || kernel.host().nowNanos() >= deadline) {
                throw new ErrnoException("recvfrom", Errno.EAGAIN);
            }
            sleep("recvfrom", deadline);
        }
        Message m = (flags & MSG_PEEK) != 0 ? queue.peek() : queue.poll();
        int size = m.data.length();
        int n = Math.min(size, length);
        System.arraycopy(m.data.array(), m.data.head(), buffer, offset, n);
        if ((flags & MSG_PEEK) == 0) {
            queuedBytes -= size + MESSAGE_OVERHEAD;
            consumed();
        }
        if (info != null) {
            info.srcAddress = m.srcAddress;
            info.srcPort = m.srcPort;
            info.dstAddress = m.dstAddress;
            info.ttl = m.ttl;
            info.ifindex = m.ifindex;
            info.fullLength = size;
            info.timestampNanos = m.time;
        }
        return (flags & MSG_TRUNC) != 0 ? size : n;
    }

    @Override
    public int readableBytes() {
        Message m = queue.peek();
        return m == null ? 0 : m.data.length();
    }

    @Override
    public int pollEvents() {
        int ev = POLLOUT;
        if (!queue.isEmpty()) {
            ev |= POLLIN;
        }
        if (softError != 0) {
            ev |= POLLERR;
        }
        return ev;
    }

    @Override
    protected void onClose() {
        queue.clear();
        queuedBytes = 0;
    }

    /** sendto's destination address: {@code to}, else the connected peer, else EDESTADDRREQ. */
    protected final int destination(SockAddr to) throws ErrnoException {
        if (to != null) {
            return inet("sendto", to).address();
        }
        if (connected) {
            return remoteAddress;
        }
        throw new ErrnoException("sendto", Errno.EDESTADDRREQ);
    }

    protected static InetSockAddr inet(String call, SockAddr a) throws ErrnoException {
        if (a instanceof InetSockAddr i) {
            return i;
        }
        throw new ErrnoException(call, Errno.EAFNOSUPPORT);
    }
}
