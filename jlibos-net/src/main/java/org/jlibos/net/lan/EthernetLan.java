package org.jlibos.net.lan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.net.port.DevicePort;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;

/**
 * An Ethernet LAN: one {@link LearningSwitch} with a port per member node. Port i belongs to the
 * i-th node given, and each cable has the LAN's rate and delay in both directions (change them
 * per port through {@link SwitchPort#toSwitch()} and {@link SwitchPort#toNode()}).
 *
 * <p>A unicast frame between two nodes of the LAN, sent at t on an idle LAN with rate R and
 * delay d, arrives at {@code t + 2*(S*8/R) + 2*d}: serialised twice (store and forward),
 * propagated twice.
 */
public final class EthernetLan {

    private final String name;
    private final LearningSwitch sw;
    private final List<SwitchPort> ports = new ArrayList<>();

    /**
     * @param switchQueues makes the output queue of each switch port (called once per port)
     */
    public EthernetLan(Simulator simulator, String name, List<DevicePort> members, long rateBps, long delayNanos,
            Supplier<Qdisc> switchQueues) {
        this.name = name;
        this.sw = new LearningSwitch(simulator, MacTable.DEFAULT_AGEING_NANOS);
        for (DevicePort member : members) {
            for (SwitchPort p : ports) {
                if (p.node() == member.node()) {
                    throw new IllegalArgumentException("LAN " + name + ": " + member.node() + " is listed twice");
                }
            }
            SwitchPort port = new SwitchPort(simulator, name, ports.size(), member, switchQueues.get(),
                    rateBps, delayNanos, sw);
            ports.add(port);
            sw.addPort(port);
        }
    }

    public String name() {
        return name;
    }

    public LearningSwitch switchDevice() {
        return sw;
    }

    /** Ports in member order. */
    public List<SwitchPort> ports() {
        return Collections.unmodifiableList(ports);
    }

    public List<Node> members() {
        List<Node> nodes = new ArrayList<>(ports.size());
        for (SwitchPort p : ports) {
            nodes.add(p.node());
        }
        return nodes;
    }

    /** The port of {@code node}. */
    public SwitchPort port(Node node) {
        for (SwitchPort p : ports) {
            if (p.node() == node) {
                return p;
            }
        }
        throw new IllegalArgumentException(node + " is not on LAN " + name);
    }

    /** {@code node}'s device on this LAN. */
    public NetDevice device(Node node) {
        return port(node).devicePort().device();
    }

    /** Sets the data rate of every cable, both directions, from their next frame on. */
    public void setRate(long bitsPerSecond) {
        for (SwitchPort p : ports) {
            p.toSwitch().setRate(bitsPerSecond);
            p.toNode().setRate(bitsPerSecond);
        }
    }

    @Override
    public String toString() {
        return "lan " + name + " " + members();
    }
}
