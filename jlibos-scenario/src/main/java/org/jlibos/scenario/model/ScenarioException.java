package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario could not be built. Carries every error found rather than only the first, so a user
 * can fix a file in one pass instead of one error per run.
 */
public final class ScenarioException extends Exception {

    private final List<ScenarioError> errors;

    /**
     * @param errors the problems found, in any order; they are kept in document order
     *               ({@link ScenarioError#DOCUMENT_ORDER}, stable)
     * @throws IllegalArgumentException if {@code errors} is empty: there is nothing to report
     */
    public ScenarioException(List<ScenarioError> errors) {
        super(null, null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one error");
        }
        List<ScenarioError> sorted = new ArrayList<>(errors);
        sorted.sort(ScenarioError.DOCUMENT_ORDER);
        this.errors = List.copyOf(sorted);
    }

    /** All errors, in document order. */
    public List<ScenarioError> errors() {
        return errors;
    }

    /** One error per line, each as {@code file:line:column: message}. */
    @Override
    public String getMessage() {
        return errors.stream().map(ScenarioError::toString).collect(Collectors.joining("\n"));
    }
}
