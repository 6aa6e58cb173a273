package org.jlibos.dce.net;

import static org.jlibos.kernel.socket.SocketConstants.AF_INET;
import static org.jlibos.kernel.socket.SocketConstants.FIONREAD;
import static org.jlibos.kernel.socket.SocketConstants.SHUT_RD;
import static org.jlibos.kernel.socket.SocketConstants.SHUT_WR;
import static org.jlibos.kernel.socket.SocketConstants.SOCK_STREAM;
import static org.jlibos.kernel.socket.SocketConstants.SOL_SOCKET;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.dce.socket.KernelOption;
import org.jlibos.dce.socket.LegacyOptions;
import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.dce.socket.StandardOptions;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.process.SimProcess;

/**
 * A {@code java.net.Socket} / {@code ServerSocket} implementation on a TCP socket of a
 * simulated kernel, following the JDK's {@code sun.nio.ch.NioSocketImpl} call by call: the
 * same state checks and messages, the same exceptions for the same errno values, SO_TIMEOUT as
 * a read/accept timeout (here in virtual time: the kernel's SO_RCVTIMEO), connect timeouts in
 * virtual time, and the JDK's virtual-thread interrupt semantics (an interrupted blocking call
 * throws {@link InterruptedIOException} with the interrupt status set, and {@code Socket} /
 * {@code ServerSocket} then close the socket and throw "Closed by interrupt").
 *
 * <p>The descriptor belongs to the process that created the impl (its {@code FileTable}), so
 * the process's exit closes it like any descriptor. Urgent data is not simulated.
 */
public final class SimSocketImpl extends SocketImpl {

    private static final int ST_NEW = 0;
    private static final int ST_UNCONNECTED = 1;
    private static final int ST_CONNECTING = 2;
    private static final int ST_CONNECTED = 3;
    private static final int ST_CLOSED = 4;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private static final Set<SocketOption<?>> CLIENT_OPTIONS = options(false);
    private static final Set<SocketOption<?>> SERVER_OPTIONS = options(true);

    private final SimProcess process;
    private final boolean server;
    private Syscalls sys;
    private int descriptor = -1;
    private int state = ST_NEW;
    private int timeoutMillis;
    private boolean inputClosed;
    private boolean outputClosed;
    private boolean readEof;
    private boolean connectionReset;

    /**
     * @param process the process whose kernel and descriptor table the socket lives in
     * @param server  true for a {@code ServerSocket}'s impl
     */
    public SimSocketImpl(SimProcess process, boolean server) {
        this.process = Objects.requireNonNull(process, "process");
        this.server = server;
    }

    private static Set<SocketOption<?>> options(boolean server) {
        Set<SocketOption<?>> s = new LinkedHashSet<>();
        s.add(StandardSocketOptions.SO_RCVBUF);
        s.add(StandardSocketOptions.SO_REUSEADDR);
        s.add(StandardSocketOptions.SO_REUSEPORT);
        s.add(StandardSocketOptions.IP_TOS);
        if (!server) {
            s.add(StandardSocketOptions.SO_KEEPALIVE);
            s.add(StandardSocketOptions.SO_SNDBUF);
            s.add(StandardSocketOptions.SO_LINGER);
            s.add(StandardSocketOptions.TCP_NODELAY);
        }
        s.add(ExtendedSocketOptions.TCP_KEEPIDLE);
        s.add(ExtendedSocketOptions.TCP_KEEPINTERVAL);
        s.add(ExtendedSocketOptions.TCP_KEEPCOUNT);
        return Collections.unmodifiableSet(s);
    }

    /** The kernel descriptor, or -1 before create / after close (diagnostics and tests). */
    public int descriptor() {
        return state == ST_NEW || state == ST_CLOSED ? -1 : descriptor;
    }

    // ---- state checks (NioSocketImpl's messages) --------------------------------------------

    private void ensureOpen() throws SocketException {
        if (state == ST_NEW) {
            throw new SocketException("Socket not created");
        }
        if (state == ST_CLOSED) {
            throw new SocketException("Socket closed");
        }
    }

    private void ensureOpenAndConnected() throws SocketException {
        if (state < ST_CONNECTED) {
            throw new SocketException("Not connected");
        }
        if (state > ST_CONNECTED) {
            throw new SocketException("Socket closed");
        }
    }

    /**
     * A blocking call was interrupted (EINTR). The kernel's wait consumed the interrupt status;
     * the JDK's callers look at it to decide to close, so it is set again.
     */
    private static InterruptedIOException interrupted(String call) {
        Thread.currentThread().interrupt();
        return new InterruptedIOException(call + " interrupted");
    }

