package org.jlibos.scenario.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.sim.units.Units;

/** Parsing of textual values shared by the builder and the file loader, so both say the same thing. */
final class Values {

    /** The start of every "not a duration" message; the file loader completes it for non-scalars. */
    static final String DURATION_EXPECTED = "expected a duration like 10s or 250ms";

    /** The smallest and largest MTU a device accepts (RFC 791's minimum; 64 KiB). */
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65536;

    /**
     * Text that is shaped like a duration (a number with a known unit or none). For such text the
     * precise {@link Units} message ("negative duration: -1s", "duration needs a unit ...") is
     * more useful than the generic one; for anything else the generic one with an example is.
     */
    private static final Pattern DURATION_SHAPED =
            Pattern.compile("-?\\d+(\\.\\d+)?(ns|us|ms|s|m|h)?");

    /** A number with letters after it: precise {@link Units} messages beat the generic ones. */
    private static final Pattern QUANTITY_SHAPED = Pattern.compile("-?\\d+(\\.\\d+)?[A-Za-z]*");

    private static final Pattern FRACTION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(%?)");
    private static final Pattern PACKETS = Pattern.compile("\\d+");

    private Values() {
    }

    static void duration(Slot<Long> slot, String text, Location where) {
        try {
            slot.set(Units.parseDurationNanos(text), where);
        } catch (IllegalArgumentException e) {
            String message = DURATION_SHAPED.matcher(text).matches()
                    ? e.getMessage()
                    : DURATION_EXPECTED + ", got '" + text + "'";
            slot.reject(message, where);
        }
    }

    /** A positive data rate such as {@code 100Mbps}. */
    static void rate(Slot<Long> slot, String text, Location where) {
        long bps;
        try {
            bps = Units.parseRateBitsPerSecond(text);
        } catch (IllegalArgumentException e) {
            slot.reject(QUANTITY_SHAPED.matcher(text).matches()
                    ? e.getMessage()
                    : "expected a rate like 100Mbps or 1Gbps, got '" + text + "'", where);
            return;
        }
        rate(slot, bps, where);
    }

    static void rate(Slot<Long> slot, long bitsPerSecond, Location where) {
        if (bitsPerSecond <= 0) {
            slot.reject("expected a positive rate, got " + Units.formatRate(bitsPerSecond), where);
        } else {
            slot.set(bitsPerSecond, where);
        }
    }

    /**
     * A probability written as a percentage ({@code 1%}, {@code 0.1%}) or a fraction
     * ({@code 0.01}), in [0, 100%]. Parsed exactly (BigDecimal) and rounded once to a double, so
     * {@code 1%} and {@code 0.01} are the same value.
     */
    static void fraction(Slot<Double> slot, String key, String text, Location where) {
        Matcher m = FRACTION.matcher(text);
        if (!m.matches()) {
            slot.reject("expected a percentage like 1% or a fraction like 0.01 for '" + key + "', got '"
                    + text + "'", where);
            return;
        }
        BigDecimal value = new BigDecimal(m.group(1));
        if (!m.group(2).isEmpty()) {
            value = value.movePointLeft(2);
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            slot.reject("'" + key + "' must be between 0% and 100%, got " + text, where);
            return;
        }
        slot.set(value.doubleValue(), where);
    }

    static void fraction(Slot<Double> slot, String key, double value, Location where) {
        if (!(value >= 0 && value <= 1)) {
            slot.reject("'" + key + "' must be a fraction between 0 and 1, got " + value, where);
        } else {
            slot.set(value, where);
        }
    }

    /** An MTU in [{@value #MIN_MTU}, {@value #MAX_MTU}]. */
    static void mtu(Slot<Integer> slot, long mtu, Location where) {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            slot.reject("mtu must be between " + MIN_MTU + " and " + MAX_MTU + ", got " + mtu, where);
        } else {
            slot.set((int) mtu, where);
        }
    }

    /**
     * A transmit queue limit: a plain integer counts packets (pfifo), a size with a unit
     * ({@code 64KiB}, {@code 1500B}) counts bytes (bfifo), like tc's {@code limit}.
     */
    static void queue(Slot<QueueLimit> slot, String text, Location where) {
        if (PACKETS.matcher(text).matches()) {
            long packets;
            try {
                packets = Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                slot.reject("expected a queue of at most " + Integer.MAX_VALUE + " packets, got " + text, where);
                return;
            }
            queuePackets(slot, packets, where);
            return;
        }
        long bytes;
        try {
            bytes = Units.parseSizeBytes(text);
        } catch (IllegalArgumentException e) {
            slot.reject(QUANTITY_SHAPED.matcher(text).matches()
                    ? e.getMessage()
                    : "expected a number of packets like 100 or a size like 64KiB for 'queue', got '"
                            + text + "'", where);
            return;
        }
        queueBytes(slot, bytes, where);
    }

    static void queuePackets(Slot<QueueLimit> slot, long packets, Location where) {
        if (packets < 1) {
            slot.reject("expected a queue of at least 1 packet, got " + packets, where);
        } else if (packets > Integer.MAX_VALUE) {
            slot.reject("expected a queue of at most " + Integer.MAX_VALUE + " packets, got " + packets, where);
        } else {
            slot.set(new QueueLimit((int) packets, 0), where);
        }
    }

    static void queueBytes(Slot<QueueLimit> slot, long bytes, Location where) {
        if (bytes < 1) {
            slot.reject("expected a queue of at least 1 byte, got " + bytes + " bytes", where);
        } else {
            slot.set(new QueueLimit(0, bytes), where);
        }
    }

    /** A transmit queue limit in packets or in bytes (exactly one of them positive). */
    record QueueLimit(int packets, long bytes) {
        LinkSpec applyTo(LinkSpec spec) {
            return bytes > 0 ? spec.withQueueBytes(bytes) : spec.withQueuePackets(packets);
        }
    }
}
