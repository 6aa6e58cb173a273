package org.jlibos.dce.net;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketImpl;
import java.net.SocketImplFactory;

import org.jlibos.sim.process.SimProcess;

/**
 * The JVM-wide {@code SocketImplFactory} of {@code Socket} (client instance) and
 * {@code ServerSocket} (server instance): a simulated caller gets a {@link SimSocketImpl} in
 * its node's kernel, any other thread exactly what the JDK creates without a factory (the
 * platform {@code NioSocketImpl}, wrapped for SOCKS as {@code Socket} wraps it).
 *
 * <p>Accepting works for both kinds: a real {@code ServerSocket} has a platform impl and the
 * JDK accepts with a new platform impl without asking any factory; a simulated one has a
 * custom impl, so {@code ServerSocket.accept} asks the client factory, on the accepting
 * (simulated) thread, for the impl to accept into.
 *
 * <p>The JDK's factories are package-private in {@code java.net}: the JVM needs
 * {@code --add-opens java.base/java.net=ALL-UNNAMED}.
 */
public final class DceSocketImplFactory implements java.net.SocketImplFactory {

    private static final MethodHandle CREATE_PLATFORM;
    private static final MethodHandle NEW_SOCKS;

    static {
        try {
            MethodHandles.Lookup javaNet = MethodHandles.privateLookupIn(SocketImpl.class, MethodHandles.lookup());
            CREATE_PLATFORM = javaNet.findStatic(SocketImpl.class, "createPlatformSocketImpl",
                    MethodType.methodType(SocketImpl.class, boolean.class));
            Class<?> socks = Class.forName("java.net.SocksSocketImpl");
            NEW_SOCKS = javaNet.findConstructor(socks, MethodType.methodType(void.class, SocketImpl.class));
        } catch (ReflectiveOperationException | IllegalAccessError | IllegalArgumentException e) {
            throw new IllegalStateException("DceSocketImplFactory needs the JDK's platform SocketImpl: run the JVM with "
                    + "--add-opens java.base/java.net=ALL-UNNAMED", e);
        }
    }

    private final boolean server;

    DceSocketImplFactory(boolean server) {
        this.server = server;
    }

    /** Whether this is the {@code ServerSocket} factory. */
    public boolean isServer() {
        return server;
    }

    @Override
    public SocketImpl createSocketImpl() {
        SimProcess process = SimProcess.current();
        if (process != null) {
            return new SimSocketImpl(process, server);
        }
        return platformSocketImpl(server);
    }

    /** What {@code Socket}/{@code ServerSocket} create when no factory is set. */
    static SocketImpl platformSocketImpl(boolean server) {
        try {
            SocketImpl platform = (SocketImpl) CREATE_PLATFORM.invokeExact(server);
            return server ? platform : (SocketImpl) NEW_SOCKS.invoke(platform);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("creating the JDK's platform SocketImpl", t);
        }
    }
}
