package org.jlibos.dce.nio;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;

/**
 * The exceptions the JDK's NIO implementation throws for a failed system call (the mapping of
 * {@code handleSocketError} in Net.c and of SocketDispatcher/NioSocketImpl), with glibc's
 * strerror text as the message just as the JDK reports it.
 */
final class Errors {

    private Errors() {
    }

    /** A failed connect or finishConnect. */
    static IOException connect(ErrnoException e) {
        return switch (e.errno()) {
            case ECONNREFUSED, ETIMEDOUT, ENOTCONN -> new ConnectException(e.errno().message);
            default -> general(e.errno());
        };
    }

    /** A failed bind or listen. */
    static IOException bind(ErrnoException e) {
        return general(e.errno());
    }

    /** A failed read, write, send or receive on a stream socket. */
    static IOException io(ErrnoException e) {
        return switch (e.errno()) {
            case ECONNRESET -> new SocketException("Connection reset");
            case ETIMEDOUT -> new SocketException(e.errno().message);
            default -> general(e.errno());
        };
    }

    /** A failed send/receive on a datagram socket: an ICMP port unreachable is reported as such. */
    static IOException datagram(ErrnoException e) {
        if (e.errno() == Errno.ECONNREFUSED) {
            return new PortUnreachableException(e.errno().message);
        }
        return general(e.errno());
    }

    static IOException general(Errno errno) {
        return switch (errno) {
            case ECONNRESET -> new SocketException("Connection reset");
            case EPIPE -> new SocketException("Broken pipe");
            case ECONNREFUSED -> new ConnectException(errno.message);
            case EHOSTUNREACH -> new NoRouteToHostException(errno.message);
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> new BindException(errno.message);
            case EPROTO -> new ProtocolException(errno.message);
            default -> new SocketException(errno.message);
        };
    }
}
