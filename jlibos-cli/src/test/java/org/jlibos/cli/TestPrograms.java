package org.jlibos.cli;

import org.jlibos.sim.process.ProgramProvider;
import org.jlibos.sim.process.ProgramRegistry;

/** Programs that exist only in the CLI tests: deliberately misbehaving ones. */
public final class TestPrograms implements ProgramProvider {

    @Override
    public void install(ProgramRegistry registry) {
        // Breaks determinism on purpose: reads the wall clock inside the simulation.
        registry.register("wallclock", ctx -> {
            ctx.sleep(1_000_000 + System.nanoTime() % 1000);
            ctx.out().println(System.nanoTime());
            return 0;
        });
        registry.register("crash", ctx -> {
            ctx.out().println("about to fail");
            throw new IllegalStateException("deliberate failure in " + ctx.hostname());
        });
    }
}
