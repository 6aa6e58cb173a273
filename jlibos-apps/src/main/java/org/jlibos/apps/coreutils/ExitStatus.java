package org.jlibos.apps.coreutils;

import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/** {@code true} and {@code false}: do nothing, successfully or not. */
public final class ExitStatus implements Program {

    private final int status;

    public ExitStatus(int status) {
        this.status = status;
    }

    @Override
    public int run(ProcessContext ctx) {
        return status;
    }
}
