package org.jlibos.kernel.device;

import java.util.ArrayDeque;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.host.KernelTimer;

/**
 * {@code lo}: frames sent here are received by the same kernel. Delivery is deferred to a
 * host event at the same virtual time (Linux defers it to the receive softirq), so a send
 * never re-enters the receive path.
 */
public final class LoopbackDevice extends NetDevice {

    private final Kernel kernel;
    private final ArrayDeque<PacketBuffer> inFlight = new ArrayDeque<>();
    private final KernelTimer delivery;

    public LoopbackDevice(Kernel kernel) {
        super(kernel.host(), 1, "lo", Type.LOOPBACK, MacAddress.ZERO, Kernel.LOOPBACK_MTU, FifoQdisc.packets(FifoQdisc.DEFAULT_PACKET_LIMIT));
        this.kernel = kernel;
        this.delivery = kernel.host().newTimer("lo:rx", this::deliver);
    }

    @Override
    protected void transmitToHost(PacketBuffer frame) {
        inFlight.add(frame);
        if (!delivery.isArmed()) {
            delivery.armAfter(0);
        }
    }

    private void deliver() {
        PacketBuffer frame = inFlight.poll();
        if (frame != null) {
            kernel.receive(ifindex(), frame);
        }
        transmitComplete();
    }
}
