package org.jlibos.scenario.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.junit.jupiter.api.Test;

/** The network part of the Java builder: same rules and messages as files, automatic addresses. */
class NetworkBuilderTest {

    private static final ScenarioEnvironment ENV = TestEnvironment.INSTANCE;

    private static ScenarioBuilder fourNodes() {
        return Scenario.builder("n").stop("20s").node("h1").node("r1").node("r2").node("h2");
    }

    private static String errors(ScenarioBuilder b) {
        return assertThrows(ScenarioException.class, () -> b.build(ENV)).getMessage();
    }

    private static Ipv4Prefix ip(String cidr) {
        return Ipv4Address.parseCidr(cidr);
    }

    @Test
    void builderErrorsReadLikeFileErrors() {
        // Builder errors all have the location <api>, so they come in the order found: values
        // when they are set, then references.
        assertEquals("<api>: expected auto or none for 'routes', got 'static'\n"
                        + "<api>: unknown node 'r3' (did you mean 'r1'? nodes: h1, r1, r2, h2)\n"
                        + "<api>: a link needs two different nodes, got h1 twice\n"
                        + "<api>: expected a rate like 100Mbps or 1Gbps, got 'fast'\n"
                        + "<api>: mtu must be between 68 and 65536, got 65537\n"
                        + "<api>: expected a queue of at least 1 packet, got 0\n"
                        + "<api>: 'loss' must be between 0% and 100%, got 150%\n"
                        + "<api>: 'duplicate' must be a fraction between 0 and 1, got 1.5\n"
                        + "<api>: addresses 10.0.1.1/24 and 10.0.2.2/24 are not in the same subnet\n"
                        + "<api>: duplicate LAN name 'l'\n"
                        + "<api>: unknown link 'h1-r2' (did you mean 'h1-r1'? links: h1-r1)\n"
                        + "<api>: fault entry has no action: give one of 'down' or 'rate' (with 'link'), 'partition'"
                        + " or 'heal'\n"
                        + "<api>: device h2:eth1 will not exist: h2 will have eth0",
                errors(fourNodes()
                        .link(l -> l.between("h1", "r3"))
                        .link(l -> l.between("h1", "h1"))
                        .link(l -> l.between("h1", "r1").rate("fast").loss("150%").duplicate(1.5).mtu(65537)
                                .queuePackets(0).addresses("10.0.1.1/24", "10.0.2.2/24"))
                        .lan(l -> l.name("l").nodes("r1", "r2"))
                        .lan(l -> l.name("l").nodes("r2", "h2"))
                        .routes("static", Location.api())
                        .fault(f -> f.at("1s").linkDown("h1-r2"))
                        .fault(f -> f.at("1s"))
                        .capture("h2:eth1")));
    }

    @Test
    void aLinkWithUnreadableNodesSilencesWhatDependsOnIt() {
        // A loader reported the unreadable 'between' itself: link names and device numbers are
        // then unknowable, so no fault or capture is reported for them.
        ScenarioBuilder b = fourNodes()
                .link(l -> l.invalid("between"))
                .fault(f -> f.at("1s").linkDown("anything"))
                .capture("h1:eth7");
        assertEquals(List.of(), b.validate(ENV));
    }

    @Test
    void automaticLinkSubnetsAreSlash24sInLinkOrder() throws ScenarioException {
        Scenario s = fourNodes()
                .link(l -> l.between("h1", "r1"))
                .link(l -> l.between("r1", "r2"))
                .link(l -> l.between("r2", "h2"))
                .build(ENV);
        assertEquals(List.of(List.of(ip("10.0.0.1/24"), ip("10.0.0.2/24")),
                        List.of(ip("10.0.1.1/24"), ip("10.0.1.2/24")),
                        List.of(ip("10.0.2.1/24"), ip("10.0.2.2/24"))),
                s.links().stream().map(Link::addresses).toList());
    }

