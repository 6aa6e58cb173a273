package org.jlibos.scenario.file;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.jlibos.scenario.model.ExpectationBuilder;
import org.jlibos.scenario.model.FaultBuilder;
import org.jlibos.scenario.model.LanBuilder;
import org.jlibos.scenario.model.LinkBuilder;
import org.jlibos.scenario.model.Location;
import org.jlibos.scenario.model.MediumBuilder;
import org.jlibos.scenario.model.NodeBuilder;
import org.jlibos.scenario.model.RunBuilder;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioBuilder;
import org.jlibos.scenario.model.ScenarioEnvironment;
import org.jlibos.scenario.model.ScenarioError;
import org.jlibos.scenario.model.ScenarioException;
import org.jlibos.scenario.model.Suggestions;
import org.jlibos.scenario.model.Token;
import org.jlibos.sim.units.ShellWords;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns the YAML node tree of one scenario file into {@link ScenarioBuilder} calls.
 *
 * <p>The reader works on snakeyaml-engine's composed node tree rather than on loaded Java maps
 * because only nodes keep their positions, and every error must name a line and column. It
 * checks only the shape of the document (types, unknown and duplicate keys); the meaning
 * (required keys, references, ranges) is checked by the builder, the same way as for
 * scenarios written in Java.
 *
 * <p>How YAML is interpreted:
 * <ul>
 *   <li>Scalars are read by their text, whatever their YAML type or quoting: {@code seed: "7"} is
 *       the integer 7, {@code cmd: 5} is the command {@code 5}, and a sysctl value keeps the text
 *       as written ({@code 1.0} stays {@code "1.0"}). A plain empty value or {@code null} counts
 *       as "nothing"; for {@code nodes}, {@code run}, {@code expect}, {@code links},
 *       {@code lans}, {@code faults}, {@code capture}, a node's settings and {@code sysctl} that
 *       means "none".
 *   <li>Anchors and aliases are rejected. An alias shares the anchored node, so an error found
 *       through it would point at the anchor rather than at the place being read, and a scenario
 *       should read top to bottom anyway.
 *   <li>Booleans ({@code running}, {@code reorder}, {@code down}, {@code heal}) are {@code true}
 *       or {@code false} in any letter case.
 *   <li>Tags are ignored.
 *   <li>Lists of names ({@code between}, {@code nodes}, {@code partition}, {@code capture}) must
 *       be lists of scalars; each element keeps its own position for errors about it.
 * </ul>
 *
 * <p>Each mapping is described by a table from key to {@link KeyReader}; supporting a new key
 * means writing one reader method and adding it to the table.
 */
final class ScenarioReader {

    /** Reads the value of one key; {@code key} is there for errors about the key itself. */
    @FunctionalInterface
    interface KeyReader {
        void read(ScalarNode key, Node value);
    }

    private static final String DURATION_EXPECTED = "expected a duration like 10s or 250ms";
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

    private final String fileName;
    private final List<ScenarioError> errors = new ArrayList<>();
    private final ScenarioBuilder scenario = Scenario.builder();
    private final Map<String, KeyReader> topLevelKeys = new LinkedHashMap<>();

    ScenarioReader(String fileName) {
        this.fileName = fileName;
        topLevelKeys.put("name", this::readName);
        topLevelKeys.put("seed", this::readSeed);
        topLevelKeys.put("stop", this::readStop);
        topLevelKeys.put("nodes", this::readNodes);
        topLevelKeys.put("run", this::readRun);
        topLevelKeys.put("expect", this::readExpect);
        topLevelKeys.put("links", this::readLinks);
        topLevelKeys.put("lans", this::readLans);
        topLevelKeys.put("routes", this::readRoutes);
        topLevelKeys.put("faults", this::readFaults);
        topLevelKeys.put("capture", this::readCapture);
    }

