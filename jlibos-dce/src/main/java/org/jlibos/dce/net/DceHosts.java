package org.jlibos.dce.net;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.sim.node.HostsTable;
import org.jlibos.sim.node.Node;

/**
 * A simulated node's {@code /etc/hosts} in java.net terms: the node's {@link HostsTable},
 * which the network tools read too. JVM programs' lookups consult it before node names.
 */
public final class DceHosts {

    private final Node node;

    private DceHosts(Node node) {
        this.node = node;
    }

    /** The hosts table of {@code node}. */
    public static DceHosts of(Node node) {
        return new DceHosts(node);
    }

    /**
     * Adds {@code name -> address}. Only IPv4 addresses: the simulated kernel has no IPv6.
     *
     * @return this table, for chaining
     */
    public DceHosts add(String name, InetAddress address) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("hosts entry on node " + node.name() + ": empty name");
        }
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("hosts entry " + name + " on node " + node.name()
                    + ": only IPv4 addresses are supported, got " + address);
        }
        node.hosts().add(name, KernelAddresses.fromBytes(address.getAddress(), 0));
        return this;
    }

    @Override
    public String toString() {
        return node.hosts().toString();
    }
}
