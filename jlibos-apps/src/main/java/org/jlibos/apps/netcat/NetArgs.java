package org.jlibos.apps.netcat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.jlibos.apps.resolve.HostResolver;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.units.Units;

/** Command-line values shared by nc, udpsend and udprecv. */
final class NetArgs {

    private NetArgs() {
    }

    /** A host as the other tools resolve it ({@link HostResolver}); -1 when unknown. */
    static long resolve(ProcessContext ctx, String host) {
        return HostResolver.resolve(ctx, host);
    }

    /** A port 1..65535, or -1. */
    static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : -1;
    }

    /** Seconds as nc takes them ("2", "0.5"), in nanoseconds; -1 when malformed. */
    static long seconds(String text) {
        if (!text.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
            return -1;
        }
        BigDecimal nanos = new BigDecimal(text).movePointRight(9);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return -1;
        }
        return nanos.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /**
     * A duration for udpsend/udprecv: any {@link Units#parseDurationNanos} form ("10ms",
     * "1.5s") or a bare number of seconds, as ping's -i takes it.
     *
     * @throws IllegalArgumentException with a message naming the text
     */
    static long duration(String text) {
        long s = seconds(text);
        if (s >= 0) {
            return s;
        }
        return Units.parseDurationNanos(text);
    }

    /**
     * The bytes of {@code text} with C escapes interpreted: \n \t \r \0 \\ and \xHH, so a
     * scenario can send "hello\n" without a terminal.
     */
    static byte[] unescape(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (c != '\\' || i + 1 == raw.length) {
                b.write(c);
                continue;
            }
            byte n = raw[++i];
            switch (n) {
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case 'r' -> b.write('\r');
                case '0' -> b.write(0);
                case '\\' -> b.write('\\');
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < raw.length && Character.digit(raw[i + 1], 16) >= 0) {
                        v = v * 16 + Character.digit(raw[++i], 16);
                        digits++;
                    }
                    if (digits == 0) {
                        b.write('\\');
                        b.write('x');
                    } else {
                        b.write(v);
                    }
                }
                default -> {
                    b.write('\\');
                    b.write(n);
                }
            }
        }
        return b.toByteArray();
    }
}
