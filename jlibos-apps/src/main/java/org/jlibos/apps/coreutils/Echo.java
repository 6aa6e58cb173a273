package org.jlibos.apps.coreutils;

import java.util.List;

import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * GNU {@code echo}: prints its arguments separated by spaces. Leading options {@code -n} (no
 * trailing newline), {@code -e} (interpret backslash escapes) and {@code -E} (do not) may be
 * combined ({@code -ne}); any other word starting with '-' is printed, as GNU echo does.
 */
public final class Echo implements Program {

    @Override
    public int run(ProcessContext ctx) {
        List<String> args = ctx.args();
        boolean newline = true;
        boolean escapes = false;
        int i = 1;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).chars().allMatch(c -> c == 'n' || c == 'e' || c == 'E')) {
                break;
            }
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < args.size(); k++) {
            if (k > i) {
                sb.append(' ');
            }
            if (escapes) {
                if (appendEscaped(sb, args.get(k))) {
                    newline = false;
                    break;
                }
            } else {
                sb.append(args.get(k));
            }
        }
        if (newline) {
            sb.append('\n');
        }
        ctx.out().print(sb);
        ctx.out().flush();
        return 0;
    }

    /** Appends {@code s} with escapes interpreted; returns true on {@code \c} (stop output). */
    private static boolean appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\013');
                case 'e' -> sb.append('\033');
                case '\\' -> sb.append('\\');
                case 'c' -> {
                    return true;
                }
                case '0' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                        value = value * 8 + (s.charAt(++i) - '0');
                        digits++;
                    }
                    sb.append((char) value);
                }
                default -> sb.append('\\').append(n);
            }
        }
        return false;
    }
}
