package org.jlibos.apps.iproute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ipv4.InterfaceAddress;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;

/**
 * {@code ip address}: IPv4 addresses of the devices.
 *
 * <pre>
 * ip [-4] [-s] [-br] addr [show|list|lst] [[dev] DEV]
 * ip addr add ADDR[/LEN] [brd ADDR|+|-] dev DEV      (also "local ADDR", "broadcast")
 * ip addr del ADDR[/LEN] dev DEV                     (no /LEN: iproute2's wildcard deletion, with its warning)
 * ip [-s] addr flush dev DEV
 * </pre>
 *
 * As in Linux, an address added without {@code brd} has no broadcast address of its own
 * ({@code ip addr} shows none) but its subnet broadcast route is still installed in table
 * local; {@code brd +} sets the subnet broadcast. Primary addresses are listed before
 * secondary ones, host-scope primaries first, as Linux orders its address list. Lifetimes are
 * always "forever".
 */
final class IpAddress {

    private IpAddress() {
    }

    static int run(Ip.Invocation inv, IpArgs args) throws IpException {
        if (!args.hasNext()) {
            return show(inv, args);
        }
        String cmd = args.next();
        if (IpArgs.matches(cmd, "add")) {
            return add(inv, args);
        }
        if (IpArgs.matches(cmd, "delete")) {
            return delete(inv, args);
        }
        if (IpArgs.matches(cmd, "list") || IpArgs.matches(cmd, "show") || IpArgs.matches(cmd, "lst")) {
            return show(inv, args);
        }
        if (IpArgs.matches(cmd, "flush")) {
            return flush(inv, args);
        }
        if (cmd.equals("change") || cmd.equals("replace")) {
            throw IpException.unsupported("\"ip address " + cmd + "\"");
        }
        throw new IpException(IpException.USAGE, "Command \"" + cmd + "\" is unknown, try \"ip address help\".");
    }

    /** What {@code ip addr add|del} was given. */
    private static final class Request {
        String dev;
        Ipv4Prefix local;
        boolean explicitLength;
        /** 0: none, -1: "+", -2: "-", else the address (with brdGiven). */
        int broadcast;
        boolean brdGiven;
    }

    private static Request parse(IpArgs args) throws IpException {
        Request r = new Request();
        while (args.hasNext()) {
            String w = args.next();
            if (IpArgs.matches(w, "broadcast") || w.equals("brd")) {
                String v = args.value();
                if (r.brdGiven) {
                    throw IpException.duparg("broadcast", v);
                }
                r.brdGiven = true;
                if (v.equals("+")) {
                    r.broadcast = -1;
                } else if (v.equals("-")) {
                    r.broadcast = -2;
                } else {
                    r.broadcast = IpSyntax.address(v);
                }
            } else if (w.equals("dev")) {
                r.dev = args.value();
            } else if (w.equals("peer") || w.equals("remote") || w.equals("anycast") || w.equals("scope")
                    || w.equals("label") || IpArgs.matches(w, "valid_lft") || IpArgs.matches(w, "preferred_lft")
                    || IpArgs.matches(w, "metric") || w.equals("noprefixroute")) {
                throw IpException.unsupported("\"ip address " + w + "\"");
            } else {
                if (w.equals("local")) {
                    w = args.value();
                }
                if (r.local != null) {
                    throw IpException.duparg2("local", w);
                }
                r.local = IpSyntax.prefix(w);
                r.explicitLength = w.indexOf('/') >= 0;
            }
        }
        return r;
    }

