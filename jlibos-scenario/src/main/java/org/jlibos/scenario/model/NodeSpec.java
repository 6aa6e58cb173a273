package org.jlibos.scenario.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated host.
 *
 * @param name     unique node name, also its host name
 * @param sysctl   settings applied to the node's kernel before any process starts, in the order
 *                 written; values are kept exactly as the user wrote them ({@code "1"},
 *                 {@code "4096 131072 6291456"}) because the kernel's sysctl table, not the
 *                 scenario, knows how to parse each one
 * @param hosts    the node's /etc/hosts: name to IPv4 address, in the order written
 * @param location where the node was declared
 */
public record NodeSpec(String name, Map<String, String> sysctl, Map<String, String> hosts, Location location) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        sysctl = Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    /** A node without hosts entries. */
    public NodeSpec(String name, Map<String, String> sysctl, Location location) {
        this(name, sysctl, Map.of(), location);
    }

    NodeSpec withoutLocation() {
        return new NodeSpec(name, sysctl, hosts, Location.api());
    }
}
