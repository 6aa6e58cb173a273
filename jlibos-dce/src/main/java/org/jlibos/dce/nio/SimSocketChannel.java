package org.jlibos.dce.nio;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.wire.Ipv4Address;

/**
 * A TCP {@link SocketChannel} on a simulated kernel. Blocking calls block in the kernel (the
 * simulated thread parks in virtual time) inside begin()/end(), so an interrupt closes the
 * channel and raises ClosedByInterruptException as the JDK does.
 */
public final class SimSocketChannel extends SocketChannel implements SimChannel {

    static final Set<SocketOption<?>> OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT, StandardSocketOptions.SO_LINGER,
            StandardSocketOptions.TCP_NODELAY, StandardSocketOptions.IP_TOS)));

    private static final int UNCONNECTED = 0;
    private static final int PENDING = 1;
    private static final int CONNECTED = 2;

    private final SocketHandle handle;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int state;
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;
    private InetSockAddr connectTarget;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private Socket adaptor;

    SimSocketChannel(SelectorProvider provider, SocketHandle handle) {
        super(provider);
        this.handle = handle;
    }

    /** A channel for a connection accept(2) returned. */
    SimSocketChannel(SelectorProvider provider, SocketHandle handle, InetSocketAddress local, InetSocketAddress remote) {
        super(provider);
        this.handle = handle;
        this.localAddress = local;
        this.remoteAddress = remote;
        this.state = CONNECTED;
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

    // ---- binding and connecting -----------------------------------------------------------------

    @Override
    public SocketChannel bind(SocketAddress local) throws IOException {
        ensureOpen();
        if (state == CONNECTED) {
            throw new AlreadyConnectedException();
        }
        if (state == PENDING) {
            throw new ConnectionPendingException();
        }
        if (localAddress != null) {
            throw new AlreadyBoundException();
        }
        try {
            handle.socket.bind(Addresses.toKernel(local));
            localAddress = Addresses.toJava(handle.socket.localAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
        return this;
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        ensureOpen();
        if (state == CONNECTED) {
            throw new AlreadyConnectedException();
        }
        if (state == PENDING) {
            throw new ConnectionPendingException();
        }
        InetSockAddr target = Addresses.toKernel(Objects.requireNonNull(remote, "remote"));
        if (target.address() == 0) {
            // Like the JDK: connecting to the wildcard address means this host.
            target = new InetSockAddr(Ipv4Address.LOOPBACK, target.port());
        }
        boolean blocking = isBlocking();
        boolean connected = false;
        ErrnoException failure = null;
        try {
            if (blocking) {
                begin();
            }
            handle.socket.connect(target);
            connected = true;
        } catch (ErrnoException e) {
            failure = e;
            interruptedAgain(e);
        } finally {
            if (blocking) {
                endOrClose(connected);
            }
        }
        if (failure != null && failure.errno() != Errno.EINPROGRESS) {
            close();
            throw SocketErrors.channelConnect(failure);
        }
        connectTarget = target;
        refreshLocalAddress();
        if (connected) {
            connected();
        } else {
            state = PENDING;
        }
        return connected;
    }

    @Override
    public boolean finishConnect() throws IOException {
        ensureOpen();
        if (state == CONNECTED) {
            return true;
        }
        if (state != PENDING) {
            throw new NoConnectionPendingException();
        }
        boolean blocking = isBlocking();
        boolean connected = false;
        ErrnoException failure = null;
        try {
            if (blocking) {
                begin();
            }
            // A second connect(2) reports the outcome of the pending one, as in Linux.
            handle.socket.connect(connectTarget);
            connected = true;
        } catch (ErrnoException e) {
            failure = e;
            interruptedAgain(e);
        } finally {
            if (blocking) {
                endOrClose(connected);
            }
        }
        if (failure != null) {
            if (failure.errno() == Errno.EALREADY || failure.errno() == Errno.EINPROGRESS) {
                return false;
            }
            close();
            throw SocketErrors.channelConnect(failure);
        }
        connected();
        return true;
    }

    private void connected() throws IOException {
        try {
            remoteAddress = Addresses.toJava(handle.socket.remoteAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channelConnect(e);
        }
        refreshLocalAddress();
        state = CONNECTED;
    }

    private void refreshLocalAddress() throws IOException {
        try {
            localAddress = Addresses.toJava(handle.socket.localAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
    }

    /**
     * Socket.connect(addr, timeout): a non-blocking connect and a wait for writability with a
     * virtual-time deadline; the channel is closed when the deadline passes, as the JDK does.
     */
    void connect(SocketAddress remote, long timeoutNanos) throws IOException {
        if (!isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        if (timeoutNanos <= 0) {
            connect(remote);
            return;
        }
        handle.socket.setNonBlocking(true);
        boolean connected;
        try {
            connected = connect(remote);
        } finally {
            handle.socket.setNonBlocking(false);
        }
        if (connected) {
            return;
        }
        boolean ready = false;
        try {
            begin();
            ready = handle.awaitReady(POLLOUT, handle.now() + timeoutNanos);
        } catch (ErrnoException e) {
            interruptedAgain(e);
        } finally {
            endOrClose(ready);
        }
        if (!ready) {
            close();
            throw new SocketTimeoutException("Connect timed out");
        }
        finishConnect();
    }

    // ---- data -----------------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst);
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        readLock.lock();
        try {
            ensureReadable();
            if (inputShutdown) {
                return -1;
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            return (int) transfer(isBlocking(), moved -> moved.bytes = orEndOfStream(handle.receive(dst, 0)));
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        int capacity = SocketHandle.capacity(dsts, offset, length);
        readLock.lock();
        try {
            ensureReadable();
            if (inputShutdown) {
                return -1;
            }
            if (capacity == 0) {
                return 0;
            }
            long n = transfer(isBlocking(), moved -> moved.bytes = orEndOfStream(
                    handle.socket.receiveFrom(handle.readScratch(capacity), 0, capacity, 0, null)));
            if (n > 0) {
                handle.scatter(dsts, offset, length, (int) n, true);
            }
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /** InputStream.read of the socket adaptor: SO_TIMEOUT ({@code timeoutNanos} > 0) is a virtual-time deadline. */
    int read(byte[] b, int off, int len, long timeoutNanos) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (!isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        readLock.lock();
        try {
            ensureReadable();
            if (inputShutdown) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            long deadline = timeoutNanos > 0 ? handle.now() + timeoutNanos : Long.MAX_VALUE;
            while (true) {
                int n = 0;
                boolean timedOut = false;
                ErrnoException failure = null;
                try {
                    begin();
                    if (timeoutNanos > 0 && !handle.awaitReady(POLLIN, deadline)) {
                        timedOut = true;
                    } else {
                        n = handle.socket.receiveFrom(b, off, len, timeoutNanos > 0 ? MSG_DONTWAIT : 0, null);
                    }
                } catch (ErrnoException e) {
                    failure = e;
                    interruptedAgain(e);
                } finally {
                    end(n > 0 || timedOut);
                }
                if (timedOut) {
                    throw new SocketTimeoutException("Read timed out");
                }
                if (failure != null) {
                    if (failure.errno() == Errno.EAGAIN && timeoutNanos > 0) {
                        continue;
                    }
                    throw SocketErrors.channel(failure);
                }
                return n == 0 ? -1 : n;
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src);
        writeLock.lock();
        try {
            ensureWritable();
            boolean blocking = isBlocking();
            return (int) transfer(blocking, moved -> {
                while (src.hasRemaining()) {
                    int chunk = src.remaining();
                    int n = handle.send(src, MSG_NOSIGNAL);
                    moved.bytes += n;
                    if (!blocking && n < Math.min(chunk, SocketHandle.MAX_COPY)) {
                        break;
                    }
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        writeLock.lock();
        try {
            ensureWritable();
            boolean blocking = isBlocking();
            return transfer(blocking, moved -> {
                while (true) {
                    int n = handle.gather(srcs, offset, length);
                    if (n == 0) {
                        break;
                    }
                    int sent = handle.socket.sendTo(handle.writeScratch(n), 0, n, MSG_NOSIGNAL, null);
                    handle.scatter(srcs, offset, length, sent, false);
                    moved.bytes += sent;
                    if (!blocking && sent < n) {
                        break;
                    }
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** OutputStream.write of the socket adaptor: a blocking write of the whole array. */
    void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (!isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /** Bytes readable without blocking (FIONREAD), for InputStream.available. */
    int available() throws IOException {
        ensureOpen();
        if (inputShutdown || state != CONNECTED) {
            return 0;
        }
        return handle.socket.readableBytes();
    }

    /** Bytes a read or write has moved so far; a failure after some moved does not undo them. */
    private static final class Moved {
        long bytes;
    }

    @FunctionalInterface
    private interface Transfer {
        void run(Moved moved) throws ErrnoException;
    }

    /**
     * Runs a read or write, inside begin()/end() when blocking so that an interrupt or a close
     * from another thread ends it as the JDK's channels do. Returns the bytes moved (-1 for end
     * of stream); EAGAIN (nothing to do without blocking) and a failure after bytes moved end
     * the call with what moved, as write(2) reports a partial write.
     */
    private long transfer(boolean blocking, Transfer io) throws IOException {
        Moved moved = new Moved();
        ErrnoException failure = null;
        try {
            if (blocking) {
                begin();
            }
            io.run(moved);
        } catch (ErrnoException e) {
            failure = e;
            interruptedAgain(e);
        } finally {
            if (blocking) {
                end(moved.bytes > 0);
            }
        }
        if (failure != null && failure.errno() != Errno.EAGAIN && moved.bytes <= 0) {
            throw SocketErrors.channel(failure);
        }
        return moved.bytes;
    }

    /** recv(2)'s 0 is the end of the stream, which channel reads report as -1. */
    private static int orEndOfStream(int received) {
        return received == 0 ? -1 : received;
    }

    private void ensureReadable() throws ClosedChannelException {
        ensureOpen();
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
    }

    private void ensureWritable() throws ClosedChannelException {
        ensureOpen();
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
        if (outputShutdown) {
            throw new ClosedChannelException();
        }
    }

    /**
     * The kernel reports an interrupt as EINTR after consuming the thread's interrupt status;
     * the JDK leaves it set, so it is restored before end() turns it into ClosedByInterruptException.
     */
    static void interruptedAgain(ErrnoException e) {
        if (e.errno() == Errno.EINTR) {
            Thread.currentThread().interrupt();
        }
    }

    /** end() of a blocking connect: a failed or interrupted connect leaves the channel closed. */
    private void endOrClose(boolean completed) throws IOException {
        try {
            end(completed);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    // ---- shutdown, addresses, options ---------------------------------------------------------

    @Override
    public SocketChannel shutdownInput() throws IOException {
        ensureOpen();
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
        if (!inputShutdown) {
            shutdown(SHUT_RD);
            inputShutdown = true;
        }
        return this;
    }

    @Override
    public SocketChannel shutdownOutput() throws IOException {
        ensureOpen();
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
        if (!outputShutdown) {
            shutdown(SHUT_WR);
            outputShutdown = true;
        }
        return this;
    }

    private void shutdown(int how) throws IOException {
        try {
            handle.socket.shutdown(how);
        } catch (ErrnoException e) {
            // Like the JDK (Net.c): a connection the peer already tore down is not an error here.
            if (e.errno() != Errno.ENOTCONN) {
                throw SocketErrors.channel(e);
            }
        }
    }

    boolean isInputOpen() {
        return !inputShutdown;
    }

    boolean isOutputOpen() {
        return !outputShutdown;
    }

    @Override
    public Socket socket() {
        synchronized (this) {
            if (adaptor == null) {
                try {
                    adaptor = new SimSocketAdaptor(this);
                } catch (java.net.SocketException impossible) {
                    // Socket(SocketImpl) declares it but throws nothing for a given impl.
                    throw new InternalError(impossible);
                }
            }
            return adaptor;
        }
    }

    @Override
    public boolean isConnected() {
        return state == CONNECTED;
    }

    @Override
    public boolean isConnectionPending() {
        return state == PENDING;
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return localAddress;
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        ensureOpen();
        return remoteAddress;
    }

    /** The local address without the open check (adaptors answer after close). */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    InetSocketAddress remoteAddress() {
        return state == CONNECTED ? remoteAddress : null;
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        handle.setOption("SocketChannel", OPTIONS, name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        ensureOpen();
        return handle.getOption("SocketChannel", OPTIONS, name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    // ---- selection and life cycle ---------------------------------------------------------------

    @Override
    public int translateReadyOps(int events, int interestOps) {
        if ((events & (POLLERR | POLLHUP)) != 0) {
            return interestOps;
        }
        int ready = 0;
        boolean connected = state == CONNECTED;
        if ((events & POLLIN) != 0 && (interestOps & SelectionKey.OP_READ) != 0 && connected) {
            ready |= SelectionKey.OP_READ;
        }
        if ((events & POLLOUT) != 0 && (interestOps & SelectionKey.OP_CONNECT) != 0 && state == PENDING) {
            ready |= SelectionKey.OP_CONNECT;
        }
        if ((events & POLLOUT) != 0 && (interestOps & SelectionKey.OP_WRITE) != 0 && connected) {
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
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        if (!isOpen()) {
            sb.append("closed");
        } else {
            sb.append(state == CONNECTED ? "connected" : state == PENDING ? "connection-pending" : "unconnected");
            if (localAddress != null) {
                sb.append(" local=").append(localAddress);
            }
            if (remoteAddress != null) {
                sb.append(" remote=").append(remoteAddress);
            }
        }
        return sb.append(']').toString();
    }
}
