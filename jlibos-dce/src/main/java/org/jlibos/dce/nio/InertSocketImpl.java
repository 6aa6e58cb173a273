package org.jlibos.dce.nio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketImpl;

/**
 * The impl handed to java.net.ServerSocket's protected constructor by the server socket
 * adaptor (as the JDK's DummySocketImpl): the adaptor overrides every public method, so
 * reaching this impl is a bug and says so.
 */
final class InertSocketImpl extends SocketImpl {

    private static UnsupportedOperationException unreachable(String method) {
        return new UnsupportedOperationException("SocketImpl." + method + " on a simulated socket adaptor");
    }

    @Override
    protected void create(boolean stream) {
        throw unreachable("create");
    }

    @Override
    protected void connect(String host, int port) {
        throw unreachable("connect");
    }

    @Override
    protected void connect(InetAddress address, int port) {
        throw unreachable("connect");
    }

    @Override
    protected void connect(SocketAddress address, int timeout) {
        throw unreachable("connect");
    }

    @Override
    protected void bind(InetAddress host, int port) {
        throw unreachable("bind");
    }

    @Override
    protected void listen(int backlog) {
        throw unreachable("listen");
    }

    @Override
    protected void accept(SocketImpl s) {
        throw unreachable("accept");
    }

    @Override
    protected InputStream getInputStream() {
        throw unreachable("getInputStream");
    }

    @Override
    protected OutputStream getOutputStream() {
        throw unreachable("getOutputStream");
    }

    @Override
    protected int available() {
        throw unreachable("available");
    }

    @Override
    protected void close() {
        // ServerSocket may close its impl on paths the adaptor does not override; nothing to release.
    }

    @Override
    protected void sendUrgentData(int data) {
        throw unreachable("sendUrgentData");
    }

    @Override
    public void setOption(int optID, Object value) {
        throw unreachable("setOption");
    }

    @Override
    public Object getOption(int optID) {
        throw unreachable("getOption");
    }
}
