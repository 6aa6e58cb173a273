package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;

/**
 * One point-to-point link, filled in by {@link ScenarioBuilder#link(java.util.function.Consumer)}:
 *
 * <pre>{@code
 * .link(l -> l.between("h1", "r1").rate("100Mbps").delay("10ms")
 *         .addresses("10.0.1.1/24", "10.0.1.2/24").loss("1%"))
 * }</pre>
 *
 * Set {@link #between} (required); everything else has a default (see {@link MediumBuilder}
 * and {@link Link} for automatic addresses).
 */
public final class LinkBuilder extends MediumBuilder<LinkBuilder> {

    final Slot<List<Token>> between = new Slot<>();
    /** Two addresses, or an empty list for "none". */
    final Slot<List<Token>> addresses = new Slot<>();

    LinkBuilder() {
    }

    @Override
    LinkBuilder self() {
        return this;
    }

    /** The two nodes the link joins (required); the link is called "a-b". */
    public LinkBuilder between(String a, String b) {
        return between(Token.api(a), Token.api(b), Location.api());
    }

    /** {@link #between(String, String)} for loaders: each node's location and the list's. */
    public LinkBuilder between(Token a, Token b, Location where) {
        between.set(List.of(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")), where);
        return this;
    }

    /**
     * The address of each end with its prefix length, in {@link #between} order, e.g.
     * {@code addresses("10.0.1.1/24", "10.0.1.2/24")}: both in one subnet, different, and (up to
     * /30) neither the subnet's network nor its broadcast address.
     */
    public LinkBuilder addresses(String a, String b) {
        return addresses(Token.api(a), Token.api(b), Location.api());
    }

    public LinkBuilder addresses(Token a, Token b, Location where) {
        addresses.set(List.of(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")), where);
        return this;
    }

    /** The devices come up without addresses ({@code addresses: none}). */
    public LinkBuilder noAddresses() {
        return noAddresses(Location.api());
    }

    public LinkBuilder noAddresses(Location where) {
        addresses.set(List.of(), where);
        return this;
    }

    /**
     * For loaders: the source gave these keys ({@code between}, {@code addresses} or a medium
     * key such as {@code rate}) but they could not be read, and the loader has reported why.
     * Validation then neither calls them missing nor checks anything that depends on them.
     */
    @Override
    public LinkBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "between" -> between;
                case "addresses" -> addresses;
                default -> mediumSlot(key);
            };
            if (slot == null) {
                throw new IllegalArgumentException("no link key '" + key + "'");
            }
            slot.reject(null, location);
        }
        return this;
    }
}
