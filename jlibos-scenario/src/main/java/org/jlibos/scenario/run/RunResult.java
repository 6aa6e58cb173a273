package org.jlibos.scenario.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.tcp.TcpTimeSeries;
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
 * @param timeseries       per-connection TCP time series, keyed by the path of its CSV relative to
 *                         the output directory ({@code timeseries/h1-5201-10.0.0.1-40001.csv}), in
 *                         node order then connection creation order
 * @param simulation       the simulation itself, for tests and the determinism check
 */
public record RunResult(String name, long seed, long simulatedTimeNs, long wallTimeMs, long events, int nodes,
                        List<ProcessResult> processes, List<AssertionResult> assertions, List<LinkResult> links,
                        List<LinkResult> lans, List<String> pcaps, Path captureDirectory, String traceHash,
                        String error, Map<String, TcpTimeSeries> timeseries, Simulation simulation) {

    public RunResult {
        processes = List.copyOf(processes);
        assertions = List.copyOf(assertions);
        links = List.copyOf(links);
        lans = List.copyOf(lans);
        pcaps = List.copyOf(pcaps);
        timeseries = Collections.unmodifiableMap(new LinkedHashMap<>(timeseries));
    }

    /** True when the run finished and every expectation held. */
    public boolean passed() {
        return error == null && assertions.stream().allMatch(AssertionResult::passed);
    }

    public long failedAssertions() {
        return assertions.stream().filter(a -> !a.passed()).count();
    }
}
