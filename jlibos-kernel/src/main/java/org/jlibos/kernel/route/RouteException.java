package org.jlibos.kernel.route;

import org.jlibos.kernel.socket.Errno;

/** A rejected routing change, with the errno Linux's netlink would return. */
public final class RouteException extends Exception {

    private final Errno errno;

    public RouteException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
