package org.jlibos.scenario.run;

import java.util.function.Consumer;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;

/**
 * How to run a scenario: overrides of its seed and stop time, trace retention for the
 * determinism check, the watchdog budget, and a hook that sees the simulation once built
 * (progress display).
 */
public record RunOptions(Long seed, Long stopNanos, boolean retainTrace, long watchdogWallNanos,
                         Consumer<Simulation> onStart) {

    public static RunOptions defaults() {
        return new RunOptions(null, null, false, SimulationConfig.DEFAULT_WATCHDOG_NANOS, s -> { });
    }

    public RunOptions withSeed(Long s) {
        return new RunOptions(s, stopNanos, retainTrace, watchdogWallNanos, onStart);
    }

    public RunOptions withStop(Long stop) {
        return new RunOptions(seed, stop, retainTrace, watchdogWallNanos, onStart);
    }

    public RunOptions withRetainedTrace(boolean retain) {
        return new RunOptions(seed, stopNanos, retain, watchdogWallNanos, onStart);
    }

    public RunOptions withWatchdog(long wallNanos) {
        return new RunOptions(seed, stopNanos, retainTrace, wallNanos, onStart);
    }

    public RunOptions withOnStart(Consumer<Simulation> hook) {
        return new RunOptions(seed, stopNanos, retainTrace, watchdogWallNanos, hook);
    }
}
