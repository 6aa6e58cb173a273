package org.jlibos.dce.net;

import org.jlibos.dce.socket.DatagramPackets;

import static org.jlibos.kernel.socket.SocketConstants.AF_INET;
import static org.jlibos.kernel.socket.SocketConstants.MSG_PEEK;
import static org.jlibos.kernel.socket.SocketConstants.SOCK_DGRAM;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.dce.socket.LegacyOptions;
import org.jlibos.dce.socket.SocketErrors;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.process.SimProcess;

/**
 * A {@code DatagramSocket} / {@code MulticastSocket} implementation on a UDP socket of a
 * simulated kernel (through the JDK's legacy {@code NetMulticastSocket}, which is what
 * {@code DatagramSocket} builds around a factory's impl). SO_TIMEOUT is the kernel's
 * SO_RCVTIMEO, so receive timeouts run in virtual time; a receive interrupted on a virtual
 * thread closes the socket and throws "Closed by interrupt", as the JDK's own datagram socket
 * does. Multicast group membership is not simulated (the kernel has no multicast) and fails
 * with the method's name; the multicast TTL is kept here and used by nothing.
 */
public final class SimDatagramSocketImpl extends DceDatagramSocketImpl {

    private static final Set<SocketOption<?>> OPTIONS;

    static {
        Set<SocketOption<?>> s = new LinkedHashSet<>();
        s.add(StandardSocketOptions.SO_SNDBUF);
        s.add(StandardSocketOptions.SO_RCVBUF);
        s.add(StandardSocketOptions.SO_REUSEADDR);
        s.add(StandardSocketOptions.SO_REUSEPORT);
        s.add(StandardSocketOptions.SO_BROADCAST);
        s.add(StandardSocketOptions.IP_TOS);
        s.add(StandardSocketOptions.IP_MULTICAST_TTL);
        OPTIONS = Collections.unmodifiableSet(s);
    }

    private final SimProcess process;
    private Syscalls sys;
    private int descriptor = -1;
    private boolean created;
    private boolean closed;
    private int timeoutMillis;
    private int multicastTtl = 1;
    /** Reused for every receive: no per-datagram allocation. */
    private final MessageInfo info = new MessageInfo();
    /** The last sender's address object, reused while datagrams keep coming from it. */
    private int lastSource;
    private InetAddress lastSourceAddress;

    public SimDatagramSocketImpl(SimProcess process) {
        this.process = Objects.requireNonNull(process, "process");
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
        if (!created) {
            throw new SocketException("Socket not created");
        }
    }

