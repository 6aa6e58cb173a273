package org.jlibos.apps.iproute;

import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.device.DeviceStats;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.device.Qdisc;

/**
 * {@code ip link}: device state, and the per-device lines {@code ip addr} shares.
 *
 * <pre>
 * ip [-s] [-br] link [show|list|lst] [[dev] DEV]
 * ip link set [dev] DEV [up|down] [mtu MTU] [carrier on|off]
 * </pre>
 *
 * Output follows iproute2 6.1: {@code 2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500
 * qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000}, then
 * {@code link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff}, then with {@code -s} the RX/TX
 * counter block with iproute2's column sizing. Simulation details: {@code qlen} is always
 * Linux's default txqueuelen 1000; the qdisc shows as {@code noqueue} on lo, {@code noop} on
 * an Ethernet device that is down and has never carried a packet (Linux attaches the default
 * qdisc at the first "up"), {@code pfifo_fast} for the default 1000-packet FIFO and the
 * qdisc's own kind otherwise. MTUs must lie in 68..65536.
 */
final class IpLink {

    private IpLink() {
    }

    static int run(Ip.Invocation inv, IpArgs args) throws IpException {
        if (!args.hasNext()) {
            return show(inv, args);
        }
        String cmd = args.next();
        if (IpArgs.matches(cmd, "set") || IpArgs.matches(cmd, "change")) {
            return set(inv, args);
        }
        if (IpArgs.matches(cmd, "show") || IpArgs.matches(cmd, "list") || IpArgs.matches(cmd, "lst")) {
            return show(inv, args);
        }
        if (IpArgs.matches(cmd, "add") || IpArgs.matches(cmd, "delete")) {
            throw IpException.unsupported("\"ip link " + cmd + "\" (devices are created by the topology)");
        }
        throw Ip.unknownCommand(cmd, "link");
    }

