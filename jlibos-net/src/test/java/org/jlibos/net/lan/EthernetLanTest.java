package org.jlibos.net.lan;

import static org.jlibos.net.NetTestSupport.at;
import static org.jlibos.net.NetTestSupport.sendAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.net.NetTestSupport;
import org.jlibos.net.NetTestSupport.Arrival;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EthernetLanTest {

    private static final long RATE = 1_000_000_000L;
    private static final long DELAY = 5_000L;
    /** 1000 bytes at 1 Gbit/s. */
    private static final long TX = 8_000L;
    /** Store and forward: serialised twice, propagated twice. */
    private static final long HOP = 2 * TX + 2 * DELAY;

    private Simulation sim;
    private Network net;
    private Node h1;
    private Node h2;
    private Node h3;
    private EthernetLan lan;
    private List<Arrival> log;

    @BeforeEach
    void build() {
        sim = NetTestSupport.simulation(1);
        h1 = sim.addNode("h1");
        h2 = sim.addNode("h2");
        h3 = sim.addNode("h3");
        net = new Network(sim);
        lan = net.lan("lan1", List.of(h1, h2, h3), RATE, DELAY, 1500);
        log = NetTestSupport.ArrivalLog.install(sim, h1, h2, h3);
    }

    private NetDevice dev(Node n) {
        return lan.device(n);
    }

    @Test
    void unknownUnicastIsFloodedThenLearnedAddressesGetOnePort() {
        // 1. h1 -> h2: h2 unknown, flooded to h2 and h3 (port order).
        sendAt(sim, 0, dev(h1), dev(h2).mac(), 1000, 1, 1);
        // 2. h2 -> h1: h1 was learned on port 0, so only h1 gets it.
        sendAt(sim, 100_000, dev(h2), dev(h1).mac(), 1000, 2, 1);
        // 3. h1 -> h2 again: h2 learned from its reply, only h2 gets it.
        sendAt(sim, 200_000, dev(h1), dev(h2).mac(), 1000, 3, 1);
        sim.runUntilIdle();

        assertEquals(List.of("h2:1@" + HOP, "h3:1@" + HOP, "h1:2@" + (100_000 + HOP), "h2:3@" + (200_000 + HOP)),
                log.stream().map(a -> a.node() + ":" + a.seq() + "@" + a.time()).toList());
        LearningSwitch sw = lan.switchDevice();
        assertEquals(1, sw.flooded());
        assertEquals(2, sw.forwarded());
        assertEquals(0, sw.portOf(dev(h1).mac()));
        assertEquals(1, sw.portOf(dev(h2).mac()));
        assertEquals(-1, sw.portOf(dev(h3).mac()));
        // The flooded copies are distinct buffers with the same bytes.
        assertArrayEquals(log.get(0).bytes(), log.get(1).bytes());
    }

    @Test
    void broadcastAndMulticastAreFloodedToEveryOtherPortEvenWhenSourcesAreKnown() {
        sendAt(sim, 0, dev(h1), dev(h3).mac(), 1000, 1, 1); // teaches the switch where h1 is
        sendAt(sim, 0, dev(h3), MacAddress.BROADCAST, 1000, 2, 1);
        sendAt(sim, 100_000, dev(h1), MacAddress.parse("01:00:5e:00:00:01"), 1000, 3, 1);
        sendAt(sim, 200_000, dev(h2), MacAddress.parse("33:33:00:00:00:01"), 200, 4, 1);
        sim.runUntilIdle();
        assertEquals(List.of("h1", "h2"), log.stream().filter(a -> a.seq() == 2).map(Arrival::node).toList());
        assertEquals(List.of("h2", "h3"), log.stream().filter(a -> a.seq() == 3).map(Arrival::node).toList());
        assertEquals(List.of("h1", "h3"), log.stream().filter(a -> a.seq() == 4).map(Arrival::node).toList());
        assertEquals(4, lan.switchDevice().flooded());
        // Group addresses are never learned as sources.
        assertEquals(-1, lan.switchDevice().portOf(MacAddress.BROADCAST));
    }

    @Test
    void aUnicastFrameForTheSamePortIsFiltered() {
        // Teach the switch that h2's address is behind port 0 (h1 sends with h2's source address).
        sim.simulator().schedule(0, "spoof", () -> dev(h1).queueTransmit(
                NetTestSupport.frame(MacAddress.BROADCAST, dev(h2).mac(), 100, 0)));
        sendAt(sim, 100_000, dev(h1), dev(h2).mac(), 100, 1, 1);
        sim.runUntilIdle();
        assertEquals(1, lan.switchDevice().filtered());
        assertTrue(log.stream().noneMatch(a -> a.seq() == 1));
    }

    @Test
    void outputPortQueuesFramesFromTwoSendersBehindItsTransmitter() {
        sendAt(sim, 0, dev(h1), dev(h3).mac(), 1000, 0, 10);
        sendAt(sim, 0, dev(h2), dev(h3).mac(), 1000, 100, 10);
        sim.runUntilIdle();
        List<Arrival> atH3 = at(log, "h3");
        assertEquals(20, atH3.size());
        // Inputs arrive twice as fast as the output drains: the n-th frame leaves at (n+1)*tx + 2*delay.
        for (int n = 1; n <= 20; n++) {
            assertEquals((n + 1) * TX + 2 * DELAY, atH3.get(n - 1).time(), "frame " + n);
        }
        SwitchPort out = lan.port(h3);
        assertEquals(20, out.toNode().stats().framesSent);
        assertEquals(20, out.toNode().stats().framesDelivered);
        assertEquals(10, lan.port(h1).toSwitch().stats().framesDelivered);
        assertEquals(0, out.queue().length());
    }

    @Test
    void switchOutputQueueOverflowIsCountedByTheQueue() {
        Simulation s = NetTestSupport.simulation(1);
        Node a = s.addNode("a");
        Node b = s.addNode("b");
        Node c = s.addNode("c");
        Network n = new Network(s);
        EthernetLan small = n.lan("small", List.of(a, b, c), LinkSpec.of(RATE, DELAY).withQueuePackets(5));
        List<Arrival> arrivals = NetTestSupport.ArrivalLog.install(s, a, b, c);
        sendAt(s, 0, small.device(a), small.device(c).mac(), 1000, 0, 5);
        sendAt(s, 0, small.device(b), small.device(c).mac(), 1000, 100, 5);
        // First learn c so nothing is flooded.
        sendAt(s, 0, small.device(c), MacAddress.BROADCAST, 60, 1000, 1);
        s.runUntilIdle();
        long drops = small.switchDevice().queueDrops();
        assertEquals(drops, small.port(c).queue().drops());
        assertEquals(10, at(arrivals, "c").size() + drops);
        assertEquals("limit 5p", small.port(c).queue().limitText());
        assertEquals("limit 5p", small.device(a).qdisc().limitText());
    }

    @Test
    void macsAndNamesFollowCreationOrder() {
        assertEquals("02:00:00:00:00:01", MacAddress.format(dev(h1).mac()));
        assertEquals("02:00:00:00:00:03", MacAddress.format(dev(h3).mac()));
        assertEquals(List.of(h1, h2, h3), lan.members());
        assertEquals("lan1:h2>switch", lan.port(h2).toSwitch().name());
        assertEquals("lan1:switch>h2", lan.port(h2).toNode().name());
        assertEquals(lan, net.lan("lan1"));
        assertThrows(IllegalArgumentException.class, () -> net.lan("lan1", List.of(h1, h2), RATE, DELAY, 1500));
        assertThrows(IllegalArgumentException.class, () -> net.lan("lan2", List.of(h1, h1), RATE, DELAY, 1500));
    }

    @Test
    void faultsApplyToEveryCableInBothDirectionsWithTheirOwnStreams() {
        Simulation s = NetTestSupport.simulation(9);
        Node a = s.addNode("a");
        Node b = s.addNode("b");
        Network n = new Network(s);
        EthernetLan lossy = n.lan("lossy", List.of(a, b),
                LinkSpec.of(RATE, DELAY).withFaults(org.jlibos.net.fault.FaultSpec.NONE.withLoss(0.1)));
        List<Arrival> arrivals = NetTestSupport.ArrivalLog.install(s, a, b);
        NetTestSupport.pace(s, 0, 20_000, 1_000, lossy.device(a), MacAddress.BROADCAST, 1000);
        s.runUntilIdle();
        var up = lossy.port(a).toSwitch().stats();
        var down = lossy.port(b).toNode().stats();
        assertEquals(1_000, up.framesSent);
        assertEquals(1_000, up.framesDelivered + up.lostRandom);
        assertEquals(up.framesDelivered, down.framesSent);
        assertEquals(down.framesSent, down.framesDelivered + down.lostRandom);
        assertEquals(down.framesDelivered, arrivals.size());
        assertEquals(100, up.lostRandom, 5 * Math.sqrt(1_000 * 0.1 * 0.9));
        assertEquals(0.1 * up.framesDelivered, down.lostRandom, 5 * Math.sqrt(up.framesDelivered * 0.1 * 0.9));
        // Node-to-switch loss follows the stream named after that direction.
        var r = s.random().stream("lan:lossy:a>switch:loss");
        int expectedUpLoss = 0;
        for (int i = 0; i < 1_000; i++) {
            if (r.nextDouble() < 0.1) {
                expectedUpLoss++;
            }
        }
        assertEquals(expectedUpLoss, up.lostRandom);
    }

    @Test
    void portDownLosesFramesBothWaysAndClearsCarrier() {
        sendAt(sim, 0, dev(h1), MacAddress.BROADCAST, 1000, 1, 1);
        sim.simulator().schedule(10_000, "unplug h3", () -> lan.port(h3).setUp(false));
        sendAt(sim, 100_000, dev(h3), MacAddress.BROADCAST, 1000, 2, 1);
        sim.runUntilIdle();
        // h1's broadcast reached the switch at 13 us; h3's copy was on its cable when it was unplugged.
        assertEquals(List.of("h2"), log.stream().filter(a -> a.seq() == 1).map(Arrival::node).toList());
        assertTrue(log.stream().noneMatch(a -> a.seq() == 2));
        // h3 sends after the unplug: its device has no carrier and drops the frame itself.
        assertEquals(1, dev(h3).stats().txCarrierErrors);
        assertTrue(!dev(h3).hasCarrier());
        assertTrue(dev(h1).hasCarrier());
    }
}
