package org.jlibos.dce.nio;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.util.Objects;
import java.util.Set;

/**
 * {@link SimDatagramChannel#socket()}: a java.net.DatagramSocket delegating to the channel
 * (after the JDK's sun.nio.ch.DatagramSocketAdaptor). SO_TIMEOUT bounds receive in virtual time.
 */
final class SimDatagramSocketAdaptor extends DatagramSocket {

    private final SimDatagramChannel channel;
    private volatile int timeoutMillis;

    private SimDatagramSocketAdaptor(SimDatagramChannel channel) {
        super(new InertDatagramSocketImpl());
        this.channel = channel;
    }

    static DatagramSocket create(SimDatagramChannel channel) {
        return new SimDatagramSocketAdaptor(channel);
    }

    @Override
    public void bind(SocketAddress local) throws SocketException {
        AdaptorErrors.translateToSocketException(() -> channel.bind(local));
    }

    @Override
    public void connect(InetAddress address, int port) {
        try {
            connect(new InetSocketAddress(address, port));
        } catch (SocketException e) {
            // DatagramSocket.connect(InetAddress, int) declares no exception.
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void connect(SocketAddress remote) throws SocketException {
        Objects.requireNonNull(remote, "Address can't be null");
        AdaptorErrors.translateToSocketException(() -> channel.connect(remote));
    }

    @Override
    public void disconnect() {
        try {
            channel.disconnect();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean isBound() {
        return channel.localAddress() != null;
    }

    @Override
    public boolean isConnected() {
        return channel.remoteAddress() != null;
    }

    @Override
    public InetAddress getInetAddress() {
        InetSocketAddress remote = channel.remoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    @Override
    public int getPort() {
        InetSocketAddress remote = channel.remoteAddress();
        return remote == null ? -1 : remote.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return channel.isOpen() ? channel.localAddress() : null;
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength());
        SocketAddress target = p.getSocketAddress();
        if (p.getAddress() == null) {
            target = channel.remoteAddress();
            if (target == null) {
                throw new IllegalArgumentException("Address not set");
            }
        }
        if (!channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        SocketAddress to = target;
        AdaptorErrors.translate(() -> channel.send(data, to));
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        if (!channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        // Up to the packet's buffer length, and without shrinking it (setLength would): a packet
        // reused for receiving must take a long datagram after a short one.
        ByteBuffer into = ByteBuffer.wrap(p.getData(), p.getOffset(), org.jlibos.dce.socket.DatagramPackets.bufLength(p));
        SocketAddress from = AdaptorErrors.translate(() -> channel.receive(into, timeoutMillis * 1_000_000L));
        org.jlibos.dce.socket.DatagramPackets.setLength(p, into.position() - p.getOffset());
        p.setSocketAddress(from);
    }

    @Override
    public InetAddress getLocalAddress() {
        InetSocketAddress local = channel.isOpen() ? channel.localAddress() : null;
        return local == null ? null : local.getAddress();
    }

    @Override
    public int getLocalPort() {
        if (!channel.isOpen()) {
            return -1;
        }
        InetSocketAddress local = channel.localAddress();
        return local == null ? 0 : local.getPort();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (!channel.isOpen()) {
            throw new SocketException("Socket is closed");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        this.timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() throws SocketException {
        if (!channel.isOpen()) {
            throw new SocketException("Socket is closed");
        }
        return timeoutMillis;
    }

    private <T> void set(SocketOption<T> name, T value) throws SocketException {
        AdaptorErrors.translateToSocketException(() -> channel.setOption(name, value));
    }

    private <T> T get(SocketOption<T> name) throws SocketException {
        return AdaptorErrors.translateToSocketException(() -> channel.getOption(name));
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        if (size <= 0) {
            throw new IllegalArgumentException("Invalid send size");
        }
        set(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        if (size <= 0) {
            throw new IllegalArgumentException("Invalid receive size");
        }
        set(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_REUSEADDR, on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return get(StandardSocketOptions.SO_REUSEADDR);
    }

    @Override
    public void setBroadcast(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_BROADCAST, on);
    }

    @Override
    public boolean getBroadcast() throws SocketException {
        return get(StandardSocketOptions.SO_BROADCAST);
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        set(StandardSocketOptions.IP_TOS, tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return get(StandardSocketOptions.IP_TOS);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public DatagramChannel getChannel() {
        return channel;
    }

    @Override
    public <T> DatagramSocket setOption(SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(name);
        channel.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        Objects.requireNonNull(name);
        return channel.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return channel.supportedOptions();
    }

    @Override
    public void joinGroup(SocketAddress group, NetworkInterface netIf) {
        throw new UnsupportedOperationException("DatagramSocket.joinGroup");
    }

    @Override
    public void leaveGroup(SocketAddress group, NetworkInterface netIf) {
        throw new UnsupportedOperationException("DatagramSocket.leaveGroup");
    }
}
