package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.sim.units.Units;

/**
 * The rules of a scenario's network (links, LANs, addresses, routes, faults, capture), part of
 * {@link Validation}. Like it, every rule is checked even after a failure, and a value that
 * already failed does not fail the rules depending on it.
 *
 * <p>The devices each node will get are computed here the way the runner will create them
 * (links in order, then LANs; {@code eth0}, {@code eth1}, ... per node), so that a capture of a
 * device that will not exist is an error with a file position rather than an empty pcap.
 */
final class NetworkValidation {

    private static final Pattern ETH = Pattern.compile("eth(0|[1-9][0-9]{0,8})");
    /** Largest LAN an automatic /24 holds. */
    private static final int AUTOMATIC_LAN_HOSTS = 254;

    private final Validation v;
    private final ScenarioBuilder b;
    private final Map<String, NodeSpec> nodes;
    private final boolean nodesKnown;

    /** Next device index of each node, as the runner will create devices. */
    private final Map<String, Integer> devices = new HashMap<>();
    /** False when some link or LAN could not be read: device numbers are then unknowable. */
    private boolean devicesKnown;
    /** Nodes whose device numbers are unknowable because of an invalid link or LAN. */
    private final Set<String> uncertainDevices = new HashSet<>();
    /** Names of all links written with two nodes, even unknown ones, so references are not errors twice. */
    private final Set<String> linkNames = new LinkedHashSet<>();
    /** Names of the links that will exist: those offered in "unknown link" messages. */
    private final Set<String> existingLinkNames = new LinkedHashSet<>();
    /** False when some link's nodes could not be read: any name might be that link's. */
    private boolean linkNamesComplete;
    /** Subnets written explicitly, for the overlap check and automatic addressing. */
    private final List<Explicit> explicit = new ArrayList<>();
    private int order;

    private final List<LinkDraft> linkDrafts = new ArrayList<>();
    private final List<LanDraft> lanDrafts = new ArrayList<>();

    private final List<Link> links = new ArrayList<>();
    private final List<Lan> lans = new ArrayList<>();
    private final List<FaultEvent> faults = new ArrayList<>();
    private Capture capture = Capture.NONE;

    /** A subnet written in the scenario, with what it belongs to and where. */
    private record Explicit(Ipv4Prefix subnet, int order, String owner, Location where, Runnable invalidate) {
        long start() {
            return Integer.toUnsignedLong(subnet.network());
        }

        long end() {
            return Integer.toUnsignedLong(subnet.broadcast());
        }
    }

    /** A link being checked; complete when every part could be used. */
    private static final class LinkDraft {
        LinkBuilder source;
        String name;
        String a;
        String b;
        LinkSpec medium;
        Addressing addressing;
        List<Ipv4Prefix> addresses = List.of();
        boolean ok = true;
    }

    private static final class LanDraft {
        LanBuilder source;
        String name;
        List<String> members;
        LinkSpec medium;
        Addressing addressing;
        Ipv4Prefix subnet;
        boolean ok = true;
    }

    NetworkValidation(Validation validation, ScenarioBuilder builder, Map<String, NodeSpec> nodes, boolean nodesKnown) {
        this.v = validation;
        this.b = builder;
        this.nodes = nodes;
        this.nodesKnown = nodesKnown;
    }

    /**
     * Checks everything.
     *
     * @param stopNanos the scenario's stop time, or -1 when unknown (bad or missing)
     */
    NetworkValidation run(long stopNanos) {
        v.reportSlotErrors(b.linksSection, b.lansSection, b.faultsSection, b.captureSection, b.routes,
                b.captureAll);
        devicesKnown = !b.linksSection.rejected() && !b.lansSection.rejected();
        linkNamesComplete = !b.linksSection.rejected();
        for (LinkBuilder l : b.links) {
            linkDrafts.add(checkLink(l));
        }
        Set<String> lanNames = new LinkedHashSet<>();
        for (LanBuilder l : b.lans) {
            lanDrafts.add(checkLan(l, lanNames));
        }
        checkOverlaps();
        assignAutomaticSubnets();
        buildLinksAndLans();
        for (FaultBuilder f : b.faults) {
            checkFault(f, stopNanos);
        }
        checkCapture();
        return this;
    }

