package org.jlibos.dce.nio;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

import org.jlibos.sim.process.SimProcess;

/**
 * NIO.2 asynchronous channels are not simulated yet. Without this provider a simulated program
 * opening an {@code AsynchronousSocketChannel} would silently get a real socket on the host's
 * network; with it (-Djava.nio.channels.spi.AsynchronousChannelProvider=...) the call fails
 * with its name. Other threads get the JDK's own provider.
 */
public final class SimAsynchronousChannelProvider extends AsynchronousChannelProvider {

    private final AsynchronousChannelProvider platform = platformProvider();

    private static AsynchronousChannelProvider platformProvider() {
        try {
            Method create = Class.forName("sun.nio.ch.DefaultAsynchronousChannelProvider").getMethod("create");
            return (AsynchronousChannelProvider) create.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the JDK's asynchronous channel provider "
                    + "(needs --add-exports java.base/sun.nio.ch=ALL-UNNAMED)", e);
        }
    }

    private static void refuseOnSimulatedHosts(String api) {
        if (SimProcess.current() != null) {
            throw new UnsupportedOperationException(api + ": asynchronous channels are not supported on simulated hosts "
                    + "(use SocketChannel/ServerSocketChannel with a Selector)");
        }
    }

    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(int nThreads, ThreadFactory threadFactory) throws IOException {
        refuseOnSimulatedHosts("AsynchronousChannelGroup.withFixedThreadPool");
        return platform.openAsynchronousChannelGroup(nThreads, threadFactory);
    }

    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(ExecutorService executor, int initialSize) throws IOException {
        refuseOnSimulatedHosts("AsynchronousChannelGroup.withThreadPool");
        return platform.openAsynchronousChannelGroup(executor, initialSize);
    }

    @Override
    public AsynchronousServerSocketChannel openAsynchronousServerSocketChannel(AsynchronousChannelGroup group) throws IOException {
        refuseOnSimulatedHosts("AsynchronousServerSocketChannel.open");
        return platform.openAsynchronousServerSocketChannel(group);
    }

    @Override
    public AsynchronousSocketChannel openAsynchronousSocketChannel(AsynchronousChannelGroup group) throws IOException {
        refuseOnSimulatedHosts("AsynchronousSocketChannel.open");
        return platform.openAsynchronousSocketChannel(group);
    }
}
