package org.jlibos.packetdrill.run;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How scripts are run.
 *
 * @param seed          root seed of each script's simulation (same seed, same result)
 * @param watchdogNanos real time one simulation step may take before the script is failed as
 *                      hung (0: no watchdog)
 * @param defines       {@code -D SYM=value} defines applied to every script
 * @param verbose       receives one line per event as it executes, and the notes; null for none
 */
public record RunOptions(long seed, long watchdogNanos, Map<String, String> defines, Consumer<String> verbose) {

    /** run_all.py's IPv4 defines (README §6.1). */
    public static final Map<String, String> IPV4_DEFINES = Map.of(
            "TFO_COOKIE", "3021b9d889017eeb",
            "CODE", "host_unreachable",
            "CMSG_LEVEL_IP", "SOL_IP",
            "CMSG_TYPE_RECVERR", "IP_RECVERR");

    public RunOptions {
        defines = Map.copyOf(defines);
    }

    public static RunOptions defaults() {
        return new RunOptions(1, 20_000_000_000L, IPV4_DEFINES, null);
    }

    public RunOptions withVerbose(Consumer<String> sink) {
        return new RunOptions(seed, watchdogNanos, defines, sink);
    }

    public RunOptions withSeed(long newSeed) {
        return new RunOptions(newSeed, watchdogNanos, defines, verbose);
    }

    public RunOptions withWatchdog(long nanos) {
        return new RunOptions(seed, nanos, defines, verbose);
    }
}
