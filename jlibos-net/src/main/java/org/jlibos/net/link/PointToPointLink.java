package org.jlibos.net.link;

import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.channel.Channel;
import org.jlibos.net.port.DevicePort;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;

/**
 * A full-duplex point-to-point link between two device ports (ns-3 {@code PointToPointChannel}
 * with its two {@code PointToPointNetDevice}s).
 *
 * <p>Each direction is a {@link Channel} with its own rate, delay and maximum frame size; the
 * transmit queue is the sending device's qdisc (pfifo 1000 packets by default, or a limit set
 * per link by the builder). Frame size is {@code frame.length()}: Ethernet header plus payload,
 * no preamble, FCS or inter-frame gap.
 *
 * <p>A link is up unless set down ({@link #setUp}) or cut by a partition
 * ({@link #setPartitioned}). While it is down both devices lose carrier, frames sent are dropped
 * and frames in flight are lost; all counted per direction by cause.
 */
public final class PointToPointLink {

    private final String name;
    private final DevicePort portA;
    private final DevicePort portB;
    private final Channel forward;
    private final Channel reverse;

    /**
     * Joins {@code a} and {@code b}. Each device's MTU gives its direction's maximum frame
     * (MTU + 14-byte Ethernet header).
     */
    public PointToPointLink(Simulator simulator, String name, DevicePort a, DevicePort b,
            long rateAbBps, long delayAbNanos, long rateBaBps, long delayBaNanos) {
        if (a.node() == b.node()) {
            throw new IllegalArgumentException("link " + name + " joins " + a.node() + " to itself");
        }
        this.name = name;
        this.portA = a;
        this.portB = b;
        String na = a.node().name();
        String nb = b.node().name();
        this.forward = new Channel(simulator, na + ">" + nb, rateAbBps, delayAbNanos, a.device().mtu() + 14);
        this.reverse = new Channel(simulator, nb + ">" + na, rateBaBps, delayBaNanos, b.device().mtu() + 14);
        forward.connect(a, b.ingressEntry());
        reverse.connect(b, a.ingressEntry());
        a.attach(forward.input(), reverse.stats());
        b.attach(reverse.input(), forward.stats());
    }

    /** "a-b" as the builder named it (a suffix "#2", "#3"... for parallel links). */
    public String name() {
        return name;
    }

    public Node nodeA() {
        return portA.node();
    }

    public Node nodeB() {
        return portB.node();
    }

    public DevicePort portA() {
        return portA;
    }

    public DevicePort portB() {
        return portB;
    }

    public NetDevice deviceA() {
        return portA.device();
    }

    public NetDevice deviceB() {
        return portB.device();
    }

    /** The direction a to b. */
    public Channel forward() {
        return forward;
    }

    /** The direction b to a. */
    public Channel reverse() {
        return reverse;
    }

    /** The direction whose sender is {@code from}. */
    public Channel direction(Node from) {
        if (from == portA.node()) {
            return forward;
        }
        if (from == portB.node()) {
            return reverse;
        }
        throw new IllegalArgumentException(from + " is not an end of link " + name);
    }

    /** The device of the link on {@code node}. */
    public NetDevice device(Node node) {
        if (node == portA.node()) {
            return portA.device();
        }
        if (node == portB.node()) {
            return portB.device();
        }
        throw new IllegalArgumentException(node + " is not an end of link " + name);
    }

    /** The other end's node. */
    public Node peer(Node node) {
        if (node == portA.node()) {
            return portB.node();
        }
        if (node == portB.node()) {
            return portA.node();
        }
        throw new IllegalArgumentException(node + " is not an end of link " + name);
    }

    public boolean isUp() {
        return forward.isUp();
    }

    /** Administrative state (as set by {@link #setUp}), whatever partitions say. */
    public boolean isAdminUp() {
        return forward.isAdminUp();
    }

    public boolean isPartitioned() {
        return forward.isPartitioned();
    }

    /** Plugs the cable out (frames in flight are lost) or back in; carrier follows on both devices. */
    public void setUp(boolean up) {
        forward.setAdminUp(up);
        reverse.setAdminUp(up);
        updateCarrier();
    }

    /** Cuts or restores the link for a partition; independent of {@link #setUp}. */
    public void setPartitioned(boolean separated) {
        forward.setPartitioned(separated);
        reverse.setPartitioned(separated);
        updateCarrier();
    }

    /** Sets the data rate of both directions from their next frame on. */
    public void setRate(long bitsPerSecond) {
        forward.setRate(bitsPerSecond);
        reverse.setRate(bitsPerSecond);
    }

    /** Sets the propagation delay of both directions for frames sent from now on. */
    public void setDelay(long nanos) {
        forward.setDelay(nanos);
        reverse.setDelay(nanos);
    }

    private void updateCarrier() {
        boolean up = forward.isUp();
        portA.device().setCarrier(up);
        portB.device().setCarrier(up);
    }

    @Override
    public String toString() {
        return "link " + name + " [" + forward + "; " + reverse + "]";
    }
}