    @Test
    void moreThan65536AutomaticSubnetsAreSlash30s() throws ScenarioException {
        // A chain of 100,000 nodes: 99,999 links do not fit as /24s.
        int n = 100_000;
        ScenarioBuilder b = Scenario.builder("big").stop("1s");
        for (int i = 0; i < n; i++) {
            b.node("n" + i);
        }
        for (int i = 1; i < n; i++) {
            String a = "n" + (i - 1);
            String c = "n" + i;
            b.link(l -> l.between(a, c));
        }
        b.lan(l -> l.name("mgmt").nodes("n0", "n1", "n2"));
        long start = System.nanoTime();
        Scenario s = b.build(ENV);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "validating 100,000 nodes took " + millis + " ms");
        assertEquals(n - 1, s.links().size());
        assertEquals(List.of(ip("10.0.0.1/30"), ip("10.0.0.2/30")), s.links().get(0).addresses());
        assertEquals(List.of(ip("10.0.0.5/30"), ip("10.0.0.6/30")), s.links().get(1).addresses());
        // Link 99,999 is block 99,998: 99,998 * 4 = 399,992 = 6.26.120.
        assertEquals(List.of(ip("10.6.26.121/30"), ip("10.6.26.122/30")), s.links().get(n - 2).addresses());
        // The LAN's /24 comes after the links' /30s.
        assertEquals(ip("10.6.27.0/24"), s.lans().getFirst().subnet());
        assertEquals("n99998-n99999", s.links().get(n - 2).name());
    }

    @Test
    void givenSubnetsThatLeaveTooFewSlash24sSwitchLinksToSlash30s() throws ScenarioException {
        // 10.0.0.0/9 leaves 32,768 /24s; 3 automatic links still fit, so they stay /24s after it.
        Scenario s = fourNodes()
                .link(l -> l.between("h1", "r1").addresses("10.0.0.1/9", "10.0.0.2/9"))
                .link(l -> l.between("r1", "r2"))
                .build(ENV);
        assertEquals(List.of(ip("10.128.0.1/24"), ip("10.128.0.2/24")), s.links().get(1).addresses());
        // With the whole pool but one /24 taken, two links become /30s in that /24.
        Scenario t = fourNodes()
                .link(l -> l.between("h1", "r1").addresses("10.0.0.1/9", "10.0.0.2/9"))
                .link(l -> l.between("r1", "r2").addresses("10.128.0.1/10", "10.128.0.2/10"))
                .link(l -> l.between("r2", "h2").addresses("10.192.0.1/11", "10.192.0.2/11"))
                .lan(l -> l.name("a").nodes("h1", "h2").subnet("10.224.0.0/12"))
                .lan(l -> l.name("b").nodes("h1", "h2").subnet("10.240.0.0/13"))
                .lan(l -> l.name("c").nodes("h1", "h2").subnet("10.248.0.0/14"))
                .lan(l -> l.name("d").nodes("h1", "h2").subnet("10.252.0.0/15"))
                .lan(l -> l.name("e").nodes("h1", "h2").subnet("10.254.0.0/16"))
                .lan(l -> l.name("f").nodes("h1", "h2").subnet("10.255.0.0/17"))
                .lan(l -> l.name("g").nodes("h1", "h2").subnet("10.255.128.0/18"))
                .lan(l -> l.name("h").nodes("h1", "h2").subnet("10.255.192.0/19"))
                .lan(l -> l.name("i").nodes("h1", "h2").subnet("10.255.224.0/20"))
                .lan(l -> l.name("j").nodes("h1", "h2").subnet("10.255.240.0/21"))
                .lan(l -> l.name("k").nodes("h1", "h2").subnet("10.255.248.0/22"))
                .lan(l -> l.name("l").nodes("h1", "h2").subnet("10.255.252.0/23"))
                .lan(l -> l.name("m").nodes("h1", "h2").subnet("10.255.254.0/24"))
                .link(l -> l.between("h1", "h2"))
                .link(l -> l.between("r1", "h2"))
                .build(ENV);
        assertEquals(List.of(ip("10.255.255.1/30"), ip("10.255.255.2/30")), t.links().get(3).addresses());
        assertEquals(List.of(ip("10.255.255.5/30"), ip("10.255.255.6/30")), t.links().get(4).addresses());
    }

    @Test
    void aFullPoolIsAnError() {
        assertEquals("<api>: no room left in 10.0.0.0/8 for an automatic subnet: give this link addresses",
                errors(fourNodes()
                        .lan(l -> l.name("all").nodes("h1", "r1").subnet("10.0.0.0/8"))
                        .link(l -> l.between("r1", "r2"))));
    }

    @Test
    void aLanTooBigForAnAutomaticSlash24NeedsASubnet() throws ScenarioException {
        ScenarioBuilder b = Scenario.builder("big").stop("1s");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            b.node("n" + i);
            members.add("n" + i);
        }
        assertEquals("<api>: LAN l has 255 nodes, more than an automatic /24 holds (254): give it a subnet",
                errors(b.lan(l -> l.name("l").nodes(members.toArray(String[]::new)))));
        Scenario s = Scenario.builder("big").stop("1s").node("a").node("b")
                .lan(l -> l.name("l").nodes("a", "b").subnet("172.16.0.0/23")).build(ENV);
        assertEquals(List.of(ip("172.16.0.1/23"), ip("172.16.0.2/23")), s.lans().getFirst().addresses());
    }

    @Test
    void automaticSubnetsSkipOnlyTheBlocksGivenSubnetsTouch() {
        List<Ipv4Prefix> given = List.of(ip("10.0.0.8/29"), ip("10.0.2.0/23"), ip("10.0.1.0/30"));
        assertEquals(List.of(ip("10.0.4.0/24"), ip("10.0.5.0/24")), AutomaticSubnets.assign(given, 1, 1));
        assertEquals(List.of(ip("10.0.0.0/24")), AutomaticSubnets.assign(List.of(ip("192.168.0.0/16")), 0, 1));
    }
}
