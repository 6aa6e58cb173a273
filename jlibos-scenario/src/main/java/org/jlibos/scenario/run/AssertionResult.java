package org.jlibos.scenario.run;

/** One expectation checked at the end of a run. */
public record AssertionResult(String description, boolean passed, String message) {
}
