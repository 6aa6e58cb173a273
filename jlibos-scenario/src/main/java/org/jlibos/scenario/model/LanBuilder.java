package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;

/**
 * One Ethernet LAN, filled in by {@link ScenarioBuilder#lan(java.util.function.Consumer)}:
 *
 * <pre>{@code
 * .lan(l -> l.name("lan1").nodes("a", "b", "c").rate("1Gbps").delay("1us").subnet("10.0.5.0/24"))
 * }</pre>
 *
 * Set {@link #name} and {@link #nodes} (at least two); the cables' settings default as for a
 * link ({@link MediumBuilder}), and without a subnet the LAN gets an automatic /24.
 */
public final class LanBuilder extends MediumBuilder<LanBuilder> {

    final Slot<String> name = new Slot<>();
    final Slot<List<Token>> nodes = new Slot<>();
    /** The subnet, or null for "none". */
    final Slot<Token> subnet = new Slot<>();

    LanBuilder() {
    }

    @Override
    LanBuilder self() {
        return this;
    }

    /** The LAN's name, unique among LANs (required). */
    public LanBuilder name(String name) {
        return name(name, Location.api());
    }

    public LanBuilder name(String name, Location where) {
        this.name.set(Objects.requireNonNull(name, "name"), where);
        return this;
    }

    /** The member nodes, at least two, each once (required). */
    public LanBuilder nodes(String... nodes) {
        return nodes(Token.api(List.of(nodes)), Location.api());
    }

    public LanBuilder nodes(List<Token> nodes, Location where) {
        this.nodes.set(List.copyOf(nodes), where);
        return this;
    }

    /** The LAN's subnet, e.g. {@code 10.0.5.0/24}: members get .1, .2, ... in order. */
    public LanBuilder subnet(String subnet) {
        return subnet(Token.api(subnet), Location.api());
    }

    public LanBuilder subnet(Token subnet, Location where) {
        this.subnet.set(Objects.requireNonNull(subnet, "subnet"), where);
        return this;
    }

    /** The members' devices come up without addresses ({@code subnet: none}). */
    public LanBuilder noSubnet() {
        return noSubnet(Location.api());
    }

    public LanBuilder noSubnet(Location where) {
        subnet.set(null, where);
        return this;
    }

    /** For loaders, like {@link LinkBuilder#invalid}: keys {@code name}, {@code nodes}, {@code subnet} or medium keys. */
    @Override
    public LanBuilder invalid(String... keys) {
        for (String key : keys) {
            Slot<?> slot = switch (key) {
                case "name" -> name;
                case "nodes" -> nodes;
                case "subnet" -> subnet;
                default -> mediumSlot(key);
            };
            if (slot == null) {
                throw new IllegalArgumentException("no LAN key '" + key + "'");
            }
            slot.reject(null, location);
        }
        return this;
    }
}
