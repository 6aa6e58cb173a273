package org.jlibos.net.lan;

import java.util.Arrays;
import java.util.List;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.sim.event.Simulator;

/**
 * A store-and-forward learning Ethernet switch (IEEE 802.1D transparent bridging, no spanning
 * tree: a LAN is one switch, so there are no loops).
 *
 * <p>For each whole frame received on port {@code in}: learn the source address on {@code in}
 * (unless it is a group address); then forward a unicast frame whose destination is known to
 * that port (dropping it as filtered if that is {@code in}), and flood everything else
 * (broadcast, multicast, unknown unicast) to every other port in port order. The last port
 * flooded to gets the original buffer, the others copies, because each receiver owns and may
 * change its frame. Forwarding takes no time; the output queue and transmitter of each port
 * take the rest.
 *
 * <p>During a partition ports are in groups and frames between groups are dropped (counted on
 * the input direction, one per blocked destination port).
 */
public final class LearningSwitch {

    private final Simulator simulator;
    private final MacTable table;
    private SwitchPort[] ports = new SwitchPort[0];
    private int[] groups;
    private long forwarded;
    private long flooded;
    private long filtered;
    private long partitionDrops;
    private long runts;

    public LearningSwitch(Simulator simulator, long ageingNanos) {
        this.simulator = simulator;
        this.table = new MacTable(ageingNanos);
    }

    void addPort(SwitchPort port) {
        ports = Arrays.copyOf(ports, ports.length + 1);
        ports[ports.length - 1] = port;
    }

    public List<SwitchPort> ports() {
        return List.of(ports);
    }

    public MacTable table() {
        return table;
    }

    /** The port {@code mac} is known on now, or -1. */
    public int portOf(long mac) {
        return table.lookup(mac, simulator.now());
    }

    /**
     * Puts port i in group {@code groupOfPort[i]}; frames only pass between ports of the same
     * group. Null heals.
     */
    public void setGroups(int[] groupOfPort) {
        if (groupOfPort != null && groupOfPort.length != ports.length) {
            throw new IllegalArgumentException("expected a group for each of " + ports.length + " ports");
        }
        this.groups = groupOfPort == null ? null : groupOfPort.clone();
    }

    public boolean isPartitioned() {
        return groups != null;
    }

    /** Unicast frames sent to one known port. */
    public long forwarded() {
        return forwarded;
    }

    /** Frames flooded (each counted once, however many ports it went to). */
    public long flooded() {
        return flooded;
    }

    /** Unicast frames dropped because the destination is on the port they came from. */
    public long filtered() {
        return filtered;
    }

    /** Frame copies not forwarded because of a partition. */
    public long partitionDrops() {
        return partitionDrops;
    }

    /** Frames shorter than an Ethernet header. */
    public long runts() {
        return runts;
    }

    /** Output-queue drops over all ports. */
    public long queueDrops() {
        long n = 0;
        for (SwitchPort p : ports) {
            n += p.queue().drops();
        }
        return n;
    }

    void receive(int in, PacketBuffer frame) {
        if (frame.length() < 14) {
            runts++;
            return;
        }
        byte[] b = frame.array();
        int h = frame.head();
        long dst = MacAddress.read(b, h);
        long src = MacAddress.read(b, h + 6);
        long now = simulator.now();
        if (!MacAddress.isMulticast(src)) {
            table.learn(src, in, now);
        }
        if (!MacAddress.isMulticast(dst)) {
            int out = table.lookup(dst, now);
            if (out >= 0) {
                if (out == in) {
                    filtered++;
                } else if (separated(in, out)) {
                    blocked(in);
                } else {
                    forwarded++;
                    ports[out].enqueue(frame);
                }
                return;
            }
        }
        flood(in, frame);
    }

    private void flood(int in, PacketBuffer frame) {
        int last = -1;
        for (int p = 0; p < ports.length; p++) {
            if (p != in) {
                if (separated(in, p)) {
                    blocked(in);
                } else {
                    last = p;
                }
            }
        }
        if (last < 0) {
            return;
        }
        flooded++;
        for (int p = 0; p < last; p++) {
            if (p != in && !separated(in, p)) {
                ports[p].enqueue(frame.copy());
            }
        }
        ports[last].enqueue(frame);
    }

    private boolean separated(int a, int b) {
        return groups != null && groups[a] != groups[b];
    }

    private void blocked(int in) {
        partitionDrops++;
        ports[in].toSwitch().stats().lostPartition++;
    }
}
