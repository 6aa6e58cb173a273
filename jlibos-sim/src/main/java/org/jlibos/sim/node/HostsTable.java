package org.jlibos.sim.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's {@code /etc/hosts}: names its programs resolve before node names (the network tools
 * and JVM programs alike). Names match case-insensitively, as DNS names do; a name may have
 * several IPv4 addresses, answered in the order added; a reverse lookup answers the first name
 * added with the address. Carrier use only (setup code and simulated threads).
 */
public final class HostsTable {

    private final String nodeName;
    private final Map<String, List<Entry>> byName = new LinkedHashMap<>();

    /** One line of the table: the name as written and its address (an IPv4 address as an int). */
    public record Entry(String name, int address) {
    }

    HostsTable(String nodeName) {
        this.nodeName = nodeName;
    }

    /** Adds {@code name -> address}; returns this table for chaining. */
    public HostsTable add(String name, int address) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("hosts entry on node " + nodeName + ": bad name '" + name + "'");
        }
        byName.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(new Entry(name, address));
        return this;
    }

    /** The entries for {@code name} in the order added (empty when none). */
    public List<Entry> lookup(String name) {
        List<Entry> found = byName.get(key(name));
        return found == null ? List.of() : List.copyOf(found);
    }

    /** The first name added with {@code address}, or null. */
    public String nameOf(int address) {
        for (List<Entry> entries : byName.values()) {
            for (Entry e : entries) {
                if (e.address() == address) {
                    return e.name();
                }
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "hosts of node " + nodeName + " " + byName;
    }
}
