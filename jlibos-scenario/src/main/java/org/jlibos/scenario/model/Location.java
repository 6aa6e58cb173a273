package org.jlibos.scenario.model;

import java.util.Objects;

/**
 * Where a scenario element was written, so that an error can send the user to the exact spot.
 *
 * <p>Lines and columns are 1-based, as editors show them. Elements made with the Java builder
 * have no source position; they all share {@link #api()}, which makes a builder-made scenario
 * comparable with {@link Scenario#withoutLocations()} of a loaded one.
 *
 * @param file   the file name as given to the loader (or {@code "<api>"})
 * @param line   1-based line, or 0 for {@link #api()}
 * @param column 1-based column, or 0 for {@link #api()}
 */
public record Location(String file, int line, int column) {

    private static final Location API = new Location("<api>", 0, 0);

    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
    }

    /** The location of every element made through the Java builder. */
    public static Location api() {
        return API;
    }

    /** True for {@link #api()}: there is no file position to show. */
    public boolean isApi() {
        return equals(API);
    }

    /** {@code file:line:column}, the form editors and IDEs turn into links; just {@code <api>} for {@link #api()}. */
    @Override
    public String toString() {
        return isApi() ? file : file + ":" + line + ":" + column;
    }
}
