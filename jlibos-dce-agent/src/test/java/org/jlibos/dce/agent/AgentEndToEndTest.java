package org.jlibos.dce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jlibos.dce.boot.DceHooks;
import org.jlibos.dce.testprograms.AgentProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent in a forked JVM ({@code -javaagent}, no {@code --add-opens}) running
 * {@link AgentProbe}. The jar is built here from target/classes because Maven packages it only
 * after the tests.
 */
class AgentEndToEndTest {

    static final String JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @Test
    void agentRewritesTheRunningJdk(@TempDir Path dir) throws Exception {
        Path jar = buildAgentJar(dir.resolve("jlibos-dce-agent.jar"));
        Path testClasses = Path.of(AgentProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        // BytecodeVerificationLocal: verify the rewritten boot classes too (Thread, VirtualThread, AQS...).
        Process process = new ProcessBuilder(JAVA, "-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal",
                "-javaagent:" + jar, "-D" + DceAgent.VERBOSE_PROPERTY + "=true",
                "-cp", testClasses.toString(), AgentProbe.class.getName())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        System.out.println("child stdout:\n" + out + "child stderr:\n" + err);
        assertTrue(exited, "child JVM did not finish");
        assertEquals(0, process.exitValue(), () -> "stdout:\n" + out + "\nstderr:\n" + err);
        assertFalse(err.contains("cannot"), err);
        assertTrue(err.contains("jlibos-dce-agent: premain"), err);

        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("agentActive", "true");
        expected.put("ttl", "0");
        expected.put("negativeTtl", "0");
        expected.put("retransformedThread", "true");
        expected.put("fakeNanoTime", "5000000000");
        expected.put("fakeInstant", "2000-01-01T00:00:05Z");
        expected.put("fakeLocalDateTime", "2000-01-01T00:00:05");
        expected.put("fakeClockMillis", "946684805000");
        expected.put("scheduledDelayNanos", "10000000000");
        expected.put("latchAwaitResult", "false");
        expected.put("fakeNanoTimeAfterWait", "15000000000");
        expected.put("awaitRealTimeUnder5s", "true");
        expected.put("mainNanoTimeIsReal", "true");
        expected.put("startRecorded", "true");
        expected.put("takenOverState", "WAITING");
        expected.put("takenOverAlive", "true");
        expected.put("takenOverInterrupted", "false");
        expected.put("joinDurationWhileBlocked", "false");
        expected.put("takenOverAliveAfterJoin", "false");
        expected.put("takenOverStateAfterJoin", "TERMINATED");
        expected.put("takenOverEvents", "[runsOnProxy=true, interrupted]");
        expected.put("realThreadStillNew", "NEW");
        expected.put("waitingListCas", "true,true");
        expected.put("blockPermitAfterAdd", "false");
        expected.put("blockPermitAfterRemove", "true");
        expected.put("contendedCount", "100");
        expected.put("done", "true");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), values.get(e.getKey()), e.getKey());
        }
        assertTrue(Integer.parseInt(values.get("retransformed")) > 0);
        assertTrue(Integer.parseInt(values.get("rewrittenClasses")) >= Integer.parseInt(values.get("retransformed")));
        System.out.println("premain " + values.get("premainMillis") + " ms, retransformed "
                + values.get("retransformed") + " of " + values.get("loadedAtPremain") + " loaded classes: "
                + values.get("retransformedClasses") + "; rewritten in total " + values.get("rewrittenClasses"));
    }

    /** The jar Maven would build: target/classes plus the manifest of jlibos-dce-agent/pom.xml. */
    static Path buildAgentJar(Path jar) throws Exception {
        Path classes = Path.of(DceHooks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", DceAgent.class.getName());
        main.putValue("Agent-Class", DceAgent.class.getName());
        main.putValue("Boot-Class-Path", jar.getFileName().toString());
        main.putValue("Can-Redefine-Classes", "true");
        main.putValue("Can-Retransform-Classes", "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + jar, e);
        }
        return jar;
    }

}
