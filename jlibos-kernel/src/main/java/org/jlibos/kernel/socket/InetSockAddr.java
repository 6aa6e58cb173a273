package org.jlibos.kernel.socket;

/** {@code struct sockaddr_in}: an IPv4 address (host byte order int) and a port. */
public record InetSockAddr(int address, int port) implements SockAddr {

    public static final InetSockAddr ANY = new InetSockAddr(0, 0);

    public InetSockAddr {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    @Override
    public int family() {
        return SocketConstants.AF_INET;
    }

    @Override
    public String toString() {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff) + ":" + port;
    }
}
