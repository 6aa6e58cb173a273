package org.jlibos.apps.iproute;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.neighbour.ArpTable;
import org.jlibos.kernel.neighbour.NeighbourEntry;
import org.jlibos.kernel.neighbour.NeighbourState;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.wire.Ipv4Address;

/**
 * {@code ip neighbour}: the ARP cache.
 *
 * <pre>
 * ip neigh [show|list] [dev DEV] [ADDR]
 * ip neigh add|replace|change ADDR lladdr MAC dev DEV [nud permanent]
 * ip neigh del ADDR dev DEV
 * ip [-s] neigh flush dev DEV | all
 * </pre>
 *
 * Lines read {@code 10.0.1.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE}; entries in
 * INCOMPLETE or FAILED have no link-layer address to show. As in Linux, {@code show} hides
 * NOARP entries and {@code flush} keeps PERMANENT ones. Only permanent entries can be added:
 * jlibos's ARP table has no call to create entries in other states.
 */
final class IpNeigh {

    private IpNeigh() {
    }

    static int run(Ip.Invocation inv, IpArgs args) throws IpException {
        if (inv.options().family == 6) {
            return 0;
        }
        if (!args.hasNext()) {
            return show(inv, args, false);
        }
        String cmd = args.next();
        if (IpArgs.matches(cmd, "add") || IpArgs.matches(cmd, "change") || cmd.equals("chg") || IpArgs.matches(cmd, "replace")) {
            return modify(inv, args, IpArgs.matches(cmd, "add"));
        }
        if (IpArgs.matches(cmd, "delete")) {
            return delete(inv, args);
        }
        if (IpArgs.matches(cmd, "list") || IpArgs.matches(cmd, "show") || IpArgs.matches(cmd, "lst")) {
            return show(inv, args, false);
        }
        if (IpArgs.matches(cmd, "flush")) {
            return show(inv, args, true);
        }
        throw Ip.unknownCommand(cmd, "neigh");
    }

    private static int modify(Ip.Invocation inv, IpArgs args, boolean exclusive) throws IpException {
        String dev = null;
        String dst = null;
        String lladdr = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "lladdr" -> lladdr = args.value();
                case "dev" -> dev = args.value();
                case "nud" -> {
                    String v = args.value();
                    if (!v.equals("permanent") && !v.equals("perm")) {
                        throw IpException.unsupported("\"nud " + v + "\" (only permanent entries can be added)");
                    }
                }
                case "proxy", "router", "extern_learn", "use", "managed", "vrf", "protocol" ->
                        throw IpException.unsupported("\"ip neigh ... " + w + "\"");
                default -> {
                    if (w.equals("to")) {
                        w = args.value();
                    }
                    if (dst != null) {
                        throw IpException.duparg2("to", w);
                    }
                    dst = w;
                }
            }
        }
        if (dev == null || dst == null) {
            throw new IpException(IpException.USAGE, "Device and destination are required arguments.");
        }
        int address = IpSyntax.address(dst);
        long mac = 0;
        if (lladdr != null) {
            mac = mac(lladdr);
        }
        NetDevice d = IpSyntax.device(inv.kernel(), dev);
        ArpTable arp = inv.kernel().ipv4().arp();
        if (exclusive && arp.lookup(d.ifindex(), address) != null) {
            throw IpException.rtnetlink(Errno.EEXIST);
        }
        if (lladdr == null) {
            throw IpException.rtnetlink(Errno.EINVAL);
        }
        arp.addPermanent(d.ifindex(), address, mac);
        return 0;
    }

    private static long mac(String text) throws IpException {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IpException(IpException.BAD_INPUT, "\"" + text + "\" is invalid lladdr.");
        }
    }

    private static int delete(Ip.Invocation inv, IpArgs args) throws IpException {
        String dev = null;
        String dst = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                dev = args.value();
            } else if (w.equals("lladdr") || w.equals("nud")) {
                args.value();
            } else {
                if (w.equals("to")) {
                    w = args.value();
                }
                if (dst != null) {
                    throw IpException.duparg2("to", w);
                }
                dst = w;
            }
        }
        if (dev == null || dst == null) {
            throw new IpException(IpException.USAGE, "Device and destination are required arguments.");
        }
        int address = IpSyntax.address(dst);
        NetDevice d = IpSyntax.device(inv.kernel(), dev);
        if (!inv.kernel().ipv4().arp().delete(d.ifindex(), address)) {
            throw IpException.rtnetlink(Errno.ENOENT);
        }
        return 0;
    }

    private static int show(Ip.Invocation inv, IpArgs args, boolean flush) throws IpException {
        if (flush && !args.hasNext()) {
            throw new IpException(IpException.BAD_INPUT, "Flush requires arguments.");
        }
        String dev = null;
        Integer address = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                dev = args.value();
            } else if (w.equals("all")) {
                // all devices
            } else if (w.equals("nud") || w.equals("proxy") || w.equals("unused") || w.equals("vrf") || w.equals("master")) {
                throw IpException.unsupported("\"ip neigh show " + w + "\"");
            } else {
                if (w.equals("to")) {
                    w = args.value();
                }
                address = IpSyntax.prefix(w).address();
            }
        }
        Kernel kernel = inv.kernel();
        NetDevice d = dev == null ? null : IpSyntax.device(kernel, dev);
        ArpTable arp = kernel.ipv4().arp();
        if (flush) {
            int n = 0;
            if (address != null) {
                NeighbourEntry e = d == null ? null : arp.lookup(d.ifindex(), address);
                if (e != null && e.state() != NeighbourState.PERMANENT && e.state() != NeighbourState.NOARP) {
                    arp.delete(d.ifindex(), address);
                    n = 1;
                }
            } else {
                n = arp.flush(d == null ? 0 : d.ifindex());
            }
            if (inv.options().stats > 0) {
                if (n == 0) {
                    inv.out().println("Nothing to flush.");
                } else {
                    inv.out().print("\n*** Round 1, deleting " + n + " entries ***\n*** Flush is complete after 1 round ***\n");
                }
            }
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        for (NeighbourEntry e : arp.entries()) {
            if (e.state() == NeighbourState.NOARP || (d != null && e.ifindex() != d.ifindex())
                    || (address != null && e.address() != address)) {
                continue;
            }
            sb.append(Ipv4Address.format(e.address())).append(' ');
            if (d == null) {
                NetDevice ed = kernel.device(e.ifindex());
                sb.append("dev ").append(ed == null ? "if" + e.ifindex() : ed.name()).append(' ');
            }
            if (e.state().hasAddress()) {
                sb.append("lladdr ").append(MacAddress.format(e.mac())).append(' ');
            }
            sb.append(e.state().name()).append(" \n");
        }
        inv.out().print(sb);
        return 0;
    }
}
