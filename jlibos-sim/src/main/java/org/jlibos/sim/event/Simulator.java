package org.jlibos.sim.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The discrete-event scheduler: a virtual nanosecond clock and the pending-event queue.
 *
 * <p>Everything in a simulation happens inside {@link Event#fire()} calls made by
 * {@link #runUntil(long)} on one carrier thread, so nothing here is synchronized. The clock
 * only moves forward, to the time of the event being dispatched.
 *
 * <p>Each dispatch folds (time, insertion sequence) into a running trace hash: two runs that
 * dispatch the same events in the same order at the same times have the same hash. With
 * {@link #recordCheckpoints(boolean)} the hash is also saved every
 * {@value #CHECKPOINT_INTERVAL} events so two runs can be compared to find where they diverge.
 */
public final class Simulator {

    /** Events between two saved trace-hash checkpoints. */
    public static final int CHECKPOINT_INTERVAL = 1024;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final VarHandle DISPATCHED;

    static {
        try {
            DISPATCHED = MethodHandles.lookup().findVarHandle(Simulator.class, "dispatched", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventQueue queue = new EventQueue();
    /**
     * Events scheduled for the current instant, in insertion order. Most events a simulation
     * schedules are for "now" (a thread unparked, a frame handed on), so they skip the heap: they
     * run after the heap's events at this instant, which were all inserted earlier. Entries
     * whose sequence no longer matches their event were cancelled or moved, and are skipped.
     */
    private Event[] ready = new Event[256];
    private long[] readySeqs = new long[256];
    private int readyHead;
    private int readyCount;
    private int readyLive;
    private long nextSeq;
    private long now;
    /** Written with opaque stores so a watchdog thread sees progress without a fence per event. */
    @SuppressWarnings("unused")
    private long dispatched;
    private long dispatchedLocal;
    private boolean stopRequested;
    private long traceHash = FNV_OFFSET;
    private Event current;

    private long instantTime = -1;
    private long eventsThisInstant;
    private long maxEventsPerInstant = 100_000_000L;

    private InstantEndHook instantEndHook;
    private java.util.function.Consumer<Event> eventObserver;

    private long[] checkpoints;
    private int checkpointCount;
    private long[] checkpointTimes;

    /** Current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Schedules {@code e} at absolute time {@code atNanos} (moving it if already scheduled). */
    public void schedule(Event e, long atNanos) {
        if (atNanos < now) {
            throw new IllegalArgumentException("cannot schedule " + e.describe() + " at " + atNanos
                    + " ns: the clock is already at " + now + " ns");
        }
        enqueue(e, atNanos);
    }

    private void enqueue(Event e, long at) {
        long seq = nextSeq++;
        if (at == now) {
            if (e.heapIndex >= 0) {
                queue.remove(e);
            } else if (e.heapIndex == -2) {
                readyLive--;
            }
            e.time = at;
            e.seq = seq;
            e.heapIndex = -2;
            pushReady(e, seq);
        } else {
            if (e.heapIndex == -2) {
                e.heapIndex = -1;
                readyLive--;
            }
            queue.add(e, at, seq);
        }
    }

    private void pushReady(Event e, long seq) {
        if (readyCount == ready.length) {
            int n = ready.length * 2;
            Event[] events = new Event[n];
            long[] seqs = new long[n];
            for (int i = 0; i < readyCount; i++) {
                int j = (readyHead + i) & (ready.length - 1);
                events[i] = ready[j];
                seqs[i] = readySeqs[j];
            }
            ready = events;
            readySeqs = seqs;
            readyHead = 0;
        }
        int tail = (readyHead + readyCount) & (ready.length - 1);
        ready[tail] = e;
        readySeqs[tail] = seq;
        readyCount++;
        readyLive++;
    }

    /** Schedules {@code e} {@code delayNanos} from now; huge delays saturate at "never". */
    public void scheduleAfter(Event e, long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos + " ns for " + e.describe());
        }
        long at = now + delayNanos;
        enqueue(e, at < 0 ? Long.MAX_VALUE : at);
    }

    /** Convenience for setup code and tests; hot paths keep their own {@link Event} objects. */
    public Event schedule(long atNanos, String description, Runnable action) {
        Event e = new RunnableEvent(description, action);
        schedule(e, atNanos);
        return e;
    }

    /** Removes {@code e} from the queue; returns whether it was queued. */
    public boolean cancel(Event e) {
        if (e.heapIndex == -2) {
            e.heapIndex = -1;
            readyLive--;
            return true;
        }
        return queue.remove(e);
    }

    /** Makes the running {@link #runUntil(long)} return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /**
     * Dispatches events in (time, sequence) order until the next one lies after
     * {@code limitNanos}, the queue is empty, or {@link #stop()} is called. When the limit is
     * reached (or the queue drains) and no stop was requested, the clock is advanced to
     * {@code limitNanos} (unless that is {@link Long#MAX_VALUE}: "until idle").
     *
     * @return why the loop ended
     */
    public StopReason runUntil(long limitNanos) {
        stopRequested = false;
        EventQueue q = queue;
        long hash = traceHash;
        long count = dispatchedLocal;
        try {
            while (!stopRequested) {
                Event e;
                long t;
                long seq;
                long heapTime = q.peekTime();
                if (heapTime == now && !q.isEmpty()) {
                    t = now;
                    seq = q.peekSeq();
                    e = q.poll();
                } else if (readyCount > 0) {
                    int h = readyHead;
                    e = ready[h];
                    seq = readySeqs[h];
                    ready[h] = null;
                    readyHead = (h + 1) & (ready.length - 1);
                    readyCount--;
                    if (e.heapIndex != -2 || e.seq != seq) {
                        continue; // cancelled or moved since it was queued here
                    }
                    e.heapIndex = -1;
                    readyLive--;
                    t = now;
                } else if (instantEndHook != null && instantEndHook.instantEnding()) {
                    continue; // the hook scheduled more work at this instant
                } else if (heapTime > limitNanos || q.isEmpty()) {
                    current = null;
                    if (limitNanos != Long.MAX_VALUE) {
                        now = Math.max(now, limitNanos);
                    }
                    return q.isEmpty() ? StopReason.IDLE : StopReason.TIME_LIMIT;
                } else {
                    t = heapTime;
                    seq = q.peekSeq();
                    e = q.poll();
                }
                now = t;
                hash = (hash ^ t) * FNV_PRIME;
                hash = (hash ^ seq) * FNV_PRIME;
                count++;
                if (t != instantTime) {
                    instantTime = t;
                    eventsThisInstant = 0;
                } else if (++eventsThisInstant > maxEventsPerInstant) {
                    throw new NoProgressException(t, eventsThisInstant, e);
                }
                if (checkpoints != null && (count & (CHECKPOINT_INTERVAL - 1)) == 0) {
                    saveCheckpoint(hash, t);
                }
                DISPATCHED.setOpaque(this, count);
                current = e;
                if (eventObserver != null) {
                    eventObserver.accept(e);
                }
                e.fire();
            }
            current = null;
            return StopReason.STOPPED;
        } finally {
            // On an exception, 'current' keeps naming the failing event for the error report.
            traceHash = hash;
            dispatchedLocal = count;
            DISPATCHED.setOpaque(this, count);
        }
    }

    /** Number of events dispatched so far. Safe to call from a watchdog thread. */
    public long eventsDispatched() {
        return (long) DISPATCHED.getOpaque(this);
    }

    /** The event being dispatched now, or null. Racy when read from another thread. */
    public Event currentEvent() {
        return current;
    }

    public int pendingEvents() {
        return queue.size() + readyLive;
    }

    /** Time of the next pending event, or {@link Long#MAX_VALUE}. */
    public long nextEventTime() {
        return readyLive > 0 ? now : queue.peekTime();
    }

    /** Hash of every (time, sequence) dispatched so far. */
    public long traceHash() {
        return traceHash;
    }

    /**
     * A simulated thread that yields forever never lets virtual time advance; more than this
     * many events at one instant stops the run with {@link NoProgressException}.
     */
    public void setMaxEventsPerInstant(long max) {
        this.maxEventsPerInstant = max;
    }

    public void recordCheckpoints(boolean on) {
        if (on && checkpoints == null) {
            checkpoints = new long[256];
            checkpointTimes = new long[256];
        } else if (!on) {
            checkpoints = null;
            checkpointTimes = null;
        }
        checkpointCount = 0;
    }

    /** Trace-hash checkpoints saved so far (one per {@value #CHECKPOINT_INTERVAL} events). */
    public long[] checkpoints() {
        return checkpoints == null ? new long[0] : Arrays.copyOf(checkpoints, checkpointCount);
    }

    /** Virtual time at each checkpoint. */
    public long[] checkpointTimes() {
        return checkpointTimes == null ? new long[0] : Arrays.copyOf(checkpointTimes, checkpointCount);
    }

    private void saveCheckpoint(long hash, long t) {
        if (checkpointCount == checkpoints.length) {
            checkpoints = Arrays.copyOf(checkpoints, checkpointCount * 2);
            checkpointTimes = Arrays.copyOf(checkpointTimes, checkpointCount * 2);
        }
        checkpoints[checkpointCount] = hash;
        checkpointTimes[checkpointCount++] = t;
    }

    /**
     * Called when every event of the current instant has run, before the clock advances (or the
     * run ends); see {@link InstantEndHook}. Null removes it.
     */
    public void setInstantEndHook(InstantEndHook hook) {
        this.instantEndHook = hook;
    }

    /**
     * Sees every event just before it fires: for diagnosing where two runs diverge (slow; never
     * set in normal runs). Null removes it.
     */
    public void setEventObserver(java.util.function.Consumer<Event> observer) {
        this.eventObserver = observer;
    }

    /**
     * Lets work that arrives from outside the carrier (the JDK's monitor unblocker thread) join
     * the simulation at a deterministic point: the end of an instant.
     */
    public interface InstantEndHook {

        /** Returns true when it scheduled events at the current instant. */
        boolean instantEnding();
    }

    /** Why {@link #runUntil(long)} returned. */
    public enum StopReason { TIME_LIMIT, IDLE, STOPPED }

    private static final class RunnableEvent extends Event {
        private final String description;
        private final Runnable action;

        RunnableEvent(String description, Runnable action) {
            this.description = description;
            this.action = action;
        }

        @Override
        protected void fire() {
            action.run();
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
