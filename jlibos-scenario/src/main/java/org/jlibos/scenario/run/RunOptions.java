package org.jlibos.scenario.run;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;

/**
 * How to run a scenario: overrides of its seed and stop time, trace retention for the
 * determinism check, the watchdog budget, a hook that sees the simulation once built (progress
 * display), and the output directory.
 *
 * @param outputDirectory where the run's files go: captures into {@code <dir>/pcap/}. Null when
 *                        there is none (the determinism check): a scenario that captures then
 *                        writes into a fresh temporary directory, named by
 *                        {@link RunResult#captureDirectory()}, which the caller deletes
 */
public record RunOptions(Long seed, Long stopNanos, boolean retainTrace, long watchdogWallNanos,
                         Consumer<Simulation> onStart, Path outputDirectory) {

    public static RunOptions defaults() {
        return new RunOptions(null, null, false, SimulationConfig.DEFAULT_WATCHDOG_NANOS, s -> { }, null);
    }

    public RunOptions withSeed(Long s) {
        return new RunOptions(s, stopNanos, retainTrace, watchdogWallNanos, onStart, outputDirectory);
    }

    public RunOptions withStop(Long stop) {
        return new RunOptions(seed, stop, retainTrace, watchdogWallNanos, onStart, outputDirectory);
    }

    public RunOptions withRetainedTrace(boolean retain) {
        return new RunOptions(seed, stopNanos, retain, watchdogWallNanos, onStart, outputDirectory);
    }

    public RunOptions withWatchdog(long wallNanos) {
        return new RunOptions(seed, stopNanos, retainTrace, wallNanos, onStart, outputDirectory);
    }

    public RunOptions withOnStart(Consumer<Simulation> hook) {
        return new RunOptions(seed, stopNanos, retainTrace, watchdogWallNanos, hook, outputDirectory);
    }

    public RunOptions withOutputDirectory(Path dir) {
        return new RunOptions(seed, stopNanos, retainTrace, watchdogWallNanos, onStart, dir);
    }
}
