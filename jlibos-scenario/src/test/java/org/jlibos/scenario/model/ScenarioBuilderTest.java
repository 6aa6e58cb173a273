package org.jlibos.scenario.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {

    private static final Location API = Location.api();
    private static final ScenarioEnvironment ENV = TestEnvironment.INSTANCE;

    @Test
    void buildsTheExactModel() throws ScenarioException {
        Scenario s = Scenario.builder("hello")
                .seed(7)
                .stop("30s")
                .node("h1")
                .node("h2", n -> n.sysctl("net.ipv4.ip_forward", "1"))
                .run("greet", "0s", "h1", "echo hello")
                .run(r -> r.id("nap").at("1s").node("h2").cmd("sleep 5"))
                .expect(e -> e.id("greet").exit(0).stdout("hello"))
                .expect(e -> e.id("nap").exit(0).endedBy("6s"))
                .expect(e -> e.id("greet").stdoutRegex("^hel+o$"))
                .build(ENV);

        Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        nodes.put("h1", new NodeSpec("h1", Map.of(), API));
        nodes.put("h2", new NodeSpec("h2", Map.of("net.ipv4.ip_forward", "1"), API));
        Scenario expected = new Scenario("hello", 7, 30_000_000_000L, nodes,
                List.of(new ProcessSpec("greet", 0, "h1", "echo hello", API),
                        new ProcessSpec("nap", 1_000_000_000L, "h2", "sleep 5", API)),
                List.of(new Expectation("greet", 0, "hello", null, null, null, null, null, API),
                        new Expectation("nap", 0, null, null, null, null, 6_000_000_000L, null, API),
                        new Expectation("greet", null, null, Pattern.compile("^hel+o$", Pattern.MULTILINE),
                                null, null, null, null, API)),
                API);
        assertEquals(expected, s);
        assertEquals(List.of("h1", "h2"), List.copyOf(s.nodes().keySet()));
    }

    @Test
    void seedDefaultsToOneAndStartTimeToZero() throws ScenarioException {
        Scenario s = Scenario.builder("d").stop(5_000L).node("h1")
                .run(r -> r.node("h1").cmd("echo")).build();
        assertEquals(1, s.seed());
        assertEquals(5_000L, s.stopNanos());
        assertEquals(0, s.run().getFirst().atNanos());
    }

    @Test
    void generatesIdsFromNodeProgramAndPosition() throws ScenarioException {
        Scenario s = Scenario.builder("ids").stop("10s").node("h1").node("h2")
                .run(null, null, "h1", "echo hello")
                .run("named", null, "h1", "echo")
                .run(null, "1s", "h2", "/usr/bin/cat 'a b'")
                .expect(e -> e.id("h2-cat-3").exit(0))
                .build();
        assertEquals(List.of("h1-echo-1", "named", "h2-cat-3"),
                s.run().stream().map(ProcessSpec::id).toList());
        assertEquals(List.of("/usr/bin/cat", "a b"), s.run().get(2).argv());
        assertEquals("/usr/bin/cat", s.run().get(2).program());
    }

    @Test
    void zeroSeedAndNegativeSeedAreAllowed() throws ScenarioException {
        assertEquals(0, Scenario.builder("z").stop("1s").seed(0).build().seed());
        assertEquals(-5, Scenario.builder("z").stop("1s").seed(-5).build().seed());
    }

    @Test
    void regexesUseMultilineMode() throws ScenarioException {
        Scenario s = Scenario.builder("re").stop("1s").node("h1").run("greet", null, "h1", "echo")
                .expect(e -> e.id("greet").stdoutRegex("^hel+o$")).build();
        Pattern p = s.expect().getFirst().stdoutRegex();
        assertTrue(p.matcher("first line\nhello\nlast line").find());
    }

    @Test
    void describesExpectations() throws ScenarioException {
        Scenario s = Scenario.builder("d").stop("30s").node("h1").run("greet", null, "h1", "echo")
                .expect(e -> e.id("greet").exit(0).stdout("hello"))
                .expect(e -> e.id("greet").stdoutRegex("^hel+o$").stderr("say \"no\"\n")
                        .stderrRegex("err.*").endedBy("1.5s"))
                .expect(e -> e.id("greet").running(true))
                .expect(e -> e.id("greet").running(false))
                .build();
        assertEquals(List.of(
                        "greet: exit == 0, stdout contains \"hello\"",
                        "greet: stdout matches /^hel+o$/, stderr contains \"say \\\"no\\\"\\n\", "
                                + "stderr matches /err.*/, ended by 1.5s",
                        "greet: still running at stop",
                        "greet: not running at stop"),
                s.expect().stream().map(Expectation::describe).toList());
    }

    @Test
    void expectationsCompareRegexesBySourceAndFlags() {
        UnaryOperator<Pattern> same = p -> Pattern.compile(p.pattern(), p.flags());
        Pattern p = Pattern.compile("a+", Pattern.MULTILINE);
        Expectation a = new Expectation("x", null, null, p, null, null, null, null, API);
        Expectation b = new Expectation("x", null, null, same.apply(p), null, null, null, null, API);
        Expectation c = new Expectation("x", null, null, Pattern.compile("a+"), null, null, null, null, API);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
    }

    @Test
    void withoutLocationsReplacesEveryLocation() {
        Location l = new Location("f.yaml", 3, 4);
        Map<String, NodeSpec> nodes = Map.of("h1", new NodeSpec("h1", Map.of(), l));
        Scenario s = new Scenario("n", 1, 1, nodes, List.of(new ProcessSpec("p", 0, "h1", "echo", l)),
                List.of(new Expectation("p", 0, null, null, null, null, null, null, l)), l);
        Scenario plain = s.withoutLocations();
        assertEquals(API, plain.location());
        assertEquals(API, plain.nodes().get("h1").location());
        assertEquals(API, plain.run().getFirst().location());
        assertEquals(API, plain.expect().getFirst().location());
        assertNotEquals(s, plain);
    }

    @Test
    void modelCollectionsAreUnmodifiable() throws ScenarioException {
        Scenario s = Scenario.builder("u").stop("1s").node("h1", n -> n.sysctl("net.ipv4.ip_forward", "1"))
                .build();
        assertThrows(UnsupportedOperationException.class, () -> s.nodes().remove("h1"));
        assertThrows(UnsupportedOperationException.class, () -> s.run().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> s.nodes().get("h1").sysctl().put("a", "b"));
    }

    @Test
    void locationAndErrorFormatting() {
        Location l = new Location("dir/s.yaml", 12, 5);
        assertEquals("dir/s.yaml:12:5", l.toString());
        assertEquals("<api>", Location.api().toString());
        assertTrue(Location.api().isApi());
        assertEquals("dir/s.yaml:12:5: boom", new ScenarioError(l, "boom").toString());
        var e = new ScenarioException(List.of(
                new ScenarioError(new Location("s.yaml", 9, 1), "third"),
                new ScenarioError(new Location("s.yaml", 2, 7), "second"),
                new ScenarioError(new Location("s.yaml", 2, 3), "first")));
        assertEquals("s.yaml:2:3: first\ns.yaml:2:7: second\ns.yaml:9:1: third", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScenarioException(List.of()));
    }

    @Test
    void suggestsNearbyWordsOnly() {
        List<String> keys = List.of("name", "seed", "stop", "nodes", "run", "expect");
        assertEquals("stop", Suggestions.nearest("stopp", keys).orElseThrow());
        assertEquals("seed", Suggestions.nearest("sed", keys).orElseThrow());
        assertEquals("echo", Suggestions.nearest("ehco", List.of("cat", "echo")).orElseThrow());
        assertTrue(Suggestions.nearest("links", keys).isEmpty());
        assertTrue(Suggestions.nearest("x", List.of("id")).isEmpty());
        assertEquals(2, Suggestions.levenshtein("ehco", "echo"));
        assertEquals(3, Suggestions.levenshtein("", "abc"));
    }

    // ------------------------------------------------------------------ validation errors

    private static String errors(ScenarioBuilder builder) {
        return assertThrows(ScenarioException.class, () -> builder.build(ENV)).getMessage();
    }

    @Test
    void reportsMissingStopAndEmptyName() {
        assertEquals("<api>: the scenario name must not be empty\n<api>: missing required key 'stop'",
                errors(Scenario.builder(" ")));
    }

    @Test
    void reportsNonPositiveStop() {
        assertEquals("<api>: expected a positive duration for 'stop', got 0s",
                errors(Scenario.builder("s").stop("0s")));
    }

    @Test
    void reportsBadDurationsWithoutCascading() {
        // One error for the bad stop; the process's start time is not compared with it.
        assertEquals("<api>: expected a duration like 10s or 250ms, got 'abc'",
                errors(Scenario.builder("s").stop("abc").node("h1").run("p", "1s", "h1", "echo")));
        assertEquals("<api>: negative duration: -1s",
                errors(Scenario.builder("s").stop("-1s")));
        assertEquals("<api>: duration needs a unit (ns, us, ms, s, m, h): '30'",
                errors(Scenario.builder("s").stop("30")));
    }

    @Test
    void laterSettersReplaceEarlierBadValues() throws ScenarioException {
        assertEquals(1_000_000L, Scenario.builder("s").stop("oops").stop("1ms").build().stopNanos());
    }

    @Test
    void reportsStartAtOrAfterStop() {
        assertEquals("<api>: process starts at 40s, after the scenario stops at 30s\n"
                        + "<api>: process starts at 30s, when the scenario stops",
                errors(Scenario.builder("s").stop("30s").node("h1")
                        .run("a", "40s", "h1", "echo").run("b", "30s", "h1", "echo")));
    }

    @Test
    void reportsNodeProblems() {
        assertEquals("<api>: invalid node name '1h': expected a letter followed by letters, digits, '_' or '-'\n"
                        + "<api>: duplicate node 'h1'\n"
                        + "<api>: unknown sysctl 'net.ipv4.foo'\n"
                        + "<api>: invalid value '2' for net.ipv4.ip_forward: expected 0 or 1\n"
                        + "<api>: duplicate sysctl 'net.ipv4.ip_forward' on node h2",
                errors(Scenario.builder("s").stop("1s").node("1h").node("h1").node("h1")
                        .node("h2", n -> n.sysctl("net.ipv4.foo", "1")
                                .sysctl("net.ipv4.ip_forward", "2")
                                .sysctl("net.ipv4.ip_forward", "1"))));
    }

    @Test
    void reportsRunProblems() {
        assertEquals("<api>: unknown node 'h3' (did you mean 'h1'? nodes: h1, h2)\n"
                        + "<api>: unknown program 'ehco' on node h1 (did you mean 'echo'?)\n"
                        + "<api>: unknown program 'frobnicate' on node h1\n"
                        + "<api>: empty command\n"
                        + "<api>: unterminated quote in: echo 'hi\n"
                        + "<api>: invalid process id 'a b': use only letters, digits, '_', '.' and '-'\n"
                        + "<api>: duplicate process id 'p'\n"
                        + "<api>: missing required key 'node'\n"
                        + "<api>: missing required key 'cmd'",
                errors(Scenario.builder("s").stop("1s").node("h1").node("h2")
                        .run("p", null, "h3", "echo")
                        .run(null, null, "h1", "ehco hi")
                        .run(null, null, "h1", "frobnicate")
                        .run(null, null, "h1", "  ")
                        .run(null, null, "h1", "echo 'hi")
                        .run("a b", null, "h1", "echo")
                        .run("p", null, "h1", "echo")
                        .run(r -> r.id("x").cmd("echo"))
                        .run(r -> r.id("y").node("h1"))));
    }

    @Test
    void reportsUnknownNodeWhenThereAreNoNodes() {
        assertEquals("<api>: unknown node 'h1' (no nodes are defined)",
                errors(Scenario.builder("s").stop("1s").run("p", null, "h1", "echo")));
    }

    @Test
    void reportsGeneratedIdClash() {
        assertEquals("<api>: generated process id 'h1-echo-2' is already used: give this entry an id",
                errors(Scenario.builder("s").stop("1s").node("h1")
                        .run("h1-echo-2", null, "h1", "echo")
                        .run(null, null, "h1", "echo")));
    }

    @Test
    void reportsExpectationProblems() {
        assertEquals("<api>: unknown process id 'gret' (did you mean 'greet'?)\n"
                        + "<api>: unknown process id 'zzz' (process ids: greet, h1-sleep-2)\n"
                        + "<api>: expectation for 'greet' has no checks: give at least one of "
                        + "exit, stdout, stdout_regex, stderr, stderr_regex, ended_by, running\n"
                        + "<api>: missing required key 'id'\n"
                        + "<api>: exit status must be between 0 and 255, got 256\n"
                        + "<api>: invalid stdout_regex '(a': Unclosed group near index 2\n"
                        + "<api>: invalid stderr_regex '*': Dangling meta character '*' near index 0\n"
                        + "<api>: negative duration: -2s\n"
                        + "<api>: 'running: true' contradicts 'exit' and 'ended_by': "
                        + "a process that is still running has not exited",
                errors(Scenario.builder("s").stop("1s").node("h1")
                        .run("greet", null, "h1", "echo")
                        .run(null, null, "h1", "sleep 1")
                        .expect(e -> e.id("gret").exit(0))
                        .expect(e -> e.id("zzz").exit(0))
                        .expect(e -> e.id("greet"))
                        .expect(e -> e.exit(0))
                        .expect(e -> e.id("greet").exit(256))
                        .expect(e -> e.id("greet").stdoutRegex("(a"))
                        .expect(e -> e.id("greet").stderrRegex("*"))
                        .expect(e -> e.id("greet").endedBy("-2s"))
                        .expect(e -> e.id("greet").exit(0).running(true))));
    }

    @Test
    void validateReportsWithoutThrowing() {
        ScenarioBuilder b = Scenario.builder("v").node("h1").run("p", null, "h2", "echo");
        assertEquals(List.of(new ScenarioError(API, "missing required key 'stop'"),
                        new ScenarioError(API, "unknown node 'h2' (did you mean 'h1'? nodes: h1)")),
                b.validate(ENV));
        assertEquals(List.of(),
                Scenario.builder("v").stop("1s").node("h1").run("p", null, "h1", "echo").validate(ENV));
    }

    @Test
    void invalidValuesAreSkippedByValidationButCannotBeBuilt() {
        // A loader marks values it could not read (and reports them itself): validation stays
        // quiet about them and everything depending on them...
        ScenarioBuilder b = Scenario.builder("v").invalid("stop", "nodes")
                .run(r -> r.id("p").at("1h").node("h9").cmd("echo"))
                .expect(e -> e.id("p").invalid("exit"));
        assertEquals(List.of(), b.validate(ENV));
        // ...but such a builder cannot produce a scenario.
        var e = assertThrows(IllegalStateException.class, () -> b.build(ENV));
        assertTrue(e.getMessage().startsWith("values were marked invalid() but no error was reported"));
        assertThrows(IllegalArgumentException.class, () -> b.invalid("link"));
    }

    @Test
    void permissiveEnvironmentAcceptsAnyProgramAndSysctl() throws ScenarioException {
        Scenario s = Scenario.builder("p").stop("1s").node("h1", n -> n.sysctl("any.thing", "x"))
                .run("p", null, "h1", "whatever --flag").build();
        assertEquals("whatever --flag", s.run().getFirst().cmd());
        assertTrue(ScenarioEnvironment.PERMISSIVE.programNames().isEmpty());
    }
}
