package org.jlibos.dce.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import org.jlibos.sim.node.Node;

/**
 * A simulated node's {@code /etc/hosts}: names the resolver answers before node names. Names
 * match case-insensitively (as DNS names do); a name may be added with several addresses,
 * answered in the order they were added. A reverse lookup answers the first name added with
 * the address.
 */
public final class DceHosts {

    /** Weak keys: a finished simulation's nodes and their tables can be collected. */
    private static final Map<Node, DceHosts> TABLES = new WeakHashMap<>();

    private final String nodeName;
    private final Map<String, List<InetAddress>> byName = new LinkedHashMap<>();

    private DceHosts(String nodeName) {
        this.nodeName = nodeName;
    }

    /** The hosts table of {@code node}, created empty on first use. */
    public static DceHosts of(Node node) {
        synchronized (TABLES) {
            return TABLES.computeIfAbsent(node, n -> new DceHosts(n.name()));
        }
    }

    /** The table of {@code node} if one was created, else null (no allocation on lookups). */
    static DceHosts ifPresent(Node node) {
        synchronized (TABLES) {
            return TABLES.get(node);
        }
    }

    /**
     * Adds {@code name -> address}. Only IPv4 addresses: the simulated kernel has no IPv6.
     *
     * @return this table, for chaining
     */
    public synchronized DceHosts add(String name, InetAddress address) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("hosts entry on node " + nodeName + ": empty name");
        }
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("hosts entry " + name + " on node " + nodeName
                    + ": only IPv4 addresses are supported, got " + address);
        }
        InetAddress named;
        try {
            named = InetAddress.getByAddress(name, address.getAddress());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        byName.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(named);
        return this;
    }

    /** The addresses of {@code name} in the order added, or an empty list. */
    synchronized List<InetAddress> lookup(String name) {
        List<InetAddress> found = byName.get(key(name));
        return found == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(found));
    }

    /** The first name added with {@code address}, or null. */
    synchronized String nameOf(byte[] address) {
        for (List<InetAddress> addresses : byName.values()) {
            for (InetAddress a : addresses) {
                if (java.util.Arrays.equals(a.getAddress(), address)) {
                    return a.getHostName();
                }
            }
        }
        return null;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized String toString() {
        return "hosts of node " + nodeName + " " + byName;
    }
}
