package org.jlibos.sim.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of the quantities users write in scenarios and on the command line:
 * durations, link rates and sizes.
 *
 * <p>All parsing goes through {@link BigDecimal} so that {@code 1.1s} is exactly 1 100 000 000 ns
 * rather than whatever a {@code double} rounds it to: a simulation must not depend on floating
 * point rounding of its inputs. A value that does not come out as a whole number of the base unit
 * (nanoseconds, bits per second, bytes) is rejected instead of being silently rounded, and so is a
 * value that does not fit in a {@code long}.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message quotes the input and names
 * the accepted units, so callers can show it to users unchanged.
 */
public final class Units {

    /** A decimal number (no exponent, no leading '+') followed by an optional unit of letters. */
    private static final Pattern QUANTITY = Pattern.compile("(-?)(\\d+(?:\\.\\d+)?)([A-Za-z]*)");

    private static final Map<String, Long> DURATION_UNITS = orderedMap(
            "ns", 1L,
            "us", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final String DURATION_UNIT_LIST = "ns, us, ms, s, m, h";

    /** SI prefixes (k = 1000); "Kbps" is accepted too because it is common in data sheets. */
    private static final Map<String, Long> RATE_UNITS = orderedMap(
            "bps", 1L,
            "kbps", 1_000L,
            "Kbps", 1_000L,
            "Mbps", 1_000_000L,
            "Gbps", 1_000_000_000L,
            "Tbps", 1_000_000_000_000L);
    private static final String RATE_UNIT_LIST = "bps, kbps, Mbps, Gbps, Tbps";

    private static final Map<String, Long> SIZE_UNITS = orderedMap(
            "B", 1L,
            "KB", 1_000L,
            "kB", 1_000L,
            "KiB", 1L << 10,
            "MB", 1_000_000L,
            "MiB", 1L << 20,
            "GB", 1_000_000_000L,
            "GiB", 1L << 30,
            "TB", 1_000_000_000_000L,
            "TiB", 1L << 40);
    private static final String SIZE_UNIT_LIST = "B, KB, kB, KiB, MB, MiB, GB, GiB, TB, TiB";

    private Units() {
    }

    /**
     * Parses a duration such as {@code 10s}, {@code 250ms}, {@code 1.5us}, {@code 2m}, {@code 1h}
     * or {@code 100ns} into nanoseconds.
     *
     * <p>A bare number is rejected (is {@code 5} seconds or milliseconds?), except {@code 0},
     * which means the same in every unit. Units are case-sensitive because {@code m} (minutes)
     * and {@code M} would otherwise be confusable.
     *
     * @throws IllegalArgumentException if the text is not a duration, has no or an unknown unit,
     *     is negative, is not a whole number of nanoseconds, or exceeds {@link Long#MAX_VALUE} ns
     */
    public static long parseDurationNanos(String text) {
        Objects.requireNonNull(text, "duration");
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text
                    + "': expected a number followed by a unit (" + DURATION_UNIT_LIST
                    + "), e.g. 10s or 250ms");
        }
        BigDecimal number = new BigDecimal(m.group(1) + m.group(2));
        String unit = m.group(3);
        if (unit.isEmpty()) {
            if (number.signum() == 0) {
                return 0;
            }
            throw new IllegalArgumentException(
                    "duration needs a unit (" + DURATION_UNIT_LIST + "): '" + text + "'");
        }
        Long factor = DURATION_UNITS.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown duration unit '" + unit + "' in '" + text
                    + "' (expected " + DURATION_UNIT_LIST + ")");
        }
        if (number.signum() < 0) {
            throw new IllegalArgumentException("negative duration: " + text);
        }
        return exactLong(number, factor, text, "duration", "nanoseconds");
    }

    /**
     * Parses a link rate such as {@code 100Mbps}, {@code 1.5Mbps}, {@code 64kbps} or
     * {@code 9600bps} into bits per second. Prefixes are SI (k = 1000), as is usual for links.
     *
     * @throws IllegalArgumentException if the text is not a rate, has no or an unknown unit, is
     *     negative, is not a whole number of bits per second, or does not fit in a {@code long}
     */
    public static long parseRateBitsPerSecond(String text) {
        Objects.requireNonNull(text, "rate");
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid rate '" + text
                    + "': expected a number followed by a unit (" + RATE_UNIT_LIST
                    + "), e.g. 100Mbps");
        }
        BigDecimal number = new BigDecimal(m.group(1) + m.group(2));
        String unit = m.group(3);
        if (unit.isEmpty()) {
            throw new IllegalArgumentException(
                    "rate needs a unit (" + RATE_UNIT_LIST + "): '" + text + "'");
        }
        Long factor = RATE_UNITS.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown rate unit '" + unit + "' in '" + text
                    + "' (expected " + RATE_UNIT_LIST + ")");
        }
        if (number.signum() < 0) {
            throw new IllegalArgumentException("negative rate: " + text);
        }
        return exactLong(number, factor, text, "rate", "bits per second");
    }

    /**
     * Parses a size such as {@code 1500}, {@code 64KiB} or {@code 1MB} into bytes. A bare number
     * means bytes, because that is how sizes (MTU, buffer sizes) are usually written. Decimal
     * prefixes (KB, MB, ...) are powers of 1000 and binary prefixes (KiB, MiB, ...) powers of
     * 1024, following IEC 80000-13, so {@code MB} never silently means 2^20.
     *
     * @throws IllegalArgumentException if the text is not a size, has an unknown unit, is
     *     negative, is not a whole number of bytes, or does not fit in a {@code long}
     */
    public static long parseSizeBytes(String text) {
        Objects.requireNonNull(text, "size");
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text
                    + "': expected a number of bytes, optionally followed by a unit ("
                    + SIZE_UNIT_LIST + "), e.g. 1500 or 64KiB");
        }
        BigDecimal number = new BigDecimal(m.group(1) + m.group(2));
        String unit = m.group(3);
        Long factor = unit.isEmpty() ? Long.valueOf(1) : SIZE_UNITS.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown size unit '" + unit + "' in '" + text
                    + "' (expected " + SIZE_UNIT_LIST + ")");
        }
        if (number.signum() < 0) {
            throw new IllegalArgumentException("negative size: " + text);
        }
        return exactLong(number, factor, text, "size", "bytes");
    }

    /**
     * Formats nanoseconds for humans without losing precision, so that a formatted value parses
     * back to exactly the same number.
     *
     * <p>Rule: use the largest of s, ms, us and ns in which the value is at least 1 and an exact
     * decimal with at most three fractional digits (trailing zeros removed), falling back to ns.
     * Minutes and hours are never used, so 90 s is {@code "90s"}, and zero is {@code "0s"}.
     * Examples: 1 500 000 &rarr; {@code "1.5ms"}, 30 000 000 000 &rarr; {@code "30s"}, 1000 &rarr;
     * {@code "1us"}, 999 &rarr; {@code "999ns"}, 1 000 000 001 &rarr; {@code "1000000.001us"}.
     * Negative values get a leading minus sign.
     */
    public static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s"; // reads better than "0ns" in a scenario; every unit means the same
        }
        return format(nanos, new String[] {"s", "ms", "us", "ns"}, new int[] {9, 6, 3, 0});
    }

    /**
     * Formats bits per second with the same rule as {@link #formatDuration}: the largest of
     * Tbps, Gbps, Mbps, kbps and bps in which the value is at least 1 and has at most three
     * fractional digits, e.g. {@code "100Mbps"}, {@code "1.5Mbps"}, {@code "64kbps"}, {@code "0bps"}.
     */
    public static String formatRate(long bitsPerSecond) {
        return format(bitsPerSecond, new String[] {"Tbps", "Gbps", "Mbps", "kbps", "bps"},
                new int[] {12, 9, 6, 3, 0});
    }

    private static String format(long value, String[] units, int[] powersOfTen) {
        BigDecimal exact = BigDecimal.valueOf(value);
        int last = units.length - 1;
        for (int i = 0; i < last; i++) {
            BigDecimal scaled = exact.movePointLeft(powersOfTen[i]).stripTrailingZeros();
            if (scaled.abs().compareTo(BigDecimal.ONE) >= 0 && scaled.scale() <= 3) {
                return scaled.toPlainString() + units[i];
            }
        }
        return value + units[last];
    }

    private static long exactLong(BigDecimal number, long factor, String text, String what,
            String baseUnit) {
        BigDecimal product = number.multiply(BigDecimal.valueOf(factor));
        BigInteger whole;
        try {
            whole = product.toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            throw new IllegalArgumentException(
                    what + " is not a whole number of " + baseUnit + ": '" + text + "'");
        }
        if (whole.bitLength() > 63) {
            throw new IllegalArgumentException(what + " too large: '" + text + "' (more than "
                    + Long.MAX_VALUE + " " + baseUnit + ")");
        }
        return whole.longValueExact();
    }

    private static Map<String, Long> orderedMap(Object... keysAndValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * A duration for people, rounded to the millisecond and given in seconds: 5051195162 ns
     * is "5.051s", 9200000000 ns "9.2s", 0 "0s". Use {@link #formatDuration} where exactness
     * matters.
     */
    public static String formatSeconds(long nanos) {
        java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(nanos, 9)
                .setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }
}
