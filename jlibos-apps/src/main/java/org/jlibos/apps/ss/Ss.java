package org.jlibos.apps.ss;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * iproute2's {@code ss}: lists the node kernel's sockets in ss 6.1's format for output that is
 * not a terminal (columns as wide as their widest field, see {@link ColumnLayout}).
 *
 * <pre>
 * ss [-t] [-u] [-w] [-x] [-a | -l] [-n] [-p] [-H] [-4 | -6] [-r]
 *    (also --tcp --udp --raw --unix --all --listening --numeric --processes --no-header
 *     --ipv4 --ipv6 --resolve, -h/--help, -V/--version; options combine: ss -uanp)
 * </pre>
 *
 * Without -t/-u/-w/-x every table is listed. Without -a or -l, ss's default state filter
 * applies: TCP sockets that are not listening, closed or in TIME-WAIT, and only connected UDP
 * and raw sockets; {@code -l} shows listening TCP and unconnected UDP/raw sockets, {@code -a}
 * everything. The State column is left out when the filter admits a single state and the
 * Netid column when a single table is listed, as ss does. Without {@code -n} ports are named
 * from a built-in copy of /etc/services (ephemeral ports never) and raw sockets show their
 * protocol's name. {@code -p} finds the holding processes in the node's descriptor tables.
 * The kernel has no TCP yet, so {@code ss -t} prints just the header. Unix, packet and
 * netlink sockets do not exist in jlibos; -x lists none. Filter expressions and the
 * -i prints each TCP connection's internals (congestion control, wscale, rto, rtt, mss, cwnd,
 * ssthresh, bytes, segments, delivery rate...) on the following line; -e/-m/-o/-s output
 * options are not supported and are rejected.
 */
public final class Ss implements Program {

    private static final String VERSION = "ss utility, iproute2-6.1.0 (jlibos)";

