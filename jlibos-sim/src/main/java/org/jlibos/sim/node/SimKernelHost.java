package org.jlibos.sim.node;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.host.KernelHost;
import org.jlibos.kernel.host.KernelTimer;
import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.sim.event.Simulator;

/** The kernel's view of the simulation: virtual time, event timers, seeded streams. */
final class SimKernelHost implements KernelHost {

    private final Node node;
    private final Simulator simulator;

    SimKernelHost(Node node) {
        this.node = node;
        this.simulator = node.simulation().simulator();
    }

    @Override
    public long nowNanos() {
        return simulator.now();
    }

    @Override
    public KernelTimer newTimer(String name, Runnable action) {
        return new SimTimer(simulator, node.name() + ":" + name, action);
    }

    @Override
    public RandomGenerator random(String streamName) {
        return node.simulation().random().stream("node:" + node.name() + ":" + streamName);
    }

    @Override
    public WaitQueue newWaitQueue() {
        return new SimWaitQueue(simulator);
    }

    @Override
    public void transmit(int ifindex, PacketBuffer frame) {
        node.transmit(ifindex, frame);
    }
}
