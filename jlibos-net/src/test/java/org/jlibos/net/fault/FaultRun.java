package org.jlibos.net.fault;

import java.util.Arrays;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.NetTestSupport;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;

/**
 * One statistical run: {@code count} frames of {@code length} bytes from a to b over a 1 Gbit/s,
 * 10 us link, one every {@code interval} ns, with the given faults on a>b. Arrivals are kept in
 * primitive arrays (seq, time, and optionally bytes).
 */
final class FaultRun {

    static final long RATE = 1_000_000_000L;
    static final long DELAY = 10_000L;

    final Simulation sim;
    final Network net;
    final PointToPointLink link;
    final NetTestSupport.Pacer pacer;
    final int length;
    int arrivals;
    int[] seqs;
    long[] times;
    byte[][] bytes;

    FaultRun(long seed, FaultSpec faults, int count, int length, long interval, boolean keepBytes) {
        this(seed, faults, count, length, interval, keepBytes, null);
    }

    /** {@code before}, if given, builds something on the network before the measured link. */
    FaultRun(long seed, FaultSpec faults, int count, int length, long interval, boolean keepBytes,
            java.util.function.BiConsumer<Simulation, Network> before) {
        this.sim = NetTestSupport.simulation(seed);
        this.length = length;
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        this.net = new Network(sim);
        if (before != null) {
            before.accept(sim, net);
        }
        this.link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY).withFaults(faults), LinkSpec.of(RATE, DELAY));
        this.seqs = new int[count + count / 4 + 16];
        this.times = new long[seqs.length];
        this.bytes = keepBytes ? new byte[seqs.length][] : null;
        b.kernel().setFrameReceiver(new Kernel.FrameReceiver() {
            @Override
            public void receive(NetDevice device, PacketBuffer frame) {
                if (arrivals == seqs.length) {
                    seqs = Arrays.copyOf(seqs, arrivals * 2);
                    times = Arrays.copyOf(times, arrivals * 2);
                    if (bytes != null) {
                        bytes = Arrays.copyOf(bytes, arrivals * 2);
                    }
                }
                byte[] b = frame.array();
                int h = frame.head();
                seqs[arrivals] = ((b[h + 14] & 0xff) << 24) | ((b[h + 15] & 0xff) << 16) | ((b[h + 16] & 0xff) << 8)
                        | (b[h + 17] & 0xff);
                times[arrivals] = sim.now();
                if (bytes != null) {
                    bytes[arrivals] = Arrays.copyOfRange(b, h, h + frame.length());
                }
                arrivals++;
            }
        });
        this.pacer = NetTestSupport.pace(sim, 0, interval, count, link.deviceA(), link.deviceB().mac(), length);
        sim.runUntilIdle();
    }

    /** When frame {@code seq} would arrive with no jitter. */
    long baseArrival(int seq) {
        return pacer.sendTimes[seq] + org.jlibos.net.channel.Transmitter.serializationNanos(length, RATE) + DELAY;
    }

    /** Delivered sequence numbers, in arrival order. */
    int[] seqs() {
        return Arrays.copyOf(seqs, arrivals);
    }

    /** Five standard deviations of a binomial count. */
    static double fiveSigma(int n, double p) {
        return 5 * Math.sqrt(n * p * (1 - p));
    }
}