    private static int set(Ip.Invocation inv, IpArgs args) throws IpException {
        String dev = null;
        Boolean up = null;
        int mtu = -1;
        Boolean carrier = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "mtu" -> {
                    String v = args.value();
                    if (mtu != -1) {
                        throw IpException.duparg("mtu", v);
                    }
                    long n = IpSyntax.unsigned(v);
                    if (n < 0 || n > Integer.MAX_VALUE) {
                        throw IpException.invarg("Invalid \"mtu\" value\n", v);
                    }
                    mtu = (int) n;
                }
                case "carrier" -> {
                    String v = args.value();
                    if (!v.equals("on") && !v.equals("off")) {
                        throw new IpException(IpException.USAGE,
                                "Error: argument of \"carrier\" must be \"on\" or \"off\", not \"" + v + "\"");
                    }
                    carrier = v.equals("on");
                }
                default -> {
                    String name = w;
                    if (w.equals("dev")) {
                        name = args.value();
                    } else if (IpArgs.matches(w, "help")) {
                        throw new IpException(IpException.USAGE, "Usage: ip link set [dev] DEVICE [up|down] [mtu MTU] [carrier on|off]");
                    }
                    if (dev != null) {
                        throw IpException.duparg2("dev", name);
                    }
                    dev = name;
                }
            }
        }
        if (dev == null) {
            throw new IpException(IpException.USAGE, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice d = IpSyntax.device(inv.kernel(), dev);
        if (mtu != -1) {
            if (mtu < 68) {
                throw IpException.extack("mtu less than device minimum.");
            }
            if (mtu > 65536) {
                throw IpException.extack("mtu greater than device maximum.");
            }
            d.setMtu(mtu);
        }
        if (carrier != null) {
            d.setCarrier(carrier);
        }
        if (up != null) {
            d.setUp(up);
        }
        return 0;
    }

    private static int show(Ip.Invocation inv, IpArgs args) throws IpException {
        String dev = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                w = args.value();
            } else if (w.equals("up") || w.equals("type") || w.equals("group") || w.equals("master")) {
                throw IpException.unsupported("\"ip link show " + w + "\"");
            }
            if (dev != null) {
                throw IpException.duparg2("dev", w);
            }
            dev = w;
        }
        List<NetDevice> devices = selected(inv.kernel(), dev);
        for (NetDevice d : devices) {
            if (inv.options().brief) {
                inv.out().print(briefLine(d, true));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            header(sb, d, true);
            linkLine(sb, d);
            if (inv.options().stats > 0) {
                stats(sb, d.stats(), inv.options().stats > 1);
            }
            inv.out().print(sb);
        }
        return 0;
    }

    /** All devices, or the one named (iproute2: "Device "x" does not exist."). */
    static List<NetDevice> selected(Kernel kernel, String name) throws IpException {
        if (name == null) {
            return kernel.devices();
        }
        NetDevice d = kernel.device(name);
        if (d == null) {
            throw new IpException(IpException.BAD_INPUT, "Device \"" + name + "\" does not exist.");
        }
        return List.of(d);
    }

    /** {@code 2: eth0: <FLAGS> mtu 1500 qdisc Q state S [mode DEFAULT ]group default qlen 1000} */
    static void header(StringBuilder sb, NetDevice d, boolean linkMode) {
        sb.append(d.ifindex()).append(": ").append(d.name()).append(": ").append(flags(d)).append(' ');
        sb.append("mtu ").append(d.mtu()).append(' ');
        sb.append("qdisc ").append(qdiscName(d)).append(' ');
        sb.append("state ").append(operState(d)).append(' ');
        if (linkMode) {
            sb.append("mode DEFAULT ");
        }
        sb.append("group default qlen 1000\n");
    }

    /** {@code link/ether MAC brd ff:ff:ff:ff:ff:ff}, or link/loopback with zero addresses. */
    static void linkLine(StringBuilder sb, NetDevice d) {
        if (d.type() == NetDevice.Type.LOOPBACK) {
            sb.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        } else {
            sb.append("    link/ether ").append(MacAddress.format(d.mac())).append(" brd ff:ff:ff:ff:ff:ff\n");
        }
    }

    /** {@code print_link_flags}: NO-CARRIER when up without carrier, then the IFF_ names in kernel order. */
    static String flags(NetDevice d) {
        StringBuilder sb = new StringBuilder("<");
        boolean loopback = d.type() == NetDevice.Type.LOOPBACK;
        if (d.isUp() && !d.isRunning()) {
            sb.append("NO-CARRIER,");
        }
        sb.append(loopback ? "LOOPBACK," : "BROADCAST,MULTICAST,");
        if (d.isUp()) {
            sb.append("UP,");
        }
        if (d.isRunning()) {
            sb.append("LOWER_UP,");
        }
        sb.setLength(sb.length() - 1);
        return sb.append('>').toString();
    }

    /** RFC 2863 operational state: lo reports UNKNOWN while up (it has no carrier to speak of). */
    static String operState(NetDevice d) {
        if (!d.isRunning()) {
            return "DOWN";
        }
        return d.type() == NetDevice.Type.LOOPBACK ? "UNKNOWN" : "UP";
    }

    static String qdiscName(NetDevice d) {
        if (d.type() == NetDevice.Type.LOOPBACK) {
            return "noqueue";
        }
        DeviceStats s = d.stats();
        if (!d.isUp() && s.txPackets == 0 && s.rxPackets == 0) {
            return "noop";
        }
        Qdisc q = d.qdisc();
        if (q == null) {
            return "noqueue";
        }
        if (q.kind().equals("pfifo") && q.limitText().equals("limit 1000p")) {
            return "pfifo_fast";
        }
        return q.kind();
    }

    /** {@code ip -br link}: {@code %-16s %-14s MAC <FLAGS> }. */
    static String briefLine(NetDevice d, boolean withLink) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s %-14s ", d.name(), operState(d)));
        if (withLink) {
            sb.append(d.type() == NetDevice.Type.LOOPBACK ? "00:00:00:00:00:00" : MacAddress.format(d.mac()));
            sb.append(' ').append(flags(d)).append(" \n");
        }
        return sb.toString();
    }

    /**
     * The {@code -s} block of iproute2 6.1 ({@code print_stats64}): columns start at the width
     * of their headers and grow to fit the largest value; {@code -s -s} adds the error rows.
     */
    static void stats(StringBuilder sb, DeviceStats s, boolean errors) {
        // *X errors:, packets, errors, dropped, heartbt, overrun, compressed
        int[] cols = {10, 7, 6, 7, 7, 7, 10};
        size(cols, s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, s.rxMulticast, 0);
        if (errors) {
            size(cols, 0, 0, 0, 0, 0, 0, 0);
        }
        size(cols, s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, s.collisions, 0);
        sb.append(String.format("    RX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n", "bytes", "packets", "errors", "dropped", "missed", "mcast", ""));
        sb.append("    ");
        nums(sb, cols, s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, s.rxMulticast);
        if (errors) {
            errorRows(sb, cols, "    RX errors:", "length", "crc", "frame", "fifo", "overrun");
        }
        sb.append(String.format("    TX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n", "bytes", "packets", "errors", "dropped", "carrier", "collsns", ""));
        sb.append("    ");
        nums(sb, cols, s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, s.collisions);
        if (errors) {
            errorRows(sb, cols, "    TX errors:", "aborted", "fifo", "window", "heartbt", "transns");
        }
    }

    /** iproute2's {@code size_columns} (which, like the original, counts 10 as one digit). */
    private static void size(int[] cols, long... values) {
        for (int i = 0; i < values.length; i++) {
            int len = 1;
            for (long pow = 10; pow < values[i] && len < 19; len++, pow *= 10) {
                // counting digits
            }
            cols[i] = Math.max(cols[i], len);
        }
    }

    /** One row of {@code %*llu } numbers in columns 0..n-1. */
    private static void nums(StringBuilder sb, int[] cols, long... values) {
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format("%" + cols[i] + "d ", values[i]));
        }
        sb.append('\n');
    }

    /**
     * The {@code -s -s} error detail rows: five counters under columns 1..5. jlibos keeps
     * none of them (no CRC errors, FIFO overruns or carrier transitions are simulated), so
     * they are zero.
     */
    private static void errorRows(StringBuilder sb, int[] cols, String lead, String... headers) {
        sb.append(lead).append(" ".repeat(cols[0] - 10));
        for (int i = 0; i < headers.length; i++) {
            sb.append(String.format(" %" + cols[i + 1] + "s", headers[i]));
        }
        sb.append('\n').append(" ".repeat(cols[0] + 5));
        for (int i = 0; i < headers.length; i++) {
            sb.append(String.format("%" + cols[i + 1] + "d ", 0));
        }
        sb.append('\n');
    }
}
