package org.jlibos.sim.event;

/**
 * Virtual time stopped advancing: more events ran at one instant than the configured budget,
 * which means something reschedules itself at the same time forever (a simulated thread that
 * only yields, a zero-delay timer loop).
 */
public final class NoProgressException extends RuntimeException {

    private final long timeNanos;
    private final transient Event lastEvent;

    public NoProgressException(long timeNanos, long events, Event lastEvent) {
        super("no progress in virtual time: " + events + " events at t=" + timeNanos
                + " ns without the clock advancing (last: " + lastEvent.describe() + ")");
        this.timeNanos = timeNanos;
        this.lastEvent = lastEvent;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public Event lastEvent() {
        return lastEvent;
    }
}
