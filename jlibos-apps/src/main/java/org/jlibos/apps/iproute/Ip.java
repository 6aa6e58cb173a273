package org.jlibos.apps.iproute;

import java.io.PrintStream;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * iproute2's {@code ip}: shows and changes the node kernel's devices, addresses, routes,
 * policy rules and neighbours, with iproute2 6.1's command lines, output, messages and exit
 * statuses (0; 1 for input errors; 2 when the kernel refuses; 255 for usage errors).
 *
 * <pre>
 * ip [-s[tatistics]] [-d[etails]] [-br[ief]] [-4 | -6 | -0] [-V] OBJECT [COMMAND [ARGS]]
 *
 * ip link   [show [dev] DEV]                          {@link IpLink}
 * ip link   set [dev] DEV [up|down] [mtu N] [carrier on|off]
 * ip addr   [show [dev] DEV] | add|del ADDR[/LEN] [brd ADDR|+|-] dev DEV | flush dev DEV   {@link IpAddress}
 * ip route  [show|list] [table ID|all] [dev DEV] [PREFIX]                                 {@link IpRoute}
 * ip route  add|del|replace|change|append [TYPE] PREFIX [via ADDR] [dev DEV] [metric N]
 *           [table ID] [src ADDR] [mtu [lock] N] [proto boot|static|kernel] [scope S] [onlink]
 * ip route  get ADDR [from ADDR] [oif DEV] | flush table ID|dev DEV
 * ip rule   [show] | add|del [from P] [to P] [iif DEV] [oif DEV] [priority N]
 *           [table ID | unreachable | blackhole | prohibit] | flush                        {@link IpRule}
 * ip neigh  [show [dev DEV]] | add|replace ADDR lladdr MAC dev DEV [nud permanent]
 *           | del ADDR dev DEV | flush dev DEV|all                                        {@link IpNeigh}
 * </pre>
 *
 * Objects and commands may be abbreviated as in iproute2 ({@code ip a}, {@code ip r g}).
 * Objects iproute2 has but jlibos does not (tunnel, netns, xfrm, ...) fail with a message
 * naming them. {@code -d} affects {@code ip route} only (route type, protocol and scope are
 * always printed); {@code -j}, {@code -o}, batch mode and IPv6 are not supported ({@code -6}
 * lists nothing, as on a host without IPv6 addresses).
 */
public final class Ip implements Program {

    static final String VERSION = "ip utility, iproute2-6.1.0 (jlibos)";

    /** Global options, as iproute2 keeps them in globals. */
    static final class Options {
        int stats;
        int details;
        boolean brief;
        /** 0: any, 4: inet, 6: inet6, -1: link (-0). */
        int family;
    }

    /** One invocation: the kernel, the streams and the global options. */
    record Invocation(Kernel kernel, PrintStream out, PrintStream err, Options options) {
    }

    @Override
    public int run(ProcessContext ctx) {
        List<String> argv = ctx.args();
        Options options = new Options();
        int i = 1;
        try {
            for (; i < argv.size(); i++) {
                String opt = argv.get(i);
                if (opt.equals("--")) {
                    i++;
                    break;
                }
                if (!opt.startsWith("-")) {
                    break;
                }
                if (opt.startsWith("--")) {
                    opt = opt.substring(1);
                }
                if (!parseOption(opt, options, ctx.out())) {
                    return 0;
                }
            }
            if (i >= argv.size()) {
                usage(ctx.err());
                return IpException.USAGE;
            }
            Invocation inv = new Invocation(ctx.kernel(), ctx.out(), ctx.err(), options);
            return dispatch(inv, argv.get(i), new IpArgs(argv, i + 1));
        } catch (IpException e) {
            ctx.out().flush();
            ctx.err().println(e.getMessage());
            return e.status();
        }
    }

    /** Returns false when the option was -V (print the version and stop). */
    private static boolean parseOption(String opt, Options options, PrintStream out) throws IpException {
        if (opt.equals("-4")) {
            options.family = 4;
        } else if (opt.equals("-6")) {
            options.family = 6;
        } else if (opt.equals("-0")) {
            options.family = -1;
        } else if (IpArgs.matches(opt, "-stats") || IpArgs.matches(opt, "-statistics")) {
            options.stats++;
        } else if (IpArgs.matches(opt, "-details")) {
            options.details++;
        } else if (IpArgs.matches(opt, "-Version")) {
            out.println(VERSION);
            return false;
        } else if (IpArgs.matches(opt, "-brief")) {
            options.brief = true;
        } else if (IpArgs.matches(opt, "-Numeric") || IpArgs.matches(opt, "-resolve")) {
            // Names are never resolved in a simulation: numeric output is all there is.
        } else if (IpArgs.matches(opt, "-json") || IpArgs.matches(opt, "-pretty") || IpArgs.matches(opt, "-oneline")
                || IpArgs.matches(opt, "-batch") || IpArgs.matches(opt, "-netns") || IpArgs.matches(opt, "-family")
                || IpArgs.matches(opt, "-human-readable") || IpArgs.matches(opt, "-timestamp")) {
            throw IpException.unsupported("option \"" + opt + "\"");
        } else {
            throw new IpException(IpException.USAGE, "Option \"" + opt + "\" is unknown, try \"ip -help\".");
        }
        return true;
    }

    /** Object names in iproute2's order, which decides what an abbreviation means. */
    private static final String[] OBJECTS = {
        "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link",
        "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics",
        "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam",
        "stats", "help",
    };

    private static int dispatch(Invocation inv, String object, IpArgs args) throws IpException {
        String matched = null;
        for (String o : OBJECTS) {
            if (IpArgs.matches(object, o)) {
                matched = o;
                break;
            }
        }
        if (matched == null) {
            throw new IpException(IpException.BAD_INPUT, "Object \"" + object + "\" is unknown, try \"ip help\".");
        }
        return switch (matched) {
            case "address" -> IpAddress.run(inv, args);
            case "route" -> IpRoute.run(inv, args);
            case "rule" -> IpRule.run(inv, args);
            case "neighbor", "neighbour" -> IpNeigh.run(inv, args);
            case "link" -> IpLink.run(inv, args);
            case "help" -> {
                usage(inv.err());
                yield IpException.USAGE;
            }
            default -> throw IpException.unsupported("\"ip " + matched + "\"");
        };
    }

    private static void usage(PrintStream err) {
        err.println("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
        err.println("where  OBJECT := { address | link | neighbor | route | rule }");
        err.println("       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -br[ief] |");
        err.println("                    -4 | -6 | -0 }");
    }

    /** "Command "x" is unknown, try "ip OBJECT help"." */
    static IpException unknownCommand(String command, String object) {
        return new IpException(IpException.USAGE, "Command \"" + command + "\" is unknown, try \"ip " + object + " help\".");
    }
}
