package org.jlibos.net.link;

import static org.jlibos.net.NetTestSupport.at;
import static org.jlibos.net.NetTestSupport.frame;
import static org.jlibos.net.NetTestSupport.sendAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.NetTestSupport;
import org.jlibos.net.NetTestSupport.Arrival;
import org.jlibos.net.channel.Transmitter;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Test;

class PointToPointLinkTest {

    private static final long RATE = 100_000_000L;
    private static final long DELAY = 1_000_000L;
    /** 1514 bytes at 100 Mbit/s. */
    private static final long TX_1514 = 121_120L;

    @Test
    void serialisationTimeIsRoundedUpToWholeNanoseconds() {
        assertEquals(TX_1514, Transmitter.serializationNanos(1514, RATE));
        assertEquals(1_000L, Transmitter.serializationNanos(125, 1_000_000_000L));
        assertEquals(7L, Transmitter.serializationNanos(1, 1_200_000_000L)); // 6.67 ns -> 7
        assertEquals(1_211_200_000L, Transmitter.serializationNanos(1514, 10_000L));
        // Beyond the fast path's range, still exact.
        assertEquals(8_000_000_000_000_000L, Transmitter.serializationNanos(1_000_000_000_000L, 1_000_000L));
    }

    @Test
    void oneFrameArrivesAfterSerialisationPlusDelay() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        byte[] sent = NetTestSupport.frameBytes(link.deviceB().mac(), link.deviceA().mac(), 1514, 7);
        sim.simulator().schedule(5_000, "send", () -> link.deviceA().queueTransmit(
                org.jlibos.kernel.buffer.PacketBuffer.copyOf(sent, 0, sent.length)));
        sim.runUntilIdle();