    List<Link> links() {
        return links;
    }

    List<Lan> lans() {
        return lans;
    }

    Routes routes() {
        return b.routes.valueOr(Routes.NONE);
    }

    List<FaultEvent> faults() {
        return faults;
    }

    Capture capture() {
        return capture;
    }

    // ---------------------------------------------------------------- links

    private LinkDraft checkLink(LinkBuilder l) {
        LinkDraft d = new LinkDraft();
        d.source = l;
        v.reportSlotErrors(l.between, l.addresses);
        v.reportSlotErrors(l.mediumSlots());
        if (!l.between.given()) {
            // A link without nodes has no name and no devices: nothing else depends on it.
            v.missing(l.location, "between");
            d.ok = false;
        } else if (!l.between.usable()) {
            // Unreadable nodes: the link's name and its devices' numbers are unknowable.
            d.ok = false;
            linkNamesComplete = false;
            devicesKnown = false;
        } else {
            Token a = l.between.value().get(0);
            Token bb = l.between.value().get(1);
            d.ok &= knownNode(a);
            d.ok &= knownNode(bb);
            if (a.text().equals(bb.text())) {
                v.error(l.between.where(), "a link needs two different nodes, got " + a.text() + " twice");
                d.ok = false;
                uncertainDevices.add(a.text());
            } else {
                d.a = a.text();
                d.b = bb.text();
                d.name = uniqueLinkName(d.a + "-" + d.b);
                if (d.ok) {
                    existingLinkNames.add(d.name);
                }
                nextDevice(d.a);
                nextDevice(d.b);
            }
        }
        d.medium = medium(l);
        d.ok &= d.medium != null;

        if (!l.addresses.given()) {
            d.addressing = Addressing.AUTOMATIC;
        } else if (!l.addresses.usable()) {
            d.ok = false;
        } else if (l.addresses.value().isEmpty()) {
            d.addressing = Addressing.NONE;
        } else {
            d.addressing = Addressing.GIVEN;
            List<Token> given = l.addresses.value();
            Ipv4Prefix a = interfaceAddress(given.get(0));
            Ipv4Prefix bb = interfaceAddress(given.get(1));
            if (a == null || bb == null) {
                d.ok = false;
            } else if (a.length() != bb.length() || a.network() != bb.network()) {
                v.error(l.addresses.where(), "addresses " + a + " and " + bb + " are not in the same subnet");
                d.ok = false;
            } else if (a.address() == bb.address()) {
                v.error(l.addresses.where(), "both ends of the link have address " + a);
                d.ok = false;
            } else {
                d.addresses = List.of(a, bb);
                explicit.add(new Explicit(a.networkPrefix(), order++, linkDescription(d), l.addresses.where(),
                        () -> d.ok = false));
            }
        }
        return d;
    }

    /** "a-b", or "a-b#2", "a-b#3"... as {@code Network} names a further link with the same base. */
    private String uniqueLinkName(String base) {
        String name = base;
        for (int n = 2; linkNames.contains(name); n++) {
            name = base + "#" + n;
        }
        linkNames.add(name);
        return name;
    }

    private String linkDescription(LinkDraft d) {
        return d.name != null ? "link " + d.name : "the link at " + d.source.location;
    }

    /** An interface address with its prefix length ("10.0.1.1/24"); null after reporting a problem. */
    private Ipv4Prefix interfaceAddress(Token t) {
        String text = t.text();
        Ipv4Prefix p;
        try {
            p = Ipv4Address.parseCidr(text);
        } catch (IllegalArgumentException e) {
            v.error(t.location(), "expected an address with a prefix length like 10.0.1.1/24, got '" + text + "'");
            return null;
        }
        if (text.indexOf('/') < 0) {
            v.error(t.location(), "address '" + text + "' needs a prefix length, e.g. " + text + "/24");
            return null;
        }
        if (p.length() == 32) {
            v.error(t.location(), "address " + p + " leaves no room for the other end: use /31 or shorter");
            return null;
        }
        if (!unicast(p.address())) {
            v.error(t.location(), Ipv4Address.format(p.address()) + " is not a unicast address");
            return null;
        }
        if (p.length() <= 30 && p.address() == p.network()) {
            v.error(t.location(), p + " is the network address of its subnet");
            return null;
        }
        if (p.length() <= 30 && p.address() == p.broadcast()) {
            v.error(t.location(), p + " is the broadcast address of its subnet");
            return null;
        }
        return p;
    }

