package org.jlibos.kernel.socket;

/** A socket address: IPv4 now ({@link InetSockAddr}); IPv6 joins with its issue. */
public sealed interface SockAddr permits InetSockAddr {

    int family();

    int port();
}
