package org.jlibos.scenario.model;

import java.util.regex.Pattern;
import org.jlibos.sim.units.Units;

/** Parsing of textual values shared by the builder and the file loader, so both say the same thing. */
final class Values {

    /** The start of every "not a duration" message; the file loader completes it for non-scalars. */
    static final String DURATION_EXPECTED = "expected a duration like 10s or 250ms";

    /**
     * Text that is shaped like a duration (a number with a known unit or none). For such text the
     * precise {@link Units} message ("negative duration: -1s", "duration needs a unit ...") is
     * more useful than the generic one; for anything else the generic one with an example is.
     */
    private static final Pattern DURATION_SHAPED =
            Pattern.compile("-?\\d+(\\.\\d+)?(ns|us|ms|s|m|h)?");

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
}
