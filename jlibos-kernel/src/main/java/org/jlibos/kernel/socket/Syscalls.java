package org.jlibos.kernel.socket;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.host.WaitQueue;

/**
 * The socket system calls of one process, with Linux semantics: descriptors from the
 * process's {@link FileTable}, errors as {@link ErrnoException} carrying Linux errno values,
 * blocking calls parking the calling simulated thread in virtual time.
 *
 * <p>Signatures follow the C calls; out-parameters that C passes by pointer are small
 * caller-owned objects ({@link MessageInfo}, {@link PollFd}, {@link Epoll.Event}).
 * Timeouts and SO_RCVTIMEO/SO_SNDTIMEO values are nanoseconds.
 */
public final class Syscalls {

    private final Kernel kernel;
    private final FileTable files;

    public Syscalls(Kernel kernel, FileTable files) {
        this.kernel = kernel;
        this.files = files;
    }

    public Kernel kernel() {
        return kernel;
    }

    public FileTable files() {
        return files;
    }

    public int socket(int domain, int type, int protocol) throws ErrnoException {
        Socket s = kernel.createSocket(domain, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), protocol);
        s.setNonBlocking((type & SOCK_NONBLOCK) != 0);
        return files.install(s);
    }

    public void bind(int fd, SockAddr address) throws ErrnoException {
        files.socket("bind", fd).bind(address);
    }

    public void connect(int fd, SockAddr address) throws ErrnoException {
        files.socket("connect", fd).connect(address);
    }

    public void listen(int fd, int backlog) throws ErrnoException {
        files.socket("listen", fd).listen(backlog);
    }

    /** accept(2); the peer's address goes to {@code peer} when non-null. */
    public int accept(int fd, MessageInfo peer) throws ErrnoException {
        Socket child = files.socket("accept", fd).accept(peer);
        return files.install(child);
    }

    public int send(int fd, byte[] data, int offset, int length, int flags) throws ErrnoException {
        return files.socket("send", fd).sendTo(data, offset, length, flags, null);
    }

    public int sendTo(int fd, byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        return files.socket("sendto", fd).sendTo(data, offset, length, flags, to);
    }

    /** write(2) on a socket: send with no flags. */
    public int write(int fd, byte[] data, int offset, int length) throws ErrnoException {
        return files.socket("write", fd).sendTo(data, offset, length, 0, null);
    }

    /** read(2) on a socket: recv with no flags. */
    public int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        return files.socket("read", fd).receiveFrom(buffer, offset, length, 0, null);
    }

    public int recv(int fd, byte[] buffer, int offset, int length, int flags) throws ErrnoException {
        return files.socket("recv", fd).receiveFrom(buffer, offset, length, flags, null);
    }

    public int recvFrom(int fd, byte[] buffer, int offset, int length, int flags, MessageInfo info) throws ErrnoException {
        return files.socket("recvfrom", fd).receiveFrom(buffer, offset, length, flags, info);
    }

    public void shutdown(int fd, int how) throws ErrnoException {
        if (how < SHUT_RD || how > SHUT_RDWR) {
            throw new ErrnoException("shutdown", Errno.EINVAL);
        }
        files.socket("shutdown", fd).shutdown(how);
    }

    public void close(int fd) throws ErrnoException {
        files.close(fd);
    }

    public long getsockopt(int fd, int level, int name) throws ErrnoException {
        return files.socket("getsockopt", fd).getOption(level, name);
    }

    public void setsockopt(int fd, int level, int name, long value) throws ErrnoException {
        files.socket("setsockopt", fd).setOption(level, name, value);
    }

    /** setsockopt for string values, e.g. {@code setsockopt(fd, SOL_TCP, TCP_CONGESTION, "reno")}. */
    public void setsockopt(int fd, int level, int name, String value) throws ErrnoException {
        files.socket("setsockopt", fd).setOption(level, name, value);
    }

    /** getsockopt for string values (TCP_CONGESTION). */
    public String getsockoptString(int fd, int level, int name) throws ErrnoException {
        return files.socket("getsockopt", fd).getOptionString(level, name);
    }

    public SockAddr getsockname(int fd) throws ErrnoException {
        return files.socket("getsockname", fd).localAddress();
    }

    public SockAddr getpeername(int fd) throws ErrnoException {
        return files.socket("getpeername", fd).remoteAddress();
    }

    /** fcntl(F_GETFL / F_SETFL) for O_NONBLOCK. */
    public int fcntl(int fd, int cmd, int arg) throws ErrnoException {
        Socket s = files.socket("fcntl", fd);
        switch (cmd) {
            case F_GETFL:
                return s.isNonBlocking() ? O_NONBLOCK | 2 : 2; // O_RDWR
            case F_SETFL:
                s.setNonBlocking((arg & O_NONBLOCK) != 0);
                return 0;
            default:
                throw new ErrnoException("fcntl", Errno.EINVAL);
        }
    }

    /**
     * ioctl(FIONREAD / SIOCINQ): bytes readable now (for datagram sockets: the next datagram's
     * size); TCP sockets also answer SIOCOUTQ and SIOCOUTQNSD.
     */
    public int ioctl(int fd, int request) throws ErrnoException {
        return files.socket("ioctl", fd).ioctl(request);
    }

    /**
     * poll(2): waits until one of {@code fds} is ready or {@code timeoutNanos} passes (negative:
     * forever). Returns how many entries have non-zero revents.
     */
    public int poll(PollFd[] fds, long timeoutNanos) throws ErrnoException {
        long deadline = timeoutNanos < 0 ? WaitQueue.NO_DEADLINE : kernel.host().nowNanos() + timeoutNanos;
        WaitQueue wq = null;
        ReadinessWatcher waker = null;
        try {
            while (true) {
                int ready = 0;
                for (PollFd p : fds) {
                    OpenFile f = files.peek(p.fd);
                    if (p.fd < 0) {
                        p.revents = 0;
                    } else if (f == null) {
                        p.revents = POLLNVAL;
                    } else {
                        p.revents = f.pollEvents() & (p.events | POLLERR | POLLHUP);
                    }
                    if (p.revents != 0) {
                        ready++;
                    }
                }
                if (ready > 0 || timeoutNanos == 0 || kernel.host().nowNanos() >= deadline) {
                    return ready;
                }
                if (wq == null) {
                    WaitQueue q = kernel.host().newWaitQueue();
                    wq = q;
                    waker = file -> q.wakeAll();
                    for (PollFd p : fds) {
                        OpenFile f = files.peek(p.fd);
                        if (f != null) {
                            f.addWatcher(waker);
                        }
                    }
                }
                if (wq.await(deadline) == WaitQueue.INTERRUPTED) {
                    throw new ErrnoException("poll", Errno.EINTR);
                }
            }
        } finally {
            if (waker != null) {
                for (PollFd p : fds) {
                    OpenFile f = files.peek(p.fd);
                    if (f != null) {
                        f.removeWatcher(waker);
                    }
                }
            }
        }
    }

    public int epollCreate() throws ErrnoException {
        return files.install(new Epoll(kernel));
    }

    public void epollCtl(int epfd, int op, int fd, int events, long data) throws ErrnoException {
        OpenFile e = files.get("epoll_ctl", epfd);
        if (!(e instanceof Epoll epoll)) {
            throw new ErrnoException("epoll_ctl", Errno.EINVAL);
        }
        OpenFile target = files.get("epoll_ctl", fd);
        epoll.control(op, fd, target, events, data);
    }

    public int epollWait(int epfd, Epoll.Event[] events, int max, long timeoutNanos) throws ErrnoException {
        OpenFile e = files.get("epoll_wait", epfd);
        if (!(e instanceof Epoll epoll)) {
            throw new ErrnoException("epoll_wait", Errno.EINVAL);
        }
        return epoll.await(events, max, timeoutNanos);
    }
}
