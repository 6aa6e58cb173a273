package org.jlibos.sim.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a command line into words the way a POSIX shell would, so that a scenario's
 * {@code cmd: "echo 'hello world'"} reaches the program as the argv a user expects.
 *
 * <p>Only quoting is interpreted; there is no variable expansion, globbing, command substitution
 * or operator handling: {@code $HOME}, {@code *}, {@code |} and {@code ;} are ordinary characters.
 * That keeps a command's meaning independent of any environment, which a deterministic simulation
 * needs. The rules:
 * <ul>
 *   <li>Unquoted spaces, tabs and newlines separate words; runs of them count as one separator.
 *   <li>Single quotes preserve everything up to the next single quote literally.
 *   <li>Inside double quotes a backslash escapes only {@code "}, {@code \}, {@code $} and
 *       {@code `} (and a backslash-newline is removed); any other backslash is literal.
 *   <li>Outside quotes a backslash makes the next character literal; backslash-newline is a line
 *       continuation and is removed.
 *   <li>Quotes join with adjacent text ({@code a'b c'd} is one word {@code ab cd}); an empty quoted
 *       string is an empty word.
 * </ul>
 */
public final class ShellWords {

    private ShellWords() {
    }

    /**
     * Returns the words of {@code commandLine}; an empty or blank line gives an empty list.
     *
     * @throws IllegalArgumentException on an unterminated quote or a trailing backslash
     */
    public static List<String> split(String commandLine) {
        Objects.requireNonNull(commandLine, "commandLine");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = commandLine.length();
        while (i < n) {
            char c = commandLine.charAt(i);
            switch (c) {
                case ' ', '\t', '\n' -> {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    i++;
                }
                case '\'' -> {
                    int end = commandLine.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated quote in: " + commandLine);
                    }
                    word.append(commandLine, i + 1, end);
                    inWord = true;
                    i = end + 1;
                }
                case '"' -> {
                    i = readDoubleQuoted(commandLine, i + 1, word);
                    inWord = true;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw new IllegalArgumentException("trailing backslash in: " + commandLine);
                    }
                    char next = commandLine.charAt(i + 1);
                    if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                    i += 2;
                }
                default -> {
                    word.append(c);
                    inWord = true;
                    i++;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the body of a double-quoted string starting at {@code i}; returns the index after it. */
    private static int readDoubleQuoted(String commandLine, int i, StringBuilder word) {
        int n = commandLine.length();
        while (i < n) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < n) {
                char next = commandLine.charAt(i + 1);
                switch (next) {
                    case '"', '\\', '$', '`' -> {
                        word.append(next);
                        i += 2;
                        continue;
                    }
                    case '\n' -> {
                        i += 2;
                        continue;
                    }
                    default -> {
                        // POSIX keeps the backslash before any other character.
                    }
                }
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated quote in: " + commandLine);
    }

    /**
     * The command line that {@link #split(String)} turns back into {@code words}: words with
     * characters a shell would interpret are single-quoted.
     */
    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }

    /** {@code word} as one shell word. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,+@%".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
