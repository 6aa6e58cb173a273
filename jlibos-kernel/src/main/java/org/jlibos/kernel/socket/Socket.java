package org.jlibos.kernel.socket;

import static org.jlibos.kernel.socket.SocketConstants.*;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.host.WaitQueue;

/**
 * A kernel socket ({@code struct sock}): what every protocol's socket shares — options, the
 * wait queue blocking calls sleep on, readiness notification for poll/epoll, and the pending
 * error ({@code sk_err}) that ICMP errors set. Protocols override the calls they support;
 * the rest fail with EOPNOTSUPP as in Linux.
 */
public abstract class Socket implements OpenFile {

    protected final Kernel kernel;
    /** Creation order in this kernel, like an inode number; the hash code comes from it. */
    private final long number;
    private final int family;
    private final int type;
    private final int protocol;
    private WaitQueue waitQueue;
    private final Watchers watchers = new Watchers();
    private boolean released;

    /** Pending asynchronous error (an errno value), reported once by the next call. */
    protected int softError;
    protected boolean nonBlocking;
    protected long rcvTimeoutNanos;
    protected long sndTimeoutNanos;
    protected boolean reuseAddress;
    protected boolean reusePort;
    protected boolean broadcast;
    protected boolean keepAlive;
    protected int receiveBufferBytes;
    protected int sendBufferBytes;
    protected int boundDevice;
    /** -1: the sysctl default (net.ipv4.ip_default_ttl). */
    protected int ipTtl = -1;
    protected int ipTos;
    protected int pmtuDiscover = IP_PMTUDISC_WANT;
    protected boolean recvErr;
    protected boolean recvTtl;

    protected Socket(Kernel kernel, int family, int type, int protocol) {
        this.kernel = kernel;
        this.number = kernel.nextSocketNumber();
        this.family = family;
        this.type = type;
        this.protocol = protocol;
        this.receiveBufferBytes = (int) kernel.sysctl().getLong("net.core.rmem_default");
        this.sendBufferBytes = (int) kernel.sysctl().getLong("net.core.wmem_default");
    }

    public final Kernel kernel() {
        return kernel;
    }

    public final int family() {
        return family;
    }

    public final int type() {
        return type;
    }

    public final int protocol() {
        return protocol;
    }

    public boolean isNonBlocking() {
        return nonBlocking;
    }

    public void setNonBlocking(boolean on) {
        this.nonBlocking = on;
    }

    public final boolean isReleased() {
        return released;
    }

    // ---- calls; protocols override what they support -------------------------------------

    public void bind(SockAddr address) throws ErrnoException {
        throw new ErrnoException("bind", Errno.EOPNOTSUPP);
    }

    public void connect(SockAddr address) throws ErrnoException {
        throw new ErrnoException("connect", Errno.EOPNOTSUPP);
    }

    public void listen(int backlog) throws ErrnoException {
        throw new ErrnoException("listen", Errno.EOPNOTSUPP);
    }

    public Socket accept(MessageInfo peer) throws ErrnoException {
        throw new ErrnoException("accept", Errno.EOPNOTSUPP);
    }

    /** sendto(2); {@code to} may be null for a connected socket. Returns bytes sent. */
    public int sendTo(byte[] data, int offset, int length, int flags, SockAddr to) throws ErrnoException {
        throw new ErrnoException("sendto", Errno.EOPNOTSUPP);
    }

    /** recvfrom(2); fills {@code info} when non-null. Returns bytes copied. */
    public int receiveFrom(byte[] buffer, int offset, int length, int flags, MessageInfo info) throws ErrnoException {
        throw new ErrnoException("recvfrom", Errno.EOPNOTSUPP);
    }

    public void shutdown(int how) throws ErrnoException {
        throw new ErrnoException("shutdown", Errno.EOPNOTSUPP);
    }

    public SockAddr localAddress() throws ErrnoException {
        throw new ErrnoException("getsockname", Errno.EOPNOTSUPP);
    }

