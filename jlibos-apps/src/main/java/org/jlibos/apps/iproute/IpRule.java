package org.jlibos.apps.iproute;

import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.route.Fib;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.route.RoutingRule;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.wire.Ipv4Prefix;

/**
 * {@code ip rule}: the policy routing rules.
 *
 * <pre>
 * ip rule [show|list]
 * ip rule add|del [from PREFIX|all] [to PREFIX|all] [iif|dev DEV] [oif DEV]
 *                 [priority|pref|order N] [table|lookup ID | unreachable | blackhole | prohibit]
 * ip rule flush
 * </pre>
 *
 * A rule added without a priority gets the one Linux picks ({@code fib_default_rule_pref}):
 * one less than the priority of the second rule in the list, so the first such rule gets
 * 32765, the next 32764, and so on. A rule without an action looks up table main. Deleting
 * matches the first rule that agrees with every selector given. {@code flush} removes every
 * rule but priority 0, as Linux does (main and default included). Differences: source and
 * destination prefixes are stored without host bits, and {@code iif}/{@code oif} must name
 * an existing device (Linux also accepts a name that does not exist yet).
 */
final class IpRule {

    private IpRule() {
    }

    static int run(Ip.Invocation inv, IpArgs args) throws IpException {
        if (inv.options().family == 6) {
            return 0;
        }
        if (!args.hasNext()) {
            return show(inv);
        }
        String cmd = args.next();
        if (IpArgs.matches(cmd, "add")) {
            return modify(inv, args, cmd, true);
        }
        if (IpArgs.matches(cmd, "delete")) {
            return modify(inv, args, cmd, false);
        }
        if (IpArgs.matches(cmd, "list") || IpArgs.matches(cmd, "show") || IpArgs.matches(cmd, "lst")) {
            if (args.hasNext()) {
                throw IpException.unsupported("selectors in \"ip rule show\"");
            }
            return show(inv);
        }
        if (IpArgs.matches(cmd, "flush")) {
            return flush(inv);
        }
        throw Ip.unknownCommand(cmd, "rule");
    }

