package org.jlibos.apps.iproute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.route.Fib;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.route.RoutingRule;
import org.jlibos.kernel.route.RoutingTable;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;

/**
 * {@code ip route}: the IPv4 routing tables.
 *
 * <pre>
 * ip [-d] route [show|list] [table ID|all] [dev DEV] [proto P] [type T] [[exact] PREFIX]
 * ip route add|replace|change|append [TYPE] PREFIX [via ADDR] [dev DEV] [metric|priority N]
 *          [table ID] [src ADDR] [mtu [lock] N] [proto boot|static|kernel] [scope host|link|global] [onlink]
 * ip route del [TYPE] PREFIX [via ADDR] [dev DEV] [metric N] [table ID] [proto P]
 * ip route get [to] ADDR [from ADDR] [oif DEV]
 * ip route flush table ID|all | dev DEV
 * </pre>
 *
 * TYPE is unicast (default), local, broadcast, unreachable, blackhole, prohibit or throw;
 * TABLE is local, main, default or a number. A gateway must be reachable through a directly
 * connected route ("Error: Nexthop has invalid gateway." otherwise), as Linux checks it.
 * Routes are listed in Linux's FIB order (by destination, longer prefixes of the same
 * destination first, then by metric). {@code ip route get} prints the route Linux's output
 * lookup would use, with {@code uid 0} and the {@code cache} line; like Linux, it names the
 * table only once custom rules exist (until then local and main act as one table).
 * {@code mtu lock N} is accepted and shown as {@code mtu N}: jlibos routes have no lock flag.
 * Multipath routes, {@code iif} lookups and route caching are not supported.
 */
final class IpRoute {

    private IpRoute() {
    }

    static int run(Ip.Invocation inv, IpArgs args) throws IpException {
        if (inv.options().family == 6 || inv.options().family == -1) {
            return 0; // no IPv6 routes exist
        }
        if (!args.hasNext()) {
            return show(inv, args, false);
        }
        String cmd = args.next();
        if (IpArgs.matches(cmd, "add")) {
            return modify(inv, args, Command.ADD);
        }
        if (IpArgs.matches(cmd, "change") || cmd.equals("chg") || IpArgs.matches(cmd, "replace")) {
            return modify(inv, args, Command.REPLACE);
        }
        if (IpArgs.matches(cmd, "append")) {
            return modify(inv, args, Command.ADD);
        }
        if (IpArgs.matches(cmd, "delete")) {
            return modify(inv, args, Command.DELETE);
        }
        if (IpArgs.matches(cmd, "list") || IpArgs.matches(cmd, "show") || IpArgs.matches(cmd, "lst")) {
            return show(inv, args, false);
        }
        if (IpArgs.matches(cmd, "get")) {
            return get(inv, args);
        }
        if (IpArgs.matches(cmd, "flush")) {
            return show(inv, args, true);
        }
        throw Ip.unknownCommand(cmd, "route");
    }

    private enum Command { ADD, REPLACE, DELETE }

    /** The fields of {@code ip route add|del|replace}; null/negative means "not given". */
    private static final class Request {
        Route.Type type;
        Ipv4Prefix dst;
        int gateway;
        boolean gatewayGiven;
        String dev;
        long metric = -1;
        int table = -1;
        int prefsrc;
        int mtu;
        Route.Protocol protocol;
        Route.Scope scope;
        boolean onlink;
    }