    public SockAddr remoteAddress() throws ErrnoException {
        throw new ErrnoException("getpeername", Errno.ENOTCONN);
    }

    /** Bytes (or the next datagram's size) readable now, for FIONREAD. */
    public int readableBytes() {
        return 0;
    }

    /**
     * ioctl(2) on the socket: FIONREAD (SIOCINQ) by default; protocols add their own requests
     * (TCP: SIOCOUTQ, SIOCOUTQNSD). Unknown requests fail with EINVAL.
     */
    public int ioctl(int request) throws ErrnoException {
        if (request == FIONREAD) {
            return readableBytes();
        }
        throw new ErrnoException("ioctl", Errno.EINVAL);
    }

    /** Called when the last descriptor is closed. */
    protected abstract void onClose();

    /** getsockopt for integer options; protocol options are handled by overrides. */
    public long getOption(int level, int name) throws ErrnoException {
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_TYPE: return type;
                case SO_DOMAIN: return family;
                case SO_PROTOCOL: return protocol;
                case SO_ERROR: {
                    int e = softError;
                    softError = 0;
                    return e;
                }
                case SO_REUSEADDR: return reuseAddress ? 1 : 0;
                case SO_REUSEPORT: return reusePort ? 1 : 0;
                case SO_BROADCAST: return broadcast ? 1 : 0;
                case SO_KEEPALIVE: return keepAlive ? 1 : 0;
                case SO_RCVBUF: return receiveBufferBytes;
                case SO_SNDBUF: return sendBufferBytes;
                case SO_RCVTIMEO: return rcvTimeoutNanos;
                case SO_SNDTIMEO: return sndTimeoutNanos;
                case SO_BINDTODEVICE: return boundDevice;
                default: break;
            }
        } else if (level == SOL_IP) {
            switch (name) {
                case IP_TTL: return ipTtl < 0 ? kernel.sysctl().getLong("net.ipv4.ip_default_ttl") : ipTtl;
                case IP_TOS: return ipTos;
                case IP_MTU_DISCOVER: return pmtuDiscover;
                case IP_RECVERR: return recvErr ? 1 : 0;
                case IP_RECVTTL: return recvTtl ? 1 : 0;
                default: break;
            }
        }
        throw new ErrnoException("getsockopt", Errno.ENOPROTOOPT);
    }

    /** setsockopt for integer options (timeouts in nanoseconds). */
    public void setOption(int level, int name, long value) throws ErrnoException {
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_REUSEADDR -> reuseAddress = value != 0;
                case SO_REUSEPORT -> reusePort = value != 0;
                case SO_BROADCAST -> broadcast = value != 0;
                case SO_KEEPALIVE -> keepAlive = value != 0;
                // Linux doubles the requested size to leave room for bookkeeping (socket(7)).
                case SO_RCVBUF -> receiveBufferBytes = (int) Math.max(2304,
                        2 * Math.min(value, kernel.sysctl().getLong("net.core.rmem_max")));
                case SO_SNDBUF -> sendBufferBytes = (int) Math.max(4608,
                        2 * Math.min(value, kernel.sysctl().getLong("net.core.wmem_max")));
                case SO_RCVTIMEO -> rcvTimeoutNanos = requireNonNegative(value);
                case SO_SNDTIMEO -> sndTimeoutNanos = requireNonNegative(value);
                case SO_BINDTODEVICE -> {
                    if (value != 0 && kernel.device((int) value) == null) {
                        throw new ErrnoException("setsockopt", Errno.ENODEV);
                    }
                    boundDevice = (int) value;
                }
                default -> throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
            }
            return;
        }
        if (level == SOL_IP) {
            switch (name) {
                case IP_TTL -> {
                    if (value < -1 || value == 0 || value > 255) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    ipTtl = (int) value;
                }
                case IP_TOS -> ipTos = (int) value & 0xff;
                case IP_MTU_DISCOVER -> {
                    if (value < 0 || value > 5) {
                        throw new ErrnoException("setsockopt", Errno.EINVAL);
                    }
                    pmtuDiscover = (int) value;
                }
                case IP_RECVERR -> recvErr = value != 0;
                case IP_RECVTTL -> recvTtl = value != 0;
                default -> throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
            }
            return;
        }
        throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
    }

    /** setsockopt for string-valued options (TCP_CONGESTION); none at this level. */
    public void setOption(int level, int name, String value) throws ErrnoException {
        throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
    }

    /** getsockopt for string-valued options (TCP_CONGESTION); none at this level. */
    public String getOptionString(int level, int name) throws ErrnoException {
        throw new ErrnoException("getsockopt", Errno.ENOPROTOOPT);
    }

    private static long requireNonNegative(long v) throws ErrnoException {
        if (v < 0) {
            throw new ErrnoException("setsockopt", Errno.EINVAL);
        }
        return v;
    }

    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    public boolean reuseAddressEnabled() {
        return reuseAddress;
    }

    public boolean reusePortEnabled() {
        return reusePort;
    }

    public int boundDeviceIndex() {
        return boundDevice;
    }

    public int pmtuDiscoverValue() {
        return pmtuDiscover;
    }

    public boolean recvErrEnabled() {
        return recvErr;
    }

    public boolean broadcastEnabled() {
        return broadcast;
    }

    public int tosValue() {
        return ipTos;
    }

    /** The TTL for outgoing packets. */
    public int effectiveTtl() {
        return ipTtl < 0 ? (int) kernel.sysctl().getLong("net.ipv4.ip_default_ttl") : ipTtl;
    }

    // ---- waiting and readiness -----------------------------------------------------------

    protected final WaitQueue waitQueue() {
        if (waitQueue == null) {
            waitQueue = kernel.host().newWaitQueue();
        }
        return waitQueue;
    }

    /** Readiness changed: wake blocked callers and tell poll/epoll watchers. */
    protected final void wakeUp() {
        if (waitQueue != null && waitQueue.waiters() > 0) {
            waitQueue.wakeAll();
        }
        if (!watchers.isEmpty()) {
            watchers.notifyAll(this);
        }
    }

    /**
     * Sleeps until woken or {@code deadline}; EINTR when interrupted. Callers loop re-checking
     * their condition, as Linux's {@code wait_event_interruptible_timeout} users do.
     */
    protected final void sleep(String call, long deadline) throws ErrnoException {
        if (waitQueue().await(deadline) == WaitQueue.INTERRUPTED) {
            throw new ErrnoException(call, Errno.EINTR);
        }
    }

    /** Absolute deadline for a blocking call from a timeout option (0 = none). */
    protected final long deadline(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return WaitQueue.NO_DEADLINE;
        }
        long d = kernel.host().nowNanos() + timeoutNanos;
        return d < 0 ? WaitQueue.NO_DEADLINE : d;
    }

    /** Reports and clears the pending error, if any. */
    protected final void throwPendingError(String call) throws ErrnoException {
        if (softError != 0) {
            Errno e = Errno.of(softError);
            softError = 0;
            throw new ErrnoException(call, e == null ? Errno.EIO : e);
        }
    }

    /** Sets the pending error (ICMP errors, resets) and wakes waiters. */
    public void reportError(Errno e) {
        softError = e.value;
        wakeUp();
    }

    @Override
    public final void addWatcher(ReadinessWatcher watcher) {
        watchers.add(watcher);
    }

    @Override
    public final void removeWatcher(ReadinessWatcher watcher) {
        watchers.remove(watcher);
    }

    @Override
    public final void release() {
        if (!released) {
            released = true;
            onClose();
            wakeUp();
        }
    }

    /**
     * From the socket's creation number rather than its identity: kernel tables hash sockets,
     * and a JVM running DCE programs has constant identity hash codes (jlibos-dce's DceJvm).
     * Equality stays identity.
     */
    @Override
    public final int hashCode() {
        return Long.hashCode(number);
    }

    @Override
    public final boolean equals(Object other) {
        return this == other;
    }
}
