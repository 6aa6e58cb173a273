package org.jlibos.dce.nio;

import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/** The java.net view of channel exceptions, as the JDK's Net.translateException gives socket adaptors. */
final class AdaptorErrors {

    private AdaptorErrors() {
    }

    /** Runs {@code call}, turning channel exceptions into what java.net sockets throw. */
    static <T> T translate(IoCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (AsynchronousCloseException e) {
            // Closed by interrupt or by another thread while blocked: callers expect the NIO type.
            throw e;
        } catch (ClosedChannelException e) {
            throw new SocketException("Socket is closed");
        } catch (NotYetConnectedException e) {
            throw new SocketException("Socket is not connected");
        } catch (AlreadyConnectedException e) {
            throw new SocketException("Already connected");
        } catch (ConnectionPendingException e) {
            throw new SocketException("Connection pending");
        } catch (AlreadyBoundException e) {
            throw new SocketException("Already bound");
        } catch (NotYetBoundException e) {
            throw new SocketException("Socket is not bound yet");
        } catch (UnsupportedAddressTypeException e) {
            throw new SocketException("Unsupported address type");
        } catch (UnresolvedAddressException e) {
            throw new UnknownHostException();
        }
    }

    /** Like {@link #translate} for calls declared to throw SocketException only. */
    static <T> T translateToSocketException(IoCall<T> call) throws SocketException {
        try {
            return translate(call);
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            SocketException se = new SocketException(e.getMessage());
            se.initCause(e);
            throw se;
        }
    }

    @FunctionalInterface
    interface IoCall<T> {
        T run() throws IOException;
    }
}
