package org.jlibos.dce.nio;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;

import org.jlibos.dce.socket.KernelOption;
import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.dce.socket.StandardOptions;
import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.ReadinessWatcher;
import org.jlibos.kernel.socket.Socket;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.process.SimProcess;

/**
 * A kernel socket owned by a simulated process: its descriptor sits in the process's file
 * table (so process exit closes it), while the channel keeps the {@link Socket} itself so that
 * calls from any thread, and calls still blocked when the descriptor is closed, reach the same
 * socket. Also the channel's copy buffer for direct and read-only ByteBuffers.
 */
final class SocketHandle {

    /** Largest copy done per call for buffers without an accessible array (the JDK caps its temporary buffers too). */
    static final int MAX_COPY = 256 * 1024;

    final SimProcess process;
    final Syscalls sys;
    final int fd;
    final Socket socket;
    private byte[] readScratch;
    private byte[] writeScratch;
    private WaitQueue readyWaiters;
    private ReadinessWatcher readyWatcher;

    private SocketHandle(SimProcess process, Syscalls sys, int fd, Socket socket) {
        this.process = process;
        this.sys = sys;
        this.fd = fd;
        this.socket = socket;
    }

    /** socket(AF_INET, type, 0) in {@code process}. */
    static SocketHandle open(SimProcess process, int type) throws IOException {
        Syscalls sys = process.syscalls();
        try {
            int fd = sys.socket(AF_INET, type, 0);
            return new SocketHandle(process, sys, fd, sys.files().socket("socket", fd));
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
    }

    /** The handle of a descriptor accept(2) installed. */
    static SocketHandle adopt(SocketHandle listener, int fd) throws ErrnoException {
        return new SocketHandle(listener.process, listener.sys, fd, listener.sys.files().socket("accept", fd));
    }

    long now() {
        return socket.kernel().host().nowNanos();
    }

    /** Closes the descriptor unless process exit already did (and never a reused number). */
    void close() throws IOException {
        if (sys.files().peek(fd) == socket) {
            try {
                sys.close(fd);
            } catch (ErrnoException e) {
                throw SocketErrors.channel(e);
            }
        }
    }

    /** The receive-side copy buffer, at least {@code n} bytes, reused across calls. */
    byte[] readScratch(int n) {
        if (readScratch == null || readScratch.length < n) {
            readScratch = new byte[Math.max(n, 2048)];
        }
        return readScratch;
    }

    /** The send-side copy buffer (separate: a writer may run while a reader is blocked). */
    byte[] writeScratch(int n) {
        if (writeScratch == null || writeScratch.length < n) {
            writeScratch = new byte[Math.max(n, 2048)];
        }
        return writeScratch;
    }

    /**
     * Waits until the socket reports one of {@code events} (or an error/hang-up) or until
     * {@code deadline}; false on timeout. EINTR when the thread is interrupted.
     */
    boolean awaitReady(int events, long deadline) throws ErrnoException {
        int mask = events | POLLERR | POLLHUP;
        if ((socket.pollEvents() & mask) != 0) {
            return true;
        }
        if (readyWaiters == null) {
            WaitQueue q = socket.kernel().host().newWaitQueue();
            readyWaiters = q;
            readyWatcher = file -> q.wakeAll();
        }
        socket.addWatcher(readyWatcher);
        try {
            while ((socket.pollEvents() & mask) == 0) {
                if (socket.isReleased() || now() >= deadline) {
                    return false;
                }
                if (readyWaiters.await(deadline) == WaitQueue.INTERRUPTED) {
                    throw new ErrnoException("poll", Errno.EINTR);
                }
            }
            return true;
        } finally {
            socket.removeWatcher(readyWatcher);
        }
    }

    // ---- buffers ------------------------------------------------------------------------------

    /** recv into {@code dst} at its position; advances it by the bytes read. Returns the kernel's count. */
    int receive(ByteBuffer dst, int flags) throws ErrnoException {
        int pos = dst.position();
        int len = dst.limit() - pos;
        if (dst.hasArray()) {
            int n = socket.receiveFrom(dst.array(), dst.arrayOffset() + pos, len, flags, null);
            dst.position(pos + n);
            return n;
        }
        len = Math.min(len, MAX_COPY);
        byte[] buf = readScratch(len);
        int n = socket.receiveFrom(buf, 0, len, flags, null);
        dst.put(pos, buf, 0, n);
        dst.position(pos + n);
        return n;
    }

    /** send from {@code src} at its position; advances it by the bytes sent. */
    int send(ByteBuffer src, int flags) throws ErrnoException {
        int pos = src.position();
        int len = src.limit() - pos;
        int n;
        if (src.hasArray()) {
            n = socket.sendTo(src.array(), src.arrayOffset() + pos, len, flags, null);
        } else {
            len = Math.min(len, MAX_COPY);
            byte[] buf = writeScratch(len);
            src.get(pos, buf, 0, len);
            n = socket.sendTo(buf, 0, len, flags, null);
        }
        src.position(pos + n);
        return n;
    }

    /** Gathers the remaining bytes of {@code srcs[offset..offset+length)} (at most MAX_COPY) into the send copy buffer. */
    int gather(ByteBuffer[] srcs, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        int n = (int) Math.min(total, MAX_COPY);
        byte[] buf = writeScratch(n);
        int at = 0;
        for (int i = offset; i < offset + length && at < n; i++) {
            ByteBuffer b = srcs[i];
            int take = Math.min(b.remaining(), n - at);
            b.get(b.position(), buf, at, take);
            at += take;
        }
        return n;
    }

    /** Advances {@code bufs} by {@code n} bytes in order, copying from the receive copy buffer when {@code fill}. */
    void scatter(ByteBuffer[] bufs, int offset, int length, int n, boolean fill) {
        int at = 0;
        for (int i = offset; i < offset + length && at < n; i++) {
            ByteBuffer b = bufs[i];
            int take = Math.min(b.remaining(), n - at);
            if (fill) {
                b.put(b.position(), readScratch, at, take);
            }
            b.position(b.position() + take);
            at += take;
        }
    }

    static int capacity(ByteBuffer[] bufs, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (bufs[i].isReadOnly()) {
                throw new IllegalArgumentException("Read-only buffer");
            }
            total += bufs[i].remaining();
        }
        return (int) Math.min(total, MAX_COPY);
    }

    // ---- options ------------------------------------------------------------------------------

    <T> void setOption(String channel, Set<SocketOption<?>> supported, SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(name);
        if (!supported.contains(name)) {
            throw unsupported(channel, name);
        }
        if (value == null) {
            throw new IllegalArgumentException("Invalid value 'null'");
        }
        long v = StandardOptions.toKernel(name, value);
        KernelOption k = StandardOptions.kernelOption(name);
        try {
            socket.setOption(k.level(), k.name(), v);
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
    }

    <T> T getOption(String channel, Set<SocketOption<?>> supported, SocketOption<T> name) throws IOException {
        Objects.requireNonNull(name);
        if (!supported.contains(name)) {
            throw unsupported(channel, name);
        }
        KernelOption k = StandardOptions.kernelOption(name);
        try {
            return StandardOptions.fromKernel(name, socket.getOption(k.level(), k.name()));
        } catch (ErrnoException e) {
            throw SocketErrors.channel(e);
        }
    }

    static UnsupportedOperationException unsupported(String channel, SocketOption<?> name) {
        return new UnsupportedOperationException(channel + ": socket option " + name.name()
                + " is not supported by the simulated kernel");
    }
}