    // ---- create, connect, bind, listen, accept ------------------------------------------------

    @Override
    protected void create(boolean stream) throws IOException {
        if (!stream) {
            throw new IOException("Datagram socket creation not supported");
        }
        if (state != ST_NEW) {
            throw new IOException("Already created");
        }
        sys = process.syscalls();
        try {
            descriptor = sys.socket(AF_INET, SOCK_STREAM, 0);
            if (server) {
                // Like Net.serverSocket(): the JDK's server sockets have SO_REUSEADDR on.
                sys.setsockopt(descriptor, SOL_SOCKET, SocketConstants.SO_REUSEADDR, 1);
            }
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
        fd = new FileDescriptor();
        state = ST_UNCONNECTED;
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        connect(new InetSocketAddress(host, port), 0);
    }

    @Override
    protected void connect(InetAddress address, int port) throws IOException {
        connect(new InetSocketAddress(address, port), 0);
    }

    @Override
    protected void connect(SocketAddress remote, int millis) throws IOException {
        if (!(remote instanceof InetSocketAddress isa)) {
            throw new IOException("Unsupported address type");
        }
        if (isa.isUnresolved()) {
            // The JDK throws UnknownHostException(host); asking the resolver again gives its
            // message, which names the node the name is unknown on.
            try {
                SimInetAddressResolverProvider.resolve(process.node(), isa.getHostName());
            } catch (UnknownHostException detailed) {
                throw detailed;
            }
            throw new UnknownHostException(isa.getHostName());
        }
        InetAddress target = isa.getAddress();
        if (target.isAnyLocalAddress()) {
            target = DceNet.localHost();
        }
        int targetPort = isa.getPort();
        switch (state) {
            case ST_UNCONNECTED -> { }
            case ST_NEW -> throw new SocketException("Not created");
            case ST_CONNECTING -> throw new SocketException("Connection in progress");
            case ST_CONNECTED -> throw new SocketException("Already connected");
            default -> throw new SocketException("Socket closed");
        }
        state = ST_CONNECTING;
        address = target;
        port = targetPort;
        try {
            InetSockAddr to = new InetSockAddr(InetAddresses.toInt(target), targetPort);
            if (millis > 0) {
                // The kernel's connect gives up with EINPROGRESS when SO_SNDTIMEO expires.
                sys.setsockopt(descriptor, SOL_SOCKET, SocketConstants.SO_SNDTIMEO, millis * NANOS_PER_MILLI);
            }
            sys.connect(descriptor, to);
            if (state != ST_CONNECTING) {
                throw new SocketException("Socket closed");
            }
            if (millis > 0) {
                sys.setsockopt(descriptor, SOL_SOCKET, SocketConstants.SO_SNDTIMEO, 0);
            }
            localport = sys.getsockname(descriptor).port();
            state = ST_CONNECTED;
        } catch (ErrnoException e) {
            boolean closedMeanwhile = state == ST_CLOSED;
            close();
            if (closedMeanwhile) {
                throw new SocketException("Socket closed");
            }
            if (e.errno() == Errno.EINPROGRESS) {
                throw new SocketTimeoutException("Connect timed out");
            }
            if (e.errno() == Errno.EINTR) {
                Thread.currentThread().interrupt();
                throw new SocketException("Closed by interrupt");
            }
            throw SocketErrors.handleSocketError(e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    protected void bind(InetAddress host, int lport) throws IOException {
        ensureOpen();
        if (localport != 0) {
            throw new SocketException("Already bound");
        }
        try {
            sys.bind(descriptor, new InetSockAddr(InetAddresses.toInt(host), lport));
            localport = sys.getsockname(descriptor).port();
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
        address = host;
    }

    @Override
    protected void listen(int backlog) throws IOException {
        ensureOpen();
        if (localport == 0) {
            throw new SocketException("Not bound");
        }
        try {
            sys.listen(descriptor, backlog < 1 ? 50 : backlog);
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    /**
     * Accepts into {@code si}, which {@code ServerSocket} obtained from the client socket
     * factory: on a simulated thread that is a new SimSocketImpl of the same process.
     */
    @Override
    protected void accept(SocketImpl si) throws IOException {
        if (!(si instanceof SimSocketImpl child)) {
            throw new IOException("SimSocketImpl.accept: a simulated server socket cannot accept into "
                    + (si == null ? "null" : si.getClass().getName()) + " (it was created outside a simulated thread)");
        }
        if (child.state != ST_NEW) {
            throw new SocketException("Not a newly created SocketImpl");
        }
        ensureOpen();
        if (localport == 0) {
            throw new SocketException("Not bound");
        }
        MessageInfo peer = new MessageInfo();
        int accepted;
        try {
            accepted = sys.accept(descriptor, peer);
        } catch (ErrnoException e) {
            if (state == ST_CLOSED) {
                throw new SocketException("Socket closed");
            }
            if (e.errno() == Errno.EAGAIN) {
                throw new SocketTimeoutException("Accept timed out");
            }
            if (e.errno() == Errno.EINTR) {
                throw interrupted("accept");
            }
            throw SocketErrors.handleSocketError(e);
        }
        int acceptedLocalPort;
        try {
            if (timeoutMillis > 0) {
                // A new java.net.Socket starts with SO_TIMEOUT 0, whatever the listener had.
                sys.setsockopt(accepted, SOL_SOCKET, SocketConstants.SO_RCVTIMEO, 0);
            }
            acceptedLocalPort = sys.getsockname(accepted).port();
        } catch (ErrnoException e) {
            closeQuietly(accepted);
            throw SocketErrors.handleSocketError(e);
        }
        child.sys = sys;
        child.descriptor = accepted;
        child.fd = new FileDescriptor();
        child.localport = acceptedLocalPort;
        child.address = KernelAddresses.toInetAddress(peer.srcAddress);
        child.port = peer.srcPort;
        child.state = ST_CONNECTED;
    }

    private void closeQuietly(int fdToClose) {
        try {
            sys.close(fdToClose);
        } catch (ErrnoException alreadyClosed) {
            // the process exited and closed its descriptors first
        }
    }

    // ---- data ---------------------------------------------------------------------------

    private int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        // Legacy behaviour kept by NioSocketImpl: -1 again after end of stream, even if closed.
        if (readEof) {
            return -1;
        }
        ensureOpenAndConnected();
        if (connectionReset) {
            throw SocketErrors.connectionReset();
        }
        if (inputClosed) {
            return -1;
        }
        int n;
        try {
            n = sys.read(descriptor, b, off, len);
        } catch (ErrnoException e) {
            if (state == ST_CLOSED) {
                throw new SocketException("Socket closed");
            }
            switch (e.errno()) {
                case EAGAIN -> throw new SocketTimeoutException("Read timed out");
                case EINTR -> throw interrupted("read");
                case ECONNRESET -> {
                    connectionReset = true;
                    throw SocketErrors.connectionReset();
                }
                default -> throw SocketErrors.read(e);
            }
        }
        if (n == 0) {
            if (state == ST_CLOSED) {
                // close() from another thread woke this reader.
                throw new SocketException("Socket closed");
            }
            readEof = true;
            return -1;
        }
        return n;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int pos = off;
        int end = off + len;
        while (pos < end) {
            ensureOpenAndConnected();
            try {
                pos += sys.write(descriptor, b, pos, end - pos);
            } catch (ErrnoException e) {
                if (state == ST_CLOSED) {
                    throw new SocketException("Socket closed");
                }
                if (e.errno() == Errno.EINTR) {
                    throw interrupted("write");
                }
                throw SocketErrors.write(e);
            }
        }
    }

    @Override
    protected InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] a = new byte[1];
                int n = SimSocketImpl.this.read(a, 0, 1);
                return n > 0 ? a[0] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return SimSocketImpl.this.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return SimSocketImpl.this.available();
            }

            @Override
            public void close() throws IOException {
                SimSocketImpl.this.close();
            }
        };
    }

    @Override
    protected OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                SimSocketImpl.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                SimSocketImpl.this.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                SimSocketImpl.this.close();
            }
        };
    }

    @Override
    protected int available() throws IOException {
        ensureOpenAndConnected();
        if (inputClosed) {
            return 0;
        }
        try {
            return sys.ioctl(descriptor, FIONREAD);
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    @Override
    protected void close() throws IOException {
        if (state == ST_CLOSED) {
            return;
        }
        if (state == ST_NEW) {
            state = ST_CLOSED;
            return;
        }
        boolean connected = state == ST_CONNECTED;
        state = ST_CLOSED;
        try {
            // As NioSocketImpl: unless SO_LINGER is 0 (abortive close), shut output down first.
            if (connected && sys.getsockopt(descriptor, SOL_SOCKET, SocketConstants.SO_LINGER) != 0) {
                sys.shutdown(descriptor, SHUT_WR);
            }
        } catch (ErrnoException ignore) {
            // not connected any more: close does the rest
        }
        closeQuietly(descriptor);
    }

    @Override
    protected void shutdownInput() throws IOException {
        ensureOpenAndConnected();
        if (!inputClosed) {
            try {
                sys.shutdown(descriptor, SHUT_RD);
            } catch (ErrnoException e) {
                throw SocketErrors.handleSocketError(e);
            }
            inputClosed = true;
        }
    }

    @Override
    protected void shutdownOutput() throws IOException {
        ensureOpenAndConnected();
        if (!outputClosed) {
            try {
                sys.shutdown(descriptor, SHUT_WR);
            } catch (ErrnoException e) {
                throw SocketErrors.handleSocketError(e);
            }
            outputClosed = true;
        }
    }

    @Override
    protected boolean supportsUrgentData() {
        // true so that Socket.sendUrgentData reaches the impl and fails with its name.
        return true;
    }

    @Override
    protected void sendUrgentData(int data) {
        throw new UnsupportedOperationException(
                "Socket.sendUrgentData: TCP urgent data (MSG_OOB) is not implemented by the simulated kernel");
    }

    // ---- options: SocketOptions (int) ---------------------------------------------------------

    @Override
    public void setOption(int opt, Object value) throws SocketException {
        ensureOpen();
        switch (opt) {
            case SO_OOBINLINE -> {
                if (LegacyOptions.booleanValue(value, "SO_OOBINLINE")) {
                    throw new SocketException(
                            "SO_OOBINLINE: TCP urgent data is not implemented by the simulated kernel");
                }
            }
            case SO_TIMEOUT -> {
                LegacyOptions.set(sys, descriptor, opt, value);
                timeoutMillis = (Integer) value;
            }
            case SO_LINGER, IP_TOS, TCP_NODELAY, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_REUSEADDR, SO_REUSEPORT ->
                    LegacyOptions.set(sys, descriptor, opt, value);
            default -> throw unknownOption(opt);
        }
    }

    @Override
    public Object getOption(int opt) throws SocketException {
        ensureOpen();
        return switch (opt) {
            case SO_TIMEOUT -> timeoutMillis;
            case SO_OOBINLINE -> Boolean.FALSE;
            case SO_LINGER, SO_BINDADDR, IP_TOS, TCP_NODELAY, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_REUSEADDR,
                    SO_REUSEPORT -> LegacyOptions.get(sys, descriptor, opt);
            default -> throw unknownOption(opt);
        };
    }

    private static SocketException unknownOption(int opt) {
        return new SocketException("Unknown option " + LegacyOptions.name(opt) + " for a simulated TCP socket");
    }

    // ---- options: SocketOption<T> -----------------------------------------------------------

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        return server ? SERVER_OPTIONS : CLIENT_OPTIONS;
    }

    @Override
    protected <T> void setOption(SocketOption<T> opt, T value) throws IOException {
        if (!supportedOptions().contains(opt)) {
            throw unsupported(opt);
        }
        if (!opt.type().isInstance(value)) {
            throw new IllegalArgumentException("Invalid value '" + value + "'");
        }
        ensureOpen();
        if ((opt == StandardSocketOptions.SO_RCVBUF || opt == StandardSocketOptions.SO_SNDBUF) && (Integer) value < 0) {
            throw new IllegalArgumentException("Invalid " + (opt == StandardSocketOptions.SO_RCVBUF
                    ? "receive" : "send") + " buffer size");
        }
        KernelOption k = StandardOptions.kernelOption(opt);
        long v = StandardOptions.toKernel(opt, value);
        try {
            sys.setsockopt(descriptor, k.level(), k.name(), v);
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    @Override
    protected <T> T getOption(SocketOption<T> opt) throws IOException {
        if (!supportedOptions().contains(opt)) {
            throw unsupported(opt);
        }
        ensureOpen();
        KernelOption k = StandardOptions.kernelOption(opt);
        try {
            return StandardOptions.fromKernel(opt, sys.getsockopt(descriptor, k.level(), k.name()));
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    private UnsupportedOperationException unsupported(SocketOption<?> opt) {
        return new UnsupportedOperationException("'" + opt + "' not supported by a simulated "
                + (server ? "server " : "") + "TCP socket");
    }

    @Override
    public String toString() {
        return "SimSocketImpl[" + process.node().name() + " fd=" + descriptor() + " local=" + localport
                + (address == null ? "" : " remote=" + address.getHostAddress() + ":" + port) + "]";
    }
}
