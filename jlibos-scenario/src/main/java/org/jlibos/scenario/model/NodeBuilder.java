package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings of one node, filled in by {@link ScenarioBuilder#node(String, java.util.function.Consumer)}. */
public final class NodeBuilder {

    /** One sysctl line as written; duplicates are kept so validation can point at the second. */
    record SysctlEntry(String name, String value, Location where) {
    }

    final String name;
    final Location where;
    final List<SysctlEntry> sysctl = new ArrayList<>();

    /** One hosts line as written: a name and its IPv4 address. */
    record HostEntry(String name, String address, Location where) {
    }

    final List<HostEntry> hosts = new ArrayList<>();

    NodeBuilder(String name, Location where) {
        this.name = name;
        this.where = Objects.requireNonNull(where, "where");
    }

    /**
     * Sets a kernel sysctl of this node, e.g. {@code sysctl("net.ipv4.ip_forward", "1")}. The
     * value is passed to the kernel as text, exactly as {@code sysctl -w} would.
     */
    public NodeBuilder sysctl(String name, String value) {
        return sysctl(name, value, Location.api());
    }

    /** {@link #sysctl(String, String)} for loaders: {@code where} is where the entry was written. */
    public NodeBuilder sysctl(String name, String value, Location where) {
        sysctl.add(new SysctlEntry(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value"), Objects.requireNonNull(where, "where")));
        return this;
    }

    /**
     * Adds a line to the node's /etc/hosts, e.g. {@code host("db", "10.0.3.2")}: programs on
     * this node (the network tools and JVM programs) resolve {@code name} to {@code address}
     * before node names.
     */
    public NodeBuilder host(String name, String address) {
        return host(name, address, Location.api());
    }

    /** {@link #host(String, String)} for loaders. */
    public NodeBuilder host(String name, String address, Location where) {
        hosts.add(new HostEntry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(address, "address"),
                Objects.requireNonNull(where, "where")));
        return this;
    }
}
