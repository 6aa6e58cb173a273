package org.jlibos.kernel.route;

/**
 * One IPv4 route, as {@code ip route} shows it. Immutable and shared: a lookup returns the
 * route itself, so the packet path never allocates for routing.
 *
 * @param table        routing table id (255 local, 254 main, 253 default)
 * @param type         what to do with matching packets
 * @param dst          destination network (host byte order int)
 * @param prefixLength 0..32
 * @param gateway      next hop, 0 for directly connected
 * @param ifindex      output device, 0 when none (unreachable, blackhole, prohibit)
 * @param metric       lower wins among routes to the same prefix
 * @param scope        Linux route scope
 * @param protocol     who installed it (kernel, boot, static)
 * @param prefsrc      preferred source address, 0 when none
 * @param mtu          route MTU lock, 0 when none
 */
public record Route(int table, Type type, int dst, int prefixLength, int gateway, int ifindex, int metric,
                    Scope scope, Protocol protocol, int prefsrc, int mtu) {

    public enum Type {
        UNICAST("unicast"), LOCAL("local"), BROADCAST("broadcast"), UNREACHABLE("unreachable"),
        BLACKHOLE("blackhole"), PROHIBIT("prohibit"), THROW("throw");

        public final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }
    }

    public enum Scope {
        UNIVERSE("global", 0), LINK("link", 253), HOST("host", 254);

        public final String keyword;
        public final int value;

        Scope(String keyword, int value) {
            this.keyword = keyword;
            this.value = value;
        }
    }

    public enum Protocol {
        KERNEL("kernel"), BOOT("boot"), STATIC("static");

        public final String keyword;

        Protocol(String keyword) {
            this.keyword = keyword;
        }
    }

    public static final int TABLE_LOCAL = 255;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_DEFAULT = 253;

    public Route {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        dst &= mask(prefixLength);
    }

    /** The netmask of a prefix length, as an int. */
    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public boolean matches(int address) {
        return (address & mask(prefixLength)) == dst;
    }

    /** Same key as {@code ip route del} matches on: table, prefix, type, metric. */
    boolean sameKey(Route o) {
        return table == o.table && dst == o.dst && prefixLength == o.prefixLength && metric == o.metric && type == o.type;
    }

    public Route withTable(int newTable) {
        return new Route(newTable, type, dst, prefixLength, gateway, ifindex, metric, scope, protocol, prefsrc, mtu);
    }
}
