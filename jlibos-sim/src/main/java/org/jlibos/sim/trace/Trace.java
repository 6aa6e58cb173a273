package org.jlibos.sim.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The semantic trace of a run: process starts and exits (with output hashes) and, as the
 * network arrives, packet events. Every record is folded into a 64-bit hash; when retention is
 * on ({@code check-determinism}) records are also kept so two runs can be compared record by
 * record and the first divergence shown.
 */
public final class Trace {

    /** Records kept at most when retaining, so a long run cannot exhaust memory. */
    public static final int MAX_RETAINED = 1_000_000;

    private long hash = 0xcbf29ce484222325L;
    private long count;
    private final List<String> retained;

    public Trace(boolean retain) {
        this.retained = retain ? new ArrayList<>() : null;
    }

    public void record(long timeNanos, String node, String what) {
        String line = timeNanos + " " + node + " " + what;
        for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ '\n') * 0x100000001b3L;
        count++;
        if (retained != null && retained.size() < MAX_RETAINED) {
            retained.add(line);
        }
    }

    public long hash() {
        return hash;
    }

    public long count() {
        return count;
    }

    /** Retained records (empty unless constructed with retention on). */
    public List<String> records() {
        return retained == null ? List.of() : Collections.unmodifiableList(retained);
    }
}
