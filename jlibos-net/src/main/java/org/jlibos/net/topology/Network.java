package org.jlibos.net.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.net.capture.CaptureTap;
import org.jlibos.net.capture.PcapWriter;
import org.jlibos.net.channel.Channel;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.net.fault.FaultInjector;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.lan.EthernetLan;
import org.jlibos.net.lan.SwitchPort;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.port.DevicePort;
import org.jlibos.net.port.NodeFrameSink;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;

/**
 * Builds the network of a simulation: point-to-point links, Ethernet LANs, their faults and
 * captures; changes them at run time; closes the capture files at the end.
 *
 * <p>Devices are created here ({@code Kernel.addEthernetDevice}, brought up, carrier on) with
 * MAC addresses {@code 02:00:00:00:00:01}, {@code :02}, ... in creation order, so a scenario
 * always gets the same addresses. Each node gets one frame sink that dispatches by ifindex.
 *
 * <p>Names: a link is called "a-b" after its nodes in the order given; a second link between
 * the same nodes in the same order is "a-b#2", and so on. Random streams of a link direction
 * are {@code link:<link>:<from>><to>:<model>}; of a LAN cable {@code lan:<lan>:<node>>switch:<model>}
 * and {@code lan:<lan>:switch><node>:<model>}.
 *
 * <p>Partitions: {@link #partition} puts the listed node groups apart (nodes not listed form
 * one more group together); links between groups go down (both devices lose carrier, frames in
 * flight are lost) and each LAN's switch drops frames between ports of different groups.
 * {@link #heal} undoes it. Links set down with {@link #setLinkUp} stay down across a heal.
 */
public final class Network implements AutoCloseable {

    private final Simulation simulation;
    private final Simulator simulator;
    private final List<NodeFrameSink> sinks = new ArrayList<>();
    private final List<DevicePort> ports = new ArrayList<>();
    private final Map<String, PointToPointLink> links = new LinkedHashMap<>();
    private final Map<String, EthernetLan> lans = new LinkedHashMap<>();
    private final List<CaptureRequest> captures = new ArrayList<>();
    private final Map<Path, PcapWriter> writers = new LinkedHashMap<>();
    private long nextMacSerial = 1;
    /** Group of each node (by node index) during a partition; -1 for "not listed"; null when healed. */
    private int[] groupOfNode;
    private boolean closed;

    public Network(Simulation simulation) {
        this.simulation = simulation;
        this.simulator = simulation.simulator();
    }

    public Simulation simulation() {
        return simulation;
    }

    // ---------------------------------------------------------------- building

    /** A link between {@code a} and {@code b}, with {@code spec} in both directions. */
    public PointToPointLink pointToPoint(Node a, Node b, LinkSpec spec) {
        return pointToPoint(a, b, spec, spec);
    }

    /**
     * A link whose direction a to b follows {@code ab} and b to a follows {@code ba}: rate,
     * delay, faults, and each sender's MTU and transmit queue.
     */
    public PointToPointLink pointToPoint(Node a, Node b, LinkSpec ab, LinkSpec ba) {
        checkOpen();
        checkNode(a);
        checkNode(b);
        if (a == b) {
            throw new IllegalArgumentException("a link needs two different nodes, got " + a + " twice");
        }
        String base = a.name() + "-" + b.name();
        String name = base;
        for (int n = 2; links.containsKey(name); n++) {
            name = base + "#" + n;
        }
        DevicePort pa = newPort(a, ab.mtu(), ab.newQueue());
        DevicePort pb = newPort(b, ba.mtu(), ba.newQueue());
        PointToPointLink link = new PointToPointLink(simulator, name, pa, pb, ab.rateBps(), ab.delayNanos(),
                ba.rateBps(), ba.delayNanos());
        addFaults(ab.faults(), "link:" + name + ":" + link.forward().name(), link.forward().stats(), pb::addIngressWireStage);
        addFaults(ba.faults(), "link:" + name + ":" + link.reverse().name(), link.reverse().stats(), pa::addIngressWireStage);
        links.put(name, link);
        if (groupOfNode != null) {
            link.setPartitioned(group(a) != group(b));
        }
        return link;
    }

    /** A LAN joining {@code members} through one learning switch; each cable has {@code rate} and {@code delay}. */
    public EthernetLan lan(String name, List<Node> members, long rateBps, long delayNanos, int mtu) {
        return lan(name, members, LinkSpec.of(rateBps, delayNanos).withMtu(mtu));
    }

