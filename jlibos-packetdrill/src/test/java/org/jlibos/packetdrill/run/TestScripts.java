package org.jlibos.packetdrill.run;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.jlibos.kernel.Kernel;
import org.jlibos.packetdrill.script.Parser;
import org.jlibos.packetdrill.script.Script;

/** Finding and running our own test scripts (under src/test/resources). */
final class TestScripts {

    private TestScripts() {
    }

    static Path resource(String name) {
        URL url = TestScripts.class.getResource("/" + name);
        if (url == null) {
            throw new AssertionError("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static ScriptResult run(String resource) {
        return new PacketdrillRunner(RunOptions.defaults()).run(resource(resource));
    }

    /** Runs a script with {@code setup} applied to the host's kernel, collecting the verbose log. */
    static ScriptResult run(String resource, Consumer<Kernel> setup, List<String> log) {
        try {
            Path p = resource(resource);
            Script s = Parser.parse(p, RunOptions.IPV4_DEFINES);
            RunOptions o = RunOptions.defaults().withVerbose(log::add);
            return PacketdrillRunner.classify(s, new ScriptExecution(s, o, setup).run());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
