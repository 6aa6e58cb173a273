package org.jlibos.sim.process;

/**
 * Contributes programs to every node, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.jlibos.sim.process.ProgramProvider}).
 */
public interface ProgramProvider {

    /** Installs this provider's programs. */
    void install(ProgramRegistry registry);
}
