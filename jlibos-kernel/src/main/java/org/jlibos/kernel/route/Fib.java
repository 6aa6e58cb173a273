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
    /** The table each rule of {@link #ruleArray} looks up (null for verdict rules or absent tables). */
    private RoutingTable[] ruleTables;
    private final RoutingTable local;
    private final RoutingTable main;
    private RouteResolver resolver;

    /** Result types for rules that end a lookup without a table. */
    private static final Route UNREACHABLE = special(Route.Type.UNREACHABLE);
    private static final Route BLACKHOLE = special(Route.Type.BLACKHOLE);
    private static final Route PROHIBIT = special(Route.Type.PROHIBIT);

    public Fib() {
        local = table(Route.TABLE_LOCAL);
        main = table(Route.TABLE_MAIN);
        table(Route.TABLE_DEFAULT);
        rules.add(RoutingRule.lookup(0, Route.TABLE_LOCAL));
        rules.add(RoutingRule.lookup(32766, Route.TABLE_MAIN));
        rules.add(RoutingRule.lookup(32767, Route.TABLE_DEFAULT));
        rulesChanged();
    }

    /**
     * Resolves each rule's table once, so a lookup walks two arrays instead of searching the
     * table map (with a boxed id) for every rule of every packet.
     */
    private void rulesChanged() {
        ruleArray = rules.toArray(RoutingRule[]::new);
        ruleTables = new RoutingTable[ruleArray.length];
        for (int i = 0; i < ruleArray.length; i++) {
            if (ruleArray[i].action() == RoutingRule.Action.LOOKUP) {
                ruleTables[i] = tables.get(ruleArray[i].table());
            }
        }
    }

    private static Route special(Route.Type type) {
        return new Route(0, type, 0, 0, 0, 0, 0, Route.Scope.UNIVERSE, Route.Protocol.BOOT, 0, 0);
    }

    /** The table with {@code id}, created on first use (as {@code ip route add table N} does). */
    public RoutingTable table(int id) {
        RoutingTable t = tables.get(id);
        if (t == null) {
            t = new RoutingTable(id);
            tables.put(id, t);
            if (ruleArray != null) {
                rulesChanged(); // a rule may have been waiting for this table
            }
        }
        return t;
    }

    public RoutingTable main() {
        return main;
    }

    public RoutingTable local() {
        return local;
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
        RoutingTable[] ts = ruleTables;
        for (int i = 0; i < rs.length; i++) {
            RoutingRule rule = rs[i];
            if (!rule.matches(src, dst, iif, oif)) {
                continue;
            }
            switch (rule.action()) {
                case LOOKUP -> {
                    RoutingTable t = ts[i];
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
        rulesChanged();
    }

    public void removeRule(RoutingRule rule) throws RouteException {
        if (!rules.remove(rule)) {
            throw new RouteException(Errno.ENOENT, "RTNETLINK answers: No such file or directory");
        }
        rulesChanged();
    }

    /** Rules in priority order. */
    public List<RoutingRule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
