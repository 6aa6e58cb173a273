package org.jlibos.packetdrill.script;

/**
 * When an event happens, in script microseconds (README §5.4).
 *
 * @param type         absolute, relative ({@code +x}), a range ({@code a~b}, {@code +a~+b}) or any
 * @param startMicros  the (start) time; relative to the event's base for relative types
 * @param endMicros    the end of a range; equal to start otherwise
 */
public record EventTime(Type type, long startMicros, long endMicros) {

    public enum Type { ABSOLUTE, RELATIVE, ABSOLUTE_RANGE, RELATIVE_RANGE, ANY }

    public static EventTime absolute(long micros) {
        return new EventTime(Type.ABSOLUTE, micros, micros);
    }

    public static EventTime relative(long micros) {
        return new EventTime(Type.RELATIVE, micros, micros);
    }

    public static EventTime any() {
        return new EventTime(Type.ANY, 0, 0);
    }

    public boolean isRelative() {
        return type == Type.RELATIVE || type == Type.RELATIVE_RANGE;
    }

    public boolean isRange() {
        return type == Type.ABSOLUTE_RANGE || type == Type.RELATIVE_RANGE;
    }

    /** Script seconds as packetdrill reads them: {@code (long)(seconds * 1e6)} microseconds. */
    public static long secondsToMicros(String seconds) {
        return (long) (Double.parseDouble(seconds) * 1e6);
    }

    /** Microseconds as the shortest decimal seconds ({@code 100000} is {@code "0.1"}). */
    public static String formatSeconds(long micros) {
        String sign = micros < 0 ? "-" : "";
        long m = Math.abs(micros);
        long whole = m / 1_000_000;
        long frac = m % 1_000_000;
        if (frac == 0) {
            return sign + whole;
        }
        String f = String.format("%06d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return sign + whole + "." + f.substring(0, end);
    }

    @Override
    public String toString() {
        return switch (type) {
            case ABSOLUTE -> formatSeconds(startMicros);
            case RELATIVE -> "+" + formatSeconds(startMicros);
            case ABSOLUTE_RANGE -> formatSeconds(startMicros) + "~" + formatSeconds(endMicros);
            case RELATIVE_RANGE -> "+" + formatSeconds(startMicros) + "~+" + formatSeconds(endMicros);
            case ANY -> "*";
        };
    }
}
