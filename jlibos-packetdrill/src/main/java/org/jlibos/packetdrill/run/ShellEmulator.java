package org.jlibos.packetdrill.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.FifoQdisc;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.kernel.sysctl.SysctlTable;
import org.jlibos.sim.units.ShellWords;

/**
 * Emulates the shell commands of the corpus on the simulated host (README §5.11, §6.3): the
 * {@code defaults.sh} settings, {@code sysctl} and {@code set_sysctls.py} writes, the sysctl
 * restore script, {@code ip tcp_metrics flush}, {@code tc qdisc ... pfifo}, and {@code ethtool}
 * offload switches. Nothing ever reaches a real shell. Anything else fails the script as
 * "unsupported command", never silently passes.
 */
final class ShellEmulator {

    /** Linux's txqueuelen of a tun device: pfifo's default limit there. */
    static final int TUN_TX_QUEUE_LEN = 500;

    /** The defaults.sh settings (README §6.5), used when the file is not next to the script. */
    private static final String[] BUILT_IN_DEFAULTS = {
        "ip tcp_metrics flush all",
        "sysctl -q net.ipv4.tcp_rmem=\"4096 540000 $((15*1024*1024))\"",
        "sysctl -q net.ipv4.tcp_wmem=\"4096 $((256*1024)) 4194304\"",
        "sysctl -q net.ipv4.tcp_timestamps=1",
        "sysctl -q net.ipv4.tcp_syn_retries=5",
        "sysctl -q net.ipv4.tcp_synack_retries=5",
        "sysctl -q net.ipv4.tcp_frto=2",
        "sysctl -q net.ipv4.tcp_sack=1",
        "sysctl -q net.ipv4.tcp_dsack=1",
        "sysctl -q net.ipv4.tcp_fack=0",
        "sysctl -q net.ipv4.tcp_reordering=3",
        "sysctl -q net.ipv4.tcp_congestion_control=cubic",
        "sysctl -q net.ipv4.tcp_slow_start_after_idle=0",
        "sysctl -q net.ipv4.tcp_early_retrans=4 net.ipv4.tcp_recovery=1",
        "sysctl -q net.ipv4.tcp_tso_win_divisor=3",
        "sysctl -q net.ipv4.tcp_ecn=0",
        "sysctl -q net.ipv4.tcp_ecn_option=2",
        "sysctl -q net.ipv4.tcp_pacing_ss_ratio=200",
        "sysctl -q net.ipv4.tcp_pacing_ca_ratio=120",
        "sysctl -q net.ipv4.tcp_notsent_lowat=4294967295",
        "sysctl -q net.ipv4.tcp_fastopen=0x70403",
        "sysctl -q net.ipv4.tcp_fastopen_key=a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4",
        "sysctl -q net.ipv4.tcp_syncookies=1",
        "tc qdisc add dev tun0 root pfifo",
    };

    private final TunHost host;
    private final Path scriptDir;
    private final Consumer<String> note;

    ShellEmulator(TunHost host, Path scriptDir, Consumer<String> note) {
        this.host = host;
        this.scriptDir = scriptDir;
        this.note = note;
    }

    /** Runs a backquoted command (possibly several lines) from script line {@code line}. */
    void run(String text, int line) throws ScriptFailure {
        for (String command : commands(text)) {
            runOne(command, line, false);
        }
    }