    private static boolean unicast(int addr) {
        return !Ipv4Address.isZeroNet(addr) && !Ipv4Address.isLoopback(addr) && !Ipv4Address.isMulticast(addr)
                && !Ipv4Address.isReserved(addr) && !Ipv4Address.isBroadcast(addr);
    }

    // ---------------------------------------------------------------- LANs

    private LanDraft checkLan(LanBuilder l, Set<String> lanNames) {
        LanDraft d = new LanDraft();
        d.source = l;
        v.reportSlotErrors(l.name, l.nodes, l.subnet);
        v.reportSlotErrors(l.mediumSlots());
        if (!l.name.given()) {
            v.missing(l.location, "name");
            d.ok = false;
        } else if (l.name.usable()) {
            d.name = l.name.value();
            if (!Validation.NODE_NAME.matcher(d.name).matches()) {
                v.error(l.name.where(), "invalid LAN name '" + d.name
                        + "': expected a letter followed by letters, digits, '_' or '-'");
                d.ok = false;
            } else if (!lanNames.add(d.name)) {
                v.error(l.name.where(), "duplicate LAN name '" + d.name + "'");
                d.ok = false;
            }
        } else {
            d.ok = false;
        }
        String what = d.name != null ? "LAN " + d.name : "the LAN";

        if (!l.nodes.given()) {
            v.missing(l.location, "nodes");
            d.ok = false;
            devicesKnown = false;
        } else if (!l.nodes.usable()) {
            d.ok = false;
            devicesKnown = false;
        } else {
            List<Token> members = l.nodes.value();
            Set<String> seen = new LinkedHashSet<>();
            List<String> names = new ArrayList<>(members.size());
            for (Token t : members) {
                d.ok &= knownNode(t);
                if (!seen.add(t.text())) {
                    v.error(t.location(), "node " + t.text() + " is listed twice in " + what);
                    d.ok = false;
                } else {
                    names.add(t.text());
                }
            }
            if (members.size() < 2) {
                v.error(l.nodes.where(), what + " needs at least two nodes, got " + members.size());
                d.ok = false;
                uncertainDevices.addAll(names);
            } else if (names.size() < members.size()) {
                uncertainDevices.addAll(names);
            }
            for (String n : names) {
                nextDevice(n);
            }
            d.members = names;
        }
        d.medium = medium(l);
        d.ok &= d.medium != null;

        if (!l.subnet.given()) {
            d.addressing = Addressing.AUTOMATIC;
            if (d.members != null && d.members.size() > AUTOMATIC_LAN_HOSTS) {
                v.error(l.location, what + " has " + d.members.size() + " nodes, more than an automatic /24 holds ("
                        + AUTOMATIC_LAN_HOSTS + "): give it a subnet");
                d.ok = false;
            }
        } else if (!l.subnet.usable()) {
            d.ok = false;
        } else if (l.subnet.value() == null) {
            d.addressing = Addressing.NONE;
        } else {
            d.addressing = Addressing.GIVEN;
            d.subnet = lanSubnet(l.subnet.value(), d.members, what);
            if (d.subnet == null) {
                d.ok = false;
            } else {
                explicit.add(new Explicit(d.subnet, order++, what, l.subnet.where(), () -> d.ok = false));
            }
        }
        return d;
    }

