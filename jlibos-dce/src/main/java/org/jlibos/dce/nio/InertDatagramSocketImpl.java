package org.jlibos.dce.nio;

import java.net.DatagramPacket;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;

/** The impl behind the datagram socket adaptor's superclass; every public method is overridden, so it is never used. */
final class InertDatagramSocketImpl extends DatagramSocketImpl {

    private static UnsupportedOperationException unreachable(String method) {
        return new UnsupportedOperationException("DatagramSocketImpl." + method + " on a simulated socket adaptor");
    }

    @Override
    protected void create() {
        throw unreachable("create");
    }

    @Override
    protected void bind(int lport, InetAddress laddr) {
        throw unreachable("bind");
    }

    @Override
    protected void send(DatagramPacket p) {
        throw unreachable("send");
    }

    @Override
    protected int peek(InetAddress i) {
        throw unreachable("peek");
    }

    @Override
    protected int peekData(DatagramPacket p) {
        throw unreachable("peekData");
    }

    @Override
    protected void receive(DatagramPacket p) {
        throw unreachable("receive");
    }

    @Override
    @Deprecated
    protected void setTTL(byte ttl) {
        throw unreachable("setTTL");
    }

    @Override
    @Deprecated
    protected byte getTTL() {
        throw unreachable("getTTL");
    }

    @Override
    protected void setTimeToLive(int ttl) {
        throw unreachable("setTimeToLive");
    }

    @Override
    protected int getTimeToLive() {
        throw unreachable("getTimeToLive");
    }

    @Override
    protected void join(InetAddress inetaddr) {
        throw unreachable("join");
    }

    @Override
    protected void leave(InetAddress inetaddr) {
        throw unreachable("leave");
    }

    @Override
    protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) {
        throw unreachable("joinGroup");
    }

    @Override
    protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) {
        throw unreachable("leaveGroup");
    }

    @Override
    protected void close() {
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