    /** Splits a shell text into simple commands at newlines, ';' and '&&', outside quotes. */
    static List<String> commands(String text) {
        String joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == '#' && (cur.isEmpty() || Character.isWhitespace(cur.charAt(cur.length() - 1)))) {
                while (i + 1 < joined.length() && joined.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '\n' || c == ';' || (c == '&' && i + 1 < joined.length() && joined.charAt(i + 1) == '&')) {
                if (c == '&') {
                    i++;
                }
                flush(cur, out);
            } else {
                cur.append(c);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    private void runOne(String command, int line, boolean insideDefaults) throws ScriptFailure {
        List<String> words;
        try {
            words = stripRedirections(ShellWords.split(command));
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(line, "cannot parse command `" + command + "`: " + e.getMessage());
        }
        if (words.isEmpty()) {
            return;
        }
        String prog = words.get(0);
        if (prog.endsWith("defaults.sh")) {
            runDefaults(prog, line);
        } else if (prog.endsWith("set_sysctls.py")) {
            for (String arg : words.subList(1, words.size())) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("/proc/sys/") || eq < 0) {
                    throw new ScriptFailure(line, "set_sysctls.py: expected /proc/sys/NAME=VALUE, got " + arg);
                }
                setSysctl(arg.substring("/proc/sys/".length(), eq), arg.substring(eq + 1), line, insideDefaults);
            }
        } else if (prog.equals("sysctl")) {
            runSysctl(words, command, line, insideDefaults);
        } else if (prog.startsWith("/tmp/sysctl_restore_")) {
            note.accept("`" + command + "`: nothing to restore, every script runs on a fresh host");
        } else if (prog.equals("ip") && words.size() >= 3 && words.get(1).equals("tcp_metrics")
                && words.get(2).equals("flush")) {
            note.accept("`" + command + "`: a fresh host has no TCP metrics");
        } else if (prog.equals("tc")) {
            runTc(words, command, line);
        } else if (prog.equals("ethtool") && words.size() >= 3 && words.get(1).equals("-K")) {
            requireTun(words.get(2), command, line);
            note.accept("`" + command + "`: the simulated stack sends no TSO/GSO super-segments; offload switches are no-ops");
        } else if (prog.equals("true") || prog.equals(":")) {
            return;
        } else {
            throw new ScriptFailure(line, "unsupported command `" + command + "`");
        }
    }

