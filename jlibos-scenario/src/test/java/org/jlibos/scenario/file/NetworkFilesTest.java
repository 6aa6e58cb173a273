package org.jlibos.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.scenario.model.Addressing;
import org.jlibos.scenario.model.Capture;
import org.jlibos.scenario.model.FaultEvent;
import org.jlibos.scenario.model.Lan;
import org.jlibos.scenario.model.Link;
import org.jlibos.scenario.model.Location;
import org.jlibos.scenario.model.Routes;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioEnvironment;
import org.jlibos.scenario.model.ScenarioException;
import org.jlibos.scenario.model.TestEnvironment;
import org.junit.jupiter.api.Test;

/** The network keys of scenario files: links, lans, routes, faults, capture. */
class NetworkFilesTest {

    private static final ScenarioEnvironment ENV = TestEnvironment.INSTANCE;
    private static final Path NETWORK = Path.of("src/test/resources/scenarios/network.yaml");
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Nodes h1, r1, r2, h2 on lines 1 to 3; the text under test starts on line 4. */
    private static final String HEAD = "name: x\nstop: 20s\nnodes: {h1: , r1: , r2: , h2: }\n";

    private static String errors(String yaml) {
        return assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(HEAD + yaml, "t.yaml", ENV))
                .getMessage();
    }

    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioFiles.parse(HEAD + yaml, "t.yaml", ENV);
    }

    private static Ipv4Prefix ip(String cidr) {
        return Ipv4Address.parseCidr(cidr);
    }

    // ------------------------------------------------------------------ valid files

    @Test
    void parsesEveryNetworkKeyIntoTheExactModel() throws Exception {
        Scenario s = ScenarioFiles.load(NETWORK, ENV);
        String f = NETWORK.toString();
        LinkSpec faulty = LinkSpec.of(10_000_000L, 5 * MS).withFaults(FaultSpec.NONE.withLoss(0.01)
                .withBurstLoss(0.001, 0.3).withDuplicate(0.005).withCorrupt(0.001).withJitter(2 * MS, true));
        assertEquals(List.of(
                new Link("h1-r1", "h1", "r1", LinkSpec.of(100_000_000L, 10 * MS).withMtu(1500).withQueuePackets(100),
                        Addressing.GIVEN, List.of(ip("10.0.1.1/24"), ip("10.0.1.2/24")), new Location(f, 12, 5)),
                new Link("r1-r2", "r1", "r2", faulty, Addressing.AUTOMATIC,
                        List.of(ip("10.0.0.1/24"), ip("10.0.0.2/24")), new Location(f, 14, 5)),
                new Link("r2-h2", "r2", "h2", LinkSpec.of(1_000_000_000L, 0).withQueueBytes(65536),
                        Addressing.NONE, List.of(), new Location(f, 17, 5)),
                new Link("r1-r2#2", "r1", "r2", LinkSpec.of(1_000_000_000L, 0).withMtu(9000), Addressing.AUTOMATIC,
                        List.of(ip("10.0.2.1/24"), ip("10.0.2.2/24")), new Location(f, 18, 5))),
                s.links());
        assertEquals(List.of(
                new Lan("lan1", List.of("a", "b", "c"), LinkSpec.of(1_000_000_000L, 1_000), Addressing.GIVEN,
                        ip("10.0.5.0/24"), List.of(ip("10.0.5.1/24"), ip("10.0.5.2/24"), ip("10.0.5.3/24")),
                        new Location(f, 20, 5)),
                new Lan("lan2", List.of("a", "h2"), LinkSpec.of(1_000_000_000L, 0).withQueueBytes(1500)
                        .withFaults(FaultSpec.NONE.withLoss(0.02)), Addressing.AUTOMATIC, ip("10.0.3.0/24"),
                        List.of(ip("10.0.3.1/24"), ip("10.0.3.2/24")), new Location(f, 21, 5))),
                s.lans());
        assertEquals(Routes.AUTO, s.routes());
        assertEquals(List.of(
                new FaultEvent(5 * S, new FaultEvent.LinkState("h1-r1", false), new Location(f, 27, 5)),
                new FaultEvent(8 * S, new FaultEvent.LinkState("h1-r1", true), new Location(f, 28, 5)),
                new FaultEvent(10 * S, new FaultEvent.Partition(List.of(List.of("h1", "r1"), List.of("r2", "h2"))),
                        new Location(f, 29, 5)),
                new FaultEvent(12 * S, new FaultEvent.Heal(), new Location(f, 30, 5)),
                new FaultEvent(15 * S, new FaultEvent.LinkRate("r1-r2#2", 1_000_000L), new Location(f, 31, 5))),
                s.faults());
        assertEquals(new Capture(false, List.of("h1:eth0", "r1:eth2", "a:eth1")), s.capture());
        assertEquals(List.of("5s: link h1-r1 down", "8s: link h1-r1 up", "10s: partition [[h1, r1], [r2, h2]]",
                        "12s: heal", "15s: link r1-r2#2 rate 1Mbps"),
                s.faults().stream().map(FaultEvent::describe).toList());
    }

    @Test
    void networkFileEqualsTheSameScenarioBuiltInJava() throws Exception {
        Scenario built = Scenario.builder("network").stop("20s")
                .node("h1").node("r1").node("r2").node("h2").node("a").node("b").node("c")
                .link(l -> l.between("h1", "r1").rate("100Mbps").delay("10ms").mtu(1500).queue("100")
                        .addresses("10.0.1.1/24", "10.0.1.2/24"))
                .link(l -> l.between("r1", "r2").rate("10Mbps").delay("5ms").loss("1%").burstLoss("0.1%", "30%")
                        .duplicate("0.5%").corrupt("0.1%").jitter("2ms").reorder(true))
                .link(l -> l.between("r2", "h2").queue("64KiB").noAddresses())
                .link(l -> l.between("r1", "r2").mtu(9000))
                .lan(l -> l.name("lan1").nodes("a", "b", "c").rate("1Gbps").delay("1us").subnet("10.0.5.0/24"))
                .lan(l -> l.name("lan2").nodes("a", "h2").loss("0.02").queue("1500B"))
                .routesAuto()
                .fault(f -> f.at("5s").linkDown("h1-r1"))
                .fault(f -> f.at("8s").linkUp("h1-r1"))
                .fault(f -> f.at("10s").partition(List.of("h1", "r1"), List.of("r2", "h2")))
                .fault(f -> f.at("12s").heal())
                .fault(f -> f.at("15s").linkRate("r1-r2#2", "1Mbps"))
                .capture("h1:eth0", "r1:eth2", "a:eth1")
                .build(ENV);
        assertEquals(built, ScenarioFiles.load(NETWORK, ENV).withoutLocations());

        // Numbers instead of text give the same model.
        Scenario numeric = Scenario.builder("n").stop(20 * S).node("r1").node("r2")
                .link(l -> l.between("r1", "r2").rate(10_000_000L).delay("5ms").loss(0.01).burstLoss(0.001, 0.3)
                        .duplicate(0.005).corrupt(0.001).jitter("2ms").reorder(true).queuePackets(1000))
                .lan(l -> l.name("lan2").nodes("r1", "r2").loss(0.02).queueBytes(1500))
                .build(ENV);
        assertEquals(built.links().get(1).medium(), numeric.links().getFirst().medium());
        assertEquals(built.lans().get(1).medium(), numeric.lans().getFirst().medium());
    }

    @Test
    void defaultsAreNoNetworkAtAll() throws ScenarioException {
        Scenario s = parse("");
        assertEquals(List.of(), s.links());
        assertEquals(List.of(), s.lans());
        assertEquals(Routes.NONE, s.routes());
        assertEquals(List.of(), s.faults());
        assertEquals(Capture.NONE, s.capture());
        Scenario empty = parse("links:\nlans:\nfaults:\ncapture:\nroutes: none\n");
        assertEquals(s.withoutLocations(), empty.withoutLocations());
        assertEquals(Capture.NONE, parse("capture: none\n").capture());
        assertEquals(Capture.ALL, parse("capture: all\n").capture());
    }

    @Test
    void linkDefaultsAreOneGigabitNoDelayMtu1500And1000Packets() throws ScenarioException {
        Link l = parse("links: [{between: [h1, r1]}]\n").links().getFirst();
        assertEquals(new LinkSpec(1_000_000_000L, 0, 1500, 1000, 0, FaultSpec.NONE), l.medium());
        assertEquals(List.of(ip("10.0.0.1/24"), ip("10.0.0.2/24")), l.addresses());
        assertEquals(Addressing.AUTOMATIC, l.addressing());
    }

    @Test
    void percentagesAndFractionsMeanTheSame() throws ScenarioException {
        Scenario a = parse("links: [{between: [h1, r1], loss: 1%, duplicate: 100%, corrupt: 0%}]\n");
        Scenario b = parse("links: [{between: [h1, r1], loss: 0.01, duplicate: 1, corrupt: 0}]\n");
        assertEquals(a.withoutLocations(), b.withoutLocations());
        assertEquals(FaultSpec.NONE.withLoss(0.01).withDuplicate(1.0), a.links().getFirst().medium().faults());
    }

    @Test
    void automaticSubnetsSkipEverySubnetGivenAnywhereInTheFile() throws ScenarioException {
        Scenario s = parse("""
                links:
                  - {between: [h1, r1]}
                  - {between: [r1, r2], addresses: [10.0.0.5/30, 10.0.0.6/30]}
                  - {between: [r2, h2]}
                lans:
                  - {name: l1, nodes: [h1, h2]}
                  - {name: l2, nodes: [r1, r2], subnet: 10.0.1.0/24}
                """);
        // 10.0.0.0/24 holds the given /30 and 10.0.1.0/24 is the LAN's: automatic ones start at .2.
        assertEquals(List.of(ip("10.0.2.1/24"), ip("10.0.2.2/24")), s.links().get(0).addresses());
        assertEquals(List.of(ip("10.0.3.1/24"), ip("10.0.3.2/24")), s.links().get(2).addresses());
        assertEquals(ip("10.0.4.0/24"), s.lans().get(0).subnet());
        assertEquals(List.of(ip("10.0.1.1/24"), ip("10.0.1.2/24")), s.lans().get(1).addresses());
    }

    @Test
    void lanSubnetNoneAndPointToPointSlash31() throws ScenarioException {
        Scenario s = parse("""
                links: [{between: [h1, r1], addresses: [192.168.0.0/31, 192.168.0.1/31]}]
                lans: [{name: l, nodes: [r2, h2], subnet: none}]
                """);
        assertEquals(List.of(ip("192.168.0.0/31"), ip("192.168.0.1/31")), s.links().getFirst().addresses());
        assertEquals(new Lan("l", List.of("r2", "h2"), LinkSpec.of(1_000_000_000L, 0), Addressing.NONE, null,
                List.of(), Location.api()), s.withoutLocations().lans().getFirst());
    }

    // ------------------------------------------------------------------ links: one test per error

    @Test
    void unknownNodeInBetweenSuggestsTheNearest() {
        assertEquals("t.yaml:4:24: unknown node 'r3' (did you mean 'r1'? nodes: h1, r1, r2, h2)",
                errors("links: [{between: [h1, r3]}]\n"));
    }

    @Test
    void betweenNeedsTwoDifferentNodes() {
        assertEquals("t.yaml:4:19: a link needs two different nodes, got h1 twice",
                errors("links: [{between: [h1, h1]}]\n"));
        assertEquals("t.yaml:4:19: expected two nodes for 'between', got 3",
                errors("links: [{between: [h1, r1, r2]}]\n"));
        assertEquals("t.yaml:4:19: expected a list of two node names for 'between', got 'h1'",
                errors("links: [{between: h1}]\n"));
        assertEquals("t.yaml:4:24: expected a node name, got a list",
                errors("links: [{between: [h1, [r1]]}]\n"));
        assertEquals("t.yaml:4:9: missing required key 'between'",
                errors("links: [{rate: 1Gbps}]\n"));
    }

    @Test
    void linksMustBeAListOfMappings() {
        assertEquals("t.yaml:4:8: expected a list for 'links', got a mapping",
                errors("links: {between: [h1, r1]}\n"));
        assertEquals("t.yaml:4:9: expected a mapping with 'between' for each 'links' entry, got 'h1-r1'",
                errors("links: [h1-r1]\n"));
    }

    @Test
    void badRates() {
        assertEquals("t.yaml:4:35: expected a rate like 100Mbps or 1Gbps, got 'fast'\n"
                        + "t.yaml:5:35: unknown rate unit 'mbps' in '100mbps' (expected bps, kbps, Mbps, Gbps, Tbps)\n"
                        + "t.yaml:6:35: rate needs a unit (bps, kbps, Mbps, Gbps, Tbps): '100'\n"
                        + "t.yaml:7:35: expected a positive rate, got 0bps",
                errors("""
                        links: [{between: [h1, r1], rate: fast},
                                {between: [h1, r1], rate: 100mbps},
                                {between: [h1, r1], rate: 100},
                                {between: [h1, r1], rate: 0Mbps}]
                        """));
    }

    @Test
    void badDurations() {
        assertEquals("t.yaml:4:36: expected a duration like 10s or 250ms, got 'soon'\n"
                        + "t.yaml:5:37: negative duration: -1ms",
                errors("""
                        links: [{between: [h1, r1], delay: soon},
                                {between: [h1, r1], jitter: -1ms}]
                        """));
    }

    @Test
    void badPercentages() {
        assertEquals("t.yaml:4:35: expected a percentage like 1% or a fraction like 0.01 for 'loss', got 'lots'\n"
                        + "t.yaml:5:40: 'duplicate' must be between 0% and 100%, got 150%\n"
                        + "t.yaml:6:38: 'corrupt' must be between 0% and 100%, got 2\n"
                        + "t.yaml:7:35: 'loss' must be between 0% and 100%, got -1%",
                errors("""
                        links: [{between: [h1, r1], loss: lots},
                                {between: [h1, r1], duplicate: 150%},
                                {between: [h1, r1], corrupt: 2},
                                {between: [h1, r1], loss: -1%}]
                        """));
    }

    @Test
    void badQueueSizes() {
        assertEquals("t.yaml:4:36: unknown size unit 'Kib' in '64Kib' (expected B, KB, kB, KiB, MB, MiB, GB, GiB,"
                        + " TB, TiB)\n"
                        + "t.yaml:5:36: expected a queue of at least 1 packet, got 0\n"
                        + "t.yaml:6:36: expected a number of packets like 100 or a size like 64KiB for 'queue',"
                        + " got 'big'\n"
                        + "t.yaml:7:36: expected a queue of at least 1 byte, got 0 bytes",
                errors("""
                        links: [{between: [h1, r1], queue: 64Kib},
                                {between: [h1, r1], queue: 0},
                                {between: [h1, r1], queue: big},
                                {between: [h1, r1], queue: 0B}]
                        """));
    }

    @Test
    void badMtu() {
        assertEquals("t.yaml:4:34: mtu must be between 68 and 65536, got 20\n"
                        + "t.yaml:5:34: expected an integer for 'mtu', got '1.5k'",
                errors("""
                        links: [{between: [h1, r1], mtu: 20},
                                {between: [h1, r1], mtu: 1.5k}]
                        """));
    }

    @Test
    void badBurstLoss() {
        assertEquals("t.yaml:4:41: missing required key 'r' in 'burst_loss'\n"
                        + "t.yaml:5:52: burst_loss r must be above 0 when p is: the link would never leave its"
                        + " loss state\n"
                        + "t.yaml:6:41: expected a mapping like {p: 0.1%, r: 30%} for 'burst_loss', got '1%'\n"
                        + "t.yaml:7:56: unknown key 'q' (allowed keys: p, r)",
                errors("""
                        links: [{between: [h1, r1], burst_loss: {p: 1%}},
                                {between: [h1, r1], burst_loss: {p: 1%, r: 0%}},
                                {between: [h1, r1], burst_loss: 1%},
                                {between: [h1, r1], burst_loss: {p: 1%, r: 5%, q: 1}}]
                        """));
    }

    @Test
    void reorderNeedsJitter() {
        assertEquals("t.yaml:4:38: 'reorder: true' needs a 'jitter': without it frames cannot overtake each other",
                errors("links: [{between: [h1, r1], reorder: true}]\n"));
        assertEquals("t.yaml:4:38: expected true or false for 'reorder', got 'often'",
                errors("links: [{between: [h1, r1], reorder: often}]\n"));
    }

    @Test
    void addressesNotInOneSubnet() {
        assertEquals("t.yaml:4:40: addresses 10.0.1.1/24 and 10.0.2.2/24 are not in the same subnet",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/24, 10.0.2.2/24]}]\n"));
        assertEquals("t.yaml:4:40: addresses 10.0.1.1/24 and 10.0.1.2/25 are not in the same subnet",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/24, 10.0.1.2/25]}]\n"));
    }

    @Test
    void addressesOverlappingAnotherSubnet() {
        assertEquals("t.yaml:7:36: subnet 10.0.0.0/16 of link r2-h2 overlaps subnet 10.0.1.0/24 of link h1-r1\n"
                        + "t.yaml:9:40: subnet 10.0.1.0/24 of LAN l overlaps subnet 10.0.0.0/16 of link r2-h2",
                errors("""
                        links:
                          - {between: [h1, r1], addresses: [10.0.1.1/24, 10.0.1.2/24]}
                          - {between: [r1, r2], addresses: [10.0.2.1/24, 10.0.2.2/24]}
                          - {between: [r2, h2], addresses: [10.0.200.1/16, 10.0.200.2/16]}
                        lans:
                          - {name: l, nodes: [h1, h2], subnet: 10.0.1.0/24}
                        """));
    }

    @Test
    void badSingleAddresses() {
        assertEquals("t.yaml:4:40: both ends of the link have address 10.0.1.1/24",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/24, 10.0.1.1/24]}]\n"));
        assertEquals("t.yaml:4:41: 10.0.1.0/24 is the network address of its subnet",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.0/24, 10.0.1.1/24]}]\n"));
        assertEquals("t.yaml:4:54: 10.0.1.255/24 is the broadcast address of its subnet",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/24, 10.0.1.255/24]}]\n"));
        assertEquals("t.yaml:4:41: address '10.0.1.1' needs a prefix length, e.g. 10.0.1.1/24",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1, 10.0.1.2/24]}]\n"));
        assertEquals("t.yaml:4:41: expected an address with a prefix length like 10.0.1.1/24, got '10.0.1/24'",
                errors("links: [{between: [h1, r1], addresses: [10.0.1/24, 10.0.1.2/24]}]\n"));
        assertEquals("t.yaml:4:41: 224.0.0.1 is not a unicast address",
                errors("links: [{between: [h1, r1], addresses: [224.0.0.1/24, 224.0.0.2/24]}]\n"
                        .replace("224.0.0.2/24", "10.0.0.2/24")));
        assertEquals("t.yaml:4:41: address 10.0.1.1/32 leaves no room for the other end: use /31 or shorter",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/32, 10.0.1.2/24]}]\n"));
    }

    @Test
    void addressesMustBeTwoOrNone() {
        assertEquals("t.yaml:4:40: expected two addresses for 'addresses', one per node, got 1",
                errors("links: [{between: [h1, r1], addresses: [10.0.1.1/24]}]\n"));
        assertEquals("t.yaml:4:40: expected two addresses like [10.0.1.1/24, 10.0.1.2/24] or none for"
                        + " 'addresses', got 'auto'",
                errors("links: [{between: [h1, r1], addresses: auto}]\n"));
    }

    @Test
    void unknownLinkKeySuggestsTheNearest() {
        assertEquals("t.yaml:4:29: unknown key 'dealy' (did you mean 'delay'?)",
                errors("links: [{between: [h1, r1], dealy: 1ms}]\n"));
        assertEquals("t.yaml:4:29: unknown key 'color' (allowed keys: between, addresses, rate, delay, mtu,"
                        + " queue, loss, burst_loss, duplicate, corrupt, jitter, reorder)",
                errors("links: [{between: [h1, r1], color: red}]\n"));
    }

    // ------------------------------------------------------------------ LANs

    @Test
    void duplicateLanNames() {
        assertEquals("t.yaml:6:12: duplicate LAN name 'l'",
                errors("""
                        lans:
                          - {name: l, nodes: [h1, r1]}
                          - {name: l, nodes: [r2, h2]}
                        """));
    }

    @Test
    void lanWithFewerThanTwoNodes() {
        assertEquals("t.yaml:4:25: LAN l needs at least two nodes, got 1",
                errors("lans: [{name: l, nodes: [h1]}]\n"));
    }

    @Test
    void nodeInALanTwice() {
        assertEquals("t.yaml:4:34: node h1 is listed twice in LAN l",
                errors("lans: [{name: l, nodes: [h1, r1, h1]}]\n"));
    }

    @Test
    void unknownNodeInALan() {
        assertEquals("t.yaml:4:30: unknown node 'hh2' (did you mean 'h2'? nodes: h1, r1, r2, h2)",
                errors("lans: [{name: l, nodes: [h1, hh2]}]\n"));
    }

    @Test
    void lanNeedsNameAndNodes() {
        assertEquals("t.yaml:4:8: missing required key 'name'\n"
                        + "t.yaml:4:27: missing required key 'nodes'\n"
                        + "t.yaml:4:45: invalid LAN name '1lan': expected a letter followed by letters, digits,"
                        + " '_' or '-'",
                errors("lans: [{nodes: [h1, r1]}, {name: l}, {name: 1lan, nodes: [h1, r1]}]\n"));
    }

    @Test
    void badLanSubnets() {
        assertEquals("t.yaml:5:40: subnet 10.0.5.1/24 has host bits set: did you mean 10.0.5.0/24?\n"
                        + "t.yaml:6:40: subnet 10.0.6.0/31 holds 0 hosts, too few for the 2 nodes of LAN b\n"
                        + "t.yaml:7:44: subnet 10.0.7.0/30 holds 2 hosts, too few for the 3 nodes of LAN c\n"
                        + "t.yaml:8:40: expected a subnet like 10.0.5.0/24, got 'ten'\n"
                        + "t.yaml:9:40: expected a subnet like 10.0.5.0/24 or none for 'subnet', got a list",
                errors("""
                        lans:
                          - {name: a, nodes: [h1, r1], subnet: 10.0.5.1/24}
                          - {name: b, nodes: [h1, r1], subnet: 10.0.6.0/31}
                          - {name: c, nodes: [h1, r1, r2], subnet: 10.0.7.0/30}
                          - {name: d, nodes: [h1, r1], subnet: ten}
                          - {name: e, nodes: [h1, r1], subnet: [10.0.8.0/24]}
                        """));
    }

    @Test
    void unknownLanKey() {
        assertEquals("t.yaml:4:35: unknown key 'subnets' (did you mean 'subnet'?)",
                errors("lans: [{name: l, nodes: [h1, r1], subnets: 10.0.0.0/24}]\n"));
    }

    // ------------------------------------------------------------------ routes

    @Test
    void routesAreAutoOrNone() {
        assertEquals("t.yaml:4:9: expected auto or none for 'routes', got 'static'", errors("routes: static\n"));
        assertEquals("t.yaml:4:9: expected auto or none for 'routes', got a list", errors("routes: [auto]\n"));
    }

    // ------------------------------------------------------------------ faults

    private static final String CHAIN = """
            links: [{between: [h1, r1]}, {between: [r1, r2]}, {between: [r2, h2]}]
            faults:
            """;

    @Test
    void unknownLinkNameListsTheLinksAndSuggestsTheNearest() {
        assertEquals("t.yaml:6:32: unknown link 'h1-r2' (did you mean 'h1-r1'? links: h1-r1, r1-r2, r2-h2)",
                errors(CHAIN + "  - {at: 5s, down: true, link: h1-r2}\n"));
        assertEquals("t.yaml:6:32: unknown link 'backbone' (links: h1-r1, r1-r2, r2-h2)",
                errors(CHAIN + "  - {at: 5s, down: true, link: backbone}\n"));
        assertEquals("t.yaml:5:20: unknown link 'h1-r1' (no links are defined)",
                errors("faults:\n  - {at: 5s, link: h1-r1, down: true}\n"));
    }

    @Test
    void faultWithoutAction() {
        assertEquals("t.yaml:6:5: fault entry has no action: give one of 'down' or 'rate' (with 'link'),"
                        + " 'partition' or 'heal'",
                errors(CHAIN + "  - {at: 5s, link: h1-r1}\n"));
    }

    @Test
    void faultWithSeveralActions() {
        assertEquals("t.yaml:6:5: fault entry has several actions (down, rate): give one action per entry",
                errors(CHAIN + "  - {at: 5s, link: h1-r1, down: true, rate: 1Mbps}\n"));
        assertEquals("t.yaml:6:5: fault entry has several actions (partition, heal): give one action per entry",
                errors(CHAIN + "  - {at: 5s, heal: true, partition: [[h1]]}\n"));
    }

    @Test
    void faultKeysThatDoNotFitTheAction() {
        assertEquals("t.yaml:6:5: missing required key 'link'\n"
                        + "t.yaml:7:5: missing required key 'at'\n"
                        + "t.yaml:8:32: 'link' goes with 'down' or 'rate', not with 'heal'",
                errors(CHAIN + "  - {at: 5s, down: false}\n  - {heal: true}\n  - {at: 1s, heal: true, link: h1-r1}\n"));
    }

    @Test
    void faultTimes() {
        assertEquals("t.yaml:6:10: fault at 30s, after the scenario stops at 20s\n"
                        + "t.yaml:7:10: fault at 20s, when the scenario stops\n"
                        + "t.yaml:8:10: expected a duration like 10s or 250ms, got 'later'",
                errors(CHAIN + "  - {at: 30s, heal: true}\n  - {at: 20s, heal: true}\n  - {at: later, heal: true}\n"));
    }

    @Test
    void faultValues() {
        assertEquals("t.yaml:6:20: 'heal: false' does nothing: write 'heal: true' or remove the entry\n"
                        + "t.yaml:7:33: expected true or false for 'down', got 'maybe'\n"
                        + "t.yaml:8:33: expected a rate like 100Mbps or 1Gbps, got 'slow'",
                errors(CHAIN + "  - {at: 1s, heal: false}\n  - {at: 1s, link: h1-r1, down: maybe}\n"
                        + "  - {at: 1s, link: h1-r1, rate: slow}\n"));
    }

    @Test
    void unknownNodesInPartitions() {
        assertEquals("t.yaml:6:31: unknown node 'r3' (did you mean 'r1'? nodes: h1, r1, r2, h2)",
                errors(CHAIN + "  - {at: 5s, partition: [[h1, r3], [r2]]}\n"));
    }

    @Test
    void badPartitions() {
        assertEquals("t.yaml:6:37: node h1 is in two partition groups\n"
                        + "t.yaml:7:25: empty group in 'partition': every group needs at least one node\n"
                        + "t.yaml:8:26: expected a list of node names for each partition group, got 'h1'\n"
                        + "t.yaml:8:30: expected a list of node names for each partition group, got 'r1'\n"
                        + "t.yaml:9:25: expected a list of node groups like [[h1, r1], [r2, h2]] for 'partition',"
                        + " got 'h1'\n"
                        + "t.yaml:10:25: expected at least one group of nodes for 'partition', e.g. [[h1, r1], [r2, h2]]",
                errors(CHAIN + "  - {at: 5s, partition: [[h1, r1], [h1]]}\n"
                        + "  - {at: 5s, partition: [[h1], []]}\n"
                        + "  - {at: 5s, partition: [h1, r1]}\n"
                        + "  - {at: 5s, partition: h1}\n"
                        + "  - {at: 5s, partition: []}\n"));
    }

    @Test
    void faultEntriesMustBeMappings() {
        assertEquals("t.yaml:6:5: expected a mapping with 'at' and an action for each 'faults' entry, got 'down'\n"
                        + "t.yaml:7:14: unknown key 'linkk' (did you mean 'link'?)",
                errors(CHAIN + "  - down\n  - {at: 1s, linkk: h1-r1, heal: true}\n"));
    }

    // ------------------------------------------------------------------ capture

    @Test
    void captureOfADeviceThatWillNotExist() {
        assertEquals("t.yaml:5:20: device r1:eth2 will not exist: r1 will have eth0, eth1\n"
                        + "t.yaml:5:29: device h2:eth0 will not exist: h2 is on no link or LAN\n"
                        + "t.yaml:5:38: device h1:lo will not exist: h1 will have eth0",
                errors("links: [{between: [h1, r1]}, {between: [r1, r2]}]\n"
                        + "capture: [h1:eth0, r1:eth2, h2:eth0, h1:lo]\n"));
    }

    @Test
    void captureNamesMustBeNodeColonDevice() {
        assertEquals("t.yaml:5:11: expected node:device for a captured device, e.g. h1:eth0, got 'h1'\n"
                        + "t.yaml:5:15: unknown node 'x1' (did you mean 'h1'? nodes: h1, r1, r2, h2)\n"
                        + "t.yaml:5:33: duplicate capture device 'r1:eth0'",
                errors("links: [{between: [h1, r1]}]\ncapture: [h1, x1:eth0, r1:eth0, r1:eth0]\n"));
        assertEquals("t.yaml:4:10: expected all, none or a list of devices like [h1:eth0, r1:eth1] for 'capture',"
                        + " got 'everything'",
                errors("capture: everything\n"));
    }

    @Test
    void lanDevicesComeAfterLinkDevices() throws ScenarioException {
        Scenario s = parse("""
                lans: [{name: l, nodes: [h1, r1]}]
                links: [{between: [h1, r1]}]
                capture: [h1:eth1, r1:eth0]
                """);
        assertEquals(List.of("h1:eth1", "r1:eth0"), s.capture().devices());
        assertEquals("t.yaml:6:11: device h1:eth2 will not exist: h1 will have eth0, eth1",
                errors("lans: [{name: l, nodes: [h1, r1]}]\nlinks: [{between: [h1, r1]}]\ncapture: [h1:eth2]\n"));
    }

    // ------------------------------------------------------------------ all at once

    @Test
    void allNetworkErrorsAreReportedAtOnceInDocumentOrder() {
        assertEquals("t.yaml:5:20: unknown node 'h3' (did you mean 'h1'? nodes: h1, r1, r2, h2)\n"
                        + "t.yaml:5:31: expected a rate like 100Mbps or 1Gbps, got 'quick'\n"
                        + "t.yaml:6:5: missing required key 'between'\n"
                        + "t.yaml:8:25: LAN l needs at least two nodes, got 1\n"
                        + "t.yaml:9:9: expected auto or none for 'routes', got 'yes'\n"
                        + "t.yaml:11:20: unknown link 'h1-r2' (did you mean 'h1-r1'? links: h1-r1)\n"
                        + "t.yaml:12:1: unknown key 'captures' (did you mean 'capture'?)",
                errors("""
                        links:
                          - {between: [h1, h3], rate: quick}
                          - {rate: 1Mbps}
                          - {between: [h1, r1]}
                        lans: [{name: l, nodes: [h1]}]
                        routes: yes
                        faults:
                          - {at: 1s, link: h1-r2, down: true}
                        captures: all
                        """));
    }
}
