package org.jlibos.net.topology;

import static org.jlibos.net.NetTestSupport.at;
import static org.jlibos.net.NetTestSupport.sendAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.jlibos.kernel.device.MacAddress;
import org.jlibos.net.NetTestSupport;
import org.jlibos.net.NetTestSupport.Arrival;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.lan.EthernetLan;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Test;

class LinkStateAndPartitionTest {

    private static final long RATE = 100_000_000L;
    private static final long DELAY = 1_000_000L;
    private static final long TX_1514 = 121_120L;

    @Test
    void goingDownLosesTheFrameOnTheWireAndThoseInFlightAndDropsWhatIsSentWhileDown() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 5);
        // At 300 us: frames 0 and 1 propagate, frame 2 is being serialised, 3 and 4 are queued.
        net.at(300_000).linkDown(link);
        net.at(2_000_000).linkUp(link);
        sendAt(sim, 3_000_000, link.deviceA(), link.deviceB().mac(), 1514, 5, 1);
        sim.simulator().schedule(1_000_000, "check carrier", () -> {
            assertFalse(link.deviceA().hasCarrier());
            assertFalse(link.deviceB().hasCarrier());
            assertFalse(link.isUp());
        });
        sim.runUntilIdle();

        DirectionStats s = link.forward().stats();
        assertEquals(6, s.framesSent);
        assertEquals(5, s.lostLinkDown);
        assertEquals(1, s.framesDelivered);
        assertEquals(1, log.size());
        assertEquals(5, log.get(0).seq());
        assertEquals(3_000_000 + TX_1514 + DELAY, log.get(0).time());
        assertTrue(link.deviceA().hasCarrier());
        assertTrue(link.deviceB().hasCarrier());
        assertEquals(6, link.deviceA().stats().txPackets, "the device sent everything it queued");
    }

    @Test
    void framesThatArrivedBeforeTheLinkWentDownAreKept() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 1514, 0, 5);
        // Frame 0 arrives at 1.12112 ms; 1..4 are in flight at 1.2 ms.
        net.at(1_200_000).linkDown(link);
        sim.runUntilIdle();
        assertEquals(1, log.size());
        assertEquals(4, link.forward().stats().lostLinkDown);
    }

    @Test
    void scheduledDownAndUpLoseExactlyTheFramesSentOrInFlightMeanwhile() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(1_000_000_000L, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, b);
        NetTestSupport.pace(sim, 0, 100_000, 100, link.deviceA(), link.deviceB().mac(), 1514);
        net.at(3_050_000).linkDown(link);
        net.at(6_050_000).linkUp(link);
        sim.runUntilIdle();
        // Frame i leaves at i*100 us and lands 1.012112 ms later: lost iff it lands after the
        // cut (i >= 21) and leaves before the repair (i <= 60).
        List<Integer> expected = IntStream.range(0, 100).filter(i -> i < 21 || i > 60).boxed().toList();
        assertEquals(expected, log.stream().map(Arrival::seq).toList());
        // 21..30 were in flight when the link went down; 31..60 met a device without carrier,
        // which drops them itself as Linux does (tx_carrier_errors).
        assertEquals(10, link.forward().stats().lostLinkDown);
        assertEquals(30, link.deviceA().stats().txCarrierErrors);
    }

    @Test
    void partitionCutsLinksBetweenGroupsOnlyAndHealRestoresThem() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Node c = sim.addNode("c");
        Network net = new Network(sim);
        PointToPointLink ab = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        PointToPointLink bc = net.pointToPoint(b, c, LinkSpec.of(RATE, DELAY));
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, a, b, c);
        net.at(1_000_000).partition(List.of(List.of(a), List.of(b, c)));
        net.at(5_000_000).heal();
        sendAt(sim, 2_000_000, ab.deviceA(), ab.deviceB().mac(), 100, 1, 1);
        sendAt(sim, 2_000_000, bc.deviceA(), bc.deviceB().mac(), 100, 2, 1);
        sendAt(sim, 2_000_000, ab.deviceB(), ab.deviceA().mac(), 100, 3, 1);
        sim.simulator().schedule(3_000_000, "check", () -> {
            assertTrue(net.isPartitioned());
            assertFalse(ab.isUp());
            assertTrue(ab.isAdminUp());
            assertTrue(ab.isPartitioned());
            assertFalse(ab.deviceA().hasCarrier());
            assertTrue(bc.isUp());
            assertTrue(bc.deviceA().hasCarrier());
        });
        sendAt(sim, 6_000_000, ab.deviceA(), ab.deviceB().mac(), 100, 4, 1);
        sim.runUntilIdle();

        assertEquals(List.of(2), at(log, "c").stream().map(Arrival::seq).toList());
        assertEquals(List.of(4), at(log, "b").stream().map(Arrival::seq).toList());
        assertTrue(at(log, "a").isEmpty());
        // Sent while partitioned: the devices have no carrier and drop the frames themselves.
        assertEquals(0, ab.forward().stats().lostPartition);
        assertEquals(1, ab.deviceA().stats().txCarrierErrors);
        assertEquals(1, ab.deviceB().stats().txCarrierErrors);
        assertEquals(0, ab.forward().stats().lostLinkDown);
        assertTrue(ab.isUp());
        assertTrue(ab.deviceB().hasCarrier());
        assertFalse(net.isPartitioned());
    }

    @Test
    void unlistedNodesFormOneGroupAndAdminDownSurvivesAHeal() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Node c = sim.addNode("c");
        Network net = new Network(sim);
        PointToPointLink ab = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        PointToPointLink bc = net.pointToPoint(b, c, LinkSpec.of(RATE, DELAY));
        net.partition(List.of(List.of(a)));
        assertFalse(ab.isUp());
        assertTrue(bc.isUp());
        // A link created during a partition follows it.
        PointToPointLink ac = net.pointToPoint(a, c, LinkSpec.of(RATE, DELAY));
        assertFalse(ac.isUp());
        net.setLinkUp("b-c", false);
        net.heal();
        assertTrue(ab.isUp());
        assertTrue(ac.isUp());
        assertFalse(bc.isUp(), "set down by hand, so still down");
        assertFalse(bc.deviceB().hasCarrier());
        net.setLinkUp(bc, true);
        assertTrue(bc.isUp());
        assertThrows(IllegalArgumentException.class, () -> net.partition(List.of(List.of(a, b), List.of(b))));
    }

    @Test
    void aSwitchDropsFramesBetweenGroupsDuringAPartition() {
        Simulation sim = NetTestSupport.simulation(1);
        Node h1 = sim.addNode("h1");
        Node h2 = sim.addNode("h2");
        Node h3 = sim.addNode("h3");
        Network net = new Network(sim);
        EthernetLan lan = net.lan("lan1", List.of(h1, h2, h3), 1_000_000_000L, 1_000, 1500);
        List<Arrival> log = NetTestSupport.ArrivalLog.install(sim, h1, h2, h3);
        // Everyone announces itself so the switch knows all three.
        for (Node n : List.of(h1, h2, h3)) {
            sendAt(sim, 0, lan.device(n), MacAddress.BROADCAST, 100, 0, 1);
        }
        net.at(1_000_000).partition(List.of(List.of(h1), List.of(h2, h3)));
        sendAt(sim, 2_000_000, lan.device(h2), MacAddress.BROADCAST, 100, 1, 1);
        sendAt(sim, 2_000_000, lan.device(h1), lan.device(h2).mac(), 100, 2, 1);
        sendAt(sim, 2_000_000, lan.device(h3), lan.device(h2).mac(), 100, 3, 1);
        net.at(3_000_000).heal();
        sendAt(sim, 4_000_000, lan.device(h1), lan.device(h2).mac(), 100, 4, 1);
        sim.runUntilIdle();

        assertEquals(List.of("h3"), log.stream().filter(a -> a.seq() == 1).map(Arrival::node).toList());
        assertTrue(log.stream().noneMatch(a -> a.seq() == 2));
        assertEquals(List.of("h2"), log.stream().filter(a -> a.seq() == 3).map(Arrival::node).toList());
        assertEquals(List.of("h2"), log.stream().filter(a -> a.seq() == 4).map(Arrival::node).toList());
        assertEquals(2, lan.switchDevice().partitionDrops());
        assertEquals(1, lan.port(h1).toSwitch().stats().lostPartition);
        assertEquals(1, lan.port(h2).toSwitch().stats().lostPartition);
        assertTrue(lan.device(h1).hasCarrier(), "a partitioned switch port keeps its carrier");
        assertFalse(lan.switchDevice().isPartitioned());
    }

    @Test
    void reportListsEveryDirection() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        net.lan("l", List.of(a, b), RATE, DELAY, 1500);
        String report = net.report();
        assertTrue(report.contains("link a-b a>b: sent 0"), report);
        assertTrue(report.contains("link a-b b>a: sent 0"), report);
        assertTrue(report.contains("lan l:a>switch: sent 0"), report);
        assertTrue(report.contains("lan l:switch>b: sent 0"), report);
        assertThrows(IllegalArgumentException.class, () -> net.at(-1));
    }
}
