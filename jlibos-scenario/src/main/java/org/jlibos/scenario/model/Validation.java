package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jlibos.sim.units.ShellWords;
import org.jlibos.sim.units.Units;

/**
 * The one place where a scenario's rules are checked, for builder-made and loaded scenarios
 * alike. Every rule is checked even after a failure, so a user sees all problems at once; values
 * that already failed ({@link Slot#rejected()}) are skipped by the rules depending on them, so
 * one mistake yields one error.
 */
final class Validation {

    static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern PROCESS_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^A-Za-z0-9_.-]");
    /** How many names a "(nodes: ...)" list shows before "... (n more)". */
    private static final int LIST_LIMIT = 10;
    private static final String CHECK_KEYS =
            "exit, stdout, stdout_regex, stderr, stderr_regex, ended_by, running";

    private final ScenarioBuilder b;
    private final ScenarioEnvironment env;
    private final List<ScenarioError> errors = new ArrayList<>();
    /** Some value was marked invalid by a loader, which reports that error itself. */
    private boolean unreported;
    private Scenario scenario;

    /** Ids of all processes, explicit and generated, in run-list order. */
    private final Set<String> processIds = new LinkedHashSet<>();
    /**
     * False when an explicit id (or the whole run list) could not be read: any id might be that
     * one, so no expectation can be said to name an unknown process.
     */
    private boolean processIdsComplete;
    /**
     * Positions of entries without an id whose id could not be generated (bad cmd or node). An
     * expectation naming {@code ...-<n>} might mean one of them and is not reported.
     */
    private final Set<Integer> ungeneratedIds = new LinkedHashSet<>();

    Validation(ScenarioBuilder builder, ScenarioEnvironment env) {
        this.b = builder;
        this.env = env;
    }

    /** Checks every rule; afterwards {@link #errors()} holds the problems found. */
    Validation run() {
        reportSlotErrors(b.nodesSection, b.runSection, b.expectSection);
        checkScenarioKeys();
        Map<String, NodeSpec> nodes = checkNodes();
        List<ProcessSpec> run = checkRuns(nodes);
        List<Expectation> expect = checkExpectations();
        long stop = b.stop.usable() && b.stop.value() > 0 ? b.stop.value() : -1;
        NetworkValidation net = new NetworkValidation(this, b, nodes, !b.nodesSection.rejected()).run(stop);
        if (errors.isEmpty() && !unreported) {
            scenario = new Scenario(b.name.value(), b.seed.valueOr(Scenario.DEFAULT_SEED),
                    b.stop.value(), nodes, run, expect, net.links(), net.lans(), net.routes(), net.faults(),
                    net.capture(), b.location);
        }
        return this;
    }

    List<ScenarioError> errors() {
        return List.copyOf(errors);
    }

    Scenario scenario() throws ScenarioException {
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        if (scenario == null) {
            throw new IllegalStateException("values were marked invalid() but no error was reported"
                    + " for them; a loader must report its own errors along with validate()'s");
        }
        return scenario;
    }

    private void checkScenarioKeys() {
        reportSlotErrors(b.name, b.seed, b.stop);
        if (!b.name.given()) {
            missing(b.location, "name");
        } else if (b.name.usable() && b.name.value().isBlank()) {
            error(b.name.where(), "the scenario name must not be empty");
        }
        if (!b.stop.given()) {
            missing(b.location, "stop");
        } else if (b.stop.usable() && b.stop.value() <= 0) {
            error(b.stop.where(), "expected a positive duration for 'stop', got "
                    + Units.formatDuration(b.stop.value()));
        }
    }

    private Map<String, NodeSpec> checkNodes() {
        Map<String, NodeSpec> specs = new LinkedHashMap<>();
        for (NodeBuilder node : b.nodes) {
            if (!NODE_NAME.matcher(node.name).matches()) {
                error(node.where, "invalid node name '" + node.name
                        + "': expected a letter followed by letters, digits, '_' or '-'");
            } else if (specs.containsKey(node.name)) {
                error(node.where, "duplicate node '" + node.name + "'");
            }
            Map<String, String> sysctl = new LinkedHashMap<>();
            for (NodeBuilder.SysctlEntry entry : node.sysctl) {
                if (sysctl.containsKey(entry.name())) {
                    error(entry.where(), "duplicate sysctl '" + entry.name() + "' on node " + node.name);
                    continue;
                }
                sysctl.put(entry.name(), entry.value());
                String problem = env.checkSysctl(entry.name(), entry.value());
                if (problem != null) {
                    error(entry.where(), problem);
                }
            }
            Map<String, String> hosts = new LinkedHashMap<>();
            for (NodeBuilder.HostEntry entry : node.hosts) {
                if (org.jlibos.kernel.wire.Ipv4Address.tryParse(entry.address()) < 0) {
                    error(entry.where(), "expected an IPv4 address like 10.0.3.2 for host '" + entry.name()
                            + "' on node " + node.name + ", got '" + entry.address() + "'");
                } else if (hosts.putIfAbsent(entry.name(), entry.address()) != null) {
                    error(entry.where(), "duplicate host '" + entry.name() + "' on node " + node.name);
                }
            }
            // Invalid names are kept so that processes on them do not also report "unknown node".
            specs.putIfAbsent(node.name, new NodeSpec(node.name, sysctl, hosts, node.where));
        }
        return specs;
    }

    private List<ProcessSpec> checkRuns(Map<String, NodeSpec> nodes) {
        boolean nodesKnown = !b.nodesSection.rejected();
        boolean stopKnown = b.stop.usable() && b.stop.value() > 0;
        processIdsComplete = !b.runSection.rejected();
        List<ProcessSpec> specs = new ArrayList<>();
        int index = 0;
        for (RunBuilder r : b.runs) {
            index++;
            reportSlotErrors(r.id, r.at, r.node, r.cmd);

            if (!r.node.given()) {
                missing(r.location, "node");
            } else if (r.node.usable() && nodesKnown && !nodes.containsKey(r.node.value())) {
                error(r.node.where(), unknownNode(r.node.value(), nodes.keySet()));
            }

            long at = r.at.valueOr(0L);
            if (r.at.usable()) {
                if (at < 0) {
                    error(r.at.where(), "negative start time: " + Units.formatDuration(at));
                } else if (stopKnown && at >= b.stop.value()) {
                    String stop = Units.formatDuration(b.stop.value());
                    error(r.at.where(), at > b.stop.value()
                            ? "process starts at " + Units.formatDuration(at)
                                    + ", after the scenario stops at " + stop
                            : "process starts at " + stop + ", when the scenario stops");
                }
            }

            String program = null;
            if (!r.cmd.given()) {
                missing(r.location, "cmd");
            } else if (r.cmd.usable()) {
                program = checkCommand(r);
            }

            String id = processId(r, program, index);
            if (id != null && r.node.usable() && r.cmd.usable()) {
                specs.add(new ProcessSpec(id, at, r.node.value(), r.cmd.value(), r.location));
            }
        }
        return specs;
    }

    /** Checks the command line; returns its program name, or null if there is none. */
    private String checkCommand(RunBuilder r) {
        List<String> words;
        try {
            words = ShellWords.split(r.cmd.value());
        } catch (IllegalArgumentException e) {
            error(r.cmd.where(), e.getMessage());
            return null;
        }
        if (words.isEmpty()) {
            error(r.cmd.where(), "empty command");
            return null;
        }
        String program = words.getFirst();
        if (!env.hasProgram(program)) {
            StringBuilder message = new StringBuilder("unknown program '").append(program).append('\'');
            if (r.node.usable()) {
                message.append(" on node ").append(r.node.value());
            }
            Suggestions.nearest(program, env.programNames())
                    .ifPresent(s -> message.append(" (did you mean '").append(s).append("'?)"));
            error(r.cmd.where(), message.toString());
        }
        return program;
    }

    /** The explicit or generated id of a process, registered for uniqueness; null if unknowable. */
    private String processId(RunBuilder r, String program, int index) {
        String id;
        if (r.id.usable()) {
            id = r.id.value();
            if (!PROCESS_ID.matcher(id).matches()) {
                error(r.id.where(), "invalid process id '" + id
                        + "': use only letters, digits, '_', '.' and '-'");
            } else if (processIds.contains(id)) {
                error(r.id.where(), "duplicate process id '" + id + "'");
            }
        } else if (!r.id.rejected() && program != null && r.node.usable()) {
            id = r.node.value() + "-" + idPart(program) + "-" + index;
            if (processIds.contains(id)) {
                error(r.location, "generated process id '" + id
                        + "' is already used: give this entry an id");
            }
        } else {
            if (r.id.rejected()) {
                processIdsComplete = false;
            } else {
                ungeneratedIds.add(index);
            }
            return null;
        }
        processIds.add(id);
        return id;
    }

    /** A program name usable inside an id: its base name, other characters replaced by '_'. */
    private static String idPart(String program) {
        String base = program.substring(program.lastIndexOf('/') + 1);
        String cleaned = NOT_ID_CHAR.matcher(base).replaceAll("_");
        return cleaned.isEmpty() ? "process" : cleaned;
    }

    private List<Expectation> checkExpectations() {
        List<Expectation> specs = new ArrayList<>();
        for (ExpectationBuilder e : b.expectations) {
            reportSlotErrors(e.id, e.exit, e.stdout, e.stdoutRegex, e.stderr, e.stderrRegex,
                    e.endedBy, e.running);
            String id = e.id.value();
            if (!e.id.given()) {
                missing(e.location, "id");
            } else if (e.id.usable() && !processIds.contains(id) && !mightBeUnreadable(id)) {
                error(e.id.where(), unknownProcess(id));
            }
            if (e.checks().stream().noneMatch(Slot::given)) {
                error(e.location, (e.id.usable() ? "expectation for '" + id + "'" : "expectation")
                        + " has no checks: give at least one of " + CHECK_KEYS);
            }
            boolean ok = true;
            if (e.exit.usable() && (e.exit.value() < 0 || e.exit.value() > 255)) {
                error(e.exit.where(), "exit status must be between 0 and 255, got " + e.exit.value());
                ok = false;
            }
            Pattern stdoutRegex = regex(e.stdoutRegex, "stdout_regex");
            Pattern stderrRegex = regex(e.stderrRegex, "stderr_regex");
            ok &= e.stdoutRegex.given() == (stdoutRegex != null);
            ok &= e.stderrRegex.given() == (stderrRegex != null);
            if (e.endedBy.usable() && e.endedBy.value() < 0) {
                error(e.endedBy.where(), "negative duration for 'ended_by': "
                        + Units.formatDuration(e.endedBy.value()));
                ok = false;
            }
            if (e.running.usable() && e.running.value() && (e.exit.given() || e.endedBy.given())) {
                error(e.running.where(), "'running: true' contradicts 'exit' and 'ended_by':"
                        + " a process that is still running has not exited");
                ok = false;
            }
            if (ok && e.id.usable()) {
                specs.add(new Expectation(id, e.exit.value(), e.stdout.value(), stdoutRegex,
                        e.stderr.value(), stderrRegex, e.endedBy.value(), e.running.value(),
                        e.location));
            }
        }
        return specs;
    }

    private boolean mightBeUnreadable(String id) {
        if (!processIdsComplete) {
            return true;
        }
        int dash = id.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        String suffix = id.substring(dash + 1);
        return suffix.matches("[1-9][0-9]{0,8}") && ungeneratedIds.contains(Integer.parseInt(suffix));
    }

    /** Compiles a usable regex slot; reports and returns null if it does not compile. */
    private Pattern regex(Slot<String> slot, String key) {
        if (!slot.usable()) {
            return null;
        }
        try {
            return Pattern.compile(slot.value(), Expectation.REGEX_FLAGS);
        } catch (PatternSyntaxException e) {
            String near = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            error(slot.where(), "invalid " + key + " '" + slot.value() + "': " + e.getDescription() + near);
            return null;
        }
    }

    /** "unknown node 'h3' (did you mean 'h1'? nodes: h1, h2)". */
    static String unknownNode(String node, Collection<String> known) {
        if (known.isEmpty()) {
            return "unknown node '" + node + "' (no nodes are defined)";
        }
        String hint = Suggestions.nearest(node, known).map(s -> "did you mean '" + s + "'? ").orElse("");
        return "unknown node '" + node + "' (" + hint + "nodes: " + list(known) + ")";
    }

    /** Names joined by ", ", the first {@value #LIST_LIMIT} of them, then how many more there are. */
    static String list(Collection<String> names) {
        if (names.size() <= LIST_LIMIT) {
            return String.join(", ", names);
        }
        return String.join(", ", names.stream().limit(LIST_LIMIT).toList()) + ", ... ("
                + (names.size() - LIST_LIMIT) + " more)";
    }

    private String unknownProcess(String id) {
        String hint = Suggestions.nearest(id, processIds)
                .map(s -> "(did you mean '" + s + "'?)")
                .orElse(processIds.isEmpty()
                        ? "(no processes are defined)"
                        : "(process ids: " + list(processIds) + ")");
        return "unknown process id '" + id + "' " + hint;
    }

    void reportSlotErrors(Slot<?>... slots) {
        for (Slot<?> slot : slots) {
            if (slot.error() != null) {
                error(slot.where(), slot.error());
            } else if (slot.rejected()) {
                unreported = true;
            }
        }
    }

    void missing(Location where, String key) {
        error(where, "missing required key '" + key + "'");
    }

    void error(Location where, String message) {
        errors.add(new ScenarioError(where, message));
    }
}
