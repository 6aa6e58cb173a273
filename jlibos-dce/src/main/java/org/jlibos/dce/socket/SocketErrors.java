package org.jlibos.dce.socket;

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
 * Kernel errno values as the exceptions the JDK's socket implementations throw for them on
 * Linux, with glibc's strerror text as the message, for java.net sockets and NIO channels alike.
 * The JDK reports the same errno differently depending on the call and the API it came through
 * (sun.nio.ch.Net's handleSocketError, SocketDispatcher, the datagram paths), hence one method
 * per kind of call.
 */
public final class SocketErrors {

    private SocketErrors() {
    }

    /** Net.c handleSocketError: connect, bind, listen, accept and option calls of java.net sockets. */
    public static SocketException handleSocketError(ErrnoException e) {
        Errno errno = e.errno();
        return switch (errno) {
            case ECONNREFUSED, ETIMEDOUT, ENOTCONN -> new ConnectException(errno.message);
            case EHOSTUNREACH -> new NoRouteToHostException(errno.message);
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> new BindException(errno.message);
            default -> new SocketException(errno.message);
        };
    }

    /** sun.net.ConnectionResetException's text, which the JDK uses for ECONNRESET instead of strerror. */
    public static SocketException connectionReset() {
        return new SocketException("Connection reset");
    }

    /** read(2) on a java.net stream socket. */
    public static SocketException read(ErrnoException e) {
        return e.errno() == Errno.ECONNRESET ? connectionReset() : new SocketException(e.errno().message);
    }

    /** write(2) on a java.net stream socket: strerror ("Broken pipe", "Connection reset by peer"). */
    public static SocketException write(ErrnoException e) {
        return new SocketException(e.errno().message);
    }

    /** send/receive on a java.net datagram socket: an ICMP port unreachable is reported as such. */
    public static SocketException datagram(ErrnoException e) {
        if (e.errno() == Errno.ECONNREFUSED) {
            return new PortUnreachableException("ICMP Port Unreachable");
        }
        return handleSocketError(e);
    }

    /**
     * connect and finishConnect on a channel: handleSocketError, except that a reset and EPROTO
     * read as the channel's I/O reports them.
     */
    public static IOException channelConnect(ErrnoException e) {
        return switch (e.errno()) {
            case ECONNRESET -> connectionReset();
            case EPROTO -> new ProtocolException(e.errno().message);
            default -> handleSocketError(e);
        };
    }

    /** Any other channel call: a timeout or a lost connection is only a ConnectException while connecting. */
    public static IOException channel(ErrnoException e) {
        return switch (e.errno()) {
            case ETIMEDOUT, ENOTCONN -> new SocketException(e.errno().message);
            default -> channelConnect(e);
        };
    }

    /** send/receive on a datagram channel: an ICMP port unreachable is reported as such. */
    public static IOException channelDatagram(ErrnoException e) {
        if (e.errno() == Errno.ECONNREFUSED) {
            return new PortUnreachableException(e.errno().message);
        }
        return channel(e);
    }
}
