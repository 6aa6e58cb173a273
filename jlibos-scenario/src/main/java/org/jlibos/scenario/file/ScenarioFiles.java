package org.jlibos.scenario.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioEnvironment;
import org.jlibos.scenario.model.ScenarioException;

/**
 * Loads YAML scenario files.
 *
 * <pre>{@code
 * name: hello            # required
 * seed: 7                # default 1
 * stop: 30s              # required, a duration
 * nodes:                 # node name -> settings (null or {} for defaults)
 *   h1: {}
 *   h2: {sysctl: {net.ipv4.ip_forward: 1}}
 * run:                   # processes
 *   - {id: greet, at: 0s, node: h1, cmd: "echo hello"}
 * expect:                # checks on processes
 *   - {id: greet, exit: 0, stdout: "hello"}
 * links:                 # point-to-point links, then LANs (devices eth0, eth1, ... in that order)
 *   - {between: [h1, h2], rate: 100Mbps, delay: 10ms, loss: 1%, addresses: [10.0.1.1/24, 10.0.1.2/24]}
 * lans:
 *   - {name: lan1, nodes: [h1, h2], subnet: 10.0.5.0/24}
 * routes: auto           # or none (the default)
 * faults:                # network changes at virtual times
 *   - {at: 5s, link: h1-h2, down: true}
 * capture: all           # or none, or [h1:eth0, ...]
 * }</pre>
 *
 * <p>Every error names the file, line and column of the offending value (or key, for unknown
 * and duplicate keys, or the enclosing mapping, for missing keys) and says what was expected.
 * All errors of a file are reported together, in document order. See {@link ScenarioReader} for
 * the details of how YAML is interpreted.
 */
public final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /**
     * Reads and validates a scenario file. Error locations use {@code file} as written.
     *
     * @throws IOException       if the file cannot be read (or is not UTF-8)
     * @throws ScenarioException if the file is not a valid scenario
     */
    public static Scenario load(Path file, ScenarioEnvironment env) throws IOException, ScenarioException {
        return parse(Files.readString(file), file.toString(), env);
    }

    /**
     * Parses and validates scenario text.
     *
     * @param fileName name used in error locations
     * @throws ScenarioException if the text is not a valid scenario
     */
    public static Scenario parse(String text, String fileName, ScenarioEnvironment env) throws ScenarioException {
        return new ScenarioReader(fileName).read(text, env);
    }
}