    /** A LAN's subnet ("10.0.5.0/24"), checked to hold its members; null after reporting a problem. */
    private Ipv4Prefix lanSubnet(Token t, List<String> members, String what) {
        String text = t.text();
        Ipv4Prefix p;
        try {
            p = Ipv4Address.parseCidr(text);
        } catch (IllegalArgumentException e) {
            v.error(t.location(), "expected a subnet like 10.0.5.0/24, got '" + text + "'");
            return null;
        }
        if (text.indexOf('/') < 0) {
            v.error(t.location(), "subnet '" + text + "' needs a prefix length, e.g. " + text + "/24");
            return null;
        }
        if (!p.isNetwork()) {
            v.error(t.location(), "subnet " + p + " has host bits set: did you mean " + p.networkPrefix() + "?");
            return null;
        }
        if (!unicast(p.network()) || !unicast(p.broadcast())) {
            v.error(t.location(), "subnet " + p + " is not a unicast range");
            return null;
        }
        long hosts = p.length() > 30 ? 0 : (1L << (32 - p.length())) - 2;
        if (members != null && members.size() > hosts) {
            v.error(t.location(), "subnet " + p + " holds " + hosts + " hosts, too few for the " + members.size()
                    + " nodes of " + what);
            return null;
        }
        return p;
    }

    // ---------------------------------------------------------------- links and LANs together

