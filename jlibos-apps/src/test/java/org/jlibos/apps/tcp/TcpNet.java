package org.jlibos.apps.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;

/**
 * Two hosts on one point-to-point link: a = 10.0.0.1/24, b = 10.0.0.2/24. Optionally records a
 * tcpdump-like trace of the TCP segments a's device sends and receives.
 */
final class TcpNet {

    static final long US = 1_000L;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final int A = Ipv4Address.parse("10.0.0.1");
    static final int B = Ipv4Address.parse("10.0.0.2");

    final Simulation sim;
    final Network net;
    final Node a;
    final Node b;
    final PointToPointLink link;
    final List<String> trace = new ArrayList<>();
    /** Copies of a's TCP frames (Ethernet header included) when tracing. */
    final List<Captured> frames = new ArrayList<>();

    /** One frame seen at a's device: {@code out} when a sent it. */
    record Captured(long time, boolean out, byte[] frame) {
        int tcp() {
            return EthernetHeader.LENGTH + Ipv4Header.headerLength(frame, EthernetHeader.LENGTH);
        }

        int flags() {
            return TcpHeader.flags(frame, tcp());
        }

        /** The TCP header and options, exactly as on the wire. */
        byte[] tcpHeader() {
            int t = tcp();
            return java.util.Arrays.copyOfRange(frame, t, t + TcpHeader.headerLength(frame, t));
        }

        int window() {
            return TcpHeader.window(frame, tcp());
        }
    }
    private boolean tracing;
    /**
     * When set, each TCP frame from a is described (as in {@link #trace}) as it reaches b and
     * lost if this accepts the line; traced losses show as "time x line".
     */
    java.util.function.Predicate<String> dropFromA;

    TcpNet(long seed, LinkSpec spec) throws RouteException {
        this(seed, spec, spec);
    }

    TcpNet(long seed, LinkSpec ab, LinkSpec ba) throws RouteException {
        sim = new Simulation(seed);
        net = new Network(sim);
        a = sim.addNode("a");
        b = sim.addNode("b");
        link = net.pointToPoint(a, b, ab, ba);
        address(a, "10.0.0.1");
        address(b, "10.0.0.2");
        link.portA().addDeviceTap(new Tap("<"), new Tap(">"));
        link.portB().addIngressWireStage(new FrameStage() {
            @Override
            public void accept(PacketBuffer frame) {
                if (dropFromA != null) {
                    String line = describe(frame);
                    if (line != null && dropFromA.test(line)) {
                        if (tracing) {
                            trace.add(String.format("%.6f x %s", sim.now() / 1e9, line));
                        }
                        return; // lost on the wire
                    }
                }
                pass(frame);
            }
        });
    }

