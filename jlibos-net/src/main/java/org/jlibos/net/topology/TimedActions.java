package org.jlibos.net.topology;

import java.util.List;

import org.jlibos.net.link.PointToPointLink;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.units.Units;

/**
 * Network changes scheduled at one virtual time, from {@link Network#at(long)}. Each call
 * schedules one event (setup time, not the packet path) and returns this object, so changes
 * chain: {@code net.at(t).linkDown(l1).linkDown(l2)}. Changes at the same time happen in the
 * order they were scheduled.
 */
public final class TimedActions {

    private final Network network;
    private final Simulator simulator;
    private final long time;

    TimedActions(Network network, Simulator simulator, long time) {
        this.network = network;
        this.simulator = simulator;
        this.time = time;
    }

    public long time() {
        return time;
    }

    public TimedActions linkDown(PointToPointLink link) {
        return setLinkUp(link, false);
    }

    public TimedActions linkUp(PointToPointLink link) {
        return setLinkUp(link, true);
    }

    public TimedActions setLinkUp(PointToPointLink link, boolean up) {
        simulator.schedule(time, "link " + link.name() + (up ? " up" : " down"), () -> link.setUp(up));
        return this;
    }

    public TimedActions partition(List<List<Node>> groups) {
        List<List<Node>> copy = groups.stream().map(List::copyOf).toList();
        simulator.schedule(time, "partition " + names(copy), () -> network.partition(copy));
        return this;
    }

    public TimedActions heal() {
        simulator.schedule(time, "heal", network::heal);
        return this;
    }

    /** Changes the data rate of both directions of {@code link}. */
    public TimedActions setRate(PointToPointLink link, long bitsPerSecond) {
        simulator.schedule(time, "link " + link.name() + " rate " + Units.formatRate(bitsPerSecond),
                () -> link.setRate(bitsPerSecond));
        return this;
    }

    /** Runs any other change at this time; {@code description} names it in traces and errors. */
    public TimedActions run(String description, Runnable change) {
        simulator.schedule(time, description, change);
        return this;
    }

    private static String names(List<List<Node>> groups) {
        StringBuilder sb = new StringBuilder();
        for (List<Node> g : groups) {
            sb.append(sb.isEmpty() ? "" : " | ");
            for (int i = 0; i < g.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(g.get(i).name());
            }
        }
        return sb.toString();
    }
}
