package org.jlibos.dce.runtime;

import org.jlibos.sim.process.ProgramProvider;
import org.jlibos.sim.process.ProgramRegistry;

/** Puts {@code java} on every simulated host when jlibos-dce is on the class path. */
public final class DcePrograms implements ProgramProvider {

    @Override
    public void install(ProgramRegistry registry) {
        registry.register("java", new JavaProgram());
    }
}
