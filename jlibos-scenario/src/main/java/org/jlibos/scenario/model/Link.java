package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.jlibos.net.topology.LinkSpec;

/**
 * A point-to-point link between two nodes. Links are created in the order written, before any
 * LAN, and each gives both of its nodes their next Ethernet device ({@code eth0}, {@code eth1},
 * ...).
 *
 * <p>Automatic addresses: a link without {@code addresses} gets the next free /24 of
 * 10.0.0.0/8 in link order (10.0.0.0/24, 10.0.1.0/24, ...; the first node .1, the second .2),
 * skipping every /24 that overlaps a subnet given explicitly anywhere in the scenario. When the
 * automatic subnets do not fit in 10.0.0.0/8 as /24s (more than 65,536 of them, fewer if given
 * subnets take room), automatic link subnets are /30s instead (first node .1, second .2).
 *
 * @param name       "a-b" after its nodes in the order written; a second link between the same
 *                   nodes in the same order is "a-b#2", and so on (as
 *                   {@code org.jlibos.net.topology.Network} names them)
 * @param nodeA      the first node written in {@code between}
 * @param nodeB      the second node
 * @param medium     rate, delay, MTU, transmit queue and faults, the same both ways
 * @param addressing where {@link #addresses} came from
 * @param addresses  the address of {@code nodeA}'s device and of {@code nodeB}'s, each with its
 *                   prefix length; empty for {@link Addressing#NONE}
 * @param location   where the link was written
 */
public record Link(String name, String nodeA, String nodeB, LinkSpec medium, Addressing addressing,
        List<Ipv4Prefix> addresses, Location location) {

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeA, "nodeA");
        Objects.requireNonNull(nodeB, "nodeB");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(location, "location");
        addresses = List.copyOf(addresses);
        if (addresses.size() != (addressing == Addressing.NONE ? 0 : 2)) {
            throw new IllegalArgumentException("link " + name + " has " + addresses.size()
                    + " addresses with addressing " + addressing);
        }
    }

    Link withoutLocation() {
        return new Link(name, nodeA, nodeB, medium, addressing, addresses, Location.api());
    }
}
