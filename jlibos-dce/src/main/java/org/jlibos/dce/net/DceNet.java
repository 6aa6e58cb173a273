package org.jlibos.dce.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Entry points of the java.net glue: {@link #install()} puts the JVM-wide socket factories in
 * place, {@link #localHost()} is {@code InetAddress.getLocalHost()} for simulated callers.
 * Name resolution needs no installation: {@link SimInetAddressResolverProvider} is a service
 * the JDK loads on its first lookup.
 */
public final class DceNet {

    private static final Object INSTALL_LOCK = new Object();
    private static boolean installed;

    private DceNet() {
    }

    /**
     * Installs the socket factories of {@code java.net.Socket}, {@code ServerSocket} and
     * {@code DatagramSocket} (each can be set once per JVM; later calls do nothing). Sockets
     * created by simulated threads then live in their node's kernel; sockets of other threads
     * stay on the real network stack.
     *
     * @throws IllegalStateException when another factory was installed first
     */
    public static void install() {
        synchronized (INSTALL_LOCK) {
            if (installed) {
                return;
            }
            try {
                Socket.setSocketImplFactory(new DceSocketImplFactory(false));
            } catch (IOException e) {
                throw new IllegalStateException("DceNet.install: java.net.Socket already has a SocketImplFactory", e);
            }
            try {
                ServerSocket.setSocketFactory(new DceSocketImplFactory(true));
            } catch (IOException e) {
                throw new IllegalStateException("DceNet.install: java.net.ServerSocket already has a SocketImplFactory", e);
            }
            try {
                DatagramSocket.setDatagramSocketImplFactory(new DceDatagramSocketImplFactory());
            } catch (IOException e) {
                throw new IllegalStateException(
                        "DceNet.install: java.net.DatagramSocket already has a DatagramSocketImplFactory", e);
            }
            installed = true;
        }
    }

    /** Whether {@link #install()} has completed in this JVM. */
    public static boolean isInstalled() {
        synchronized (INSTALL_LOCK) {
            return installed;
        }
    }

    /**
     * {@code InetAddress.getLocalHost()} for the calling thread: on a simulated thread the
     * node's name with the node's address (the first IPv4 address of its first non-loopback
     * device that has one, 127.0.0.1 when none); elsewhere the JDK's answer.
     */
    public static InetAddress localHost() throws UnknownHostException {
        SimProcess process = SimProcess.current();
        if (process == null) {
            return InetAddress.getLocalHost();
        }
        Node node = process.node();
        return localHost(node, node.name());
    }

    static InetAddress localHost(Node node, String hostName) {
        long address = InetAddresses.primaryAddress(node);
        return KernelAddresses.toInetAddress(hostName, address == InetAddresses.NONE ? Ipv4Address.LOOPBACK : (int) address);
    }
}
