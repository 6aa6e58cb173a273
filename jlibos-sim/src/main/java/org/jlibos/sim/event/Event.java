package org.jlibos.sim.event;

/**
 * Something that happens at a virtual time. Subclasses are the only per-event allocation of
 * the scheduler: the queue stores its ordering keys itself and tracks each queued event's
 * heap position here, so cancelling or re-arming an event is O(log n) and allocation-free.
 *
 * <p>An event object may be scheduled again after it fired or was cancelled (kernel timers
 * are long-lived events that are re-armed many times).
 */
public abstract class Event {

    /** Where the event waits: -1 nowhere, -2 in the simulator's ready FIFO, else its heap index. */
    int heapIndex = -1;
    long time;
    /** Insertion sequence of the current scheduling; orders events at equal times. */
    long seq;

    /** Runs the event; the clock reads {@link #time()} while it does. */
    protected abstract void fire();

    /** The virtual time this event is (or was last) scheduled for, in nanoseconds. */
    public final long time() {
        return time;
    }

    public final boolean isScheduled() {
        return heapIndex != -1;
    }

    /**
     * What this event is, for trace records and error messages. Events whose class is a lambda
     * must override it: lambda class names are not stable between JVM runs.
     */
    public String describe() {
        return getClass().getSimpleName();
    }
}