        assertEquals(1, log.size());
        Arrival arr = log.get(0);
        assertEquals(5_000 + TX_1514 + DELAY, arr.time());
        assertEquals("b", arr.node());
        assertEquals(link.deviceB().ifindex(), arr.ifindex());
        assertArrayEquals(sent, arr.bytes());
        assertEquals(1, link.forward().stats().framesSent);
        assertEquals(1514, link.forward().stats().bytesSent);
        assertEquals(1, link.forward().stats().framesDelivered);
        assertEquals(1514, link.forward().stats().bytesDelivered);
        assertEquals(0, link.reverse().stats().framesSent);
        assertEquals(1, link.deviceA().stats().txPackets);
        assertEquals(1, link.deviceB().stats().rxPackets);
        assertFalse(link.deviceA().isTransmitting(), "the link told the device its transmitter is free");
    }

    @Test
    void backToBackFramesQueueBehindTheTransmitterInBothDirectionsIndependently() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 10);
        sendAt(sim, 0, link.deviceB(), link.deviceA().mac(), 1514, 100, 10);
        sim.runUntilIdle();

        List<Arrival> atB = at(log, "b");
        List<Arrival> atA = at(log, "a");
        assertEquals(10, atB.size());
        assertEquals(10, atA.size());
        for (int k = 1; k <= 10; k++) {
            // Frame k of S bytes arrives k*S*8/rate + delay after the first one started.
            assertEquals(k * TX_1514 + DELAY, atB.get(k - 1).time(), "frame " + k + " a>b");
            assertEquals(k - 1, atB.get(k - 1).seq());
            assertEquals(k * TX_1514 + DELAY, atA.get(k - 1).time(), "frame " + k + " b>a (full duplex)");
            assertEquals(100 + k - 1, atA.get(k - 1).seq());
        }
    }

    @Test
    void directionsMayHaveTheirOwnRateDelayAndMtu() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(10_000_000L, 2_000_000L).withMtu(9000),
                LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 1);
        sendAt(sim, 0, link.deviceB(), link.deviceA().mac(), 1514, 0, 1);
        sim.runUntilIdle();
        assertEquals(9000, link.deviceA().mtu());
        assertEquals(1500, link.deviceB().mtu());
        assertEquals(9014, link.forward().maxFrameBytes());
        assertEquals(10 * TX_1514 + 2_000_000L, at(log, "b").get(0).time());
        assertEquals(TX_1514 + DELAY, at(log, "a").get(0).time());
    }

    @Test
    void pfifoOverflowDropsWhatDoesNotFitBehindTheFrameOnTheWire() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY).withQueuePackets(100));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 150);
        sim.runUntilIdle();

        // The first frame is dequeued at once (the transmitter is idle): 1 on the wire + 100 queued.
        NetDevice dev = link.deviceA();
        assertEquals("pfifo", dev.qdisc().kind());
        assertEquals(49, dev.qdisc().drops());
        assertEquals(49, dev.stats().txDropped);
        assertEquals(101, dev.stats().txPackets);
        assertEquals(101, link.forward().stats().framesSent);
        assertEquals(101, log.size());
        assertEquals(100, log.get(100).seq());
        assertEquals(101 * TX_1514 + DELAY, log.get(100).time());
    }

    @Test
    void bfifoLimitsTheQueueInBytes() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY).withQueueBytes(10_000));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1000, 0, 20);
        sim.runUntilIdle();
        // 1 dequeued at once, then 10 x 1000 bytes fit in 10 000 bytes, 9 dropped.
        assertEquals("bfifo", link.deviceA().qdisc().kind());
        assertEquals(11, log.size());
        assertEquals(9, link.deviceA().qdisc().drops());
        assertEquals(9, link.deviceA().stats().txDropped);
    }

    @Test
    void defaultQueueIsLinuxTxqueuelen() {
        Simulation sim = NetTestSupport.simulation(1);
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(sim.addNode("a"), sim.addNode("b"), LinkSpec.of("1Gbps", "10us"));
        assertEquals("limit 1000p", link.deviceA().qdisc().limitText());
        assertEquals(1_000_000_000L, link.forward().rateBps());
        assertEquals(10_000L, link.forward().delayNanos());
    }

    @Test
    void rateChangeAtRunTimeChangesSerialisationOfLaterFrames() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 3);
        // At 200 us frame 2 (started at 121.12 us) is on the wire: it keeps its time, frame 3 slows down.
        net.at(200_000).setRate(link, 10_000_000L);
        sendAt(sim, 10_000_000, link.deviceA(), link.deviceB().mac(), 1514, 3, 1);
        sim.runUntilIdle();
        assertEquals(4, log.size());
        assertEquals(TX_1514 + DELAY, log.get(0).time());
        assertEquals(2 * TX_1514 + DELAY, log.get(1).time());
        assertEquals(2 * TX_1514 + 10 * TX_1514 + DELAY, log.get(2).time());
        assertEquals(10_000_000 + 10 * TX_1514 + DELAY, log.get(3).time());
        assertEquals(10_000_000L, link.reverse().rateBps());
    }

    @Test
    void framesLongerThanMtuPlusHeaderAreDroppedAndCounted() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sim.simulator().schedule(0, "send", () -> {
            link.deviceA().queueTransmit(frame(link.deviceB(), link.deviceA(), 1515, 0));
            link.deviceA().queueTransmit(frame(link.deviceB(), link.deviceA(), 1514, 1));
        });
        sim.runUntilIdle();
        assertEquals(1, link.forward().stats().lostOversize);
        assertEquals(1, log.size());
        // The oversize frame took no wire time.
        assertEquals(TX_1514 + DELAY, log.get(0).time());
    }

    @Test
    void namesMacsAndDevicesAreAssignedInCreationOrder() {
        Simulation sim = NetTestSupport.simulation(1);
        Node h1 = sim.addNode("h1");
        Node r1 = sim.addNode("r1");
        Network net = new Network(sim);
        PointToPointLink l1 = net.pointToPoint(h1, r1, LinkSpec.of(RATE, DELAY));
        PointToPointLink l2 = net.pointToPoint(h1, r1, LinkSpec.of(RATE, DELAY));
        PointToPointLink l3 = net.pointToPoint(r1, h1, LinkSpec.of(RATE, DELAY));
        assertEquals("h1-r1", l1.name());
        assertEquals("h1-r1#2", l2.name());
        assertEquals("r1-h1", l3.name());
        assertSame(l2, net.link("h1-r1#2"));
        assertThrows(IllegalArgumentException.class, () -> net.link("h1-r2"));
        assertEquals("02:00:00:00:00:01", MacAddress.format(l1.deviceA().mac()));
        assertEquals("02:00:00:00:00:02", MacAddress.format(l1.deviceB().mac()));
        assertEquals("02:00:00:00:00:05", MacAddress.format(l3.deviceA().mac()));
        assertEquals("eth0", l1.deviceA().name());
        assertEquals("eth1", l2.deviceA().name());
        assertEquals("eth2", l3.deviceB().name());
        assertTrue(l1.deviceA().isRunning());
        assertSame(l1.forward(), l1.direction(h1));
        assertSame(l1.reverse(), l1.direction(r1));
        assertEquals("h1>r1", l1.forward().name());
        assertSame(r1, l1.peer(h1));
        assertEquals(List.of(l1, l2, l3), net.links());
        assertSame(net.port("r1:eth2").device(), l3.deviceA());
        assertNotSame(net.sink(h1), net.sink(r1));
        assertThrows(IllegalArgumentException.class, () -> net.pointToPoint(h1, h1, LinkSpec.of(RATE, DELAY)));
    }

    @Test
    void framesOnTwoLinksOfOneNodeGoToTheRightDevice() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Node c = sim.addNode("c");
        Network net = new Network(sim);
        PointToPointLink ab = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        PointToPointLink ac = net.pointToPoint(a, c, LinkSpec.of(RATE, 2 * DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b, c);
        sendAt(sim, 0, ac.deviceA(), ac.deviceB().mac(), 100, 1, 1);
        sendAt(sim, 0, ab.deviceA(), ab.deviceB().mac(), 100, 2, 1);
        sendAt(sim, 0, ac.deviceB(), ac.deviceA().mac(), 100, 3, 1);
        sim.runUntilIdle();
        assertEquals(ac.deviceA().ifindex(), at(log, "a").get(0).ifindex());
        assertEquals(3, at(log, "a").get(0).seq());
        assertEquals(2, at(log, "b").get(0).seq());
        assertEquals(1, at(log, "c").get(0).seq());
        assertEquals(ac.deviceB().ifindex(), at(log, "c").get(0).ifindex());
    }
}