    /** Drops {@code > /dev/null}, {@code 2>&1} and friends; they do not change what a command does here. */
    private static List<String> stripRedirections(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(">") || w.equals("2>") || w.equals(">>") || w.equals("&>")) {
                if (i + 1 < words.size() && words.get(i + 1).equals("/dev/null")) {
                    i++;
                    continue;
                }
                out.add(w);
            } else if (w.equals("2>&1") || w.equals(">/dev/null") || w.equals("2>/dev/null") || w.equals("&>/dev/null")) {
                continue;
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private void runDefaults(String path, int line) throws ScriptFailure {
        Path file = scriptDir == null ? null : scriptDir.resolve(path).normalize();
        List<String> commands = new ArrayList<>();
        if (file != null && Files.isRegularFile(file)) {
            try {
                commands.addAll(commands(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ScriptFailure(line, "cannot read " + file + ": " + e.getMessage());
            }
            note.accept("applying " + file);
        } else {
            commands.addAll(List.of(BUILT_IN_DEFAULTS));
            note.accept(path + " not found next to the script; applying the built-in defaults.sh settings");
        }
        for (String c : commands) {
            runOne(c, line, true);
        }
    }

    private void runSysctl(List<String> words, String command, int line, boolean insideDefaults) throws ScriptFailure {
        boolean any = false;
        for (String w : words.subList(1, words.size())) {
            if (w.startsWith("-")) {
                for (char c : w.substring(1).toCharArray()) {
                    if ("qew".indexOf(c) < 0) {
                        throw new ScriptFailure(line, "unsupported command `" + command + "` (sysctl option -" + c + ")");
                    }
                }
                continue;
            }
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new ScriptFailure(line, "unsupported command `" + command + "` (only sysctl writes NAME=VALUE)");
            }
            setSysctl(w.substring(0, eq), w.substring(eq + 1), line, insideDefaults);
            any = true;
        }
        if (!any) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`");
        }
    }

    private void setSysctl(String rawName, String rawValue, int line, boolean insideDefaults) throws ScriptFailure {
        String name = rawName.replace('/', '.');
        String value;
        try {
            value = normalizeValue(rawValue);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(line, "sysctl " + name + ": " + e.getMessage());
        }
        SysctlTable table = host.kernel().sysctl();
        try {
            table.set(name, value);
            note.accept("sysctl " + name + "=" + value);
        } catch (SysctlException e) {
            if (e.reason() == SysctlException.Reason.NO_SUCH_ENTRY) {
                note.accept("sysctl " + name + "=" + value + ": not in the simulated kernel's table; ignored");
                return;
            }
            String why = "sysctl " + name + "=" + value + ": " + (e.reason() == SysctlException.Reason.READ_ONLY
                    ? "read-only" : "invalid value") + " for the simulated kernel";
            if (insideDefaults) {
                // A failing line inside defaults.sh does not end the script; only the last one counts.
                note.accept(why + "; ignored as defaults.sh would");
            } else {
                throw new ScriptFailure(line, why);
            }
        }
    }

    /** Expands {@code $((a*b))}, turns hex numbers into decimal and collapses blanks. */
    static String normalizeValue(String raw) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$((", i)) {
                int end = raw.indexOf("))", i + 3);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated $((...)) in " + raw);
                }
                sb.append(Arithmetic.evaluate(raw.substring(i + 3, end)));
                i = end + 2;
            } else {
                sb.append(raw.charAt(i++));
            }
        }
        List<String> fields = new ArrayList<>();
        for (String f : sb.toString().trim().split("\\s+")) {
            if (f.matches("0[xX][0-9a-fA-F]+")) {
                f = Long.toString(Long.parseUnsignedLong(f.substring(2), 16));
            }
            fields.add(f);
        }
        return String.join(" ", fields);
    }

    private void runTc(List<String> words, String command, int line) throws ScriptFailure {
        // tc qdisc add|replace|change|del|delete dev tun0 root [pfifo [limit N] | fq ...]
        if (words.size() < 6 || !words.get(1).equals("qdisc") || !words.get(3).equals("dev")
                || !words.get(5).equals("root")) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`");
        }
        requireTun(words.get(4), command, line);
        String verb = words.get(2);
        if (verb.equals("del") || verb.equals("delete")) {
            host.tun().setQdisc(FifoQdisc.packets(TUN_TX_QUEUE_LEN));
            note.accept("`" + command + "`: back to the default pfifo");
            return;
        }
        if (!verb.equals("add") && !verb.equals("replace") && !verb.equals("change")) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`");
        }
        if (words.size() < 7 || !words.get(6).equals("pfifo")) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`: only the pfifo qdisc is modelled "
                    + "(fq pacing is not)");
        }
        int limit = TUN_TX_QUEUE_LEN;
        if (words.size() == 9 && words.get(7).equals("limit")) {
            try {
                limit = Integer.parseInt(words.get(8));
            } catch (NumberFormatException e) {
                throw new ScriptFailure(line, "bad pfifo limit in `" + command + "`");
            }
        } else if (words.size() != 7) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`");
        }
        host.tun().setQdisc(limit == 0 ? new DropAll() : FifoQdisc.packets(limit));
        note.accept("`" + command + "`: pfifo limit " + limit + (limit == 0 ? " (every outbound packet is dropped)" : ""));
    }

    private static void requireTun(String dev, String command, int line) throws ScriptFailure {
        if (!dev.equals("tun0")) {
            throw new ScriptFailure(line, "unsupported command `" + command + "`: the only device is tun0");
        }
    }

    /** {@code pfifo limit 0}: drops every packet at enqueue, so the stack sees local send failures. */
    static final class DropAll implements Qdisc {
        private long drops;

        @Override
        public boolean enqueue(PacketBuffer packet) {
            drops++;
            return false;
        }

        @Override
        public PacketBuffer dequeue() {
            return null;
        }

        @Override
        public int length() {
            return 0;
        }

        @Override
        public long backlogBytes() {
            return 0;
        }

        @Override
        public long drops() {
            return drops;
        }

        @Override
        public long sent() {
            return 0;
        }

        @Override
        public String kind() {
            return "pfifo";
        }

        @Override
        public String limitText() {
            return "limit 0p";
        }
    }

    /** Shell arithmetic {@code $((...))}: integers with + - * / % and parentheses. */
    static final class Arithmetic {
        private final String s;
        private int pos;

        private Arithmetic(String s) {
            this.s = s.replaceAll("\\s+", "");
        }

        static long evaluate(String expression) {
            Arithmetic a = new Arithmetic(expression);
            long v = a.sum();
            if (a.pos != a.s.length()) {
                throw new IllegalArgumentException("bad arithmetic $((" + expression + "))");
            }
            return v;
        }

        private long sum() {
            long v = product();
            while (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                char op = s.charAt(pos++);
                long r = product();
                v = op == '+' ? v + r : v - r;
            }
            return v;
        }

        private long product() {
            long v = atom();
            while (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/' || s.charAt(pos) == '%')) {
                char op = s.charAt(pos++);
                long r = atom();
                if (op != '*' && r == 0) {
                    throw new IllegalArgumentException("division by zero in $((" + s + "))");
                }
                v = op == '*' ? v * r : op == '/' ? v / r : v % r;
            }
            return v;
        }

        private long atom() {
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                long v = sum();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw new IllegalArgumentException("missing ')' in $((" + s + "))");
                }
                pos++;
                return v;
            }
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
                return -atom();
            }
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("expected a number in $((" + s + "))");
            }
            return Long.parseLong(s.substring(start, pos));
        }
    }
}
