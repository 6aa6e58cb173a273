package org.jlibos.sim;

/**
 * Settings of a {@link Simulation}. Defaults suit scenario runs; tests tighten the watchdog.
 *
 * @param seed                  root seed of every random stream
 * @param watchdogWallNanos     real time one event (one step of a simulated thread) may take
 *                              before the run is stopped as hung; 0 runs on the caller's
 *                              thread with no watchdog (benchmarks)
 * @param maxEventsPerInstant   events allowed at one virtual instant before the run is stopped
 *                              as making no progress
 * @param retainTrace           keep trace records and hash checkpoints (check-determinism)
 */
public record SimulationConfig(long seed, long watchdogWallNanos, long maxEventsPerInstant, boolean retainTrace) {

    public static final long DEFAULT_WATCHDOG_NANOS = 30_000_000_000L;
    public static final long DEFAULT_MAX_EVENTS_PER_INSTANT = 10_000_000L;

    public static SimulationConfig withSeed(long seed) {
        return new SimulationConfig(seed, DEFAULT_WATCHDOG_NANOS, DEFAULT_MAX_EVENTS_PER_INSTANT, false);
    }

    public SimulationConfig withWatchdog(long wallNanos) {
        return new SimulationConfig(seed, wallNanos, maxEventsPerInstant, retainTrace);
    }

    public SimulationConfig withMaxEventsPerInstant(long max) {
        return new SimulationConfig(seed, watchdogWallNanos, max, retainTrace);
    }

    public SimulationConfig withRetainedTrace(boolean retain) {
        return new SimulationConfig(seed, watchdogWallNanos, maxEventsPerInstant, retain);
    }
}
