package org.jlibos.net.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.NetTestSupport;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.lan.EthernetLan;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet path allocates nothing per frame once warmed up (rings and pools grown): frames
 * are recycled by the test, so every byte allocated during the measured run is the network's,
 * the kernel device's or the scheduler's.
 */
class PacketPathAllocationTest {

    private static final int WARMUP = 100_000;
    private static final int MEASURED = 200_000;

    @TempDir
    Path dir;

    /** Sends recycled frames, one every {@code interval} ns, with one re-armed event. */
    private static final class Source extends Event {
        private final Simulation sim;
        private final NetDevice from;
        private final PacketBuffer[] frames = new PacketBuffer[1024];
        private final long interval;
        int remaining;

        Source(Simulation sim, NetDevice from, long dstMac, long interval) {
            this.sim = sim;
            this.from = from;
            this.interval = interval;
            for (int i = 0; i < frames.length; i++) {
                frames[i] = NetTestSupport.frame(dstMac, from.mac(), 200, i);
            }
        }

        void start(int count) {
            remaining = count;
            sim.simulator().scheduleAfter(this, interval);
        }

        @Override
        protected void fire() {
            from.queueTransmit(frames[remaining & (frames.length - 1)]);
            if (--remaining > 0) {
                sim.simulator().scheduleAfter(this, interval);
            }
        }
    }

    private static final class Counter implements Kernel.FrameReceiver {
        long frames;

        @Override
        public void receive(NetDevice device, PacketBuffer frame) {
            frames++;
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static double bytesPerFrame(Simulation sim, Source source, Counter counter, long minDelivered) {
        source.start(WARMUP);
        sim.runUntilIdle();
        long before = allocatedBytes();
        long deliveredBefore = counter.frames;
        source.start(MEASURED);
        sim.runUntilIdle();
        long bytes = allocatedBytes() - before;
        assertTrue(counter.frames - deliveredBefore >= minDelivered, "delivered " + (counter.frames - deliveredBefore));
        return (double) bytes / MEASURED;
    }

    private static void assumeAllocationCounting() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean tmx
                && tmx.isThreadAllocatedMemorySupported() && tmx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available on this JVM");
    }

    @Test
    void pointToPointLinkAllocatesNothingPerFrame() {
        assumeAllocationCounting();
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(1_000_000_000L, 10_000L));
        Counter counter = new Counter();
        b.kernel().setFrameReceiver(counter);
        Source source = new Source(sim, link.deviceA(), link.deviceB().mac(), 2_000);
        double perFrame = bytesPerFrame(sim, source, counter, MEASURED);
        assertTrue(perFrame < 1, perFrame + " bytes allocated per frame");
    }

    @Test
    void faultsAndCaptureAllocateNothingPerFrame() {
        assumeAllocationCounting();
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        net.capture(dir, List.of());
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(1_000_000_000L, 10_000L).withFaults(FaultSpec.NONE
                .withLoss(0.01).withBurstLoss(0.001, 0.3).withCorrupt(0.01).withJitter(20_000, true)));
        Counter counter = new Counter();
        b.kernel().setFrameReceiver(counter);
        Source source = new Source(sim, link.deviceA(), link.deviceB().mac(), 2_000);
        double perFrame = bytesPerFrame(sim, source, counter, MEASURED * 9 / 10);
        net.close();
        assertTrue(perFrame < 1, perFrame + " bytes allocated per frame");
        assertEquals(WARMUP + MEASURED, link.forward().stats().framesSent);
    }

    @Test
    void switchedUnicastAllocatesNothingPerFrame() {
        assumeAllocationCounting();
        Simulation sim = NetTestSupport.simulation(1);
        Node h1 = sim.addNode("h1");
        Node h2 = sim.addNode("h2");
        Node h3 = sim.addNode("h3");
        Network net = new Network(sim);
        EthernetLan lan = net.lan("lan", List.of(h1, h2, h3), 1_000_000_000L, 1_000L, 1500);
        Counter counter = new Counter();
        h2.kernel().setFrameReceiver(counter);
        // h2 speaks once so the switch knows where it is; h1's frames then go to one port only.
        NetTestSupport.sendAt(sim, 0, lan.device(h2), org.jlibos.kernel.device.MacAddress.BROADCAST, 60, 0, 1);
        sim.runUntilIdle();
        Source source = new Source(sim, lan.device(h1), lan.device(h2).mac(), 2_000);
        double perFrame = bytesPerFrame(sim, source, counter, MEASURED);
        assertTrue(perFrame < 1, perFrame + " bytes allocated per frame");
        assertEquals(1, lan.switchDevice().flooded());
    }
}
