package org.jlibos.scenario.model;

import java.util.List;
import java.util.Objects;

/**
 * One word of a scenario as written (a node name, an address, a capture device) and where it
 * was written, so that an error about one element of a list points at that element.
 *
 * @param text     the word exactly as written
 * @param location where it was written ({@link Location#api()} for builder calls)
 */
public record Token(String text, Location location) {

    public Token {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    /** A word given through the Java builder. */
    public static Token api(String text) {
        return new Token(text, Location.api());
    }

    /** Words given through the Java builder. */
    static List<Token> api(List<String> texts) {
        return texts.stream().map(Token::api).toList();
    }
}
