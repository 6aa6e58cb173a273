package org.jlibos.dce.nio;

import static org.jlibos.kernel.socket.SocketConstants.SOCK_DGRAM;
import static org.jlibos.kernel.socket.SocketConstants.SOCK_STREAM;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;

import org.jlibos.sim.process.SimProcess;

/**
 * The JVM's {@link SelectorProvider} when DCE runs
 * ({@code -Djava.nio.channels.spi.SelectorProvider=org.jlibos.dce.nio.SimSelectorProvider}):
 * channels and selectors opened by a simulated thread live on that process's simulated kernel;
 * everything else (the test harness, build tools, any real thread) gets the JDK's own.
 */
public class SimSelectorProvider extends SelectorProvider {

    private static final class Platform {
        static final SelectorProvider INSTANCE = load();

        private static SelectorProvider load() {
            try {
                return (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("the JDK's default SelectorProvider is unreachable: start the JVM with "
                        + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED", e);
            }
        }
    }

    public SimSelectorProvider() {
    }

    /** The JDK's own provider, used outside simulated threads. */
    public static SelectorProvider platform() {
        return Platform.INSTANCE;
    }

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openDatagramChannel();
        }
        return new SimDatagramChannel(this, SocketHandle.open(p, SOCK_DGRAM));
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openDatagramChannel(family);
        }
        requireInet("DatagramChannel.open", family);
        return openDatagramChannel();
    }

    @Override
    public Pipe openPipe() throws IOException {
        if (SimProcess.current() == null) {
            return platform().openPipe();
        }
        throw new UnsupportedOperationException("SelectorProvider.openPipe");
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openSelector();
        }
        return new SimSelector(this, p.node().host());
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openServerSocketChannel();
        }
        return new SimServerSocketChannel(this, SocketHandle.open(p, SOCK_STREAM));
    }

    @Override
    public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openServerSocketChannel(family);
        }
        requireInet("ServerSocketChannel.open", family);
        return openServerSocketChannel();
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openSocketChannel();
        }
        return new SimSocketChannel(this, SocketHandle.open(p, SOCK_STREAM));
    }

    @Override
    public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return platform().openSocketChannel(family);
        }
        requireInet("SocketChannel.open", family);
        return openSocketChannel();
    }

    /** Simulated processes inherit no channel (System.inheritedChannel). */
    @Override
    public Channel inheritedChannel() {
        return null;
    }

    private static void requireInet(String call, ProtocolFamily family) {
        if (family != StandardProtocolFamily.INET) {
            throw new UnsupportedOperationException(call + "(" + family
                    + "): the simulated kernel has IPv4 (StandardProtocolFamily.INET) sockets only");
        }
    }
}
