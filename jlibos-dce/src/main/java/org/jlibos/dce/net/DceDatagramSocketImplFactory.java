package org.jlibos.dce.net;

import java.net.DatagramSocketImpl;
import java.net.DatagramSocketImplFactory;

import org.jlibos.sim.process.SimProcess;

/**
 * The JVM-wide {@code DatagramSocketImplFactory}. Once a factory is set, every
 * {@code DatagramSocket} and {@code MulticastSocket} of the JVM is a legacy
 * {@code NetMulticastSocket} around the factory's impl (JDK 25 {@code DatagramSocket.createDelegate}),
 * so both kinds of caller are served here: a simulated thread gets a
 * {@link SimDatagramSocketImpl} in its node's kernel, any other thread a real socket
 * ({@link RealDatagramSocketImpl}).
 */
public final class DceDatagramSocketImplFactory implements DatagramSocketImplFactory {

    DceDatagramSocketImplFactory() {
    }

    @Override
    public DatagramSocketImpl createDatagramSocketImpl() {
        SimProcess process = SimProcess.current();
        if (process != null) {
            return new SimDatagramSocketImpl(process);
        }
        return new RealDatagramSocketImpl();
    }
}
