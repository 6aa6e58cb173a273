package org.jlibos.apps.nstat;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * iproute2's {@code nstat}: the kernel's SNMP counters, in nstat 6.1's format.
 *
 * <pre>
 * nstat [-a] [-z] [-s] [-n] [-r] [PATTERN ...]
 * #kernel
 * IpInReceives                    2                  0.0
 * </pre>
 *
 * Each line is {@code %-32s%-16llu%6.1f}: name, value, rate. Counters are listed in the order
 * of {@code /proc/net/snmp} (Ip, Icmp, Tcp, Udp) and then {@code /proc/net/netstat} (TcpExt,
 * IpExt), as nstat reads them; {@code -z} includes counters that are zero; PATTERNs are
 * shell globs matched without regard to case ({@code nstat Udp*}).
 *
 * <p>A simulated host has no nstat history file, so every run is a first run: values are
 * absolute counts since the node started (as with {@code -a}) and the rate column is 0.0.
 * {@code -s} and {@code -r} therefore change nothing, and {@code -n} prints nothing. JSON
 * output and the daemon options (-d, -t) are not supported.
 */
public final class Nstat implements Program {

    private static final String VERSION = "nstat utility, iproute2-6.1.0 (jlibos)";

    @Override
    public int run(ProcessContext ctx) {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        boolean zeros = false;
        boolean noOutput = false;
        List<Pattern> patterns = new ArrayList<>();
        for (String a : ctx.args().subList(1, ctx.args().size())) {
            if (a.startsWith("--")) {
                switch (a) {
                    case "--ignore", "--noupdate", "--reset" -> { }
                    case "--zeros" -> zeros = true;
                    case "--nooutput" -> noOutput = true;
                    case "--help" -> {
                        usage(err);
                        return 255;
                    }
                    case "--version" -> {
                        out.println(VERSION);
                        return 0;
                    }
                    default -> {
                        err.println("nstat: unrecognized option '" + a + "'");
                        usage(err);
                        return 255;
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'a', 's', 'r' -> { }
                        case 'z' -> zeros = true;
                        case 'n' -> noOutput = true;
                        case 'h' -> {
                            usage(err);
                            return 255;
                        }
                        case 'V' -> {
                            out.println(VERSION);
                            return 0;
                        }
                        case 'j', 'p', 'd', 't' -> {
                            err.println("nstat: option -" + c + " is not supported by jlibos");
                            return 1;
                        }
                        default -> {
                            err.println("nstat: invalid option -- '" + c + "'");
                            usage(err);
                            return 255;
                        }
                    }
                }
            } else {
                patterns.add(glob(a));
            }
        }
        if (noOutput) {
            return 0;
        }
        Snmp snmp = ctx.kernel().snmp();
        StringBuilder sb = new StringBuilder("#kernel\n");
        for (SnmpCounter c : procOrder()) {
            long value = snmp.get(c);
            if ((value == 0 && !zeros) || !matches(patterns, c.nstatName)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-32s%-16d%6.1f\n", c.nstatName, value, 0.0));
        }
        out.print(sb);
        return 0;
    }

    /**
     * The counters in the order nstat meets them: /proc/net/snmp's groups (Ip, Icmp,
     * IcmpMsg, Tcp, Udp, UdpLite), /proc/net/snmp6, then /proc/net/netstat (TcpExt, IpExt);
     * within a group, the kernel's order.
     */
    static List<SnmpCounter> procOrder() {
        List<SnmpCounter> all = new ArrayList<>(List.of(SnmpCounter.values()));
        all.sort(Comparator.comparingInt((SnmpCounter c) -> group(c.nstatName)));
        return all;
    }

    private static int group(String name) {
        String[] prefixes = {"IpExt", "Ip6", "Ip", "IcmpMsg", "Icmp6", "Icmp", "TcpExt", "Tcp", "UdpLite6", "Udp6", "UdpLite", "Udp",
            "MPTcpExt"};
        int[] groups = {21, 10, 0, 2, 11, 1, 20, 3, 13, 12, 5, 4, 22};
        for (int i = 0; i < prefixes.length; i++) {
            if (name.startsWith(prefixes[i])) {
                return groups[i];
            }
        }
        return 30;
    }

    private static boolean matches(List<Pattern> patterns, String name) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** fnmatch(3) with FNM_CASEFOLD: *, ? and [...] classes. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static void usage(PrintStream err) {
        err.println("Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]");
        err.println("   -h, --help          this message");
        err.println("   -a, --ignore        ignore history");
        err.println("   -n, --nooutput      do history only");
        err.println("   -r, --reset         reset history");
        err.println("   -s, --noupdate      don't update history");
        err.println("   -V, --version       output version information");
        err.println("   -z, --zeros         show entries with zero activity");
    }
}
