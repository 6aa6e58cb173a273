package org.jlibos.packetdrill.run;

import java.util.List;

/**
 * The outcome of one script.
 *
 * @param path          the script as named on the command line or found in a directory
 * @param status        see {@link Status}
 * @param line          the script line of the first mismatch (0 when none or not tied to a line)
 * @param message       the first mismatch, or for {@link Status#UNEXPECTED_PASS} why it should have failed;
 *                      null for a pass
 * @param notes         what the runner approximated or skipped (sysctls it does not know, Python
 *                      blocks, commands emulated as no-ops), in order
 * @param internalError true when the runner itself failed (a bug here, not in the stack)
 * @param simulatedNanos virtual time the script took
 * @param wallNanos     real time the script took
 */
public record ScriptResult(String path, Status status, int line, String message, List<String> notes,
                           boolean internalError, long simulatedNanos, long wallNanos) {

    public enum Status {
        /** Ran to the end and every expectation held. */
        PASS,
        /** A mismatch (or an unsupported construct) stopped the script. */
        FAIL,
        /** A packetdrill self-test ({@code // Failure:} comment) failed at the line it announces. */
        EXPECTED_FAILURE,
        /** A self-test failed elsewhere than announced, or passed. */
        UNEXPECTED_PASS
    }

    public ScriptResult {
        notes = List.copyOf(notes);
    }

    /** Whether this result counts as a failure of the run (exit status 1). */
    public boolean isFailure() {
        return status == Status.FAIL || status == Status.UNEXPECTED_PASS;
    }

    /** The report line: {@code PASS p}, {@code FAIL p: line N: ...} or {@code XFAIL p: line N: ...}. */
    public String reportLine() {
        return switch (status) {
            case PASS -> "PASS " + path;
            case FAIL, UNEXPECTED_PASS -> "FAIL " + path + ": " + where() + message;
            case EXPECTED_FAILURE -> "XFAIL " + path + ": " + where() + message;
        };
    }

    private String where() {
        return line > 0 ? "line " + line + ": " : "";
    }
}