    /**
     * A LAN whose cables follow {@code spec}: rate and delay both ways, the devices' MTU, the
     * queue limit of every device and every switch output port, and faults on every cable in
     * both directions.
     */
    public EthernetLan lan(String name, List<Node> members, LinkSpec spec) {
        checkOpen();
        if (lans.containsKey(name)) {
            throw new IllegalArgumentException("LAN '" + name + "' exists already");
        }
        if (members.size() < 2) {
            throw new IllegalArgumentException("LAN " + name + " needs at least two nodes, got " + members.size());
        }
        Set<Node> seen = new LinkedHashSet<>();
        for (Node n : members) {
            checkNode(n);
            if (!seen.add(n)) {
                throw new IllegalArgumentException("LAN " + name + ": " + n + " is listed twice");
            }
        }
        List<DevicePort> devicePorts = new ArrayList<>(members.size());
        for (Node n : members) {
            devicePorts.add(newPort(n, spec.mtu(), spec.newQueue()));
        }
        EthernetLan lan = new EthernetLan(simulator, name, devicePorts, spec.rateBps(), spec.delayNanos(), spec::newQueue);
        for (SwitchPort p : lan.ports()) {
            addFaults(spec.faults(), "lan:" + p.toSwitch().name(), p.toSwitch().stats(), p::addIngressWireStage);
            addFaults(spec.faults(), "lan:" + p.toNode().name(), p.toNode().stats(),
                    p.devicePort()::addIngressWireStage);
        }
        lans.put(name, lan);
        if (groupOfNode != null) {
            applyPartition(lan);
        }
        return lan;
    }

    /**
     * Captures devices into {@code dir/pcap/<node>-<device>.pcap}: all devices (now and created
     * later) when {@code which} is empty, else the ones named "node:device" (e.g. "h1:eth0"),
     * which may also be created later.
     *
     * @throws IllegalArgumentException for a malformed name or an unknown node
     * @throws UncheckedIOException     when a file cannot be created
     */
    public void capture(Path dir, List<String> which) {
        checkOpen();
        Set<String> names = new LinkedHashSet<>();
        for (String w : which) {
            int colon = w.indexOf(':');
            if (colon <= 0 || colon == w.length() - 1 || w.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("capture selection '" + w + "': expected node:device, e.g. h1:eth0");
            }
            if (simulation.node(w.substring(0, colon)) == null) {
                throw new IllegalArgumentException("capture selection '" + w + "': no node called '"
                        + w.substring(0, colon) + "'");
            }
            names.add(w);
        }
        CaptureRequest request = new CaptureRequest(dir.resolve("pcap"), names);
        captures.add(request);
        for (DevicePort p : ports) {
            applyCapture(request, p);
        }
    }

    // ---------------------------------------------------------------- lookup

