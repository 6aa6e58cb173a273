package org.jlibos.apps.resolve;

import java.util.List;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.node.HostsTable;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProcessContext;

/**
 * Name lookup for the network tools until DNS exists: a dotted quad, a name in the node's
 * hosts table ({@link Node#hosts()}, its /etc/hosts), or the name of a node of the simulation,
 * which resolves to that node's first global IPv4 address (as if /etc/hosts listed every node).
 */
public final class HostResolver {

    private HostResolver() {
    }

    /** The address of {@code host}, or -1 ("Name or service not known"). */
    public static long resolve(ProcessContext ctx, String host) {
        long literal = Ipv4Address.tryParse(host);
        if (literal >= 0) {
            return literal;
        }
        HostsTable hosts = ctx.process().node().hostsIfCreated();
        if (hosts != null) {
            List<HostsTable.Entry> entries = hosts.lookup(host);
            if (!entries.isEmpty()) {
                return entries.get(0).address() & 0xffffffffL;
            }
        }
        if ("localhost".equals(host)) {
            return Ipv4Address.LOOPBACK & 0xffffffffL;
        }
        Node n = ctx.process().node().simulation().node(host);
        if (n == null) {
            return -1;
        }
        return n.kernel().ipv4().primaryGlobalAddress();
    }
}
