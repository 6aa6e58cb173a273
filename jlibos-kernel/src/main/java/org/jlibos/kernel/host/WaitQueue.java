package org.jlibos.kernel.host;

/**
 * A kernel wait queue ({@code wait_queue_head_t}). A system call that cannot complete
 * parks its calling thread here; kernel events wake it. Callers always re-check their
 * condition after waking, as in Linux ({@code wait_event}), because wake-ups may be shared.
 */
public interface WaitQueue {

    /** Woken by {@link #wakeOne()} or {@link #wakeAll()}. */
    int WOKEN = 0;
    /** The deadline passed. */
    int TIMED_OUT = 1;
    /** The thread was interrupted (a signal, in Linux terms: EINTR). */
    int INTERRUPTED = 2;

    /** Deadline meaning "wait forever". */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Blocks the calling process thread until woken, until the host time reaches
     * {@code deadlineNanos}, or until interrupted.
     *
     * @return {@link #WOKEN}, {@link #TIMED_OUT} or {@link #INTERRUPTED}
     */
    int await(long deadlineNanos);

    /** Wakes the longest-waiting thread, if any. */
    void wakeOne();

    /** Wakes every waiting thread. */
    void wakeAll();

    /** Number of threads waiting now. */
    int waiters();
}
