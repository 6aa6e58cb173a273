package org.jlibos.scenario.model;

/**
 * One user-supplied value of a builder, where it was written, and whether it could be used.
 *
 * <p>A slot is in one of three states: not given, given and usable, or given but rejected. The
 * third state lets validation stay quiet about a value that already has an error: {@code stop: abc}
 * must produce one error, not also "missing required key 'stop'" and a complaint about every
 * process's start time.
 */
final class Slot<T> {

    private T value;
    private Location where = Location.api();
    private boolean given;
    private boolean rejected;
    private String error;

    void set(T newValue, Location newWhere) {
        value = newValue;
        where = newWhere;
        given = true;
        rejected = false;
        error = null;
    }

    /**
     * Marks the value as given but unusable.
     *
     * @param message the error to report at build time, or null if the caller reported it already
     */
    void reject(String message, Location newWhere) {
        value = null;
        where = newWhere;
        given = true;
        rejected = true;
        error = message;
    }

    boolean given() {
        return given;
    }

    boolean usable() {
        return given && !rejected;
    }

    boolean rejected() {
        return rejected;
    }

    T value() {
        return value;
    }

    T valueOr(T fallback) {
        return usable() ? value : fallback;
    }

    Location where() {
        return where;
    }

    String error() {
        return error;
    }
}
