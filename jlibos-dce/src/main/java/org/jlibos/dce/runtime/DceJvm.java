package org.jlibos.dce.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;

import org.jlibos.dce.boot.DceHooks;

/**
 * The JVM settings DCE needs are listed once, in {@code scripts/dce-jvm.args} (a java
 * {@code @argfile} that the {@code jlibos} command, the benchmark script and the build's tests
 * pass, with {@code -javaagent:jlibos-dce-agent.jar}); {@link #missingSetup()} says precisely
 * what is missing when a JVM lacks them.
 */
public final class DceJvm {

    public static final String SELECTOR_PROVIDER = "org.jlibos.dce.nio.SimSelectorProvider";

    private DceJvm() {
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
