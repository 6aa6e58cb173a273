package org.jlibos.scenario.run;

import java.util.List;

import org.jlibos.sim.Simulation;

/**
 * Everything a run produced, as written to {@code summary.json}.
 *
 * @param error       why the run could not finish (watchdog, failed event), or null
 * @param simulation  the simulation itself, for tests and the determinism check
 */
public record RunResult(String name, long seed, long simulatedTimeNs, long wallTimeMs, long events, int nodes,
                        List<ProcessResult> processes, List<AssertionResult> assertions, String traceHash,
                        String error, Simulation simulation) {

    /** True when the run finished and every expectation held. */
    public boolean passed() {
        return error == null && assertions.stream().allMatch(AssertionResult::passed);
    }

    public long failedAssertions() {
        return assertions.stream().filter(a -> !a.passed()).count();
    }
}
