package org.jlibos.dce.net;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;

/**
 * Kernel errno values as the exceptions the JDK's socket implementations throw for them on
 * Linux (sun.nio.ch.Net's handleSocketError and SocketDispatcher), with glibc's messages.
 */
final class NetErrors {

    private NetErrors() {
    }

    /**
     * connect, bind, listen, accept and option calls (Net.c handleSocketError; EPROTO, a
     * ProtocolException there, stays a SocketException because these calls declare only that).
     */
    static SocketException socketError(ErrnoException e) {
        Errno errno = e.errno();
        return switch (errno) {
            case ECONNREFUSED, ETIMEDOUT, ENOTCONN -> new ConnectException(errno.message);
            case EHOSTUNREACH -> new NoRouteToHostException(errno.message);
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> new BindException(errno.message);
            default -> new SocketException(errno.message);
        };
    }

    /** read(2) failures: a reset is "Connection reset" (sun.net.ConnectionResetException's text). */
    static SocketException readError(ErrnoException e) {
        if (e.errno() == Errno.ECONNRESET) {
            return new SocketException("Connection reset");
        }
        return new SocketException(e.errno().message);
    }

    /** write(2) failures: the JDK reports strerror ("Broken pipe", "Connection reset by peer"). */
    static SocketException writeError(ErrnoException e) {
        return new SocketException(e.errno().message);
    }

    /** Datagram calls: an ICMP port unreachable shows as PortUnreachableException. */
    static SocketException datagramError(ErrnoException e) {
        if (e.errno() == Errno.ECONNREFUSED) {
            return new PortUnreachableException("ICMP Port Unreachable");
        }
        return socketError(e);
    }
}