    private static Request parse(IpArgs args) throws IpException {
        Request r = new Request();
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "src" -> r.prefsrc = IpSyntax.address(args.value());
                case "via" -> {
                    String v = args.value();
                    if (v.equals("inet")) {
                        v = args.value();
                    }
                    if (r.gatewayGiven) {
                        throw IpException.duparg("via", v);
                    }
                    r.gateway = IpSyntax.address(v);
                    r.gatewayGiven = true;
                }
                case "mtu" -> {
                    String v = args.value();
                    if (v.equals("lock")) {
                        v = args.value();
                    }
                    long n = IpSyntax.unsigned(v);
                    if (n < 0 || n > Integer.MAX_VALUE) {
                        throw IpException.invarg("\"mtu\" value is invalid\n", v);
                    }
                    r.mtu = (int) n;
                }
                case "metric", "priority", "preference" -> {
                    String v = args.value();
                    if (r.metric >= 0) {
                        throw IpException.duparg("metric", v);
                    }
                    long n = IpSyntax.unsigned(v);
                    if (n < 0 || n > Integer.MAX_VALUE) {
                        throw IpException.invarg("\"metric\" value is invalid\n", v);
                    }
                    r.metric = n;
                }
                case "scope" -> {
                    String v = args.value();
                    r.scope = switch (v) {
                        case "host" -> Route.Scope.HOST;
                        case "link" -> Route.Scope.LINK;
                        case "global", "universe" -> Route.Scope.UNIVERSE;
                        default -> throw IpException.invarg("invalid \"scope\" value\n", v);
                    };
                }
                case "dev", "oif" -> {
                    String v = args.value();
                    if (r.dev != null) {
                        throw IpException.duparg("dev", v);
                    }
                    r.dev = v;
                }
                case "table" -> {
                    String v = args.value();
                    r.table = IpSyntax.table(v);
                }
                case "proto", "protocol" -> {
                    String v = args.value();
                    r.protocol = protocol(v);
                }
                case "onlink" -> r.onlink = true;
                case "nexthop", "nhid", "encap", "tos", "dsfield", "realm", "realms", "advmss", "rtt", "rttvar",
                     "reordering", "window", "cwnd", "initcwnd", "initrwnd", "ssthresh", "hoplimit", "features",
                     "quickack", "congctl", "rto_min", "expires", "pref", "ttl-propagate", "fastopen_no_cookie",
                     "weight", "vrf", "as" -> throw IpException.unsupported("\"ip route ... " + w + "\"");
                default -> {
                    if (w.equals("to")) {
                        w = args.value();
                    }
                    Route.Type t = type(w);
                    if (t != null && (w.charAt(0) < '0' || w.charAt(0) > '9')) {
                        r.type = t;
                        w = args.value();
                    } else if (w.equals("multicast") || w.equals("nat") || w.equals("anycast") || w.equals("xresolve")) {
                        throw IpException.unsupported("route type \"" + w + "\"");
                    }
                    if (IpArgs.matches(w, "help")) {
                        throw usage();
                    }
                    if (r.dst != null) {
                        throw IpException.duparg2("to", w);
                    }
                    r.dst = IpSyntax.prefix(w);
                }
            }
        }
        return r;
    }

    private static Route.Type type(String word) {
        for (Route.Type t : Route.Type.values()) {
            if (t.keyword.equals(word)) {
                return t;
            }
        }
        return null;
    }

    private static Route.Protocol protocol(String word) throws IpException {
        for (Route.Protocol p : Route.Protocol.values()) {
            if (p.keyword.equals(word)) {
                return p;
            }
        }
        switch (word) {
            case "2" -> {
                return Route.Protocol.KERNEL;
            }
            case "3" -> {
                return Route.Protocol.BOOT;
            }
            case "4" -> {
                return Route.Protocol.STATIC;
            }
            default -> throw IpException.invarg("\"protocol\" value is invalid\n", word);
        }
    }

    private static IpException usage() {
        return new IpException(IpException.USAGE, """
                Usage: ip route { list | flush } SELECTOR
                       ip route get ADDRESS [ from ADDRESS ] [ oif STRING ]
                       ip route { add | del | change | append | replace } ROUTE
                SELECTOR := [ table TABLE_ID ] [ proto RTPROTO ] [ type TYPE ] [ exact PREFIX ]
                ROUTE := NODE_SPEC [ INFO_SPEC ]
                NODE_SPEC := [ TYPE ] PREFIX [ table TABLE_ID ] [ proto RTPROTO ]
                             [ scope SCOPE ] [ metric METRIC ]
                INFO_SPEC := [ via ADDRESS ] [ dev STRING ] [ onlink ] OPTIONS
                OPTIONS := [ mtu NUMBER ] [ src ADDRESS ]
                TYPE := { unicast | local | broadcast | throw | unreachable | prohibit | blackhole }
                TABLE_ID := [ local | main | default | all | NUMBER ]
                SCOPE := [ host | link | global ]
                RTPROTO := [ kernel | boot | static ]""");
    }

    private static int modify(Ip.Invocation inv, IpArgs args, Command cmd) throws IpException {
        Request r = parse(args);
        if (r.dst == null) {
            throw usage();
        }
        Kernel kernel = inv.kernel();
        NetDevice dev = r.dev == null ? null : IpSyntax.device(kernel, r.dev);
        if (r.dst.network() != r.dst.address()) {
            throw IpException.extack("Invalid prefix for given prefix length.");
        }
        if (cmd == Command.DELETE) {
            return delete(kernel, r, dev);
        }
        Route.Type type = r.type == null ? Route.Type.UNICAST : r.type;
        int table = r.table >= 0 ? r.table
                : type == Route.Type.LOCAL || type == Route.Type.BROADCAST ? Route.TABLE_LOCAL : Route.TABLE_MAIN;
        Route.Scope scope = r.scope;
        if (scope == null) {
            scope = switch (type) {
                case LOCAL -> Route.Scope.HOST;
                case BROADCAST -> Route.Scope.LINK;
                case UNICAST -> r.gatewayGiven ? Route.Scope.UNIVERSE : Route.Scope.LINK;
                default -> Route.Scope.UNIVERSE;
            };
        }
        int ifindex = dev == null ? 0 : dev.ifindex();
        boolean needsNexthop = type == Route.Type.UNICAST || type == Route.Type.LOCAL || type == Route.Type.BROADCAST;
        if (needsNexthop) {
            if (r.gatewayGiven) {
                if (r.onlink) {
                    if (dev == null) {
                        throw IpException.extack("Nexthop device required for onlink.");
                    }
                } else {
                    ifindex = gatewayDevice(kernel, r.gateway, table, ifindex);
                }
            } else if (dev == null) {
                throw IpException.rtnetlink(Errno.ENODEV);
            }
        } else {
            ifindex = 0; // unreachable, blackhole, prohibit and throw routes have no nexthop
        }
        Route route = new Route(table, type, r.dst.address(), r.dst.length(), needsNexthop ? r.gateway : 0, ifindex,
                (int) Math.max(0, r.metric), scope, r.protocol == null ? Route.Protocol.BOOT : r.protocol, r.prefsrc, r.mtu);
        RoutingTable t = kernel.ipv4().fib().table(table);
        // Linux keys a route by prefix, TOS and priority, whatever its type.
        Predicate<Route> sameKey = x -> x.dst() == route.dst() && x.prefixLength() == route.prefixLength()
                && x.metric() == route.metric();
        if (cmd == Command.REPLACE) {
            t.remove(route.dst(), route.prefixLength(), sameKey);
        } else if (t.routes().stream().anyMatch(sameKey)) {
            throw IpException.rtnetlink(Errno.EEXIST);
        }
        try {
            t.add(route);
        } catch (RouteException e) {
            throw IpException.rtnetlink(e.errno());
        }
        return 0;
    }

    /**
     * {@code fib_check_nh_v4_gw}: the gateway must be on a directly connected subnet (of the
     * given device, when one is named). Returns the device to use.
     */
    private static int gatewayDevice(Kernel kernel, int gateway, int table, int ifindex) throws IpException {
        Fib fib = kernel.ipv4().fib();
        Route via = null;
        if (table != Route.TABLE_MAIN && hasTable(fib, table)) {
            via = fib.table(table).lookup(gateway);
            if (via != null && ifindex != 0 && via.ifindex() != ifindex) {
                via = null;
            }
        }
        if (via == null || !isConnected(via)) {
            via = fib.lookup(gateway, 0, 0, ifindex);
        }
        if (via == null || !isConnected(via) || kernel.ipv4().isLocalAddress(gateway)) {
            throw IpException.extack("Nexthop has invalid gateway.");
        }
        return via.ifindex();
    }

    private static boolean isConnected(Route r) {
        return r.type() == Route.Type.UNICAST && r.gateway() == 0 && r.scope() != Route.Scope.UNIVERSE;
    }

    private static int delete(Kernel kernel, Request r, NetDevice dev) throws IpException {
        int table = r.table >= 0 ? r.table
                : r.type == Route.Type.LOCAL || r.type == Route.Type.BROADCAST ? Route.TABLE_LOCAL : Route.TABLE_MAIN;
        Fib fib = kernel.ipv4().fib();
        if (!hasTable(fib, table)) {
            throw new IpException(IpException.KERNEL, "RTNETLINK answers: No such process");
        }
        Route removed = fib.table(table).remove(r.dst.address(), r.dst.length(), x ->
                (r.metric < 0 || x.metric() == r.metric)
                        && (r.type == null || x.type() == r.type)
                        && (!r.gatewayGiven || x.gateway() == r.gateway)
                        && (dev == null || x.ifindex() == dev.ifindex())
                        && (r.protocol == null || x.protocol() == r.protocol)
                        && (r.scope == null || x.scope() == r.scope));
        if (removed == null) {
            throw new IpException(IpException.KERNEL, "RTNETLINK answers: No such process");
        }
        return 0;
    }

    /** Tables that exist as far as netlink is concerned; jlibos creates "default" up front, Linux on first use. */
    static boolean hasTable(Fib fib, int id) {
        for (RoutingTable t : fib.tables()) {
            if (t.id() == id) {
                return id != Route.TABLE_DEFAULT || t.size() > 0;
            }
        }
        return false;
    }

    // ---- show and flush ----------------------------------------------------------------------

    private static int show(Ip.Invocation inv, IpArgs args, boolean flush) throws IpException {
        if (flush && !args.hasNext()) {
            throw new IpException(IpException.BAD_INPUT, "\"ip route flush\" requires arguments.");
        }
        int table = Route.TABLE_MAIN;
        boolean all = false;
        String devName = null;
        Ipv4Prefix exact = null;
        Route.Protocol protocol = null;
        Route.Type type = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "table" -> {
                    String v = args.value();
                    if (v.equals("all") || v.equals("0")) {
                        all = true;
                    } else if (v.equals("cache")) {
                        throw IpException.unsupported("the route cache");
                    } else {
                        table = IpSyntax.table(v);
                    }
                }
                case "dev", "oif" -> devName = args.value();
                case "proto", "protocol" -> protocol = protocol(args.value());
                case "type" -> {
                    String v = args.value();
                    type = type(v);
                    if (type == null) {
                        throw IpException.invarg("node type value is invalid\n", v);
                    }
                }
                case "root", "match", "from", "src", "via", "scope", "tos", "iif", "vrf", "cache", "cloned" ->
                        throw IpException.unsupported("\"ip route show " + w + "\"");
                default -> {
                    if (w.equals("exact") || w.equals("to")) {
                        w = args.value();
                    }
                    if (IpArgs.matches(w, "help")) {
                        throw usage();
                    }
                    exact = IpSyntax.prefix(w);
                }
            }
        }
        Kernel kernel = inv.kernel();
        NetDevice dev = devName == null ? null : IpSyntax.device(kernel, devName);
        Fib fib = kernel.ipv4().fib();
        if (!all && !hasTable(fib, table)) {
            throw new IpException(IpException.KERNEL, "Error: ipv4: FIB table does not exist.\nDump terminated");
        }
        List<RoutingTable> tables = new ArrayList<>();
        for (RoutingTable t : fib.tables()) {
            if (all ? hasTable(fib, t.id()) : t.id() == table) {
                tables.add(t);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (RoutingTable t : tables) {
            for (Route r : fibOrder(t.routes())) {
                if ((dev != null && r.ifindex() != dev.ifindex()) || (protocol != null && r.protocol() != protocol)
                        || (type != null && r.type() != type)
                        || (exact != null && (r.dst() != exact.network() || r.prefixLength() != exact.length()))) {
                    continue;
                }
                if (flush) {
                    Route victim = r;
                    t.remove(r.dst(), r.prefixLength(), x -> x == victim);
                } else {
                    format(sb, kernel, r, dev != null, all, inv.options().details > 0);
                }
            }
        }
        inv.out().print(sb);
        return 0;
    }

    /** Linux's FIB dump order: by destination, the longer prefix first for equal keys, then metric. */
    static List<Route> fibOrder(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingLong((Route r) -> Integer.toUnsignedLong(r.dst()))
                .thenComparing(Comparator.comparingInt(Route::prefixLength).reversed())
                .thenComparingInt(Route::metric));
        return sorted;
    }

    /** One line of {@code ip route show}, as iproute2's print_route writes it. */
    static void format(StringBuilder sb, Kernel kernel, Route r, boolean devFiltered, boolean showTable, boolean details) {
        if (r.type() != Route.Type.UNICAST || details) {
            sb.append(r.type().keyword).append(' ');
        }
        sb.append(IpNames.prefix(r.dst(), r.prefixLength())).append(' ');
        if (r.gateway() != 0) {
            sb.append("via ").append(Ipv4Address.format(r.gateway())).append(' ');
        }
        NetDevice dev = r.ifindex() == 0 ? null : kernel.device(r.ifindex());
        if (dev != null && !devFiltered) {
            sb.append("dev ").append(dev.name()).append(' ');
        }
        if (showTable && r.table() != Route.TABLE_MAIN) {
            sb.append("table ").append(IpNames.table(r.table())).append(' ');
        }
        if (r.protocol() != Route.Protocol.BOOT || details) {
            sb.append("proto ").append(r.protocol().keyword).append(' ');
        }
        if (r.scope() != Route.Scope.UNIVERSE || details) {
            sb.append("scope ").append(r.scope().keyword).append(' ');
        }
        if (r.prefsrc() != 0) {
            sb.append("src ").append(Ipv4Address.format(r.prefsrc())).append(' ');
        }
        if (r.metric() != 0) {
            sb.append("metric ").append(Integer.toUnsignedString(r.metric())).append(' ');
        }
        if (dev != null && !dev.isRunning() && r.type() != Route.Type.LOCAL) {
            sb.append("linkdown ");
        }
        if (r.mtu() != 0) {
            sb.append("mtu ").append(r.mtu()).append(' ');
        }
        sb.append('\n');
    }

    // ---- get -------------------------------------------------------------------------------

    private static int get(Ip.Invocation inv, IpArgs args) throws IpException {
        Integer dst = null;
        int src = 0;
        boolean srcGiven = false;
        String oifName = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "from" -> {
                    Ipv4Prefix p = IpSyntax.prefix(args.value());
                    src = p.address();
                    srcGiven = true;
                }
                case "oif", "dev" -> oifName = args.value();
                case "iif", "tos", "dsfield", "mark", "vrf", "uid", "ipproto", "sport", "dport", "fibmatch", "connected" ->
                        throw IpException.unsupported("\"ip route get " + w + "\"");
                default -> {
                    if (w.equals("to")) {
                        w = args.value();
                    }
                    if (IpArgs.matches(w, "help")) {
                        throw usage();
                    }
                    if (dst != null) {
                        throw IpException.duparg2("to", w);
                    }
                    dst = IpSyntax.prefix(w).address();
                }
            }
        }
        if (dst == null) {
            throw new IpException(IpException.BAD_INPUT, "need at least a destination address");
        }
        Kernel kernel = inv.kernel();
        NetDevice oif = oifName == null ? null : IpSyntax.device(kernel, oifName);
        Fib fib = kernel.ipv4().fib();
        Route r = fib.lookup(dst, src, 0, oif == null ? 0 : oif.ifindex());
        if (r == null) {
            throw IpException.rtnetlink(Errno.ENETUNREACH);
        }
        switch (r.type()) {
            case UNREACHABLE -> throw IpException.rtnetlink(Errno.EHOSTUNREACH);
            case PROHIBIT -> throw IpException.rtnetlink(Errno.EACCES);
            case BLACKHOLE -> throw IpException.rtnetlink(Errno.EINVAL);
            case THROW -> throw IpException.rtnetlink(Errno.EAGAIN);
            default -> { }
        }
        StringBuilder sb = new StringBuilder();
        boolean local = r.type() == Route.Type.LOCAL;
        if (local || r.type() == Route.Type.BROADCAST) {
            sb.append(r.type().keyword).append(' ');
        }
        sb.append(Ipv4Address.format(dst)).append(' ');
        if (srcGiven) {
            sb.append("from ").append(Ipv4Address.format(src)).append(' ');
        }
        if (r.gateway() != 0 && !local) {
            sb.append("via ").append(Ipv4Address.format(r.gateway())).append(' ');
        }
        NetDevice dev = local ? kernel.device(1) : kernel.device(r.ifindex());
        if (dev != null) {
            sb.append("dev ").append(dev.name()).append(' ');
        }
        if (hasCustomRules(fib) && r.table() != Route.TABLE_MAIN) {
            sb.append("table ").append(IpNames.table(r.table())).append(' ');
        }
        if (!srcGiven) {
            int source = local ? (r.prefsrc() != 0 ? r.prefsrc() : dst) : kernel.ipv4().sourceFor(r, dst);
            sb.append("src ").append(Ipv4Address.format(source)).append(' ');
        }
        sb.append("uid 0 \n    cache ");
        if (local) {
            sb.append("<local> ");
        } else if (r.type() == Route.Type.BROADCAST) {
            sb.append("<local,brd> ");
        }
        if (r.mtu() != 0) {
            sb.append("mtu ").append(r.mtu()).append(' ');
        }
        inv.out().print(sb.append('\n'));
        return 0;
    }

    /** False while only Linux's three default rules exist (then local and main are merged). */
    static boolean hasCustomRules(Fib fib) {
        List<RoutingRule> rules = fib.rules();
        return !(rules.size() == 3
                && rules.get(0).equals(RoutingRule.lookup(0, Route.TABLE_LOCAL))
                && rules.get(1).equals(RoutingRule.lookup(32766, Route.TABLE_MAIN))
                && rules.get(2).equals(RoutingRule.lookup(32767, Route.TABLE_DEFAULT)));
    }
}
