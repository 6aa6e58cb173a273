package org.jlibos.scenario.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a scenario, tied to the place the user has to fix.
 *
 * @param location where the offending value, key or element was written
 * @param message  what is wrong and, where possible, what was expected
 */
public record ScenarioError(Location location, String message) {

    /**
     * Orders errors as they appear in the file, so users can fix them top to bottom. Errors at
     * the same position (and all builder-made ones) compare equal, so a stable sort keeps the
     * order in which they were found.
     */
    public static final Comparator<ScenarioError> DOCUMENT_ORDER =
            Comparator.comparingInt((ScenarioError e) -> e.location().line())
                    .thenComparingInt(e -> e.location().column());

    public ScenarioError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, the format compilers use and editors can jump to. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
