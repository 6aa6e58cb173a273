package org.jlibos.kernel.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import org.jlibos.kernel.socket.Errno;

/**
 * The IPv4 forwarding information base: routing tables and the policy rules that choose among
 * them (Linux's FIB rules). Starts as Linux does, with tables local (255), main (254) and
 * default (253) and the rules {@code 0: lookup local}, {@code 32766: lookup main},
 * {@code 32767: lookup default}.
 */
public final class Fib {

    private final TreeMap<Integer, RoutingTable> tables = new TreeMap<>();
    private final List<RoutingRule> rules = new ArrayList<>();
    private RoutingRule[] ruleArray;
    private RouteResolver resolver;

    /** Result types for rules that end a lookup without a table. */
    private static final Route UNREACHABLE = special(Route.Type.UNREACHABLE);
    private static final Route BLACKHOLE = special(Route.Type.BLACKHOLE);
    private static final Route PROHIBIT = special(Route.Type.PROHIBIT);

    public Fib() {
        table(Route.TABLE_LOCAL);
        table(Route.TABLE_MAIN);
        table(Route.TABLE_DEFAULT);
        rules.add(RoutingRule.lookup(0, Route.TABLE_LOCAL));
        rules.add(RoutingRule.lookup(32766, Route.TABLE_MAIN));
        rules.add(RoutingRule.lookup(32767, Route.TABLE_DEFAULT));
        ruleArray = rules.toArray(RoutingRule[]::new);
    }

    private static Route special(Route.Type type) {
        return new Route(0, type, 0, 0, 0, 0, 0, Route.Scope.UNIVERSE, Route.Protocol.BOOT, 0, 0);
    }

    /** The table with {@code id}, created on first use (as {@code ip route add table N} does). */
    public RoutingTable table(int id) {
        return tables.computeIfAbsent(id, RoutingTable::new);
    }

    public RoutingTable main() {
        return table(Route.TABLE_MAIN);
    }

    public RoutingTable local() {
        return table(Route.TABLE_LOCAL);
    }

    /** Tables in id order. */
    public List<RoutingTable> tables() {
        return List.copyOf(tables.values());
    }

    public void setResolver(RouteResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Route lookup ({@code fib_lookup}): rules in priority order; the first table with a
     * matching route that is not a {@code throw} route answers. Null means no route
     * (ENETUNREACH), unless the resolver supplies one.
     *
     * @param iif input device for forwarded packets, 0 for locally generated ones
     * @param oif output device a socket is bound to, 0 for none
     */
    public Route lookup(int dst, int src, int iif, int oif) {
        RoutingRule[] rs = ruleArray;
        for (RoutingRule rule : rs) {
            if (!rule.matches(src, dst, iif, oif)) {
                continue;
            }
            switch (rule.action()) {
                case LOOKUP -> {
                    RoutingTable t = tables.get(rule.table());
                    Route r = t == null ? null : t.lookup(dst);
                    if (r != null && r.type() != Route.Type.THROW && (oif == 0 || r.ifindex() == oif || r.ifindex() == 0)) {
                        return r;
                    }
                }
                case UNREACHABLE -> {
                    return UNREACHABLE;
                }
                case BLACKHOLE -> {
                    return BLACKHOLE;
                }
                case PROHIBIT -> {
                    return PROHIBIT;
                }
            }
        }
        if (resolver != null) {
            Route r = resolver.resolve(dst);
            if (r != null) {
                main().replace(r.withTable(Route.TABLE_MAIN));
                return r;
            }
        }
        return null;
    }

    public void addRule(RoutingRule rule) throws RouteException {
        for (RoutingRule r : rules) {
            if (r.equals(rule)) {
                throw new RouteException(Errno.EEXIST, "RTNETLINK answers: File exists");
            }
        }
        int i = 0;
        while (i < rules.size() && rules.get(i).priority() <= rule.priority()) {
            i++;
        }
        rules.add(i, rule);
        ruleArray = rules.toArray(RoutingRule[]::new);
    }

    public void removeRule(RoutingRule rule) throws RouteException {
        if (!rules.remove(rule)) {
            throw new RouteException(Errno.ENOENT, "RTNETLINK answers: No such file or directory");
        }
        ruleArray = rules.toArray(RoutingRule[]::new);
    }

    /** Rules in priority order. */
    public List<RoutingRule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
