package org.jlibos.dce.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.dce.boot.DceHooks;

/**
 * The JVM settings DCE needs, in one place: the {@code jlibos} launcher passes
 * {@link #jvmArguments(Path)}, the JUnit route documents the same list as surefire's argLine,
 * and {@link #missingSetup()} says precisely what is missing when a JVM lacks one.
 */
public final class DceJvm {

    public static final String SELECTOR_PROVIDER = "org.jlibos.dce.nio.SimSelectorProvider";

    private DceJvm() {
    }

    /** The arguments a JVM running DCE programs needs; {@code agentJar} is jlibos-dce-agent.jar. */
    public static List<String> jvmArguments(Path agentJar) {
        List<String> args = new ArrayList<>();
        // Identity hash codes come from per-thread random state the JVM never resets, so
        // programs iterating identity-hashed sets (Jetty's thread pool) or seeding from
        // Object.hashCode() (ZooKeeper's host list) would differ between runs. A constant
        // identity hash makes them reproducible; identity-keyed tables get slower.
        args.add("-XX:+UnlockExperimentalVMOptions");
        args.add("-XX:hashCode=2");
        // ...and the JDK's registry of all virtual threads is such a table: turn it off.
        args.add("-Djdk.trackAllThreads=false");
        args.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        args.add("--add-opens=java.base/java.net=ALL-UNNAMED");
        args.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        args.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
        args.add("-javaagent:" + agentJar);
        args.add("-Djava.nio.channels.spi.SelectorProvider=" + SELECTOR_PROVIDER);
        args.add("-Djava.nio.channels.spi.AsynchronousChannelProvider=org.jlibos.dce.nio.SimAsynchronousChannelProvider");
        // CompletableFuture's async tasks then get a thread each (simulated), not the shared common pool.
        args.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1");
        // Names resolve per simulated node: the JDK's JVM-wide name cache must not keep answers.
        args.add("-Dsun.net.inetaddr.ttl=0");
        args.add("-Dsun.net.inetaddr.negative.ttl=0");
        return args;
    }

    /** Looks for jlibos-dce-agent.jar beside the jar (or classes directory) this class came from. */
    public static Path locateAgentJar() {
        try {
            Path here = Path.of(DceJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(here) ? here.getParent() : here.getParent();
            for (Path candidate : List.of(dir.resolve("jlibos-dce-agent.jar"),
                    dir.resolve("../../jlibos-dce-agent/target/jlibos-dce-agent.jar").normalize())) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (Exception e) {
            // fall through to the error below
        }
        throw new IllegalStateException("cannot find jlibos-dce-agent.jar next to the jlibos-dce classes");
    }

    /** A sentence naming what this JVM lacks for DCE, or null when it is ready. */
    public static String missingSetup() {
        if (!DceHooks.agentActive()) {
            return "running JVM programs needs the jlibos DCE agent: start the JVM with -javaagent:<path>/jlibos-dce-agent.jar "
                    + "(the jlibos command does this; for JUnit see the README's surefire argLine)";
        }
        String provider = SelectorProvider.provider().getClass().getName();
        if (!provider.equals(SELECTOR_PROVIDER)) {
            return "running JVM programs needs -Djava.nio.channels.spi.SelectorProvider=" + SELECTOR_PROVIDER
                    + " (the JVM's SelectorProvider is " + provider + ")";
        }
        return null;
    }

    static void installGlobalFactories() {
        org.jlibos.dce.net.DceNet.install();
    }

    static InetAddress localHost() throws UnknownHostException {
        return org.jlibos.dce.net.DceNet.localHost();
    }
}
