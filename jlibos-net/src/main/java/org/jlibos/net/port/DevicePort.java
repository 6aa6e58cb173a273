package org.jlibos.net.port;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.net.channel.StageChain;
import org.jlibos.net.channel.Transmitter;
import org.jlibos.sim.node.Node;

/**
 * One kernel device plugged into the world, with its two frame paths:
 *
 * <pre>
 *   egress:  device ▶ [device-side stages: taps] ▶ [wire-side stages] ▶ outgoing channel
 *   ingress: incoming channel ▶ [wire-side stages: faults] ▶ [device-side stages: taps] ▶ Kernel.receive
 * </pre>
 *
 * Wire-side stages see frames as the cable does, device-side stages as the device does: a tap
 * records what the device sent and what it received after the faults (a lost frame never
 * reaches it, a corrupted one shows its flipped bit), whatever order they were added in.
 *
 * <p>The port is the outgoing channel's {@link Transmitter.IdleListener}: when the channel's
 * transmitter is free it calls {@link Kernel#transmitComplete}, and the device sends its next
 * queued frame.
 */
public final class DevicePort implements Transmitter.IdleListener {

    private final Node node;
    private final NetDevice device;
    private final Kernel kernel;
    private final int ifindex;
    private final String name;
    private final StageChain egress = new StageChain(null);
    private final KernelDelivery delivery;
    private final StageChain ingress;

    public DevicePort(Node node, NetDevice device) {
        this.node = node;
        this.device = device;
        this.kernel = node.kernel();
        this.ifindex = device.ifindex();
        this.name = node.name() + ":" + device.name();
        this.delivery = new KernelDelivery(kernel, ifindex);
        this.ingress = new StageChain(delivery);
    }

    public Node node() {
        return node;
    }

    public NetDevice device() {
        return device;
    }

    public int ifindex() {
        return ifindex;
    }

    /** "node:device", e.g. {@code h1:eth0}: the name capture selections use. */
    public String name() {
        return name;
    }

    /** Where the device's transmitted frames enter (called by the node's frame sink). */
    public FrameStage egressEntry() {
        return egress.entry();
    }

    /** Where the incoming channel delivers arriving frames. */
    public FrameStage ingressEntry() {
        return ingress.entry();
    }

    /**
     * Plugs the port into a cable: frames the device sends go to {@code outgoing} (a channel's
     * input); {@code incomingStats} is the direction whose deliveries this port counts.
     */
    public void attach(FrameStage outgoing, DirectionStats incomingStats) {
        if (egress.terminal() != null) {
            throw new IllegalStateException(name + " is already attached");
        }
        egress.setTerminal(outgoing);
        delivery.stats = incomingStats;
    }

    /** Adds a tap on the device side: {@code rx} sees frames delivered, {@code tx} frames sent. */
    public void addDeviceTap(FrameStage rx, FrameStage tx) {
        ingress.addInner(rx);
        egress.addOuter(tx);
    }

    /** Adds a stage on the wire side of the ingress path (a fault on the incoming direction). */
    public void addIngressWireStage(FrameStage stage) {
        ingress.addOuter(stage);
    }

    /** Adds a stage on the wire side of the egress path, just before the outgoing channel. */
    public void addEgressWireStage(FrameStage stage) {
        egress.addInner(stage);
    }

    @Override
    public void transmitterIdle() {
        kernel.transmitComplete(ifindex);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The end of the ingress path: the kernel's receive routine. */
    private static final class KernelDelivery extends FrameStage {
        private final Kernel kernel;
        private final int ifindex;
        DirectionStats stats = new DirectionStats();

        KernelDelivery(Kernel kernel, int ifindex) {
            this.kernel = kernel;
            this.ifindex = ifindex;
        }

        @Override
        public void accept(PacketBuffer frame) {
            stats.framesDelivered++;
            stats.bytesDelivered += frame.length();
            kernel.receive(ifindex, frame);
        }
    }
}
