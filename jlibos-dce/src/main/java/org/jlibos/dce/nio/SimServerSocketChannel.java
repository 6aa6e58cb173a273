package org.jlibos.dce.nio;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.MessageInfo;

/** A listening TCP {@link ServerSocketChannel} on a simulated kernel. */
public final class SimServerSocketChannel extends ServerSocketChannel implements SimChannel {

    static final Set<SocketOption<?>> OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT)));

    /** The JDK's default backlog when none (or a non-positive one) is given. */
    private static final int DEFAULT_BACKLOG = 50;

    private final SocketHandle handle;
    private final ReentrantLock acceptLock = new ReentrantLock();
    private final MessageInfo peer = new MessageInfo();
    private volatile InetSocketAddress localAddress;
    private ServerSocket adaptor;

    SimServerSocketChannel(SelectorProvider provider, SocketHandle handle) throws IOException {
        super(provider);
        this.handle = handle;
        // The JDK creates server sockets with SO_REUSEADDR on (Net.serverSocket), so a restarted
        // server can bind while old connections sit in TIME_WAIT.
        try {
            handle.socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1);
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
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
    public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
        ensureOpen();
        if (localAddress != null) {
            throw new AlreadyBoundException();
        }
        try {
            handle.socket.bind(Addresses.toKernel(local));
            handle.socket.listen(backlog < 1 ? DEFAULT_BACKLOG : backlog);
            localAddress = Addresses.toJava(handle.socket.localAddress());
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
        return this;
    }

    @Override
    public SocketChannel accept() throws IOException {
        return accept(0);
    }

    /**
     * accept(2); null in non-blocking mode when nothing is pending. {@code timeoutNanos} > 0
     * (ServerSocket.setSoTimeout) bounds a blocking accept in virtual time.
     */
    SocketChannel accept(long timeoutNanos) throws IOException {
        acceptLock.lock();
        try {
            ensureOpen();
            if (localAddress == null) {
                throw new NotYetBoundException();
            }
            boolean blocking = isBlocking();
            if (timeoutNanos > 0 && !blocking) {
                throw new IllegalBlockingModeException();
            }
            int fd = -1;
            boolean timedOut = false;
            ErrnoException failure = null;
            try {
                if (blocking) {
                    begin();
                }
                if (timeoutNanos > 0 && !handle.awaitReady(POLLIN, handle.now() + timeoutNanos)) {
                    timedOut = true;
                } else {
                    fd = handle.sys.accept(handle.fd, peer);
                }
            } catch (ErrnoException e) {
                failure = e;
                SimSocketChannel.interruptedAgain(e);
            } finally {
                if (blocking) {
                    end(fd >= 0 || timedOut);
                }
            }
            if (timedOut) {
                throw new SocketTimeoutException("Accept timed out");
            }
            if (failure != null) {
                if (failure.errno() == Errno.EAGAIN) {
                    return null;
                }
                throw SocketErrors.channel(failure);
            }
            try {
                SocketHandle child = SocketHandle.adopt(handle, fd);
                // accept(2) never passes O_NONBLOCK on; the JDK's accepted channels start blocking.
                child.socket.setNonBlocking(false);
                return new SimSocketChannel(provider(), child, Addresses.toJava(child.socket.localAddress()),
                        Addresses.toJava(child.socket.remoteAddress()));
            } catch (ErrnoException e) {
                throw SocketErrors.channel(e);
            }
        } finally {
            acceptLock.unlock();
        }
    }

    @Override
    public ServerSocket socket() {
        synchronized (this) {
            if (adaptor == null) {
                adaptor = new SimServerSocketAdaptor(this);
            }
            return adaptor;
        }
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return localAddress;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        handle.setOption("ServerSocketChannel", OPTIONS, name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        ensureOpen();
        return handle.getOption("ServerSocketChannel", OPTIONS, name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    @Override
    public int translateReadyOps(int events, int interestOps) {
        if ((events & (POLLERR | POLLHUP)) != 0) {
            return interestOps;
        }
        return (events & POLLIN) != 0 && (interestOps & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : 0;
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
        return getClass().getSimpleName() + "[" + (isOpen() ? (localAddress == null ? "unbound" : localAddress.toString()) : "closed") + "]";
    }
}
