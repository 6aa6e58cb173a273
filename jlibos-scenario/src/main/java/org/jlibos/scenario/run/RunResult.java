package org.jlibos.scenario.run;

import java.nio.file.Path;
import java.util.List;

import org.jlibos.sim.Simulation;

/**
 * Everything a run produced, as written to {@code summary.json}.
 *
 * @param error            why the run could not finish (watchdog, failed event), or null
 * @param links            counters of every point-to-point link, in creation order
 * @param lans             counters of every LAN's cables, in creation order
 * @param pcaps            capture files written, relative to {@code captureDirectory}
 *                         ({@code pcap/h1-eth0.pcap}), in creation order
 * @param captureDirectory where the captures went: the output directory, or a temporary one when
 *                         the run had none; null when nothing was captured
 * @param simulation       the simulation itself, for tests and the determinism check
 */
public record RunResult(String name, long seed, long simulatedTimeNs, long wallTimeMs, long events, int nodes,
                        List<ProcessResult> processes, List<AssertionResult> assertions, List<LinkResult> links,
                        List<LinkResult> lans, List<String> pcaps, Path captureDirectory, String traceHash,
                        String error, Simulation simulation) {

    public RunResult {
        processes = List.copyOf(processes);
        assertions = List.copyOf(assertions);
        links = List.copyOf(links);
        lans = List.copyOf(lans);
        pcaps = List.copyOf(pcaps);
    }

    /** True when the run finished and every expectation held. */
    public boolean passed() {
        return error == null && assertions.stream().allMatch(AssertionResult::passed);
    }

    public long failedAssertions() {
        return assertions.stream().filter(a -> !a.passed()).count();
    }
}
