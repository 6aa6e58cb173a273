package org.jlibos.dce.nio;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.MembershipKey;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.nio.channels.spi.SelectorProvider;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;

/** A UDP {@link DatagramChannel} on a simulated kernel (no multicast: the kernel has none yet). */
public final class SimDatagramChannel extends DatagramChannel implements SimChannel {

    static final Set<SocketOption<?>> OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.SO_REUSEPORT, StandardSocketOptions.SO_BROADCAST, StandardSocketOptions.IP_TOS)));

    private final SocketHandle handle;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final MessageInfo source = new MessageInfo();
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;
    private DatagramSocket adaptor;

    SimDatagramChannel(SelectorProvider provider, SocketHandle handle) {
        super(provider);
        this.handle = handle;
    }

    @Override
    public SocketHandle handle() {
        return handle;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public DatagramChannel bind(SocketAddress local) throws IOException {
        ensureOpen();
        if (localAddress != null) {
            throw new AlreadyBoundException();
        }
        try {
            handle.socket.bind(Addresses.toKernel(local));
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
        refreshLocalAddress();
        return this;
    }

    /** Like the JDK, receiving on an unbound channel binds it to the wildcard address first. */
    private void bindIfUnbound() throws IOException {
        if (localAddress == null) {
            bind(null);
        }
    }

    private void refreshLocalAddress() throws IOException {
        try {
            localAddress = Addresses.toJava(handle.socket.localAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
    }

    @Override
    public boolean isConnected() {
        return remoteAddress != null;
    }

    @Override
    public DatagramChannel connect(SocketAddress remote) throws IOException {
        ensureOpen();
        if (remoteAddress != null) {
            throw new AlreadyConnectedException();
        }
        InetSockAddr target = Addresses.toKernel(Objects.requireNonNull(remote, "remote"));
        readLock.lock();
        writeLock.lock();
        try {
            handle.socket.connect(target);
            remoteAddress = Addresses.toJava(handle.socket.remoteAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channelConnect(e);
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
        refreshLocalAddress();
        return this;
    }

    @Override
    public DatagramChannel disconnect() throws IOException {
        if (!isOpen() || remoteAddress == null) {
            return this;
        }
        try {
            handle.socket.connect(null);
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
        remoteAddress = null;
        refreshLocalAddress();
        return this;
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        ensureOpen();
        return remoteAddress;
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return localAddress;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    // ---- data -----------------------------------------------------------------------------------

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        return receive(dst, 0);
    }

    /** receive with a virtual-time SO_TIMEOUT ({@code timeoutNanos} > 0), for the DatagramSocket adaptor. */
    SocketAddress receive(ByteBuffer dst, long timeoutNanos) throws IOException {
        Objects.requireNonNull(dst);
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        readLock.lock();
        try {
            ensureOpen();
            bindIfUnbound();
            boolean blocking = isBlocking();
            if (timeoutNanos > 0 && !blocking) {
                throw new IllegalBlockingModeException();
            }
            boolean received = false;
            boolean timedOut = false;
            ErrnoException failure = null;
            try {
                if (blocking) {
                    begin();
                }
                if (timeoutNanos > 0 && !handle.awaitReady(POLLIN, handle.now() + timeoutNanos)) {
                    timedOut = true;
                } else {
                    receiveInto(dst, timeoutNanos > 0 ? MSG_DONTWAIT : 0);
                    received = true;
                }
            } catch (ErrnoException e) {
                failure = e;
                SimSocketChannel.interruptedAgain(e);
            } finally {
                if (blocking) {
                    end(received || timedOut);
                }
            }
            if (timedOut) {
                throw new SocketTimeoutException("Receive timed out");
            }
            if (failure != null) {
                if (failure.errno() == Errno.EAGAIN) {
                    return null;
                }
                throw SocketErrors.channelDatagram(failure);
            }
            return new InetSocketAddress(KernelAddresses.toInetAddress(source.srcAddress), source.srcPort);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * One datagram into {@code dst}; the part that does not fit is discarded, as the JDK
     * specifies (the kernel copies at most the remaining bytes).
     */
    private int receiveInto(ByteBuffer dst, int flags) throws ErrnoException {
        int pos = dst.position();
        int len = dst.remaining();
        int n;
        if (dst.hasArray()) {
            n = handle.socket.receiveFrom(dst.array(), dst.arrayOffset() + pos, len, flags, source);
        } else {
            byte[] buf = handle.readScratch(Math.min(len, SocketHandle.MAX_COPY));
            n = handle.socket.receiveFrom(buf, 0, Math.min(len, buf.length), flags, source);
            dst.put(pos, buf, 0, n);
        }
        dst.position(pos + n);
        return n;
    }

    @Override
    public int send(ByteBuffer src, SocketAddress target) throws IOException {
        Objects.requireNonNull(src);
        InetSockAddr to = Addresses.toKernel(Objects.requireNonNull(target, "target"));
        writeLock.lock();
        try {
            ensureOpen();
            InetSocketAddress remote = remoteAddress;
            if (remote != null) {
                if (!Addresses.toKernel(remote).equals(to)) {
                    throw new AlreadyConnectedException();
                }
                to = null;
            }
            int pos = src.position();
            int len = src.remaining();
            byte[] data;
            int off;
            if (src.hasArray()) {
                data = src.array();
                off = src.arrayOffset() + pos;
            } else {
                data = handle.writeScratch(len);
                off = 0;
                src.get(pos, data, 0, len);
            }
            int n;
            try {
                n = handle.socket.sendTo(data, off, len, 0, to);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    return 0;
                }
                throw SocketErrors.channelDatagram(e);
            }
            src.position(pos + n);
            if (localAddress == null) {
                refreshLocalAddress();
            }
            return n;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst);
        ensureOpen();
        if (remoteAddress == null) {
            throw new NotYetConnectedException();
        }
        int before = dst.position();
        SocketAddress from = receive(dst);
        return from == null ? 0 : dst.position() - before;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ensureOpen();
        if (remoteAddress == null) {
            throw new NotYetConnectedException();
        }
        int capacity = SocketHandle.capacity(dsts, offset, length);
        ByteBuffer whole = ByteBuffer.allocate(capacity);
        if (receive(whole) == null) {
            return 0;
        }
        int n = whole.position();
        System.arraycopy(whole.array(), 0, handle.readScratch(n), 0, n);
        handle.scatter(dsts, offset, length, n, true);
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        InetSocketAddress remote = remoteAddress;
        if (remote == null) {
            throw new NotYetConnectedException();
        }
        return send(src, remote);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        ensureOpen();
        InetSocketAddress remote = remoteAddress;
        if (remote == null) {
            throw new NotYetConnectedException();
        }
        int n = handle.gather(srcs, offset, length);
        int sent = send(ByteBuffer.wrap(handle.writeScratch(n), 0, n), remote);
        handle.scatter(srcs, offset, length, sent, false);
        return sent;
    }

    // ---- options, multicast, selection ----------------------------------------------------------

    @Override
    public <T> DatagramChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        handle.setOption("DatagramChannel", OPTIONS, name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        ensureOpen();
        return handle.getOption("DatagramChannel", OPTIONS, name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    @Override
    public MembershipKey join(InetAddress group, NetworkInterface interf) {
        throw new UnsupportedOperationException("DatagramChannel.join");
    }

    @Override
    public MembershipKey join(InetAddress group, NetworkInterface interf, InetAddress source) {
        throw new UnsupportedOperationException("DatagramChannel.join");
    }

    @Override
    public DatagramSocket socket() {
        synchronized (this) {
            if (adaptor == null) {
                adaptor = SimDatagramSocketAdaptor.create(this);
            }
            return adaptor;
        }
    }

    @Override
    public int translateReadyOps(int events, int interestOps) {
        if ((events & (POLLERR | POLLHUP)) != 0) {
            return interestOps;
        }
        int ready = 0;
        if ((events & POLLIN) != 0 && (interestOps & SelectionKey.OP_READ) != 0) {
            ready |= SelectionKey.OP_READ;
        }
        if ((events & POLLOUT) != 0 && (interestOps & SelectionKey.OP_WRITE) != 0) {
            ready |= SelectionKey.OP_WRITE;
        }
        return ready;
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
        handle.close();
    }

    @Override
    protected void implConfigureBlocking(boolean block) {
        handle.socket.setNonBlocking(!block);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (isOpen() ? "local=" + localAddress + (remoteAddress == null ? "" : " remote=" + remoteAddress) : "closed") + "]";
    }
}
