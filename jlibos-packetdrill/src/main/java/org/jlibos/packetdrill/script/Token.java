package org.jlibos.packetdrill.script;

/**
 * One lexical token of a packetdrill script, with the line it starts on (1-based).
 *
 * @param kind  what the token is
 * @param text  the token's source text; for {@link Kind#STRING} the unescaped value, for
 *              {@link Kind#COMMAND} and {@link Kind#CODE} the text between the delimiters,
 *              for {@link Kind#OPTION} the text after {@code --}
 * @param value the numeric value of {@link Kind#INTEGER} and {@link Kind#HEX} tokens
 * @param line  line number of the token's first character
 */
public record Token(Kind kind, String text, long value, int line) {

    /** Token kinds, after packetdrill's {@code lexer.l}. */
    public enum Kind {
        /** {@code [-]?[0-9]+}. */
        INTEGER,
        /** {@code 0x[0-9a-fA-F]+}. */
        HEX,
        /** {@code [-]?[0-9]*\.[0-9]+}. */
        FLOAT,
        /** {@code [a-zA-Z0-9_]+} that is not a number. */
        WORD,
        /** A C-escaped {@code "..."} string. */
        STRING,
        /** A backquoted shell command. */
        COMMAND,
        /** A {@code %{ ... }%} code block. */
        CODE,
        /** A {@code --name[=value]} option line. */
        OPTION,
        /** {@code ...}. */
        ELLIPSIS,
        PLUS, MINUS, STAR, TILDE, LESS, GREATER, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE,
        COMMA, COLON, EQUALS, DOT, PIPE, SEMICOLON,
        /** Any other character (only legal inside free-text notes). */
        OTHER,
        EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            case COMMAND -> "command `" + text + "`";
            case CODE -> "code block";
            case OPTION -> "option --" + text;
            default -> "'" + text + "'";
        };
    }
}
