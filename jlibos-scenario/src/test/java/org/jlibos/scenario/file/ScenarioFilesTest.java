package org.jlibos.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jlibos.scenario.model.Expectation;
import org.jlibos.scenario.model.Location;
import org.jlibos.scenario.model.NodeSpec;
import org.jlibos.scenario.model.ProcessSpec;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioEnvironment;
import org.jlibos.scenario.model.ScenarioException;
import org.jlibos.scenario.model.TestEnvironment;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {

    private static final ScenarioEnvironment ENV = TestEnvironment.INSTANCE;
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    private static Location at(String file, int line, int column) {
        return new Location(file, line, column);
    }

    /** The message of the ScenarioException that parsing {@code yaml} as t.yaml must throw. */
    private static String errors(String yaml) {
        return assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(yaml, "t.yaml", ENV))
                .getMessage();
    }

    // ------------------------------------------------------------------ valid files

    @Test
    void parsesTheExampleIntoTheExactModel() throws Exception {
        Path file = SCENARIOS.resolve("hello.yaml");
        String f = file.toString();
        Scenario s = ScenarioFiles.load(file, ENV);

        Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        nodes.put("h1", new NodeSpec("h1", Map.of(), at(f, 5, 3)));
        nodes.put("h2", new NodeSpec("h2", Map.of("net.ipv4.ip_forward", "1"), at(f, 6, 3)));
        Scenario expected = new Scenario("hello", 7, 30_000_000_000L, nodes,
                List.of(new ProcessSpec("greet", 0, "h1", "echo hello", at(f, 8, 5)),
                        new ProcessSpec("nap", 1_000_000_000L, "h2", "sleep 5", at(f, 9, 5))),
                List.of(new Expectation("greet", 0, "hello", null, null, null, null, null, at(f, 11, 5)),
                        new Expectation("nap", 0, null, null, null, null, 6_000_000_000L, null, at(f, 12, 5)),
                        new Expectation("greet", null, null, Pattern.compile("^hel+o$", Pattern.MULTILINE),
                                null, null, null, null, at(f, 13, 5))),
                at(f, 1, 1));
        assertEquals(expected, s);
        assertEquals(List.of("greet: exit == 0, stdout contains \"hello\"",
                        "nap: exit == 0, ended by 6s",
                        "greet: stdout matches /^hel+o$/"),
                s.expect().stream().map(Expectation::describe).toList());
    }

    @Test
    void exampleFileEqualsTheSameScenarioBuiltInJava() throws Exception {
        Scenario built = Scenario.builder("hello")
                .seed(7)
                .stop("30s")
                .node("h1")
                .node("h2", n -> n.sysctl("net.ipv4.ip_forward", "1"))
                .run("greet", "0s", "h1", "echo hello")
                .run("nap", "1s", "h2", "sleep 5")
                .expect(e -> e.id("greet").exit(0).stdout("hello"))
                .expect(e -> e.id("nap").exit(0).endedBy("6s"))
                .expect(e -> e.id("greet").stdoutRegex("^hel+o$"))
                .build(ENV);
        assertEquals(built, ScenarioFiles.load(SCENARIOS.resolve("hello.yaml"), ENV).withoutLocations());
    }

    @Test
    void blockStyleFileEqualsTheSameScenarioBuiltInJava() throws Exception {
        Scenario built = Scenario.builder("two hosts")
                .seed(0)
                .stop("1m")
                .node("client")
                .node("server", n -> n.sysctl("net.ipv4.tcp_rmem", "4096 131072 6291456")
                        .sysctl("net.ipv4.ip_forward", "1"))
                .run(null, null, "server", "sleep 100")
                .run("hello", "1.5s", "client", "echo 'hello world'")
                .run(r -> r.node("client").at("2s").cmd("cat /missing"))
                .expect(e -> e.id("server-sleep-1").running(true))
                .expect(e -> e.id("hello").exit(0).stdout("hello world").endedBy("2s"))
                .expect(e -> e.id("client-cat-3").exit(1).stderr("No such file").stderrRegex("^cat: .*$"))
                .expect(e -> e.id("client-cat-3").running(false))
                .build(ENV);
        Scenario loaded = ScenarioFiles.load(SCENARIOS.resolve("block-style.yaml"), ENV);
        assertEquals(built, loaded.withoutLocations());
        assertEquals(List.of("server-sleep-1", "hello", "client-cat-3"),
                loaded.run().stream().map(ProcessSpec::id).toList());
        assertEquals(List.of("echo", "hello world"), loaded.run().get(1).argv());
    }

    @Test
    void minimalFileUsesDefaults() throws ScenarioException {
        Scenario s = ScenarioFiles.parse("name: m\nstop: 1s\nnodes:\nrun:\nexpect:\n", "m.yaml", ENV);
        assertEquals(Scenario.builder("m").stop("1s").build(), s.withoutLocations());
        assertEquals(1, s.seed());
    }

    @Test
    void scalarsAreReadByTheirText() throws ScenarioException {
        Scenario s = ScenarioFiles.parse("""
                name: 42
                seed: "-3"
                stop: 10s
                nodes: {h1: {sysctl: {net.ipv4.tcp_rmem: 1.0}}}
                run: [{id: 7, node: h1, cmd: 'echo "a b"'}]
                expect: [{id: "7", stdout: 5, running: False}]
                """, "s.yaml", ENV);
        assertEquals("42", s.name());
        assertEquals(-3, s.seed());
        assertEquals("1.0", s.nodes().get("h1").sysctl().get("net.ipv4.tcp_rmem"));
        assertEquals(List.of("echo", "a b"), s.run().getFirst().argv());
        assertEquals("7: stdout contains \"5\", not running at stop", s.expect().getFirst().describe());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(NoSuchFileException.class, () -> ScenarioFiles.load(SCENARIOS.resolve("nope.yaml"), ENV));
    }

    // ------------------------------------------------------------------ one test per error

    @Test
    void wrongDuration() {
        assertEquals("t.yaml:2:7: expected a duration like 10s or 250ms, got 'abc'",
                errors("name: x\nstop: abc\n"));
    }

    @Test
    void durationThatIsNotAScalar() {
        assertEquals("t.yaml:2:7: expected a duration like 10s or 250ms, got a list",
                errors("name: x\nstop: [10s]\n"));
        assertEquals("t.yaml:2:6: expected a duration like 10s or 250ms, got nothing",
                errors("name: x\nstop:\n"));
    }

    @Test
    void durationWithoutUnit() {
        assertEquals("t.yaml:2:7: duration needs a unit (ns, us, ms, s, m, h): '30'",
                errors("name: x\nstop: 30\n"));
    }

    @Test
    void negativeDuration() {
        assertEquals("t.yaml:4:22: negative duration: -1s",
                errors("name: x\nstop: 1s\nnodes: {h1: }\nrun: [{node: h1, at: -1s, cmd: echo}]\n"));
    }

    @Test
    void zeroStop() {
        assertEquals("t.yaml:2:7: expected a positive duration for 'stop', got 0s",
                errors("name: x\nstop: 0s\n"));
    }

    @Test
    void wrongIntegerForSeed() {
        assertEquals("t.yaml:3:7: expected an integer for 'seed', got 'x'",
                errors("name: x\nstop: 1s\nseed: x\n"));
        assertEquals("t.yaml:3:7: integer out of range for 'seed': 99999999999999999999",
                errors("name: x\nstop: 1s\nseed: 99999999999999999999\n"));
    }

    @Test
    void runMustBeAList() {
        assertEquals("t.yaml:4:3: expected a list for 'run', got a mapping",
                errors("name: x\nstop: 1s\nrun:\n  greet: {node: h1, cmd: echo}\n"));
    }

    @Test
    void runEntryMustBeAMapping() {
        assertEquals("t.yaml:3:7: expected a mapping with 'node' and 'cmd' for each 'run' entry, got 'echo hi'",
                errors("name: x\nstop: 1s\nrun: [echo hi]\nexpect: [{id: greet, exit: 0}]\n"));
    }

    @Test
    void cmdMustBeAString() {
        assertEquals("t.yaml:4:23: expected a string for 'cmd', got a list",
                errors("name: x\nstop: 1s\nnodes: {h1: }\nrun: [{node: h1, cmd: [echo, hi]}]\n"));
        assertEquals("t.yaml:4:22: expected a string for 'cmd', got nothing",
                errors("name: x\nstop: 1s\nnodes: {h1: }\nrun: [{node: h1, cmd: }]\n"));
    }

    @Test
    void nameMustBeAString() {
        assertEquals("t.yaml:1:7: expected a string for 'name', got a mapping",
                errors("name: {a: b}\nstop: 1s\n"));
    }

    @Test
    void unknownKeyWithSuggestion() {
        // The misspelt key is also a missing one; both are reported.
        assertEquals("t.yaml:1:1: missing required key 'stop'\n"
                        + "t.yaml:2:1: unknown key 'stopp' (did you mean 'stop'?)",
                errors("name: x\nstopp: 30s\n"));
    }

    @Test
    void unknownKeyWithoutSuggestionListsAllowedKeys() {
        assertEquals("t.yaml:3:1: unknown key 'topology' (allowed keys: name, seed, stop, nodes, run, expect,"
                        + " links, lans, routes, faults, capture)",
                errors("name: x\nstop: 1s\ntopology: []\n"));
        assertEquals("t.yaml:3:26: unknown key 'address' (allowed keys: sysctl, hosts)",
                errors("name: x\nstop: 1s\nnodes: {h1: {sysctl: {}, address: 10.0.0.1}}\n"));
    }

    @Test
    void unknownKeysInEntries() {
        // The misspelt checks leave the expectation without any, which is reported as well.
        assertEquals("t.yaml:4:29: unknown key 'args' (allowed keys: id, at, node, cmd, java)\n"
                        + "t.yaml:5:10: expectation for 'h1-echo-1' has no checks: give at least one of "
                        + "exit, stdout, stdout_regex, stderr, stderr_regex, ended_by, running\n"
                        + "t.yaml:5:26: unknown key 'stdot' (did you mean 'stdout'?)\n"
                        + "t.yaml:5:37: unknown key 'endedby' (did you mean 'ended_by'?)",

                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run: [{node: h1, cmd: echo, args: []}]
                        expect: [{id: h1-echo-1, stdot: hi, endedby: 1s}]
                        """));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals("t.yaml:1:1: missing required key 'stop'", errors("name: x\n"));
        assertEquals("t.yaml:1:1: missing required key 'name'\nt.yaml:1:1: missing required key 'stop'",
                errors("{}"));
        assertEquals("t.yaml:5:5: missing required key 'cmd'\n"
                        + "t.yaml:6:5: missing required key 'node'\n"
                        + "t.yaml:8:5: missing required key 'id'",
                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run:
                          - node: h1
                          - {cmd: echo}
                        expect:
                          - exit: 0
                        """));
    }

    @Test
    void unknownNode() {
        assertEquals("t.yaml:4:14: unknown node 'h3' (did you mean 'h1'? nodes: h1, h2)",
                errors("name: x\nstop: 1s\nnodes: {h1: , h2: }\nrun: [{node: h3, cmd: echo}]\n"));
    }

    @Test
    void unknownProgram() {
        assertEquals("t.yaml:4:23: unknown program 'ehco' on node h1 (did you mean 'echo'?)",
                errors("name: x\nstop: 1s\nnodes: {h1: }\nrun: [{node: h1, cmd: ehco hello}]\n"));
    }

    @Test
    void badCommandLines() {
        assertEquals("t.yaml:4:23: unterminated quote in: echo 'hi\nt.yaml:5:23: empty command",
                errors("name: x\nstop: 1s\nnodes: {h1: }\nrun: [{node: h1, cmd: \"echo 'hi\"},\n"
                        + "      {node: h1, cmd: ''}]\n"));
    }

    @Test
    void processStartsAfterStop() {
        assertEquals("t.yaml:4:22: process starts at 40s, after the scenario stops at 30s",
                errors("name: x\nstop: 30s\nnodes: {h1: }\nrun: [{node: h1, at: 40s, cmd: echo}]\n"));
    }

    @Test
    void processIdProblems() {
        assertEquals("t.yaml:5:12: duplicate process id 'a'\n"
                        + "t.yaml:6:12: invalid process id 'b/c': use only letters, digits, '_', '.' and '-'",
                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run: [{id: a, node: h1, cmd: echo},
                              {id: a, node: h1, cmd: echo},
                              {id: b/c, node: h1, cmd: echo}]
                        """));
    }

    @Test
    void unknownProcessId() {
        assertEquals("t.yaml:5:15: unknown process id 'gret' (did you mean 'greet'?)",
                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run: [{id: greet, node: h1, cmd: echo}]
                        expect: [{id: gret, exit: 0}]
                        """));
    }

    @Test
    void expectationWithoutChecks() {
        assertEquals("t.yaml:5:10: expectation for 'greet' has no checks: give at least one of "
                        + "exit, stdout, stdout_regex, stderr, stderr_regex, ended_by, running",
                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run: [{id: greet, node: h1, cmd: echo}]
                        expect: [{id: greet}]
                        """));
    }

    @Test
    void expectationValueErrors() {
        assertEquals("t.yaml:6:19: expected an integer for 'exit', got 'zero'\n"
                        + "t.yaml:7:19: exit status must be between 0 and 255, got -1\n"
                        + "t.yaml:8:27: invalid stdout_regex '(a': Unclosed group near index 2\n"
                        + "t.yaml:9:27: invalid stderr_regex '[z-a]': Illegal character range near index 3\n"
                        + "t.yaml:10:22: expected true or false for 'running', got 'yes'\n"
                        + "t.yaml:11:23: negative duration: -5s\n"
                        + "t.yaml:12:21: expected a string for 'stdout', got a mapping",
                errors("""
                        name: x
                        stop: 1s
                        nodes: {h1: }
                        run: [{id: p, node: h1, cmd: echo}]
                        expect:
                          - {id: p, exit: zero}
                          - {id: p, exit: -1}
                          - {id: p, stdout_regex: "(a"}
                          - {id: p, stderr_regex: "[z-a]"}
                          - {id: p, running: yes}
                          - {id: p, ended_by: -5s}
                          - {id: p, stdout: {a: b}}
                        """));
    }

    @Test
    void sysctlErrors() {
        assertEquals("t.yaml:5:7: unknown sysctl 'net.ipv4.ip_fwd'\n"
                        + "t.yaml:6:7: invalid value '2' for net.ipv4.ip_forward: expected 0 or 1\n"
                        + "t.yaml:7:26: expected a value such as 1 or \"4096 131072 6291456\" "
                        + "for sysctl 'net.ipv4.tcp_rmem', got a list\n"
                        + "t.yaml:9:13: expected a mapping of sysctl names to values for 'sysctl', got a list",
                errors("""
                        name: x
                        stop: 1s
                        nodes:
                          h1: {sysctl: {
                              net.ipv4.ip_fwd: 1,
                              net.ipv4.ip_forward: 2,
                              net.ipv4.tcp_rmem: [4096, 131072]}}
                          h2:
                            sysctl: [net.ipv4.ip_forward=1]
                        """));
    }

    @Test
    void nodeErrors() {
        assertEquals("t.yaml:3:8: expected a mapping of node names to settings for 'nodes', got a list",
                errors("name: x\nstop: 1s\nnodes: [h1, h2]\nrun: [{node: h1, cmd: echo}]\n"));
        assertEquals("t.yaml:3:9: invalid node name '1h': expected a letter followed by letters, digits, '_' or '-'\n"
                        + "t.yaml:3:21: expected a mapping of settings for node 'h2', got 'big'",
                errors("name: x\nstop: 1s\nnodes: {1h: {}, h2: big}\n"));
    }

    @Test
    void duplicateKeys() {
        assertEquals("t.yaml:3:1: duplicate key 'stop' (first given at line 2)\n"
                        + "t.yaml:6:3: duplicate key 'h1' (first given at line 5)\n"
                        + "t.yaml:7:29: duplicate key 'cmd' (first given at line 7)",
                errors("""
                        name: x
                        stop: 1s
                        stop: 2s
                        nodes:
                          h1: {}
                          h1: {}
                        run: [{node: h1, cmd: echo, cmd: cat}]
                        """));
    }

    @Test
    void emptyFile() {
        assertEquals("t.yaml:1:1: empty scenario file: expected a mapping with 'name' and 'stop'", errors(""));
        assertEquals("t.yaml:1:1: empty scenario file: expected a mapping with 'name' and 'stop'",
                errors("# nothing here\n"));
        assertEquals("t.yaml:1:1: empty scenario file: expected a mapping with 'name' and 'stop'",
                errors("---\n"));
    }

    @Test
    void topLevelMustBeAMapping() {
        assertEquals("t.yaml:1:1: expected a mapping with 'name' and 'stop' at the top level, got a list",
                errors("- name: x\n"));
        assertEquals("t.yaml:1:1: expected a mapping with 'name' and 'stop' at the top level, got 'hello'",
                errors("hello\n"));
    }

    @Test
    void yamlSyntaxErrors() {
        assertEquals("t.yaml:2:9: invalid YAML: mapping values are not allowed here",
                errors("name: x\nstop: 1s: 2s\n"));
        assertEquals("t.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence)",
                errors("name: x\nrun: [a\n"));
        assertEquals("t.yaml:2:1: invalid YAML: expected a single document in the stream,"
                        + " but found another document",
                errors("name: x\n---\nname: y\n"));
    }

    @Test
    void anchorsAndAliasesAreRejected() {
        assertEquals("t.yaml:3:8: YAML anchors and aliases are not supported (anchor '&n'):"
                        + " write the value out where it is used",
                errors("name: x\nstop: 1s\nnodes: &n {h1: }\nother: *n\n"));
        assertEquals("t.yaml:2:7: invalid YAML: found undefined alias s",
                errors("name: x\nstop: *s\n"));
    }

    @Test
    void nonScalarKeys() {
        assertEquals("t.yaml:3:3: expected a plain key, got a list",
                errors("name: x\nstop: 1s\n? [a, b]\n: c\n"));
    }

    @Test
    void badValuesDoNotCascade() {
        // A bad stop does not make every start time an error, and unreadable nodes, run entries
        // and ids do not make references to them errors.
        assertEquals("t.yaml:2:7: expected a duration like 10s or 250ms, got 'later'\n"
                        + "t.yaml:3:8: expected a mapping of node names to settings for 'nodes', got a list\n"
                        + "t.yaml:5:23: expected a string for 'cmd', got a mapping",
                errors("""
                        name: x
                        stop: later
                        nodes: [h1]
                        run: [{id: a, at: 1h, node: h1, cmd: echo},
                              {node: h1, cmd: {}}]
                        expect: [{id: a, exit: 0}, {id: h1-echo-2, exit: 0}]
                        """));
    }

    // ------------------------------------------------------------------ all errors at once

    @Test
    void reportsAllErrorsOfAFileInDocumentOrder() throws Exception {
        Path file = SCENARIOS.resolve("multiple-errors.yaml");
        var e = assertThrows(ScenarioException.class, () -> ScenarioFiles.load(file, ENV));
        String f = file.toString();
        assertEquals(String.join("\n",
                        f + ":1:1: missing required key 'stop'",
                        f + ":2:7: expected an integer for 'seed', got 'lots'",
                        f + ":3:1: unknown key 'stopp' (did you mean 'stop'?)",
                        f + ":6:17: unknown sysctl 'net.ipv4.ip_fwd'",
                        f + ":8:32: unknown program 'ehco' on node h1 (did you mean 'echo'?)",
                        f + ":9:19: negative duration: -1s",
                        f + ":9:30: unknown node 'h3' (did you mean 'h1'? nodes: h1, h2)",
                        f + ":10:21: expected a string for 'cmd', got a list",
                        f + ":12:10: unknown process id 'gret' (did you mean 'greet'?)",
                        f + ":13:21: expected an integer for 'exit', got 'zero'",
                        f + ":13:41: invalid stdout_regex '(unclosed': Unclosed group near index 9",
                        f + ":14:5: expectation for 'greet' has no checks: give at least one of "
                                + "exit, stdout, stdout_regex, stderr, stderr_regex, ended_by, running",
                        f + ":15:1: unknown key 'topology' (allowed keys: name, seed, stop, nodes, run, expect,"
                                + " links, lans, routes, faults, capture)"),
                e.getMessage());
        assertEquals(13, e.errors().size());
        assertEquals(new Location(f, 9, 30), e.errors().get(6).location());
    }

    // ------------------------------------------------------------------ java programs (DCE)

    @Test
    void javaEntriesBecomeTheJavaCommandLineTheyStandFor() throws ScenarioException {
        Scenario s = ScenarioFiles.parse("""
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - id: web
                    node: h1
                    java:
                      artifact: [org.example:lib:1.0, org.example:other:2.0]
                      classpath: [/opt/app.jar, /opt/more]
                      properties: {app.port: 8080, app.name: "my app"}
                      main: com.example.Web
                      args: [--port, "8080", "two words"]
                  - {id: jar, node: h1, java: {jar: /opt/tool.jar}}
                """, "t.yaml", ENV);
        assertEquals(List.of("java", "--artifact", "org.example:lib:1.0", "--artifact", "org.example:other:2.0",
                "-cp", "/opt/app.jar:/opt/more", "-Dapp.port=8080", "-Dapp.name=my app", "com.example.Web",
                "--port", "8080", "two words"), s.run().get(0).argv());
        assertEquals(List.of("java", "-jar", "/opt/tool.jar"), s.run().get(1).argv());
    }

    @Test
    void theJavaApiBuildsTheSameRun() throws ScenarioException {
        Scenario built = Scenario.builder("j").stop("1s").node("h1", n -> { })
                .run(r -> r.id("web").node("h1").java(List.of("/opt/app.jar", "/opt/more"), "com.example.Web", "two words", "x"))
                .run(r -> r.id("zk").node("h1").javaArtifact("org.example:zk:1.0", "org.example.Main"))
                .build();
        assertEquals(List.of("java", "-cp", "/opt/app.jar:/opt/more", "com.example.Web", "two words", "x"),
                built.run().get(0).argv());
        assertEquals(List.of("java", "--artifact", "org.example:zk:1.0", "org.example.Main"), built.run().get(1).argv());
    }

    @Test
    void relativeClassPathEntriesAreRelativeToTheScenarioFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(file, """
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - {node: h1, java: {classpath: [lib/app.jar], main: Main}}
                """);
        Scenario s = ScenarioFiles.load(file, ENV);
        assertEquals(List.of("java", "-cp", dir.resolve("lib/app.jar").toString(), "Main"), s.run().get(0).argv());
    }

    @Test
    void badJavaEntriesNameFileLineColumnAndWhatWasExpected() {
        assertEquals("""
                t.yaml:5:22: missing key 'main' in 'java' (the program's main class)""", errors("""
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - {node: h1, java: {classpath: [a.jar]}}
                """));
        assertEquals("""
                t.yaml:5:22: 'java' needs 'classpath', 'jar' or 'artifact' (a Maven coordinate group:artifact:version)""", errors("""
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - {node: h1, java: {main: Main}}
                """));
        assertEquals("""
                t.yaml:5:32: unknown key 'clsspath' (did you mean 'classpath'?)""", errors("""
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - {node: h1, java: {main: M, clsspath: [a.jar]}}
                """));
        assertEquals("""
                t.yaml:5:22: expected a mapping with 'main' and 'classpath' or 'artifact' for 'java', got 'Main'""", errors("""
                name: j
                stop: 1s
                nodes: {h1: {}}
                run:
                  - {node: h1, java: Main}
                """));
    }

    @Test
    void hostsTablesPerNode() throws ScenarioException {
        Scenario s = ScenarioFiles.parse("""
                name: j
                stop: 1s
                nodes:
                  h1: {hosts: {db: 10.0.3.2, Web.Example: 10.0.1.1}}
                  h2: {}
                """, "t.yaml", ENV);
        assertEquals(Map.of("db", "10.0.3.2", "Web.Example", "10.0.1.1"), s.nodes().get("h1").hosts());
        assertEquals(List.of("db", "Web.Example"), List.copyOf(s.nodes().get("h1").hosts().keySet()));
        assertEquals(Map.of(), s.nodes().get("h2").hosts());
        assertEquals("""
                t.yaml:4:20: expected an IPv4 address like 10.0.3.2 for host 'db' on node h1, got '10.0.3'
                t.yaml:5:15: expected a mapping of host names to IPv4 addresses for 'hosts', got 'db'""", errors("""
                name: j
                stop: 1s
                nodes:
                  h1: {hosts: {db: 10.0.3}}
                  h2: {hosts: db}
                """));
    }
}
