package org.jlibos.kernel.route;

/**
 * A policy routing rule ({@code ip rule}): packets matching the selectors are looked up in
 * {@code table}, or get the rule's verdict (unreachable, blackhole, prohibit).
 *
 * @param from/fromLength  source prefix (length 0 = all)
 * @param to/toLength      destination prefix (length 0 = all)
 * @param iif              input device ifindex, 0 = any
 * @param oif              output device ifindex, 0 = any
 */
public record RoutingRule(int priority, int from, int fromLength, int to, int toLength, int iif, int oif,
                          Action action, int table) {

    public enum Action {
        LOOKUP("lookup"), UNREACHABLE("unreachable"), BLACKHOLE("blackhole"), PROHIBIT("prohibit");

        public final String keyword;

        Action(String keyword) {
            this.keyword = keyword;
        }
    }

    public RoutingRule {
        from &= Route.mask(fromLength);
        to &= Route.mask(toLength);
    }

    public static RoutingRule lookup(int priority, int table) {
        return new RoutingRule(priority, 0, 0, 0, 0, 0, 0, Action.LOOKUP, table);
    }

    boolean matches(int src, int dst, int inIfindex, int outIfindex) {
        return (src & Route.mask(fromLength)) == from
                && (dst & Route.mask(toLength)) == to
                && (iif == 0 || iif == inIfindex)
                && (oif == 0 || oif == outIfindex);
    }
}