    /** The medium of a link or LAN; null after reporting a problem (or if a value was unusable). */
    private LinkSpec medium(MediumBuilder<?> m) {
        boolean ok = true;
        for (Slot<?> s : m.mediumSlots()) {
            ok &= !s.rejected();
        }
        if (m.reorder.usable() && m.reorder.value() && !m.jitter.rejected()
                && m.jitter.valueOr(0L) == 0) {
            v.error(m.reorder.where(), "'reorder: true' needs a 'jitter': without it frames cannot overtake"
                    + " each other");
            ok = false;
        }
        if (m.burstP.usable() && m.burstR.usable() && m.burstP.value() > 0 && m.burstR.value() == 0) {
            v.error(m.burstR.where(), "burst_loss r must be above 0 when p is: the link would never leave"
                    + " its loss state");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        LinkSpec spec = LinkSpec.of(m.rate.valueOr(MediumBuilder.DEFAULT_RATE_BPS), m.delay.valueOr(0L));
        if (m.mtu.usable()) {
            spec = spec.withMtu(m.mtu.value());
        }
        if (m.queue.usable()) {
            spec = m.queue.value().applyTo(spec);
        }
        FaultSpec faults = FaultSpec.NONE
                .withLoss(m.loss.valueOr(0.0))
                .withDuplicate(m.duplicate.valueOr(0.0))
                .withCorrupt(m.corrupt.valueOr(0.0))
                .withJitter(m.jitter.valueOr(0L), m.reorder.valueOr(false));
        if (m.burstP.usable()) {
            faults = faults.withBurstLoss(m.burstP.value(), m.burstR.value());
        }
        return spec.withFaults(faults);
    }

    /**
     * Reports each explicit subnet that overlaps one written before it. One sweep over the
     * subnets sorted by start address, so 100,000 links cost a sort, not 10^10 comparisons.
     */
    private void checkOverlaps() {
        List<Explicit> sorted = new ArrayList<>(explicit);
        sorted.sort(Comparator.comparingLong(Explicit::start).thenComparingInt(Explicit::order));
        Set<Integer> reported = new HashSet<>();
        Explicit widest = null;
        for (Explicit e : sorted) {
            if (widest != null && e.start() <= widest.end()) {
                Explicit later = e.order() > widest.order() ? e : widest;
                Explicit earlier = later == e ? widest : e;
                if (reported.add(later.order())) {
                    v.error(later.where(), "subnet " + later.subnet() + " of " + later.owner() + " overlaps subnet "
                            + earlier.subnet() + " of " + earlier.owner());
                    later.invalidate().run();
                }
            }
            if (widest == null || e.end() > widest.end()) {
                widest = e;
            }
        }
    }

    private void assignAutomaticSubnets() {
        List<LinkDraft> autoLinks = linkDrafts.stream().filter(d -> d.addressing == Addressing.AUTOMATIC).toList();
        List<LanDraft> autoLans = lanDrafts.stream().filter(d -> d.addressing == Addressing.AUTOMATIC).toList();
        if (autoLinks.isEmpty() && autoLans.isEmpty()) {
            return;
        }
        List<Ipv4Prefix> subnets = AutomaticSubnets.assign(explicit.stream().map(Explicit::subnet).toList(),
                autoLinks.size(), autoLans.size());
        boolean reported = false;
        for (int i = 0; i < subnets.size(); i++) {
            Ipv4Prefix s = subnets.get(i);
            boolean isLink = i < autoLinks.size();
            Location where = isLink ? autoLinks.get(i).source.location : autoLans.get(i - autoLinks.size()).source.location;
            if (s == null) {
                if (!reported) {
                    v.error(where, "no room left in 10.0.0.0/8 for an automatic subnet: give this "
                            + (isLink ? "link addresses" : "LAN a subnet"));
                    reported = true;
                }
                if (isLink) {
                    autoLinks.get(i).ok = false;
                } else {
                    autoLans.get(i - autoLinks.size()).ok = false;
                }
            } else if (isLink) {
                LinkDraft d = autoLinks.get(i);
                d.addresses = List.of(new Ipv4Prefix(s.network() + 1, s.length()),
                        new Ipv4Prefix(s.network() + 2, s.length()));
            } else {
                autoLans.get(i - autoLinks.size()).subnet = s;
            }
        }
    }

    private void buildLinksAndLans() {
        for (LinkDraft d : linkDrafts) {
            if (d.ok) {
                links.add(new Link(d.name, d.a, d.b, d.medium, d.addressing, d.addresses, d.source.location));
            }
        }
        for (LanDraft d : lanDrafts) {
            if (d.ok) {
                List<Ipv4Prefix> addresses = new ArrayList<>();
                if (d.subnet != null) {
                    for (int i = 0; i < d.members.size(); i++) {
                        addresses.add(new Ipv4Prefix(d.subnet.network() + i + 1, d.subnet.length()));
                    }
                }
                lans.add(new Lan(d.name, d.members, d.medium, d.addressing, d.subnet, addresses, d.source.location));
            }
        }
    }

    // ---------------------------------------------------------------- faults

    private void checkFault(FaultBuilder f, long stopNanos) {
        v.reportSlotErrors(f.at, f.link, f.down, f.rate, f.partition, f.heal);
        boolean ok = true;
        if (!f.at.given()) {
            v.missing(f.location, "at");
            ok = false;
        } else if (!f.at.usable()) {
            ok = false;
        } else if (stopNanos > 0 && f.at.value() >= stopNanos) {
            String stop = Units.formatDuration(stopNanos);
            v.error(f.at.where(), f.at.value() > stopNanos
                    ? "fault at " + Units.formatDuration(f.at.value()) + ", after the scenario stops at " + stop
                    : "fault at " + stop + ", when the scenario stops");
            ok = false;
        }

        List<String> actions = new ArrayList<>();
        if (f.down.given()) {
            actions.add("down");
        }
        if (f.rate.given()) {
            actions.add("rate");
        }
        if (f.partition.given()) {
            actions.add("partition");
        }
        if (f.heal.given()) {
            actions.add("heal");
        }
        if (actions.isEmpty()) {
            v.error(f.location, "fault entry has no action: give one of 'down' or 'rate' (with 'link'),"
                    + " 'partition' or 'heal'");
            return;
        }
        if (actions.size() > 1) {
            v.error(f.location, "fault entry has several actions (" + String.join(", ", actions)
                    + "): give one action per entry");
            return;
        }
        String action = actions.getFirst();
        boolean needsLink = action.equals("down") || action.equals("rate");
        if (needsLink) {
            if (!f.link.given()) {
                v.missing(f.location, "link");
                ok = false;
            } else if (!f.link.usable()) {
                ok = false;
            } else if (linkNamesComplete && !linkNames.contains(f.link.value())) {
                v.error(f.link.where(), unknownLink(f.link.value()));
                ok = false;
            }
        } else if (f.link.given()) {
            v.error(f.link.where(), "'link' goes with 'down' or 'rate', not with '" + action + "'");
            ok = false;
        }
        FaultEvent.Action a = switch (action) {
            case "down" -> ok && f.down.usable() ? new FaultEvent.LinkState(f.link.value(), !f.down.value()) : null;
            case "rate" -> ok && f.rate.usable() ? new FaultEvent.LinkRate(f.link.value(), f.rate.value()) : null;
            case "partition" -> f.partition.usable() ? partition(f.partition.value(), f.partition.where()) : null;
            default -> f.heal.usable() ? new FaultEvent.Heal() : null;
        };
        if (ok && a != null) {
            faults.add(new FaultEvent(f.at.value(), a, f.location));
        }
    }

    private FaultEvent.Partition partition(List<List<Token>> groups, Location where) {
        boolean ok = true;
        if (groups.isEmpty()) {
            v.error(where, "expected at least one group of nodes for 'partition', e.g. [[h1, r1], [r2, h2]]");
            return null;
        }
        Set<String> seen = new HashSet<>();
        List<List<String>> names = new ArrayList<>();
        for (List<Token> group : groups) {
            if (group.isEmpty()) {
                v.error(where, "empty group in 'partition': every group needs at least one node");
                ok = false;
            }
            List<String> g = new ArrayList<>(group.size());
            for (Token t : group) {
                ok &= knownNode(t);
                if (!seen.add(t.text())) {
                    v.error(t.location(), "node " + t.text() + " is in two partition groups");
                    ok = false;
                }
                g.add(t.text());
            }
            names.add(g);
        }
        return ok ? new FaultEvent.Partition(names) : null;
    }

    private String unknownLink(String name) {
        StringBuilder m = new StringBuilder("unknown link '").append(name).append("' (");
        if (existingLinkNames.isEmpty()) {
            return m.append("no links are defined)").toString();
        }
        Suggestions.nearest(name, existingLinkNames)
                .ifPresent(s -> m.append("did you mean '").append(s).append("'? "));
        return m.append("links: ").append(Validation.list(existingLinkNames)).append(')').toString();
    }

    // ---------------------------------------------------------------- capture

    private void checkCapture() {
        if (b.captureAll.usable()) {
            capture = Capture.ALL;
            return;
        }
        if (b.captureDevices.isEmpty() || b.captureSection.rejected()) {
            return;
        }
        boolean ok = true;
        Set<String> seen = new LinkedHashSet<>();
        for (Token t : b.captureDevices) {
            String text = t.text();
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
                v.error(t.location(), "expected node:device for a captured device, e.g. h1:eth0, got '" + text + "'");
                ok = false;
                continue;
            }
            String node = text.substring(0, colon);
            String device = text.substring(colon + 1);
            if (!knownNode(new Token(node, t.location()))) {
                ok = false;
            } else if (!seen.add(text)) {
                v.error(t.location(), "duplicate capture device '" + text + "'");
                ok = false;
            } else if (devicesKnown && !uncertainDevices.contains(node)) {
                int count = devices.getOrDefault(node, 0);
                var m = ETH.matcher(device);
                if (!m.matches() || Integer.parseInt(m.group(1)) >= count) {
                    v.error(t.location(), "device " + text + " will not exist: " + node
                            + (count == 0 ? " is on no link or LAN" : " will have " + deviceNames(count)));
                    ok = false;
                }
            }
        }
        if (ok) {
            capture = new Capture(false, List.copyOf(seen));
        }
    }

    private static String deviceNames(int count) {
        if (count <= 4) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add("eth" + i);
            }
            return String.join(", ", names);
        }
        return "eth0 to eth" + (count - 1);
    }

    // ---------------------------------------------------------------- helpers

    private void nextDevice(String node) {
        devices.merge(node, 1, Integer::sum);
    }

    /** Reports an unknown node; true if the node exists (or the node list could not be read). */
    private boolean knownNode(Token t) {
        if (!nodesKnown || nodes.containsKey(t.text())) {
            return true;
        }
        v.error(t.location(), Validation.unknownNode(t.text(), nodes.keySet()));
        return false;
    }
}