    @Override
    public int run(ProcessContext ctx) {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        Set<SocketRow.Netid> tables = EnumSet.noneOf(SocketRow.Netid.class);
        boolean unix = false;
        boolean all = false;
        boolean listening = false;
        boolean numeric = false;
        boolean processes = false;
        boolean header = true;
        boolean ipv6Only = false;
        boolean info = false;
        List<String> operands = new ArrayList<>();
        for (String a : ctx.args().subList(1, ctx.args().size())) {
            if (a.startsWith("--")) {
                switch (a) {
                    case "--tcp" -> tables.add(SocketRow.Netid.TCP);
                    case "--udp" -> tables.add(SocketRow.Netid.UDP);
                    case "--raw" -> tables.add(SocketRow.Netid.RAW);
                    case "--unix" -> unix = true;
                    case "--all" -> all = true;
                    case "--listening" -> listening = true;
                    case "--numeric" -> numeric = true;
                    case "--resolve" -> { }
                    case "--processes" -> processes = true;
                    case "--no-header" -> header = false;
                    case "--info" -> info = true;
                    case "--ipv4" -> ipv6Only = false;
                    case "--ipv6" -> ipv6Only = true;
                    case "--help" -> {
                        usage(out);
                        return 0;
                    }
                    case "--version" -> {
                        out.println(VERSION);
                        return 0;
                    }
                    default -> {
                        err.println("ss: unrecognized option '" + a + "'");
                        usage(err);
                        return 255;
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 't' -> tables.add(SocketRow.Netid.TCP);
                        case 'u' -> tables.add(SocketRow.Netid.UDP);
                        case 'w' -> tables.add(SocketRow.Netid.RAW);
                        case 'x' -> unix = true;
                        case 'a' -> all = true;
                        case 'l' -> listening = true;
                        case 'n' -> numeric = true;
                        case 'r' -> { }
                        case 'p' -> processes = true;
                        case 'H' -> header = false;
                        case 'i' -> info = true;
                        case '4' -> ipv6Only = false;
                        case '6' -> ipv6Only = true;
                        case 'h' -> {
                            usage(out);
                            return 0;
                        }
                        case 'V' -> {
                            out.println(VERSION);
                            return 0;
                        }
                        case 'e', 'o', 'm', 's', 'T', 'b', 'E', 'Z', 'z', 'K', 'M', 'S', 'O', 'd', 'f', 'A', 'D', 'F', 'N', '0' -> {
                            err.println("ss: option -" + c + " is not supported by jlibos");
                            return 1;
                        }
                        default -> {
                            err.println("ss: invalid option -- '" + c + "'");
                            usage(err);
                            return 255;
                        }
                    }
                }
            } else {
                operands.add(a);
            }
        }
        if (!operands.isEmpty()) {
            err.println("ss: filter expressions are not supported by jlibos: \"" + String.join(" ", operands) + "\"");
            return 1;
        }
        int tableCount = tables.size() + (unix ? 3 : 0);
        if (tableCount == 0) {
            tables = EnumSet.allOf(SocketRow.Netid.class);
            tableCount = 8; // ss's default includes unix, packet and netlink tables too
        }
        int states = 0;
        if (all) {
            states = SocketState.ALL;
        } else if (listening) {
            states = SocketState.bit(SocketState.LISTEN) | SocketState.bit(SocketState.CLOSE);
        } else {
            for (SocketRow.Netid t : tables) {
                states |= t.defaultStates();
            }
            if (unix) {
                states |= SocketState.CONNECTED;
            }
        }
        boolean[] enabled = new boolean[ColumnLayout.COLUMNS.length];
        java.util.Arrays.fill(enabled, true);
        enabled[ColumnLayout.NETID] = tableCount > 1;
        enabled[ColumnLayout.STATE] = Integer.bitCount(states) > 1;

        Kernel kernel = ctx.kernel();
        SocketOwners owners = processes ? new SocketOwners(ctx.process().node()) : null;
        int[] ephemeral = {(int) kernel.sysctl().getLong("net.ipv4.ip_local_port_range", 0),
            (int) kernel.sysctl().getLong("net.ipv4.ip_local_port_range", 1)};
        List<String[]> lines = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (header) {
            lines.add(ColumnLayout.header());
            details.add(null);
        }
        if (!ipv6Only) {
            for (SocketRow.Netid t : tables) {
                for (SocketRow row : SocketTables.rows(kernel, t)) {
                    if ((states & SocketState.bit(row.state())) == 0) {
                        continue;
                    }
                    lines.add(fields(row, numeric, ephemeral, owners));
                    details.add(info && row.socket() instanceof org.jlibos.kernel.tcp.TcpSocket tcp
                            && row.state() != SocketState.LISTEN ? "\t " + tcp.info().ssLine() : null);
                }
            }
        }
        String rendered = ColumnLayout.render(enabled, lines);
        if (!info) {
            out.print(rendered);
            return 0;
        }
        // -i: each TCP connection's internals on the line after it, as ss prints them.
        String[] renderedLines = rendered.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < renderedLines.length - 1; i++) {
            sb.append(renderedLines[i]).append('\n');
            if (i < details.size() && details.get(i) != null) {
                sb.append(details.get(i)).append('\n');
            }
        }
        out.print(sb);
        return 0;
    }

    private static String[] fields(SocketRow row, boolean numeric, int[] ephemeral, SocketOwners owners) {
        String[] f = new String[ColumnLayout.COLUMNS.length];
        f[ColumnLayout.NETID] = row.netid().ssName;
        f[ColumnLayout.STATE] = row.state().ssName;
        f[ColumnLayout.RECV_Q] = String.format("%-6d", row.recvQ());
        f[ColumnLayout.SEND_Q] = String.format("%-6d", row.sendQ());
        f[ColumnLayout.LOCAL_ADDRESS] = Ipv4Address.format(row.localAddress()) + ":";
        f[ColumnLayout.LOCAL_PORT] = port(row.netid(), row.localPort(), numeric, ephemeral);
        f[ColumnLayout.PEER_ADDRESS] = Ipv4Address.format(row.peerAddress()) + ":";
        f[ColumnLayout.PEER_PORT] = row.netid() == SocketRow.Netid.RAW && row.peerPort() == 0
                ? "*" : port(row.netid(), row.peerPort(), numeric, ephemeral);
        f[ColumnLayout.PROCESS] = owners == null ? "" : owners.of(row.socket());
        f[ColumnLayout.EXTENSION] = "";
        return f;
    }

    /** ss's {@code resolve_service}: "*" for 0, else a name unless -n or ephemeral. */
    private static String port(SocketRow.Netid netid, int port, boolean numeric, int[] ephemeral) {
        if (port == 0) {
            return "*";
        }
        if (!numeric) {
            if (netid == SocketRow.Netid.RAW) {
                String name = ServiceNames.protocol(port);
                if (name != null) {
                    return name;
                }
            } else if (port < ephemeral[0] || port > ephemeral[1]) {
                String name = ServiceNames.service(netid == SocketRow.Netid.UDP, port);
                if (name != null) {
                    return name;
                }
            }
        }
        return Integer.toString(port);
    }

    private static void usage(PrintStream s) {
        s.println("Usage: ss [ OPTIONS ]");
        s.println("   -h, --help          this message");
        s.println("   -V, --version       output version information");
        s.println("   -n, --numeric       don't resolve service names");
        s.println("   -r, --resolve       resolve host names");
        s.println("   -a, --all           display all sockets");
        s.println("   -l, --listening     display listening sockets");
        s.println("   -p, --processes     show process using socket");
        s.println("   -4, --ipv4          display only IP version 4 sockets");
        s.println("   -6, --ipv6          display only IP version 6 sockets");
        s.println("   -t, --tcp           display only TCP sockets");
        s.println("   -u, --udp           display only UDP sockets");
        s.println("   -w, --raw           display only RAW sockets");
        s.println("   -x, --unix          display only Unix domain sockets");
        s.println("   -H, --no-header     Suppress header line");
    }
}