    private static int add(Ip.Invocation inv, IpArgs args) throws IpException {
        Request r = parse(args);
        if (r.dev == null) {
            throw new IpException(IpException.BAD_INPUT, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice dev = IpSyntax.device(inv.kernel(), r.dev);
        if (r.local == null) {
            throw IpException.rtnetlink(Errno.EOPNOTSUPP);
        }
        int address = r.local.address();
        int length = r.local.length();
        int broadcast = switch (r.broadcast) {
            case -1 -> length >= 31 ? 0 : Ipv4Address.broadcast(address, length);
            case -2 -> length >= 31 ? 0 : Ipv4Address.network(address, length);
            default -> r.broadcast;
        };
        try {
            // The kernel installs the subnet broadcast route itself (fib_add_ifaddr), brd or not.
            inv.kernel().ipv4().addAddress(dev, address, length, broadcast);
        } catch (RouteException e) {
            if (e.errno() == Errno.EEXIST) {
                throw IpException.extack("ipv4: Address already assigned.");
            }
            throw IpException.rtnetlink(e.errno());
        }
        return 0;
    }

    private static int delete(Ip.Invocation inv, IpArgs args) throws IpException {
        Request r = parse(args);
        if (r.dev == null) {
            throw new IpException(IpException.BAD_INPUT, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice dev = IpSyntax.device(inv.kernel(), r.dev);
        if (r.local == null) {
            throw IpException.rtnetlink(Errno.EOPNOTSUPP);
        }
        if (!r.explicitLength) {
            inv.err().println("Warning: Executing wildcard deletion to stay compatible with old scripts.");
            inv.err().println("         Explicitly specify the prefix length (" + Ipv4Address.format(r.local.address())
                    + "/32) to avoid this warning.");
            inv.err().println("         This special behaviour is likely to disappear in further releases,");
            inv.err().println("         fix your scripts!");
        }
        try {
            inv.kernel().ipv4().removeAddress(dev, r.local.address(), r.explicitLength ? r.local.length() : -1);
        } catch (RouteException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                throw IpException.extack("ipv4: Address not found.");
            }
            throw IpException.rtnetlink(e.errno());
        }
        return 0;
    }

    private static int flush(Ip.Invocation inv, IpArgs args) throws IpException {
        if (!args.hasNext()) {
            throw new IpException(IpException.BAD_INPUT, "Flush requires arguments.");
        }
        String dev = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                w = args.value();
            }
            if (dev != null) {
                throw IpException.duparg2("dev", w);
            }
            dev = w;
        }
        List<NetDevice> devices = IpLink.selected(inv.kernel(), dev);
        int deleted = 0;
        for (NetDevice d : devices) {
            List<InterfaceAddress> victims = ordered(inv.kernel().ipv4().addresses(d.ifindex()));
            // Secondaries first, so no primary removal has to promote or drop them.
            for (int k = victims.size() - 1; k >= 0; k--) {
                InterfaceAddress a = victims.get(k);
                try {
                    inv.kernel().ipv4().removeAddress(d, a.address(), a.prefixLength());
                    deleted++;
                } catch (RouteException e) {
                    throw IpException.rtnetlink(e.errno());
                }
            }
        }
        if (inv.options().stats > 0) {
            if (deleted == 0) {
                inv.out().println("Nothing to flush.");
            } else {
                inv.out().print("\n*** Round 1, deleting " + deleted + " addresses ***\n*** Flush is complete after 1 round ***\n");
            }
        }
        return 0;
    }

    private static int show(Ip.Invocation inv, IpArgs args) throws IpException {
        String dev = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                w = args.value();
            } else if (w.equals("up") || w.equals("to") || w.equals("scope") || w.equals("label") || w.equals("type")) {
                throw IpException.unsupported("\"ip address show " + w + "\"");
            }
            if (dev != null) {
                throw IpException.duparg2("dev", w);
            }
            dev = w;
        }
        int family = inv.options().family;
        for (NetDevice d : IpLink.selected(inv.kernel(), dev)) {
            List<InterfaceAddress> addrs = family == 0 || family == 4 ? ordered(inv.kernel().ipv4().addresses(d.ifindex())) : List.of();
            if (family != 0 && family != -1 && addrs.isEmpty()) {
                continue; // iproute2 skips links without addresses of the requested family
            }
            if (inv.options().brief) {
                StringBuilder sb = new StringBuilder(IpLink.briefLine(d, false));
                for (InterfaceAddress a : addrs) {
                    sb.append(Ipv4Address.format(a.address())).append('/').append(a.prefixLength()).append(' ');
                }
                inv.out().print(sb.append('\n'));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            IpLink.header(sb, d, false);
            if (family == 0 || family == -1) {
                IpLink.linkLine(sb, d);
            }
            for (InterfaceAddress a : addrs) {
                sb.append("    inet ").append(Ipv4Address.format(a.address())).append('/').append(a.prefixLength()).append(' ');
                if (showsBroadcast(d, a)) {
                    sb.append("brd ").append(Ipv4Address.format(a.broadcast())).append(' ');
                }
                sb.append("scope ").append(a.scope().keyword).append(' ');
                if (a.secondary()) {
                    sb.append("secondary ");
                }
                sb.append(a.label()).append('\n');
                sb.append("       valid_lft forever preferred_lft forever\n");
            }
            if (inv.options().stats > 0) {
                IpLink.stats(sb, d.stats(), inv.options().stats > 1);
            }
            inv.out().print(sb);
        }
        return 0;
    }

    private static boolean showsBroadcast(NetDevice d, InterfaceAddress a) {
        return a.broadcast() != 0;
    }

    /**
     * Linux's address list order ({@code __inet_insert_ifa}): a primary goes after the last
     * primary of equal or wider scope, a secondary at the end.
     */
    static List<InterfaceAddress> ordered(List<InterfaceAddress> addresses) {
        List<InterfaceAddress> primaries = new ArrayList<>();
        List<InterfaceAddress> secondaries = new ArrayList<>();
        for (InterfaceAddress a : addresses) {
            (a.secondary() ? secondaries : primaries).add(a);
        }
        primaries.sort(Comparator.comparingInt((InterfaceAddress a) -> a.scope().value).reversed());
        primaries.addAll(secondaries);
        return primaries;
    }
}
