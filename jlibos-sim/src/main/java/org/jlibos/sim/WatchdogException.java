package org.jlibos.sim;

/**
 * The run was stopped because a simulated thread ran too long without blocking, or blocked the
 * carrier thread itself (a pinned carrier). The message names the thread and shows its stack.
 */
public final class WatchdogException extends SimulationException {

    private final transient Thread offender;

    public WatchdogException(String message, Thread offender, StackTraceElement[] stack) {
        super(message);
        this.offender = offender;
        if (stack != null) {
            setStackTrace(stack);
        }
    }

    /** The simulated thread at fault, or null when the carrier was busy outside any thread. */
    public Thread offender() {
        return offender;
    }
}
