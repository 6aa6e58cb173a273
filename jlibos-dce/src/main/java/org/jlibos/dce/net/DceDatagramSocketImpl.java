package org.jlibos.dce.net;

import java.io.IOException;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;

/**
 * The part of the legacy {@code DatagramSocketImpl} contract that the simulated and the real
 * datagram impls answer alike.
 */
abstract class DceDatagramSocketImpl extends DatagramSocketImpl {

    @Override
    @Deprecated
    protected void setTTL(byte ttl) throws IOException {
        setTimeToLive(ttl & 0xff);
    }

    @Override
    @Deprecated
    protected byte getTTL() throws IOException {
        return (byte) getTimeToLive();
    }

    /** The legacy contract fills in {@code i}, which an InetAddress cannot be made to do; NetMulticastSocket uses peekData. */
    @Override
    protected int peek(InetAddress i) throws IOException {
        throw new UnsupportedOperationException(
                "DatagramSocketImpl.peek(InetAddress): use peekData (InetAddress is immutable)");
    }
}