    private static void address(Node n, String addr) throws RouteException {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device("eth0"), Ipv4Address.parse(addr), 24, -2);
    }

    /** Records a's segments from now on (off by default: bulk tests would fill memory). */
    TcpNet traced() {
        tracing = true;
        return this;
    }

    /**
     * Delivers a crafted TCP segment to node {@code to}'s eth0 at virtual time {@code at}, as if
     * it came off the wire from {@code src:srcPort}.
     */
    void inject(long at, Node to, int src, int srcPort, int dst, int dstPort, int seq, int ack, int flags, int window,
                TcpOptions options, int payload) {
        sim.simulator().schedule(at, "inject", () -> injectNow(to, src, srcPort, dst, dstPort, seq, ack, flags, window,
                options, payload));
    }

    /** Runs {@code action} as an event at {@code at}. */
    void at(long at, Runnable action) {
        sim.simulator().schedule(at, "test", action);
    }

    /** Like {@link #inject} but now (call from an event or a process). */
    void injectNow(Node to, int src, int srcPort, int dst, int dstPort, int seq, int ack, int flags, int window,
                   TcpOptions options, int payload) {
        {
            Kernel k = to.kernel();
            int optLen = options == null ? 0 : options.length();
            int tcpLen = 20 + optLen + payload;
            PacketBuffer f = new PacketBuffer(0, EthernetHeader.LENGTH + 20 + tcpLen);
            int off = f.put(EthernetHeader.LENGTH + 20 + tcpLen);
            byte[] b = f.array();
            EthernetHeader.write(b, off, k.device("eth0").mac(), 0x020000000099L, EthernetHeader.ETHERTYPE_IPV4);
            int ip = off + EthernetHeader.LENGTH;
            Ipv4Header.write(b, ip, 0, 20 + tcpLen, 1, true, 64, 6, src, dst);
            int t = ip + 20;
            TcpHeader.write(b, t, srcPort, dstPort, seq, ack, 20 + optLen, flags, window);
            if (options != null) {
                options.write(b, t + 20);
            }
            TcpHeader.fillChecksumIpv4(b, t, tcpLen, src, dst);
            k.receive(k.device("eth0").ifindex(), f);
        }
    }

    /** The last segment a sent: its seq + length (a's snd_nxt when nothing is outstanding) and ack. */
    int[] lastSentSeqAck() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Captured c = frames.get(i);
            if (c.out()) {
                int t = c.tcp();
                byte[] f = c.frame();
                int ipLen = Ipv4Header.totalLength(f, EthernetHeader.LENGTH) - Ipv4Header.headerLength(f, EthernetHeader.LENGTH);
                int len = ipLen - TcpHeader.headerLength(f, t);
                int fl = TcpHeader.flags(f, t);
                int end = TcpHeader.seq(f, t) + len + ((fl & (TcpHeader.SYN | TcpHeader.FIN)) != 0 ? 1 : 0);
                return new int[] {end, TcpHeader.ack(f, t), TcpHeader.srcPort(f, t)};
            }
        }
        throw new IllegalStateException("a sent nothing");
    }

    /** Trace lines containing all of {@code parts}. */
    List<String> traceMatching(String... parts) {
        List<String> out = new ArrayList<>();
        for (String line : trace) {
            boolean all = true;
            for (String p : parts) {
                if (!line.contains(p)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(line);
            }
        }
        return out;
    }

    static SimProcess run(Node n, String name, long at, Program p) {
        n.install(name, p);
        return n.spawn(name, at, List.of(name), Map.of());
    }

    /** tcpdump-like one-liners of a's TCP segments: "time dir flags seq:end(len) ack N win W <options>". */
    private final class Tap extends FrameStage {
        private final String dir;

        Tap(String dir) {
            this.dir = dir;
        }

        @Override
        public void accept(PacketBuffer frame) {
            if (tracing) {
                String line = describe(frame);
                if (line != null) {
                    trace.add(String.format("%.6f %s %s", sim.now() / 1e9, dir, line));
                    frames.add(new Captured(sim.now(), dir.equals(">"),
                            java.util.Arrays.copyOfRange(frame.array(), frame.head(), frame.head() + frame.length())));
                }
            }
            pass(frame);
        }
    }

    static String describe(PacketBuffer frame) {
        byte[] b = frame.array();
        int off = frame.head();
        if (frame.length() < EthernetHeader.LENGTH + 20 || EthernetHeader.etherType(b, off) != EthernetHeader.ETHERTYPE_IPV4) {
            return null;
        }
        int ip = off + EthernetHeader.LENGTH;
        if (Ipv4Header.protocol(b, ip) != 6) {
            return null;
        }
        int t = ip + Ipv4Header.headerLength(b, ip);
        int len = Ipv4Header.totalLength(b, ip) - Ipv4Header.headerLength(b, ip) - TcpHeader.headerLength(b, t);
        int flags = TcpHeader.flags(b, t);
        StringBuilder sb = new StringBuilder();
        sb.append(TcpHeader.srcPort(b, t)).append('>').append(TcpHeader.dstPort(b, t)).append(' ')
                .append(TcpHeader.flagsToString(flags)).append(' ')
                .append(TcpHeader.seqUnsigned(b, t)).append(':').append(TcpHeader.seqUnsigned(b, t) + len)
                .append('(').append(len).append(')');
        if ((flags & TcpHeader.ACK) != 0) {
            sb.append(" ack ").append(TcpHeader.ackUnsigned(b, t));
        }
        sb.append(" win ").append(TcpHeader.window(b, t));
        int ol = TcpHeader.optionsLength(b, t);
        if (ol > 0) {
            sb.append(" <").append(TcpOptions.format(b, t + 20, ol)).append('>');
        }
        if ((Ipv4Header.tos(b, ip) & 3) != 0) {
            sb.append(" [ecn ").append(Ipv4Header.tos(b, ip) & 3).append(']');
        }
        return sb.toString();
    }
}
