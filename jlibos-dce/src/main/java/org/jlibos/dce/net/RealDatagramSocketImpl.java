package org.jlibos.dce.net;

import org.jlibos.dce.socket.DatagramPackets;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

import org.jlibos.dce.socket.LegacyOptions;

/**
 * A datagram socket on the real network stack for threads that are not simulated. Since JDK
 * 15 there is no platform {@code DatagramSocketImpl} any more: without a factory,
 * {@code DatagramSocket} wraps a {@code DatagramChannel} of the JDK's built-in provider in a
 * socket adaptor. This impl does the same inside the legacy impl contract: every call goes to
 * the adaptor of an (uninterruptible, like the JDK's) channel opened with
 * {@code sun.nio.ch.DefaultSelectorProvider} — never {@code DatagramChannel.open()}, because
 * the JVM-wide provider is the simulator's.
 *
 * <p>Needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}.
 */
final class RealDatagramSocketImpl extends DceDatagramSocketImpl {

    private static final SelectorProvider PLATFORM;
    private static final Method OPEN_UNINTERRUPTIBLE;

    static {
        try {
            Class<?> dsp = Class.forName("sun.nio.ch.DefaultSelectorProvider");
            PLATFORM = (SelectorProvider) dsp.getMethod("get").invoke(null);
            OPEN_UNINTERRUPTIBLE = PLATFORM.getClass().getMethod("openUninterruptibleDatagramChannel");
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw new IllegalStateException("the JDK's built-in SelectorProvider is not accessible: run the JVM with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED", e);
        }
    }

    private DatagramSocket real;
    /** A datagram taken by peekData and not yet received (channels cannot peek). */
    private DatagramPacket peeked;

    /** The JDK's built-in SelectorProvider (not the JVM-wide one). */
    static SelectorProvider platformProvider() {
        return PLATFORM;
    }

    @Override
    protected void create() throws SocketException {
        try {
            DatagramChannel channel = (DatagramChannel) OPEN_UNINTERRUPTIBLE.invoke(PLATFORM);
            real = channel.socket();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            SocketException se = new SocketException("opening a real datagram channel: " + cause);
            se.initCause(cause);
            throw se;
        }
    }

    @Override
    protected void bind(int lport, InetAddress laddr) throws SocketException {
        real.bind(new InetSocketAddress(laddr, lport));
        localPort = real.getLocalPort();
    }

    @Override
    protected void connect(InetAddress address, int port) throws SocketException {
        real.connect(new InetSocketAddress(address, port));
    }

    @Override
    protected void disconnect() {
        real.disconnect();
        peeked = null;
    }

    @Override
    protected void send(DatagramPacket p) throws IOException {
        real.send(p);
    }

    @Override
    protected void receive(DatagramPacket p) throws IOException {
        DatagramPacket held = peeked;
        if (held != null) {
            peeked = null;
            copyPeeked(held, p);
            return;
        }
        real.receive(p);
    }

    @Override
    protected int peekData(DatagramPacket p) throws IOException {
        if (peeked == null) {
            int size = Math.max(real.getReceiveBufferSize(), 65536);
            DatagramPacket held = new DatagramPacket(new byte[size], size);
            real.receive(held);
            peeked = held;
        }
        copyPeeked(peeked, p);
        return peeked.getPort();
    }

    /** The peeked datagram into {@code p}, cut to p's buffer as a receive would. */
    private static void copyPeeked(DatagramPacket held, DatagramPacket p) {
        int n = Math.min(held.getLength(), DatagramPackets.bufLength(p));
        System.arraycopy(held.getData(), 0, p.getData(), p.getOffset(), n);
        DatagramPackets.setLength(p, n);
        p.setAddress(held.getAddress());
        p.setPort(held.getPort());
    }

    @Override
    protected void setTimeToLive(int ttl) throws IOException {
        real.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
    }

    @Override
    protected int getTimeToLive() throws IOException {
        return real.getOption(StandardSocketOptions.IP_MULTICAST_TTL);
    }

    @Override
    protected void join(InetAddress inetaddr) throws IOException {
        real.joinGroup(new InetSocketAddress(inetaddr, 0), null);
    }

    @Override
    protected void leave(InetAddress inetaddr) throws IOException {
        real.leaveGroup(new InetSocketAddress(inetaddr, 0), null);
    }

    @Override
    protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        real.joinGroup(mcastaddr, netIf);
    }

    @Override
    protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        real.leaveGroup(mcastaddr, netIf);
    }

    @Override
    protected void close() {
        if (real != null) {
            real.close();
        }
    }

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        switch (optID) {
            case SO_TIMEOUT -> real.setSoTimeout((Integer) value);
            case SO_SNDBUF -> real.setSendBufferSize((Integer) value);
            case SO_RCVBUF -> real.setReceiveBufferSize((Integer) value);
            case SO_REUSEADDR -> real.setReuseAddress((Boolean) value);
            case SO_BROADCAST -> real.setBroadcast((Boolean) value);
            case IP_TOS -> real.setTrafficClass((Integer) value);
            case SO_REUSEPORT -> setStandard(StandardSocketOptions.SO_REUSEPORT, (Boolean) value);
            case IP_MULTICAST_IF -> setStandard(StandardSocketOptions.IP_MULTICAST_IF,
                    interfaceOf((InetAddress) value));
            case IP_MULTICAST_IF2 -> setStandard(StandardSocketOptions.IP_MULTICAST_IF, (NetworkInterface) value);
            // SocketOptions' IP_MULTICAST_LOOP value means "loopback disabled".
            case IP_MULTICAST_LOOP -> setStandard(StandardSocketOptions.IP_MULTICAST_LOOP, !(Boolean) value);
            default -> throw new SocketException("Unknown option " + LegacyOptions.name(optID));
        }
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        return switch (optID) {
            case SO_TIMEOUT -> real.getSoTimeout();
            case SO_SNDBUF -> real.getSendBufferSize();
            case SO_RCVBUF -> real.getReceiveBufferSize();
            case SO_REUSEADDR -> real.getReuseAddress();
            case SO_BROADCAST -> real.getBroadcast();
            case IP_TOS -> real.getTrafficClass();
            case SO_BINDADDR -> real.getLocalAddress();
            case SO_REUSEPORT -> getStandard(StandardSocketOptions.SO_REUSEPORT);
            case IP_MULTICAST_IF, IP_MULTICAST_IF2 -> getStandard(StandardSocketOptions.IP_MULTICAST_IF);
            case IP_MULTICAST_LOOP -> !getStandard(StandardSocketOptions.IP_MULTICAST_LOOP);
            default -> throw new SocketException("Unknown option " + LegacyOptions.name(optID));
        };
    }

    private static NetworkInterface interfaceOf(InetAddress address) throws SocketException {
        NetworkInterface ni = NetworkInterface.getByInetAddress(address);
        if (ni == null) {
            throw new SocketException("IP_MULTICAST_IF: no interface with address " + address);
        }
        return ni;
    }

    private <T> void setStandard(SocketOption<T> option, T value) throws SocketException {
        try {
            real.setOption(option, value);
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    private <T> T getStandard(SocketOption<T> option) throws SocketException {
        try {
            return real.getOption(option);
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        return real.supportedOptions();
    }

    @Override
    protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
        real.setOption(name, value);
    }

    @Override
    protected <T> T getOption(SocketOption<T> name) throws IOException {
        return real.getOption(name);
    }
}
