package org.jlibos.packetdrill.script;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.packetdrill.script.Token.Kind;

/**
 * Splits a packetdrill script into tokens, copying the rules of packetdrill's {@code lexer.l}
 * that matter for a TCP corpus (README §5.2): {@code ...} is one token, numbers are
 * {@code [-]?[0-9]+}, {@code 0x...} or {@code [-]?[0-9]*\.[0-9]+}, words are
 * {@code [a-zA-Z0-9_]+} (longest match, so a hex cookie like {@code 3021b9d8} is a word),
 * {@code `...`} is a shell command and {@code %{ ... }%} a code block, both possibly spanning
 * lines, {@code // ...} and {@code /* ... *}{@code /} are comments.
 *
 * <p>The lexer also records packetdrill's self-test convention: a comment
 * {@code // Failure: <message>} announces that the next event is expected to fail.
 */
public final class Lexer {

    private final String src;
    private int pos;
    private int line = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<int[]> failureMarkers = new ArrayList<>();
    private final List<String> failureTexts = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    /** The tokens of {@code source}, ending with an {@link Kind#EOF} token. */
    public static Result lex(String source) throws ScriptParseException {
        Lexer l = new Lexer(source);
        l.run();
        return new Result(List.copyOf(l.tokens), l.failureMarkers.isEmpty() ? 0 : l.failureMarkers.get(0)[0],
                l.failureTexts.isEmpty() ? null : l.failureTexts.get(0));
    }

    /**
     * The lexer's output.
     *
     * @param tokens            the tokens, ending with EOF
     * @param failureMarkerLine line of the first {@code // Failure:} comment, 0 when none
     * @param failureMarkerText the text after {@code Failure:}, or null
     */
    public record Result(List<Token> tokens, int failureMarkerLine, String failureMarkerText) {
    }

