package org.jlibos.dce.nio;

/** What {@link SimSelector} needs of a simulated channel. */
interface SimChannel {

    SocketHandle handle();

    /** The ready set for the socket's poll events and the key's interest set, as the JDK's {@code translateReadyOps}. */
    int translateReadyOps(int pollEvents, int interestOps);
}
