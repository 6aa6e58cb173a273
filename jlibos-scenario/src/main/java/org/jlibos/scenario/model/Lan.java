package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;
import org.jlibos.kernel.wire.Ipv4Prefix;
import org.jlibos.net.topology.LinkSpec;

/**
 * An Ethernet LAN: its member nodes joined by one learning switch. LANs are created after all
 * links, in the order written, and give each member its next Ethernet device.
 *
 * @param name       unique LAN name
 * @param nodes      members in the order written; member i gets host address i + 1 of the subnet
 * @param medium     rate, delay, MTU, queues and faults of every cable, both ways
 * @param addressing where {@link #subnet} came from
 * @param subnet     the LAN's subnet (host bits clear), or null for {@link Addressing#NONE};
 *                   without a {@code subnet} key, an automatic /24 chosen like a link's
 * @param addresses  each member's address with the subnet's prefix length, in member order;
 *                   empty for {@link Addressing#NONE}
 * @param location   where the LAN was written
 */
public record Lan(String name, List<String> nodes, LinkSpec medium, Addressing addressing, Ipv4Prefix subnet,
        List<Ipv4Prefix> addresses, Location location) {

    public Lan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(location, "location");
        nodes = List.copyOf(nodes);
        addresses = List.copyOf(addresses);
        if ((subnet == null) != (addressing == Addressing.NONE)
                || addresses.size() != (subnet == null ? 0 : nodes.size())) {
            throw new IllegalArgumentException("LAN " + name + ": subnet " + subnet + " and " + addresses.size()
                    + " addresses do not fit addressing " + addressing + " of " + nodes.size() + " nodes");
        }
    }

    Lan withoutLocation() {
        return new Lan(name, nodes, medium, addressing, subnet, addresses, Location.api());
    }
}