    Scenario read(String text, ScenarioEnvironment env) throws ScenarioException {
        Optional<Node> document = compose(text);
        if (document.isEmpty() || isNull(document.get())) {
            throw fail(new Location(fileName, 1, 1),
                    "empty scenario file: expected a mapping with 'name' and 'stop'");
        }
        Node root = document.get();
        rejectAnchors(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        if (!(root instanceof MappingNode top)) {
            throw fail(at(root), "expected a mapping with 'name' and 'stop' at the top level, got "
                    + describe(root));
        }
        scenario.location(at(top));
        readMapping(top, topLevelKeys);
        errors.addAll(scenario.validate(env));
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return scenario.build(env);
    }

    // ---------------------------------------------------------------- top-level keys

    private void readName(ScalarNode key, Node value) {
        string(value, "name", scenario::name, () -> scenario.invalid("name"));
    }

    private void readSeed(ScalarNode key, Node value) {
        Long seed = integer(value, "seed");
        if (seed != null) {
            scenario.seed(seed, at(value));
        } else {
            scenario.invalid("seed");
        }
    }

    private void readStop(ScalarNode key, Node value) {
        duration(value, scenario::stop, () -> scenario.invalid("stop"));
    }

    private void readNodes(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode nodes)) {
            expected(value, "a mapping of node names to settings for 'nodes'");
            scenario.invalid("nodes");
            return;
        }
        for (NodeTuple entry : uniqueEntries(nodes)) {
            ScalarNode name = (ScalarNode) entry.getKeyNode();
            scenario.node(name.getValue(), at(name),
                    node -> readNodeSettings(node, name.getValue(), entry.getValueNode()));
        }
    }

    private void readRun(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode list)) {
            expected(value, "a list for 'run'");
            scenario.invalid("run");
            return;
        }
        for (Node item : list.getValue()) {
            scenario.run(run -> {
                run.location(at(item));
                if (item instanceof MappingNode entry) {
                    readMapping(entry, runKeys(run));
                } else {
                    expected(item, "a mapping with 'node' and 'cmd' for each 'run' entry");
                    run.invalid("id", "node", "cmd");
                }
            });
        }
    }

    private void readExpect(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode list)) {
            expected(value, "a list for 'expect'");
            scenario.invalid("expect");
            return;
        }
        for (Node item : list.getValue()) {
            scenario.expect(expectation -> {
                expectation.location(at(item));
                if (item instanceof MappingNode entry) {
                    readMapping(entry, expectationKeys(expectation));
                } else {
                    expected(item, "a mapping with 'id' and checks for each 'expect' entry");
                    // Marking id and one check unreadable keeps "missing 'id'" and "no checks" quiet.
                    expectation.invalid("id", "exit");
                }
            });
        }
    }

    private void readLinks(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode list)) {
            expected(value, "a list for 'links'");
            scenario.invalid("links");
            return;
        }
        for (Node item : list.getValue()) {
            scenario.link(link -> {
                link.location(at(item));
                if (item instanceof MappingNode entry) {
                    readMapping(entry, linkKeys(link));
                } else {
                    expected(item, "a mapping with 'between' for each 'links' entry");
                    link.invalid("between");
                }
            });
        }
    }

    private void readLans(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode list)) {
            expected(value, "a list for 'lans'");
            scenario.invalid("lans");
            return;
        }
        for (Node item : list.getValue()) {
            scenario.lan(lan -> {
                lan.location(at(item));
                if (item instanceof MappingNode entry) {
                    readMapping(entry, lanKeys(lan));
                } else {
                    expected(item, "a mapping with 'name' and 'nodes' for each 'lans' entry");
                    lan.invalid("name", "nodes");
                }
            });
        }
    }

    private void readRoutes(ScalarNode key, Node value) {
        if (value instanceof ScalarNode scalar && !isNull(scalar)) {
            scenario.routes(scalar.getValue(), at(value));
        } else {
            expected(value, "auto or none for 'routes'");
            scenario.invalid("routes");
        }
    }

    private void readFaults(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode list)) {
            expected(value, "a list for 'faults'");
            scenario.invalid("faults");
            return;
        }
        for (Node item : list.getValue()) {
            scenario.fault(fault -> {
                fault.location(at(item));
                if (item instanceof MappingNode entry) {
                    readMapping(entry, faultKeys(fault));
                } else {
                    expected(item, "a mapping with 'at' and an action for each 'faults' entry");
                    // An unreadable 'at' and action keep "missing 'at'" and "no action" quiet.
                    fault.invalid("at", "heal");
                }
            });
        }
    }

    private void readCapture(ScalarNode key, Node value) {
        if (isNull(value)) {
            return;
        }
        if (value instanceof ScalarNode scalar && scalar.getValue().equals("all")) {
            scenario.captureAll(at(value));
        } else if (value instanceof ScalarNode scalar && scalar.getValue().equals("none")) {
            return;
        } else if (value instanceof SequenceNode) {
            List<Token> devices = words(value, "a list of devices like [h1:eth0, r1:eth1] for 'capture'",
                    "a device like h1:eth0");
            if (devices != null) {
                scenario.capture(devices);
            } else {
                scenario.invalid("capture");
            }
        } else {
            expected(value, "all, none or a list of devices like [h1:eth0, r1:eth1] for 'capture'");
            scenario.invalid("capture");
        }
    }

    // ---------------------------------------------------------------- nested mappings

    private void readNodeSettings(NodeBuilder node, String name, Node settings) {
        if (isNull(settings)) {
            return;
        }
        if (!(settings instanceof MappingNode mapping)) {
            expected(settings, "a mapping of settings for node '" + name + "'");
            return;
        }
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("sysctl", (k, v) -> readSysctl(node, v));
        keys.put("hosts", (k, v) -> readHosts(node, v));
        readMapping(mapping, keys);
    }

    /** {@code hosts: {db: 10.0.3.2, web.example: 10.0.1.1}}: the node's /etc/hosts. */
    private void readHosts(NodeBuilder node, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            expected(value, "a mapping of host names to IPv4 addresses for 'hosts'");
            return;
        }
        for (NodeTuple entry : uniqueEntries(mapping)) {
            ScalarNode name = (ScalarNode) entry.getKeyNode();
            if (entry.getValueNode() instanceof ScalarNode address && !isNull(address)) {
                node.host(name.getValue(), address.getValue(), at(address));
            } else {
                expected(entry.getValueNode(), "an IPv4 address like 10.0.3.2 for host '" + name.getValue() + "'");
            }
        }
    }

    private void readSysctl(NodeBuilder node, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            expected(value, "a mapping of sysctl names to values for 'sysctl'");
            return;
        }
        for (NodeTuple entry : uniqueEntries(mapping)) {
            ScalarNode name = (ScalarNode) entry.getKeyNode();
            Node setting = entry.getValueNode();
            if (setting instanceof ScalarNode scalar && !isNull(scalar)) {
                node.sysctl(name.getValue(), scalar.getValue(), at(name));
            } else {
                expected(setting, "a value such as 1 or \"4096 131072 6291456\" for sysctl '"
                        + name.getValue() + "'");
            }
        }
    }

    private Map<String, KeyReader> runKeys(RunBuilder run) {
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("id", (k, v) -> string(v, "id", run::id, () -> run.invalid("id")));
        keys.put("at", (k, v) -> duration(v, run::at, () -> run.invalid("at")));
        keys.put("node", (k, v) -> string(v, "node", run::node, () -> run.invalid("node")));
        keys.put("cmd", (k, v) -> string(v, "cmd", run::cmd, () -> run.invalid("cmd")));
        keys.put("java", (k, v) -> readJava(k, v, run));
        return keys;
    }

    /**
     * {@code java: {classpath: [...] | artifact: g:a:v | jar: x.jar, main: ..., args: [...],
     * properties: {k: v}}}: an unmodified JVM program, started as the {@code java} command line
     * it stands for. Relative class-path entries are relative to the scenario file.
     */
    private void readJava(ScalarNode key, Node value, RunBuilder run) {
        if (!(value instanceof MappingNode mapping)) {
            expected(value, "a mapping with 'main' and 'classpath' or 'artifact' for 'java'");
            run.invalid("cmd");
            return;
        }
        List<String> classPath = new ArrayList<>();
        List<String> args = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        String[] main = new String[1];
        List<String> artifacts = new ArrayList<>();
        String[] jar = new String[1];
        boolean[] bad = new boolean[1];
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("classpath", (k, v) -> {
            if (v instanceof ScalarNode scalar && !isNull(scalar)) {
                classPath.add(resolveFile(scalar.getValue()));
                return;
            }
            List<Token> entries = words(v, "a list of jars or directories for 'classpath'", "a path");
            if (entries == null) {
                bad[0] = true;
            } else {
                entries.forEach(t -> classPath.add(resolveFile(t.text())));
            }
        });
        keys.put("artifact", (k, v) -> {
            if (v instanceof ScalarNode scalar && !isNull(scalar)) {
                artifacts.add(scalar.getValue());
                return;
            }
            List<Token> coordinates = words(v, "a Maven coordinate group:artifact:version (or a list of them) for 'artifact'",
                    "a coordinate group:artifact:version");
            if (coordinates == null) {
                bad[0] = true;
            } else {
                coordinates.forEach(t -> artifacts.add(t.text()));
            }
        });
        keys.put("jar", (k, v) -> string(v, "jar", (s, at) -> jar[0] = resolveFile(s), () -> bad[0] = true));
        keys.put("main", (k, v) -> string(v, "main", (s, at) -> main[0] = s, () -> bad[0] = true));
        keys.put("args", (k, v) -> {
            List<Token> words = words(v, "a list of arguments for 'args'", "an argument");
            if (words == null) {
                bad[0] = true;
            } else {
                words.forEach(t -> args.add(t.text()));
            }
        });
        keys.put("properties", (k, v) -> {
            if (!(v instanceof MappingNode props)) {
                expected(v, "a mapping of system property names to values for 'properties'");
                bad[0] = true;
                return;
            }
            for (NodeTuple e : uniqueEntries(props)) {
                if (e.getValueNode() instanceof ScalarNode sv) {
                    properties.put(((ScalarNode) e.getKeyNode()).getValue(), sv.getValue());
                } else {
                    expected(e.getValueNode(), "a value for system property '" + ((ScalarNode) e.getKeyNode()).getValue() + "'");
                    bad[0] = true;
                }
            }
        });
        int errorsBefore = errors.size();
        readMapping(mapping, keys);
        if (errors.size() > errorsBefore) {
            bad[0] = true; // an unknown key was reported; what follows from it would only repeat it
        }
        if (!bad[0] && main[0] == null && jar[0] == null) {
            error(value, "missing key 'main' in 'java' (the program's main class)");
            bad[0] = true;
        }
        if (!bad[0] && classPath.isEmpty() && artifacts.isEmpty() && jar[0] == null) {
            error(value, "'java' needs 'classpath', 'jar' or 'artifact' (a Maven coordinate group:artifact:version)");
            bad[0] = true;
        }
        if (bad[0]) {
            run.invalid("cmd");
            return;
        }
        List<String> argv = new ArrayList<>();
        argv.add("java");
        for (String coordinate : artifacts) {
            argv.add("--artifact");
            argv.add(coordinate);
        }
        if (!classPath.isEmpty()) {
            argv.add("-cp");
            argv.add(String.join(File.pathSeparator, classPath));
        }
        properties.forEach((k, v) -> argv.add("-D" + k + "=" + v));
        if (jar[0] != null) {
            argv.add("-jar");
            argv.add(jar[0]);
        } else {
            argv.add(main[0]);
        }
        argv.addAll(args);
        run.cmd(ShellWords.join(argv), at(key));
    }

    private String resolveFile(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return path;
        }
        Path file = Path.of(fileName);
        Path dir = Files.isRegularFile(file) ? file.toAbsolutePath().getParent() : null;
        return dir == null ? path : dir.resolve(p).normalize().toString();
    }

    private Map<String, KeyReader> linkKeys(LinkBuilder link) {
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("between", (k, v) -> {
            List<Token> ends = words(v, "a list of two node names for 'between'", "a node name");
            if (ends != null && ends.size() != 2) {
                error(v, "expected two nodes for 'between', got " + ends.size());
                ends = null;
            }
            if (ends != null) {
                link.between(ends.get(0), ends.get(1), at(v));
            } else {
                link.invalid("between");
            }
        });
        keys.put("addresses", (k, v) -> {
            if (v instanceof ScalarNode scalar && scalar.getValue().equals("none")) {
                link.noAddresses(at(v));
                return;
            }
            String what = "two addresses like [10.0.1.1/24, 10.0.1.2/24] or none for 'addresses'";
            List<Token> addresses = v instanceof SequenceNode ? words(v, what, "an address like 10.0.1.1/24") : null;
            if (!(v instanceof SequenceNode)) {
                expected(v, what);
            } else if (addresses != null && addresses.size() != 2) {
                error(v, "expected two addresses for 'addresses', one per node, got " + addresses.size());
                addresses = null;
            }
            if (addresses != null) {
                link.addresses(addresses.get(0), addresses.get(1), at(v));
            } else {
                link.invalid("addresses");
            }
        });
        mediumKeys(keys, link);
        return keys;
    }

    private Map<String, KeyReader> lanKeys(LanBuilder lan) {
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("name", (k, v) -> string(v, "name", lan::name, () -> lan.invalid("name")));
        keys.put("nodes", (k, v) -> {
            List<Token> nodes = words(v, "a list of node names for 'nodes'", "a node name");
            if (nodes != null) {
                lan.nodes(nodes, at(v));
            } else {
                lan.invalid("nodes");
            }
        });
        keys.put("subnet", (k, v) -> {
            if (v instanceof ScalarNode scalar && !isNull(scalar)) {
                if (scalar.getValue().equals("none")) {
                    lan.noSubnet(at(v));
                } else {
                    lan.subnet(new Token(scalar.getValue(), at(v)), at(v));
                }
            } else {
                expected(v, "a subnet like 10.0.5.0/24 or none for 'subnet'");
                lan.invalid("subnet");
            }
        });
        mediumKeys(keys, lan);
        return keys;
    }

    /** The keys links and LANs share: rate, delay, MTU, queue and faults. */
    private void mediumKeys(Map<String, KeyReader> keys, MediumBuilder<?> m) {
        keys.put("rate", (k, v) -> string(v, "rate", m::rate, () -> m.invalid("rate")));
        keys.put("delay", (k, v) -> duration(v, m::delay, () -> m.invalid("delay")));
        keys.put("mtu", (k, v) -> {
            Long mtu = integer(v, "mtu");
            if (mtu != null) {
                m.mtu(mtu, at(v));
            } else {
                m.invalid("mtu");
            }
        });
        keys.put("queue", (k, v) -> string(v, "queue", m::queue, () -> m.invalid("queue")));
        keys.put("loss", (k, v) -> string(v, "loss", m::loss, () -> m.invalid("loss")));
        keys.put("burst_loss", (k, v) -> readBurstLoss(m, v));
        keys.put("duplicate", (k, v) -> string(v, "duplicate", m::duplicate, () -> m.invalid("duplicate")));
        keys.put("corrupt", (k, v) -> string(v, "corrupt", m::corrupt, () -> m.invalid("corrupt")));
        keys.put("jitter", (k, v) -> duration(v, m::jitter, () -> m.invalid("jitter")));
        keys.put("reorder", (k, v) -> {
            Boolean reorder = bool(v, "reorder");
            if (reorder != null) {
                m.reorder(reorder, at(v));
            } else {
                m.invalid("reorder");
            }
        });
    }

    /** {@code burst_loss: {p: 0.1%, r: 30%}}: both required. */
    private void readBurstLoss(MediumBuilder<?> m, Node value) {
        if (!(value instanceof MappingNode mapping)) {
            expected(value, "a mapping like {p: 0.1%, r: 30%} for 'burst_loss'");
            m.invalid("burst_loss");
            return;
        }
        Node[] pr = new Node[2];
        boolean[] bad = new boolean[1];
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("p", (k, v) -> pr[0] = v);
        keys.put("r", (k, v) -> pr[1] = v);
        readMapping(mapping, keys);
        for (int i = 0; i < 2; i++) {
            String name = i == 0 ? "p" : "r";
            if (pr[i] == null) {
                error(value, "missing required key '" + name + "' in 'burst_loss'");
                bad[0] = true;
            } else if (!(pr[i] instanceof ScalarNode s) || isNull(s)) {
                expected(pr[i], "a percentage like 1% for '" + name + "'");
                bad[0] = true;
            }
        }
        if (bad[0]) {
            m.invalid("burst_loss");
            return;
        }
        m.burstLoss(((ScalarNode) pr[0]).getValue(), at(pr[0]), ((ScalarNode) pr[1]).getValue(), at(pr[1]),
                at(value));
    }

    private Map<String, KeyReader> faultKeys(FaultBuilder f) {
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("at", (k, v) -> duration(v, f::at, () -> f.invalid("at")));
        keys.put("link", (k, v) -> string(v, "link", f::link, () -> f.invalid("link")));
        keys.put("down", (k, v) -> {
            Boolean down = bool(v, "down");
            if (down != null) {
                f.down(down, at(v));
            } else {
                f.invalid("down");
            }
        });
        keys.put("rate", (k, v) -> string(v, "rate", f::rate, () -> f.invalid("rate")));
        keys.put("partition", (k, v) -> {
            String what = "a list of node groups like [[h1, r1], [r2, h2]] for 'partition'";
            if (!(v instanceof SequenceNode groups)) {
                expected(v, what);
                f.invalid("partition");
                return;
            }
            List<List<Token>> result = new ArrayList<>();
            boolean ok = true;
            for (Node group : groups.getValue()) {
                List<Token> names = words(group, "a list of node names for each partition group", "a node name");
                ok &= names != null;
                result.add(names);
            }
            if (ok) {
                f.partition(result, at(v));
            } else {
                f.invalid("partition");
            }
        });
        keys.put("heal", (k, v) -> {
            Boolean heal = bool(v, "heal");
            if (heal != null) {
                f.heal(heal, at(v));
            } else {
                f.invalid("heal");
            }
        });
        return keys;
    }

    private Map<String, KeyReader> expectationKeys(ExpectationBuilder e) {
        Map<String, KeyReader> keys = new LinkedHashMap<>();
        keys.put("id", (k, v) -> string(v, "id", e::id, () -> e.invalid("id")));
        keys.put("exit", (k, v) -> {
            Long status = integer(v, "exit");
            if (status != null && status == status.intValue()) {
                e.exit(status.intValue(), at(v));
            } else {
                if (status != null) {
                    error(v, "exit status must be between 0 and 255, got " + status);
                }
                e.invalid("exit");
            }
        });
        keys.put("stdout", (k, v) -> string(v, "stdout", e::stdout, () -> e.invalid("stdout")));
        keys.put("stdout_regex",
                (k, v) -> string(v, "stdout_regex", e::stdoutRegex, () -> e.invalid("stdout_regex")));
        keys.put("stderr", (k, v) -> string(v, "stderr", e::stderr, () -> e.invalid("stderr")));
        keys.put("stderr_regex",
                (k, v) -> string(v, "stderr_regex", e::stderrRegex, () -> e.invalid("stderr_regex")));
        keys.put("ended_by", (k, v) -> duration(v, e::endedBy, () -> e.invalid("ended_by")));
        keys.put("running", (k, v) -> {
            Boolean running = bool(v, "running");
            if (running != null) {
                e.running(running, at(v));
            } else {
                e.invalid("running");
            }
        });
        return keys;
    }

    // ---------------------------------------------------------------- mappings and scalars

    /** Dispatches each key of {@code mapping} to its reader; reports unknown keys. */
    private void readMapping(MappingNode mapping, Map<String, KeyReader> readers) {
        for (NodeTuple entry : uniqueEntries(mapping)) {
            ScalarNode key = (ScalarNode) entry.getKeyNode();
            KeyReader reader = readers.get(key.getValue());
            if (reader != null) {
                reader.read(key, entry.getValueNode());
            } else {
                unknownKey(key, readers.keySet());
            }
        }
    }

    /**
     * The entries of {@code mapping} whose keys are scalars seen for the first time; reports
     * the others. YAML forbids duplicate keys, and silently letting the last one win would hide
     * a mistake.
     */
    private List<NodeTuple> uniqueEntries(MappingNode mapping) {
        Map<String, ScalarNode> seen = new LinkedHashMap<>();
        List<NodeTuple> unique = new ArrayList<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                expected(entry.getKeyNode(), "a plain key");
                continue;
            }
            ScalarNode first = seen.putIfAbsent(key.getValue(), key);
            if (first != null) {
                error(key, "duplicate key '" + key.getValue() + "' (first given at line "
                        + at(first).line() + ")");
                continue;
            }
            unique.add(entry);
        }
        return unique;
    }

    private void unknownKey(ScalarNode key, Collection<String> allowed) {
        String name = key.getValue();
        String hint = Suggestions.nearest(name, allowed)
                .map(s -> "(did you mean '" + s + "'?)")
                .orElse("(allowed keys: " + String.join(", ", allowed) + ")");
        error(key, "unknown key '" + name + "' " + hint);
    }

    /** Passes the text of a non-null scalar to {@code set}; otherwise reports and calls {@code invalid}. */
    private void string(Node value, String key, BiConsumer<String, Location> set, Runnable invalid) {
        if (value instanceof ScalarNode scalar && !isNull(scalar)) {
            set.accept(scalar.getValue(), at(value));
        } else {
            expected(value, "a string for '" + key + "'");
            invalid.run();
        }
    }

    /**
     * The elements of a list of scalars, each with its position; null after reporting a value
     * that is not such a list ({@code what}) or an element that is not a scalar ({@code item}).
     */
    private List<Token> words(Node value, String what, String item) {
        if (!(value instanceof SequenceNode list)) {
            expected(value, what);
            return null;
        }
        List<Token> words = new ArrayList<>(list.getValue().size());
        boolean ok = true;
        for (Node element : list.getValue()) {
            if (element instanceof ScalarNode scalar && !isNull(scalar)) {
                words.add(new Token(scalar.getValue(), at(element)));
            } else {
                expected(element, item);
                ok = false;
            }
        }
        return ok ? words : null;
    }

    /**
     * Passes duration text to {@code set}, which parses it (so file and API report the same
     * messages); reports non-scalars itself.
     */
    private void duration(Node value, BiConsumer<String, Location> set, Runnable invalid) {
        if (value instanceof ScalarNode scalar && !isNull(scalar)) {
            set.accept(scalar.getValue(), at(value));
        } else {
            error(value, DURATION_EXPECTED + ", got " + describe(value));
            invalid.run();
        }
    }

    private Long integer(Node value, String key) {
        if (value instanceof ScalarNode scalar && INTEGER.matcher(scalar.getValue()).matches()) {
            try {
                return Long.parseLong(scalar.getValue());
            } catch (NumberFormatException tooLarge) {
                error(value, "integer out of range for '" + key + "': " + scalar.getValue());
                return null;
            }
        }
        expected(value, "an integer for '" + key + "'");
        return null;
    }

    private Boolean bool(Node value, String key) {
        if (value instanceof ScalarNode scalar) {
            switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> {
                    // fall through to the error
                }
            }
        }
        expected(value, "true or false for '" + key + "'");
        return null;
    }

    // ---------------------------------------------------------------- YAML plumbing

    private Optional<Node> compose(String text) throws ScenarioException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setAllowNonScalarKeys(true) // so that we can report them with a position
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            Location where = mark.map(this::at).orElse(new Location(fileName, 1, 1));
            throw fail(where, "invalid YAML: " + syntaxMessage(e.getContext(), e.getProblem()));
        } catch (YamlEngineException e) {
            throw fail(new Location(fileName, 1, 1), "invalid YAML: " + e.getMessage());
        }
    }

    /**
     * Joins snakeyaml's two message parts into one sentence: its context is either a
     * circumstance ("while parsing a flow sequence"), best after the problem, or the first half
     * of the sentence ("expected a single document in the stream" / "but found another
     * document").
     */
    private static String syntaxMessage(String context, String problem) {
        if (context == null || context.isBlank()) {
            return problem;
        }
        if (context.startsWith("while ")) {
            return problem + " (" + context + ")";
        }
        return context + ", " + problem;
    }

    private void rejectAnchors(Node node, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        node.getAnchor().ifPresent(anchor -> error(node, "YAML anchors and aliases are not supported"
                + " (anchor '&" + anchor.getValue() + "'): write the value out where it is used"));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                rejectAnchors(entry.getKeyNode(), visited);
                rejectAnchors(entry.getValueNode(), visited);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                rejectAnchors(item, visited);
            }
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** How a node is shown after "got": its text for scalars, its kind otherwise. */
    private static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when isNull(s) -> "nothing";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private Location at(Node node) {
        return node.getStartMark().map(this::at).orElse(new Location(fileName, 1, 1));
    }

    /** snakeyaml marks are 0-based; editors and our locations are 1-based. */
    private Location at(Mark mark) {
        return new Location(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void expected(Node value, String what) {
        error(value, "expected " + what + ", got " + describe(value));
    }

    private void error(Node node, String message) {
        errors.add(new ScenarioError(at(node), message));
    }

    private ScenarioException fail(Location where, String message) {
        errors.add(new ScenarioError(where, message));
        return new ScenarioException(errors);
    }
}
