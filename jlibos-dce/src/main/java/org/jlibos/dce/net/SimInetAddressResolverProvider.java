package org.jlibos.dce.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jlibos.dce.socket.KernelAddresses;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * The JVM-wide name resolver (registered in META-INF/services): simulated callers get the
 * names of their simulation, everyone else the JDK's built-in resolver.
 *
 * <p>For a simulated caller on node N, a name resolves, first match wins, through: N's
 * hosts table ({@link org.jlibos.sim.node.Node#hosts()}, like /etc/hosts); {@code localhost} to 127.0.0.1; N's own name to
 * its {@linkplain DceNet#localHost() address}; the name of another node of the same
 * simulation to that node's address (the first IPv4 address of its first non-loopback device
 * that has one). Reverse lookups go the same way: hosts table, 127/8 as {@code localhost}, an
 * address of N's own devices as N, an address of another node's devices as that node (first
 * node in creation order). Anything else is an {@link UnknownHostException} naming the host
 * and the node. IPv6 is not simulated: a lookup policy asking for IPv6 only finds nothing.
 */
public final class SimInetAddressResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return new SimResolver(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "jlibos simulated-node resolver";
    }

    private static final class SimResolver implements InetAddressResolver {

        private final InetAddressResolver builtin;

        SimResolver(InetAddressResolver builtin) {
            this.builtin = builtin;
        }

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
            SimProcess process = SimProcess.current();
            if (process == null) {
                return builtin.lookupByName(host, policy);
            }
            Node node = process.node();
            if ((policy.characteristics() & LookupPolicy.IPV4) == 0) {
                throw new UnknownHostException(host + ": no IPv6 address (the simulated kernel of node "
                        + node.name() + " is IPv4-only)");
            }
            return resolve(node, host).stream();
        }

        @Override
        public String lookupByAddress(byte[] addr) throws UnknownHostException {
            SimProcess process = SimProcess.current();
            if (process == null) {
                return builtin.lookupByAddress(addr);
            }
            Node node = process.node();
            if (addr.length != 4) {
                throw new UnknownHostException("no name for an IPv6 address on simulated node " + node.name());
            }
            String name = reverse(node, addr);
            if (name == null) {
                throw new UnknownHostException(Ipv4Address.format(KernelAddresses.fromBytes(addr, 0))
                        + ": no name for this address on simulated node " + node.name());
            }
            return name;
        }
    }

    /** Forward lookup of {@code host} as seen from {@code node}. */
    static List<InetAddress> resolve(Node node, String host) throws UnknownHostException {
        org.jlibos.sim.node.HostsTable hosts = node.hostsIfCreated();
        if (hosts != null) {
            List<org.jlibos.sim.node.HostsTable.Entry> found = hosts.lookup(host);
            if (!found.isEmpty()) {
                // Named as asked, like every other answer (and the JDK's own resolver).
                List<InetAddress> named = new ArrayList<>(found.size());
                for (org.jlibos.sim.node.HostsTable.Entry e : found) {
                    named.add(KernelAddresses.toInetAddress(host, e.address()));
                }
                return named;
            }
        }
        if (host.equalsIgnoreCase("localhost")) {
            return List.of(KernelAddresses.toInetAddress(host, Ipv4Address.LOOPBACK));
        }
        if (host.equalsIgnoreCase(node.name())) {
            return List.of(DceNet.localHost(node, host));
        }
        for (Node other : node.simulation().nodes()) {
            if (other.name().equalsIgnoreCase(host)) {
                long address = InetAddresses.primaryAddress(other);
                if (address == InetAddresses.NONE) {
                    throw new UnknownHostException(host + ": node " + other.name()
                            + " has no IPv4 address on a non-loopback device (resolving on node " + node.name() + ")");
                }
                return List.of(KernelAddresses.toInetAddress(host, (int) address));
            }
        }
        throw new UnknownHostException(host + ": Name or service not known (resolving on simulated node "
                + node.name() + ")");
    }

    /** Reverse lookup of {@code addr} as seen from {@code node}, or null. */
    static String reverse(Node node, byte[] addr) {
        org.jlibos.sim.node.HostsTable hosts = node.hostsIfCreated();
        if (hosts != null) {
            String name = hosts.nameOf(KernelAddresses.fromBytes(addr, 0));
            if (name != null) {
                return name;
            }
        }
        int address = KernelAddresses.fromBytes(addr, 0);
        if (Ipv4Address.isLoopback(address)) {
            return "localhost";
        }
        if (InetAddresses.isNodeAddress(node, address)) {
            return node.name();
        }
        for (Node other : node.simulation().nodes()) {
            if (InetAddresses.isNodeAddress(other, address)) {
                return other.name();
            }
        }
        return null;
    }
}
