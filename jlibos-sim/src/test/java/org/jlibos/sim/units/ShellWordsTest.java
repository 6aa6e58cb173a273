package org.jlibos.sim.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnWhitespace() {
        assertEquals(List.of("echo", "hello", "world"), ShellWords.split("echo hello world"));
        assertEquals(List.of("a", "b", "c"), ShellWords.split("  a \t b\n\nc  "));
    }

    @Test
    void emptyAndBlankLinesHaveNoWords() {
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of(), ShellWords.split(" \t\n "));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("echo", "hello  world"), ShellWords.split("echo 'hello  world'"));
        assertEquals(List.of("a\\b\"c$d"), ShellWords.split("'a\\b\"c$d'"));
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteBackslashDollarAndBacktick() {
        assertEquals(List.of("say \"hi\""), ShellWords.split("\"say \\\"hi\\\"\""));
        assertEquals(List.of("a\\b"), ShellWords.split("\"a\\\\b\""));
        assertEquals(List.of("$HOME"), ShellWords.split("\"\\$HOME\""));
        assertEquals(List.of("`x`"), ShellWords.split("\"\\`x\\`\""));
        assertEquals(List.of("a\\nb"), ShellWords.split("\"a\\nb\""));
        assertEquals(List.of("it's"), ShellWords.split("\"it's\""));
        assertEquals(List.of("ab"), ShellWords.split("\"a\\\nb\""));
    }

    @Test
    void backslashOutsideQuotesEscapesNextCharacter() {
        assertEquals(List.of("hello world"), ShellWords.split("hello\\ world"));
        assertEquals(List.of("'", "\"", "\\"), ShellWords.split("\\' \\\" \\\\"));
        assertEquals(List.of("ab", "c"), ShellWords.split("a\\\nb c"));
    }

    @Test
    void quotesJoinAdjacentText() {
        assertEquals(List.of("ab cd"), ShellWords.split("a'b c'd"));
        assertEquals(List.of("x=1 2", "y"), ShellWords.split("x=\"1 2\" y"));
    }

    @Test
    void emptyQuotesMakeEmptyWords() {
        assertEquals(List.of("echo", "", ""), ShellWords.split("echo '' \"\""));
    }

    @Test
    void shellOperatorsAndExpansionsAreOrdinaryCharacters() {
        assertEquals(List.of("echo", "$HOME", "*", "|", "a;b"), ShellWords.split("echo $HOME * | a;b"));
    }

    @Test
    void rejectsUnterminatedQuotes() {
        var single = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'hi"));
        assertEquals("unterminated quote in: echo 'hi", single.getMessage());
        var dbl = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"hi\\\""));
        assertEquals("unterminated quote in: echo \"hi\\\"", dbl.getMessage());
    }

    @Test
    void rejectsTrailingBackslash() {
        var e = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo hi\\"));
        assertEquals("trailing backslash in: echo hi\\", e.getMessage());
    }

    @Test
    void joinQuotesWhatSplitWouldInterpret() {
        List<String> words = List.of("java", "-cp", "/a b/c.jar:d", "it's", "", "$HOME", "x=y", "tab\there", "back\\slash");
        assertEquals("java -cp '/a b/c.jar:d' 'it'\\''s' '' '$HOME' x=y 'tab\there' 'back\\slash'", ShellWords.join(words));
        assertEquals(words, ShellWords.split(ShellWords.join(words)));
    }
}
