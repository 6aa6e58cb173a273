package org.jlibos.net.lan;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.net.channel.Channel;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.net.channel.StageChain;
import org.jlibos.net.channel.Transmitter;
import org.jlibos.net.port.DevicePort;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;

/**
 * One port of a {@link LearningSwitch} and the cable to its node's device: a channel from the
 * node to the switch, a channel back, and the switch's output queue for that port.
 *
 * <pre>
 *   node device ▶ toSwitch channel ▶ [switch-side ingress stages] ▶ switch
 *   switch ▶ output queue ▶ toNode channel ▶ node port ingress
 * </pre>
 *
 * The output queue works as a device's does: a frame is dequeued whenever the transmitter is
 * free, so a queue limit of n holds n frames besides the one being sent.
 */
public final class SwitchPort implements Transmitter.IdleListener {

    private final int index;
    private final DevicePort device;
    private final Qdisc queue;
    private final Channel toSwitch;
    private final Channel toNode;
    private final StageChain ingress;

    SwitchPort(Simulator simulator, String lanName, int index, DevicePort device, Qdisc queue,
            long rateBps, long delayNanos, LearningSwitch sw) {
        this.index = index;
        this.device = device;
        this.queue = queue;
        String node = device.node().name();
        int maxFrame = device.device().mtu() + 14;
        this.toSwitch = new Channel(simulator, lanName + ":" + node + ">switch", rateBps, delayNanos, maxFrame);
        this.toNode = new Channel(simulator, lanName + ":switch>" + node, rateBps, delayNanos, maxFrame);
        this.ingress = new StageChain(new SwitchInput(sw, index, toSwitch));
        toSwitch.connect(device, ingress.entry());
        toNode.connect(this, device.ingressEntry());
        device.attach(toSwitch.input(), toNode.stats());
    }

    public int index() {
        return index;
    }

    public Node node() {
        return device.node();
    }

    public DevicePort devicePort() {
        return device;
    }

    /** The switch's output queue towards this port's node. */
    public Qdisc queue() {
        return queue;
    }

    /** The direction node to switch. */
    public Channel toSwitch() {
        return toSwitch;
    }

    /** The direction switch to node. */
    public Channel toNode() {
        return toNode;
    }

    /** Adds a stage on the switch side of the node-to-switch direction (a fault on that direction). */
    public void addIngressWireStage(FrameStage stage) {
        ingress.addOuter(stage);
    }

    /** Plugs the cable out (frames in flight both ways are lost) or back in; the device's carrier follows. */
    public void setUp(boolean up) {
        toSwitch.setAdminUp(up);
        toNode.setAdminUp(up);
        device.device().setCarrier(up);
    }

    public boolean isUp() {
        return toNode.isAdminUp();
    }

    /** Queues a frame for output on this port (tail drop when full, counted by the queue). */
    void enqueue(PacketBuffer frame) {
        if (queue.enqueue(frame) && !toNode.transmitter().isBusy()) {
            sendNext();
        }
    }

    @Override
    public void transmitterIdle() {
        sendNext();
    }

    private void sendNext() {
        PacketBuffer next = queue.dequeue();
        if (next != null) {
            toNode.input().accept(next);
        }
    }

    @Override
    public String toString() {
        return "port " + index + " (" + device + ")";
    }

    /** The end of the node-to-switch path: the switch's forwarding. */
    private static final class SwitchInput extends FrameStage {
        private final LearningSwitch sw;
        private final int port;
        private final Channel channel;

        SwitchInput(LearningSwitch sw, int port, Channel channel) {
            this.sw = sw;
            this.port = port;
            this.channel = channel;
        }

        @Override
        public void accept(PacketBuffer frame) {
            channel.stats().framesDelivered++;
            channel.stats().bytesDelivered += frame.length();
            sw.receive(port, frame);
        }
    }
}
