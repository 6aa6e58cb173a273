package org.jlibos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jlibos.scenario.file.ScenarioFiles;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioException;
import org.jlibos.scenario.run.ScenarioRunner;

/** Loads scenario files for the commands, turning every problem into a clear exit-2 message. */
final class ScenarioSource {

    /** Thrown after the problem was reported; the command exits with {@link Main#EXIT_USAGE}. */
    static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private ScenarioSource() {
    }

    static Scenario load(Path file, ScenarioRunner runner, PrintWriter err) throws Invalid {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("jlibos: " + file + ": no such scenario file");
            throw new Invalid();
        } catch (IOException e) {
            err.println("jlibos: " + file + ": cannot read: " + e.getMessage());
            throw new Invalid();
        }
        return parse(text, file.toString(), runner, err);
    }

    static Scenario embedded(String resource, ScenarioRunner runner, PrintWriter err) throws Invalid {
        try (InputStream in = ScenarioSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing embedded scenario " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<embedded>" + resource, runner, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Scenario parse(String text, String name, ScenarioRunner runner, PrintWriter err) throws Invalid {
        try {
            return ScenarioFiles.parse(text, name, runner.environment());
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            throw new Invalid();
        }
    }
}
