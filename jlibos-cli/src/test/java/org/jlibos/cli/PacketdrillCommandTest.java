package org.jlibos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlibos packetdrill}: one line per script, the summary line CI tools read, exit codes. */
class PacketdrillCommandTest {

    /** What CI tools parse: "N passed, N failed", optionally ", N skipped", optionally after "word: ". */
    private static final String SUMMARY = "(\\w+: )?\\d+ passed, \\d+ failed(, \\d+ skipped)?";

    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String last() {
            List<String> l = lines();
            return l.get(l.size() - 1);
        }
    }

    static Outcome jlibos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path script(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path passing(String name) throws IOException {
        return script(name, """
                0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
                +0   bind(3, ..., ...) = 0
                +0   connect(3, ..., ...) = 0
                +.1  write(3, ..., 20) = 20
                +0   > udp (20)
                +0   close(3) = 0
                """);
    }

    private Path failing(String name) throws IOException {
        return script(name, """
                0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
                +0   bind(3, ..., ...) = 0
                +0   connect(3, ..., ...) = 0
                +.1  write(3, ..., 20) = 20
                +0   > udp (30)
                """);
    }

    private Path selfTest(String name, String expected) throws IOException {
        return script(name, """
                // A self-test: the marked call must fail.
                0  socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
                // Failure: Expected result 9
                +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = %s
                """.formatted(expected));
    }

    @Test
    void passingScript() throws IOException {
        Path p = passing("ok.pkt");
        Outcome o = jlibos("packetdrill", p.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertEquals(List.of("PASS " + p, "1 passed, 0 failed"), o.lines());
        assertTrue(o.last().matches(SUMMARY));
    }

    @Test
    void failingScriptNamesLineExpectedAndActual() throws IOException {
        Path p = failing("bad.pkt");
        Outcome o = jlibos("packetdrill", p.toString());
        assertEquals(1, o.exit(), o.out() + o.err());
        assertEquals(List.of("FAIL " + p + ": line 5: expected outbound udp (30), got udp (20) sent at 0.100000 sec "
                + "(udp_payload_length: expected 30, actual 20)", "0 passed, 1 failed"), o.lines());
        assertTrue(o.last().matches(SUMMARY));
    }

    @Test
    void selfTestFailingAsAnnouncedIsAnExpectedFailureAndExitsZero() throws IOException {
        Path p = selfTest("self.pkt", "9");
        Outcome o = jlibos("packetdrill", p.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertEquals(List.of("XFAIL " + p + ": line 4: fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK): expected result 9, got 0",
                "1 expected failure", "0 passed, 0 failed"), o.lines());
        assertTrue(o.last().matches(SUMMARY));
    }

    @Test
    void selfTestThatPassesFailsTheRun() throws IOException {
        Path p = selfTest("self.pkt", "0");
        Outcome o = jlibos("packetdrill", p.toString());
        assertEquals(1, o.exit(), o.out() + o.err());
        assertEquals(List.of("FAIL " + p + ": line 4: expected to fail at line 4 (Expected result 9) but passed",
                "0 passed, 1 failed"), o.lines());
    }

    @Test
    void directoriesAreSearchedInNameOrder() throws IOException {
        Path b = failing("dir/b.pkt");
        Path a = passing("dir/a.pkt");
        Path c = selfTest("dir/sub/c.pkt", "9");
        script("dir/notes.txt", "not a script");
        Outcome o = jlibos("packetdrill", tmp.resolve("dir").toString());
        assertEquals(1, o.exit());
        List<String> l = o.lines();
        assertEquals(5, l.size(), o.out());
        assertEquals("PASS " + a, l.get(0));
        assertTrue(l.get(1).startsWith("FAIL " + b + ": line 5: "), l.get(1));
        assertTrue(l.get(2).startsWith("XFAIL " + c + ": line 4: "), l.get(2));
        assertEquals("1 expected failure", l.get(3));
        assertEquals("1 passed, 1 failed", l.get(4));
    }

    @Test
    void verbosePrintsEachEvent() throws IOException {
        Path p = passing("ok.pkt");
        Outcome o = jlibos("packetdrill", "--verbose", p.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("== " + p + "\n"), o.out());
        assertTrue(o.out().contains("  0.000000 line 1: socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3\n"), o.out());
        assertTrue(o.out().contains("  0.100000 line 5: sent udp (20) (matches)\n"), o.out());
        assertTrue(o.out().endsWith("PASS " + p + "\n1 passed, 0 failed\n"), o.out());
    }

    @Test
    void sameScriptSameOutput() throws IOException {
        Path p = failing("bad.pkt");
        assertEquals(jlibos("packetdrill", p.toString()).out(), jlibos("packetdrill", p.toString()).out());
    }

    @Test
    void missingPathIsAUsageError() {
        Outcome o = jlibos("packetdrill", tmp.resolve("nope.pkt").toString());
        assertEquals(2, o.exit());
        assertEquals("jlibos packetdrill: " + tmp.resolve("nope.pkt") + ": no such file or directory\n", o.err());
        assertEquals(2, jlibos("packetdrill").exit(), "at least one FILE|DIR");
    }

    @Test
    void emptyDirectoryIsAUsageError() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        Outcome o = jlibos("packetdrill", tmp.resolve("empty").toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().startsWith("jlibos packetdrill: no *.pkt scripts in "), o.err());
    }
}
