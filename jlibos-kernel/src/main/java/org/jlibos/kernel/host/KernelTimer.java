package org.jlibos.kernel.host;

/**
 * A kernel timer ({@code struct timer_list}): armed at an absolute host time, re-armed or
 * cancelled freely, and firing at most once per arming.
 */
public interface KernelTimer {

    /** Arms (or re-arms) the timer to fire at the absolute time {@code expiresAtNanos}. */
    void armAt(long expiresAtNanos);

    /** Arms (or re-arms) the timer to fire {@code delayNanos} from now. */
    void armAfter(long delayNanos);

    /** Disarms the timer; does nothing if it is not armed. */
    void cancel();

    boolean isArmed();

    /** Expiry time of the current arming; meaningless when not armed. */
    long expiresAtNanos();
}