    private void run() throws ScriptParseException {
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                tokens.add(new Token(Kind.EOF, "", 0, line));
                return;
            }
            next();
        }
    }

    private void skipSpaceAndComments() throws ScriptParseException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                if (end < 0) {
                    end = src.length();
                }
                String body = src.substring(pos + 2, end).strip();
                if (body.startsWith("Failure:")) {
                    failureMarkers.add(new int[] {line});
                    failureTexts.add(body.substring("Failure:".length()).strip());
                }
                pos = end;
            } else if (src.startsWith("/*", pos)) {
                int start = line;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new ScriptParseException(start, "unterminated /* comment");
                }
                countLines(pos, end + 2);
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private void next() throws ScriptParseException {
        char c = src.charAt(pos);
        int startLine = line;
        if (src.startsWith("...", pos)) {
            add(Kind.ELLIPSIS, "...", 3);
            return;
        }
        if (src.startsWith("%{", pos)) {
            int end = src.indexOf("}%", pos + 2);
            if (end < 0) {
                throw new ScriptParseException(startLine, "unterminated %{ code block");
            }
            String body = src.substring(pos + 2, end).strip();
            countLines(pos, end + 2);
            pos = end + 2;
            tokens.add(new Token(Kind.CODE, body, 0, startLine));
            return;
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw new ScriptParseException(startLine, "unterminated ` command");
            }
            String body = src.substring(pos + 1, end);
            countLines(pos, end + 1);
            pos = end + 1;
            tokens.add(new Token(Kind.COMMAND, body, 0, startLine));
            return;
        }
        if (c == '"') {
            lexString();
            return;
        }
        if (src.startsWith("--", pos) && pos + 2 < src.length() && isWordChar(src.charAt(pos + 2))) {
            int end = pos + 2;
            while (end < src.length() && !Character.isWhitespace(src.charAt(end))) {
                end++;
            }
            tokens.add(new Token(Kind.OPTION, src.substring(pos + 2, end), 0, startLine));
            pos = end;
            return;
        }
        if (isDigit(c) || (c == '.' && isDigitAt(pos + 1)) || (c == '-' && (isDigitAt(pos + 1)
                || (charAt(pos + 1) == '.' && isDigitAt(pos + 2))))) {
            lexNumberOrWord();
            return;
        }
        if (isWordChar(c)) {
            lexNumberOrWord();
            return;
        }
        Kind k = switch (c) {
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.STAR;
            case '~' -> Kind.TILDE;
            case '<' -> Kind.LESS;
            case '>' -> Kind.GREATER;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case ',' -> Kind.COMMA;
            case ':' -> Kind.COLON;
            case '=' -> Kind.EQUALS;
            case '.' -> Kind.DOT;
            case '|' -> Kind.PIPE;
            case ';' -> Kind.SEMICOLON;
            default -> Kind.OTHER;
        };
        add(k, String.valueOf(c), 1);
    }

    /**
     * Numbers and words by flex's longest-match rule: {@code 0.100} is a float, {@code 3021b9d8}
     * a word, {@code 0...0.2} an integer followed by an ellipsis; on equal length a number wins.
     */
    private void lexNumberOrWord() throws ScriptParseException {
        int start = pos;
        int startLine = line;
        boolean negative = src.charAt(pos) == '-';
        int i = negative ? pos + 1 : pos;
        int digitsEnd = i;
        while (isDigitAt(digitsEnd)) {
            digitsEnd++;
        }
        int floatEnd = -1;
        if (charAt(digitsEnd) == '.' && isDigitAt(digitsEnd + 1)) {
            floatEnd = digitsEnd + 1;
            while (isDigitAt(floatEnd)) {
                floatEnd++;
            }
        }
        int wordEnd = -1;
        if (!negative) {
            wordEnd = i;
            while (isWordCharAt(wordEnd)) {
                wordEnd++;
            }
        }
        if (floatEnd > 0 && floatEnd >= wordEnd) {
            pos = floatEnd;
            tokens.add(new Token(Kind.FLOAT, src.substring(start, floatEnd), 0, startLine));
            return;
        }
        if (negative || wordEnd == digitsEnd) {
            pos = digitsEnd;
            String text = src.substring(start, digitsEnd);
            tokens.add(new Token(Kind.INTEGER, text, parseLong(text, startLine), startLine));
            return;
        }
        String text = src.substring(start, wordEnd);
        pos = wordEnd;
        if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))
                && text.substring(2).chars().allMatch(Lexer::isHexDigit)) {
            try {
                tokens.add(new Token(Kind.HEX, text, Long.parseUnsignedLong(text.substring(2), 16), startLine));
            } catch (NumberFormatException e) {
                throw new ScriptParseException(startLine, "hex number out of range: " + text);
            }
        } else {
            tokens.add(new Token(Kind.WORD, text, 0, startLine));
        }
    }

    private static long parseLong(String text, int line) throws ScriptParseException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ScriptParseException(line, "number out of range: " + text);
        }
    }

    private void lexString() throws ScriptParseException {
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= src.length()) {
                throw new ScriptParseException(startLine, "unterminated string");
            }
            char c = src.charAt(i);
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= src.length()) {
                throw new ScriptParseException(startLine, "unterminated string");
            }
            char e = src.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case 'x' -> {
                    int end = i;
                    while (end < src.length() && end < i + 2 && isHexDigit(src.charAt(end))) {
                        end++;
                    }
                    if (end == i) {
                        throw new ScriptParseException(line, "bad \\x escape in string");
                    }
                    sb.append((char) Integer.parseInt(src.substring(i, end), 16));
                    i = end;
                }
                default -> throw new ScriptParseException(line, "unknown escape \\" + e + " in string");
            }
        }
        pos = i;
        tokens.add(new Token(Kind.STRING, sb.toString(), 0, startLine));
    }

    private void add(Kind kind, String text, int length) {
        tokens.add(new Token(kind, text, 0, line));
        pos += length;
    }

    private char charAt(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private boolean isDigitAt(int i) {
        return i < src.length() && isDigit(src.charAt(i));
    }

    private boolean isWordCharAt(int i) {
        return i < src.length() && isWordChar(src.charAt(i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }
}