    /** The link called {@code name} ("h1-r1", "h1-r1#2"). */
    public PointToPointLink link(String name) {
        PointToPointLink l = links.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no link called '" + name + "'; links: " + links.keySet());
        }
        return l;
    }

    /** Links in creation order. */
    public List<PointToPointLink> links() {
        return List.copyOf(links.values());
    }

    /** The LAN called {@code name}. */
    public EthernetLan lan(String name) {
        EthernetLan l = lans.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no LAN called '" + name + "'; LANs: " + lans.keySet());
        }
        return l;
    }

    public List<EthernetLan> lans() {
        return List.copyOf(lans.values());
    }

    /** Every device port in creation order. */
    public List<DevicePort> ports() {
        return Collections.unmodifiableList(ports);
    }

    /** The port of device "node:device", e.g. "h1:eth0". */
    public DevicePort port(String name) {
        for (DevicePort p : ports) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no device '" + name + "' attached to this network");
    }

    /** The frame sink of {@code node}, or null if none of its devices is attached. */
    public NodeFrameSink sink(Node node) {
        return node.index() < sinks.size() ? sinks.get(node.index()) : null;
    }

    /** The pcap files written, in creation order. */
    public List<Path> captureFiles() {
        return List.copyOf(writers.keySet());
    }

    // ---------------------------------------------------------------- changes

    /** Sets {@code link} down (frames in flight lost, carrier off) or up. */
    public void setLinkUp(PointToPointLink link, boolean up) {
        link.setUp(up);
    }

    public void setLinkUp(String linkName, boolean up) {
        link(linkName).setUp(up);
    }

    /**
     * Splits the nodes into {@code groups}; every node not listed joins one more, implicit
     * group. Replaces any earlier partition.
     */
    public void partition(List<List<Node>> groups) {
        int[] g = new int[simulation.nodes().size()];
        java.util.Arrays.fill(g, -1);
        for (int i = 0; i < groups.size(); i++) {
            for (Node n : groups.get(i)) {
                checkNode(n);
                if (g[n.index()] != -1) {
                    throw new IllegalArgumentException(n + " is in two partition groups");
                }
                g[n.index()] = i;
            }
        }
        groupOfNode = g;
        for (PointToPointLink l : links.values()) {
            l.setPartitioned(group(l.nodeA()) != group(l.nodeB()));
        }
        for (EthernetLan lan : lans.values()) {
            applyPartition(lan);
        }
    }

    /** Ends a partition: links it cut come back (unless set down), switches forward between all ports. */
    public void heal() {
        groupOfNode = null;
        for (PointToPointLink l : links.values()) {
            l.setPartitioned(false);
        }
        for (EthernetLan lan : lans.values()) {
            lan.switchDevice().setGroups(null);
        }
    }

    public boolean isPartitioned() {
        return groupOfNode != null;
    }

    /** Changes for virtual time {@code timeNanos}: {@code net.at(t).linkDown(l).partition(...)}. */
    public TimedActions at(long timeNanos) {
        if (timeNanos < simulator.now()) {
            throw new IllegalArgumentException("time " + timeNanos + " ns is in the past (now " + simulator.now() + " ns)");
        }
        return new TimedActions(this, simulator, timeNanos);
    }

    // ---------------------------------------------------------------- results

    /** Per-direction counters of every link and LAN cable, one line each. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        for (PointToPointLink l : links.values()) {
            line(sb, "link " + l.name(), l.forward());
            line(sb, "link " + l.name(), l.reverse());
        }
        for (EthernetLan lan : lans.values()) {
            for (SwitchPort p : lan.ports()) {
                line(sb, "lan", p.toSwitch());
                line(sb, "lan", p.toNode());
            }
        }
        return sb.toString();
    }

    /** Flushes and closes every capture file. Further building fails; the network itself keeps working. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        UncheckedIOException first = null;
        for (PcapWriter w : writers.values()) {
            try {
                w.close();
            } catch (UncheckedIOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- internals

    private DevicePort newPort(Node node, int mtu, Qdisc queue) {
        NetDevice dev = node.kernel().addEthernetDevice(MacAddress.local(nextMacSerial++), mtu, queue);
        dev.setUp(true);
        dev.setCarrier(true);
        DevicePort port = new DevicePort(node, dev);
        sinkFor(node).register(port);
        ports.add(port);
        for (CaptureRequest c : captures) {
            applyCapture(c, port);
        }
        return port;
    }

    private NodeFrameSink sinkFor(Node node) {
        while (sinks.size() <= node.index()) {
            sinks.add(null);
        }
        NodeFrameSink s = sinks.get(node.index());
        if (s == null) {
            s = new NodeFrameSink(node);
            sinks.set(node.index(), s);
            node.setFrameSink(s);
        }
        return s;
    }

    private void addFaults(FaultSpec spec, String streamPrefix, DirectionStats stats,
            java.util.function.Consumer<FrameStage> install) {
        for (FrameStage s : FaultInjector.stages(spec, simulator, simulation.random(), streamPrefix, stats)) {
            install.accept(s);
        }
    }

    private void applyCapture(CaptureRequest c, DevicePort port) {
        if (!c.names.isEmpty() && !c.names.contains(port.name())) {
            return;
        }
        Path file = c.dir.resolve(port.node().name() + "-" + port.device().name() + ".pcap");
        if (writers.containsKey(file)) {
            return;
        }
        PcapWriter w;
        try {
            Files.createDirectories(c.dir);
            w = new PcapWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create capture file " + file + ": " + e.getMessage(), e);
        }
        writers.put(file, w);
        port.addDeviceTap(new CaptureTap(simulator, w), new CaptureTap(simulator, w));
    }

    private void applyPartition(EthernetLan lan) {
        List<SwitchPort> lp = lan.ports();
        int[] g = new int[lp.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = group(lp.get(i).node());
        }
        lan.switchDevice().setGroups(g);
    }

    private int group(Node n) {
        return n.index() < groupOfNode.length ? groupOfNode[n.index()] : -1;
    }

    private void checkNode(Node n) {
        if (n == null || n.simulation() != simulation) {
            throw new IllegalArgumentException((n == null ? "null" : n.toString()) + " is not a node of this simulation");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the network was closed");
        }
    }

    private static void line(StringBuilder sb, String what, Channel c) {
        sb.append(what).append(' ').append(c.name()).append(": ").append(c.stats()).append('\n');
    }

    private record CaptureRequest(Path dir, Set<String> names) {
    }
}