    @Override
    protected void create() throws SocketException {
        sys = process.syscalls();
        try {
            descriptor = sys.socket(AF_INET, SOCK_DGRAM, 0);
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
        fd = new FileDescriptor();
        created = true;
    }

    @Override
    protected void bind(int lport, InetAddress laddr) throws SocketException {
        ensureOpen();
        try {
            sys.bind(descriptor, new InetSockAddr(InetAddresses.toInt(laddr), lport));
            localPort = sys.getsockname(descriptor).port();
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    @Override
    protected void connect(InetAddress address, int port) throws SocketException {
        ensureOpen();
        try {
            sys.connect(descriptor, new InetSockAddr(InetAddresses.toInt(address), port));
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    @Override
    protected void disconnect() {
        if (closed || !created) {
            return;
        }
        try {
            sys.connect(descriptor, null);
        } catch (ErrnoException e) {
            throw new IllegalStateException("UDP disconnect failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void send(DatagramPacket p) throws IOException {
        ensureOpen();
        InetAddress to = p.getAddress();
        try {
            if (to == null) {
                sys.send(descriptor, p.getData(), p.getOffset(), p.getLength(), 0);
            } else {
                sys.sendTo(descriptor, p.getData(), p.getOffset(), p.getLength(), 0,
                        new InetSockAddr(InetAddresses.toInt(to), p.getPort()));
            }
        } catch (ErrnoException e) {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            throw SocketErrors.datagram(e);
        }
    }

    @Override
    protected void receive(DatagramPacket p) throws IOException {
        receive(p, 0);
    }

    /** recvfrom into the packet's buffer; returns the sender's port. */
    private int receive(DatagramPacket p, int flags) throws IOException {
        ensureOpen();
        int capacity = DatagramPackets.bufLength(p);
        int n;
        try {
            n = sys.recvFrom(descriptor, p.getData(), p.getOffset(), capacity, flags, info);
        } catch (ErrnoException e) {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            switch (e.errno()) {
                case EAGAIN -> throw new SocketTimeoutException("Receive timed out");
                case EINTR -> {
                    // As the JDK's DatagramSocket on a virtual thread: close, keep the interrupt.
                    Thread.currentThread().interrupt();
                    close();
                    throw new SocketException("Closed by interrupt");
                }
                default -> throw SocketErrors.datagram(e);
            }
        }
        if (closed) {
            // close() from another thread woke this receiver.
            throw new SocketException("Socket closed");
        }
        DatagramPackets.setLength(p, n);
        if (lastSourceAddress == null || lastSource != info.srcAddress) {
            lastSource = info.srcAddress;
            lastSourceAddress = KernelAddresses.toInetAddress(info.srcAddress);
        }
        p.setAddress(lastSourceAddress);
        p.setPort(info.srcPort);
        return info.srcPort;
    }

    @Override
    protected int peekData(DatagramPacket p) throws IOException {
        return receive(p, MSG_PEEK);
    }

    @Override
    protected void setTimeToLive(int ttl) throws IOException {
        ensureOpen();
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl out of range");
        }
        multicastTtl = ttl;
    }

    @Override
    protected int getTimeToLive() throws IOException {
        ensureOpen();
        return multicastTtl;
    }

    @Override
    protected void join(InetAddress inetaddr) {
        throw multicast("MulticastSocket.joinGroup");
    }

    @Override
    protected void leave(InetAddress inetaddr) {
        throw multicast("MulticastSocket.leaveGroup");
    }

    @Override
    protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) {
        throw multicast("MulticastSocket.joinGroup");
    }

    @Override
    protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) {
        throw multicast("MulticastSocket.leaveGroup");
    }

    private static UnsupportedOperationException multicast(String method) {
        return new UnsupportedOperationException(method + ": the simulated kernel has no IP multicast");
    }

    @Override
    protected void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (created) {
            try {
                sys.close(descriptor);
            } catch (ErrnoException alreadyClosed) {
                // the process exited and closed its descriptors first
            }
        }
    }

    // ---- options ----------------------------------------------------------------------------

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        ensureOpen();
        switch (optID) {
            case SO_TIMEOUT -> {
                LegacyOptions.set(sys, descriptor, optID, value);
                timeoutMillis = (Integer) value;
            }
            case SO_SNDBUF, SO_RCVBUF, SO_REUSEADDR, SO_REUSEPORT, SO_BROADCAST, IP_TOS ->
                    LegacyOptions.set(sys, descriptor, optID, value);
            default -> throw unknownOption(optID);
        }
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        ensureOpen();
        return switch (optID) {
            case SO_TIMEOUT -> timeoutMillis;
            case SO_SNDBUF, SO_RCVBUF, SO_REUSEADDR, SO_REUSEPORT, SO_BROADCAST, IP_TOS, SO_BINDADDR ->
                    LegacyOptions.get(sys, descriptor, optID);
            default -> throw unknownOption(optID);
        };
    }

    private static SocketException unknownOption(int optID) {
        boolean multicast = optID == IP_MULTICAST_IF || optID == IP_MULTICAST_IF2 || optID == IP_MULTICAST_LOOP;
        return new SocketException("Unknown option " + LegacyOptions.name(optID) + " for a simulated UDP socket"
                + (multicast ? " (the simulated kernel has no IP multicast)" : ""));
    }

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    @Override
    protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
        if (!OPTIONS.contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported by a simulated UDP socket");
        }
        if (!name.type().isInstance(value)) {
            throw new IllegalArgumentException("Invalid value '" + value + "'");
        }
        if (name == StandardSocketOptions.IP_MULTICAST_TTL) {
            setTimeToLive((Integer) value);
            return;
        }
        setOption(intOption(name), value);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T getOption(SocketOption<T> name) throws IOException {
        if (!OPTIONS.contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported by a simulated UDP socket");
        }
        if (name == StandardSocketOptions.IP_MULTICAST_TTL) {
            return (T) Integer.valueOf(getTimeToLive());
        }
        return (T) getOption(intOption(name));
    }

    private static int intOption(SocketOption<?> name) {
        if (name == StandardSocketOptions.SO_SNDBUF) {
            return SO_SNDBUF;
        }
        if (name == StandardSocketOptions.SO_RCVBUF) {
            return SO_RCVBUF;
        }
        if (name == StandardSocketOptions.SO_REUSEADDR) {
            return SO_REUSEADDR;
        }
        if (name == StandardSocketOptions.SO_REUSEPORT) {
            return SO_REUSEPORT;
        }
        if (name == StandardSocketOptions.SO_BROADCAST) {
            return SO_BROADCAST;
        }
        return IP_TOS;
    }

    @Override
    public String toString() {
        return "SimDatagramSocketImpl[" + process.node().name() + " fd=" + (closed ? -1 : descriptor)
                + " local=" + localPort + "]";
    }
}
