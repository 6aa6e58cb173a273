package org.jlibos.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.node.Node;

/** Frames, senders and arrival logs for the network tests. */
public final class NetTestSupport {

    /** IEEE 802 local experimental EtherType: no protocol stack claims these frames. */
    public static final int ETHERTYPE_EXPERIMENTAL = 0x88b5;

    private NetTestSupport() {
    }

    /** A simulation that runs on the calling thread (no watchdog). */
    public static Simulation simulation(long seed) {
        return new Simulation(SimulationConfig.withSeed(seed).withWatchdog(0));
    }

    /** The bytes of an Ethernet frame of {@code length} bytes carrying sequence number {@code seq}. */
    public static byte[] frameBytes(long dst, long src, int length, int seq) {
        byte[] b = new byte[length];
        MacAddress.write(b, 0, dst);
        MacAddress.write(b, 6, src);
        b[12] = (byte) (ETHERTYPE_EXPERIMENTAL >>> 8);
        b[13] = (byte) ETHERTYPE_EXPERIMENTAL;
        for (int i = 14; i < length; i++) {
            b[i] = (byte) (seq * 31 + i * 7);
        }
        if (length >= 18) {
            b[14] = (byte) (seq >>> 24);
            b[15] = (byte) (seq >>> 16);
            b[16] = (byte) (seq >>> 8);
            b[17] = (byte) seq;
        }
        return b;
    }

    public static PacketBuffer frame(long dst, long src, int length, int seq) {
        byte[] b = frameBytes(dst, src, length, seq);
        return PacketBuffer.copyOf(b, 0, b.length);
    }

    /** A frame from {@code from} to {@code to}'s MAC. */
    public static PacketBuffer frame(NetDevice from, NetDevice to, int length, int seq) {
        return frame(to.mac(), from.mac(), length, seq);
    }

    public static int seqOf(byte[] frame) {
        return ((frame[14] & 0xff) << 24) | ((frame[15] & 0xff) << 16) | ((frame[16] & 0xff) << 8) | (frame[17] & 0xff);
    }

    /** At {@code time}, queues {@code count} frames of {@code length} bytes on {@code from}, seq firstSeq.. . */
    public static void sendAt(Simulation sim, long time, NetDevice from, long dstMac, int length, int firstSeq, int count) {
        sim.simulator().schedule(time, "send", () -> {
            for (int i = 0; i < count; i++) {
                from.queueTransmit(frame(dstMac, from.mac(), length, firstSeq + i));
            }
        });
    }

    /**
     * Sends {@code count} frames from {@code from} to {@code dstMac}, one every {@code interval}
     * ns starting at {@code start}, seq 0.. ; one re-armed event.
     */
    public static Pacer pace(Simulation sim, long start, long interval, int count, NetDevice from, long dstMac, int length) {
        Pacer p = new Pacer(sim, interval, count, from, dstMac, length);
        sim.simulator().schedule(p, start);
        return p;
    }

    public static final class Pacer extends Event {
        private final Simulation sim;
        private final long interval;
        private final int count;
        private final NetDevice from;
        private final long dstMac;
        private final int length;
        public int sent;
        public int refused;
        /** Send times by seq. */
        public final long[] sendTimes;

        Pacer(Simulation sim, long interval, int count, NetDevice from, long dstMac, int length) {
            this.sim = sim;
            this.interval = interval;
            this.count = count;
            this.from = from;
            this.dstMac = dstMac;
            this.length = length;
            this.sendTimes = new long[count];
        }

        @Override
        protected void fire() {
            sendTimes[sent] = sim.now();
            if (!from.queueTransmit(frame(dstMac, from.mac(), length, sent))) {
                refused++;
            }
            if (++sent < count) {
                sim.simulator().scheduleAfter(this, interval);
            }
        }
    }

    /** One frame handed to a kernel. */
    public record Arrival(long time, String node, int ifindex, byte[] bytes) {
        public int seq() {
            return seqOf(bytes);
        }

        @Override
        public String toString() {
            return time + " " + node + " if" + ifindex + " len " + bytes.length + " seq "
                    + (bytes.length >= 18 ? seq() : -1) + " " + Integer.toHexString(Arrays.hashCode(bytes));
        }
    }

    /** Records every frame the kernels of the given nodes receive (replaces their stack input). */
    public static final class ArrivalLog implements Kernel.FrameReceiver {
        private final Simulation sim;
        private final String node;
        private final List<Arrival> arrivals;

        private ArrivalLog(Simulation sim, String node, List<Arrival> shared) {
            this.sim = sim;
            this.node = node;
            this.arrivals = shared;
        }

        public static List<Arrival> install(Simulation sim, Node... nodes) {
            List<Arrival> shared = new ArrayList<>();
            for (Node n : nodes) {
                n.kernel().setFrameReceiver(new ArrivalLog(sim, n.name(), shared));
            }
            return shared;
        }

        @Override
        public void receive(NetDevice device, PacketBuffer frame) {
            arrivals.add(new Arrival(sim.now(), node, device.ifindex(),
                    Arrays.copyOfRange(frame.array(), frame.head(), frame.head() + frame.length())));
        }
    }

    public static List<Arrival> at(List<Arrival> log, String node) {
        return log.stream().filter(a -> a.node().equals(node)).toList();
    }
}