    private static int modify(Ip.Invocation inv, IpArgs args, String cmd, boolean add) throws IpException {
        if (!args.hasNext()) {
            throw new IpException(IpException.BAD_INPUT, "\"ip rule " + cmd + "\" requires arguments.");
        }
        Kernel kernel = inv.kernel();
        Ipv4Prefix from = null;
        Ipv4Prefix to = null;
        String iif = null;
        String oif = null;
        long priority = -1;
        int table = -1;
        RoutingRule.Action action = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("from")) {
                from = IpSyntax.prefix(args.value());
            } else if (w.equals("to")) {
                to = IpSyntax.prefix(args.value());
            } else if (w.equals("dev") || w.equals("iif")) {
                iif = args.value();
            } else if (w.equals("oif")) {
                oif = args.value();
            } else if (IpArgs.matches(w, "preference") || IpArgs.matches(w, "order") || IpArgs.matches(w, "priority")) {
                String v = args.value();
                priority = IpSyntax.unsigned(v);
                if (priority < 0) {
                    throw IpException.invarg("preference value is invalid\n", v);
                }
            } else if (IpArgs.matches(w, "table") || w.equals("lookup")) {
                table = IpSyntax.table(args.value());
                action = RoutingRule.Action.LOOKUP;
            } else if (w.equals("not") || w.equals("fwmark") || IpArgs.matches(w, "realms") || w.equals("tos")
                    || w.equals("dsfield") || w.equals("suppress_prefixlength") || w.equals("suppress_ifgroup")
                    || w.equals("goto") || w.equals("nop") || w.equals("uidrange") || w.equals("ipproto")
                    || w.equals("sport") || w.equals("dport") || w.equals("l3mdev") || w.equals("protocol")
                    || w.equals("nat") || w.equals("map-to")) {
                throw IpException.unsupported("\"ip rule ... " + w + "\"");
            } else {
                if (w.equals("type")) {
                    w = args.value();
                }
                if (IpArgs.matches(w, "help")) {
                    throw new IpException(IpException.USAGE, "Usage: ip rule { add | del } SELECTOR ACTION\n"
                            + "       ip rule { flush | list }\n"
                            + "SELECTOR := [ from PREFIX ] [ to PREFIX ] [ iif STRING ] [ oif STRING ] [ pref NUMBER ]\n"
                            + "ACTION := [ table TABLE_ID ] | [ unreachable | blackhole | prohibit ]");
                }
                action = switch (w) {
                    case "unicast" -> RoutingRule.Action.LOOKUP;
                    case "unreachable" -> RoutingRule.Action.UNREACHABLE;
                    case "blackhole" -> RoutingRule.Action.BLACKHOLE;
                    case "prohibit" -> RoutingRule.Action.PROHIBIT;
                    default -> throw IpException.invarg("Failed to parse rule type", w);
                };
            }
        }
        NetDevice iifDev = iif == null ? null : IpSyntax.device(kernel, iif);
        NetDevice oifDev = oif == null ? null : IpSyntax.device(kernel, oif);
        Fib fib = kernel.ipv4().fib();
        if (!add) {
            return delete(fib, from, to, iifDev, oifDev, priority, table, action);
        }
        if (action == null) {
            action = RoutingRule.Action.LOOKUP;
        }
        if (action == RoutingRule.Action.LOOKUP && table < 0) {
            table = Route.TABLE_MAIN;
        }
        if (priority < 0) {
            priority = defaultPriority(fib.rules());
        }
        RoutingRule rule = new RoutingRule((int) priority, from == null ? 0 : from.address(), from == null ? 0 : from.length(),
                to == null ? 0 : to.address(), to == null ? 0 : to.length(),
                iifDev == null ? 0 : iifDev.ifindex(), oifDev == null ? 0 : oifDev.ifindex(),
                action, action == RoutingRule.Action.LOOKUP ? table : 0);
        try {
            fib.addRule(rule);
        } catch (RouteException e) {
            throw IpException.rtnetlink(e.errno());
        }
        return 0;
    }

    /** {@code fib_default_rule_pref}: the second rule's priority minus one, or 0. */
    static int defaultPriority(List<RoutingRule> rules) {
        if (rules.size() >= 2 && rules.get(1).priority() != 0) {
            return rules.get(1).priority() - 1;
        }
        return 0;
    }

    private static int delete(Fib fib, Ipv4Prefix from, Ipv4Prefix to, NetDevice iif, NetDevice oif, long priority,
                              int table, RoutingRule.Action action) throws IpException {
        for (RoutingRule r : fib.rules()) {
            if ((priority < 0 || r.priority() == priority)
                    && (from == null || (r.fromLength() == from.length() && r.from() == from.network()))
                    && (to == null || (r.toLength() == to.length() && r.to() == to.network()))
                    && (iif == null || r.iif() == iif.ifindex())
                    && (oif == null || r.oif() == oif.ifindex())
                    && (table < 0 || r.table() == table)
                    && (action == null || r.action() == action)) {
                try {
                    fib.removeRule(r);
                } catch (RouteException e) {
                    throw IpException.rtnetlink(e.errno());
                }
                return 0;
            }
        }
        throw IpException.rtnetlink(Errno.ENOENT);
    }

    private static int flush(Ip.Invocation inv) throws IpException {
        Fib fib = inv.kernel().ipv4().fib();
        for (RoutingRule r : List.copyOf(fib.rules())) {
            if (r.priority() != 0) {
                try {
                    fib.removeRule(r);
                } catch (RouteException e) {
                    throw IpException.rtnetlink(e.errno());
                }
            }
        }
        return 0;
    }

    private static int show(Ip.Invocation inv) {
        Kernel kernel = inv.kernel();
        StringBuilder sb = new StringBuilder();
        for (RoutingRule r : kernel.ipv4().fib().rules()) {
            sb.append(Integer.toUnsignedString(r.priority())).append(":\tfrom ");
            sb.append(r.fromLength() == 0 ? "all" : IpNames.prefix(r.from(), r.fromLength()));
            if (r.toLength() != 0) {
                sb.append(" to ").append(IpNames.prefix(r.to(), r.toLength()));
            }
            if (r.iif() != 0) {
                sb.append(" iif ").append(deviceName(kernel, r.iif()));
            }
            if (r.oif() != 0) {
                sb.append(" oif ").append(deviceName(kernel, r.oif()));
            }
            if (r.action() == RoutingRule.Action.LOOKUP) {
                sb.append(" lookup ").append(IpNames.table(r.table()));
            } else {
                sb.append(' ').append(r.action().keyword);
            }
            sb.append('\n');
        }
        inv.out().print(sb);
        return 0;
    }

    private static String deviceName(Kernel kernel, int ifindex) {
        NetDevice d = kernel.device(ifindex);
        return d == null ? "if" + ifindex + " [detached]" : d.name();
    }
}
