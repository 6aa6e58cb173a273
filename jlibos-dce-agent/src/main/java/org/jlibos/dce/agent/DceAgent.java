package org.jlibos.dce.agent;

import java.lang.instrument.Instrumentation;

/** Placeholder premain: the class transformations arrive with the agent work. */
public final class DceAgent {

    private DceAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
    }

    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }
}
