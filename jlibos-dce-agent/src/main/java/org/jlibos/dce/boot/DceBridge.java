package org.jlibos.dce.boot;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.random.RandomGenerator;

/**
 * What the simulation answers for rewritten call sites. The agent's hooks ({@link DceHooks})
 * live on the boot class path and cannot see simulator classes; jlibos-dce installs one
 * implementation of this class with {@link DceHooks#install(DceBridge)}.
 *
 * <p>Every method is called on whatever thread executed the rewritten call site. An
 * implementation answers for simulated threads only and returns the "not mine" value
 * documented on each method for every other thread, so the JVM's own threads (the build
 * tool, the test runner, the watchdog) keep the real behaviour.
 *
 * <p>The clock methods answer every clock read of the JDK (all its call sites are rewritten),
 * so they must not reach a JDK clock read themselves (that would recurse).
 */
public abstract class DceBridge {

    /** Sentinel for "the current thread is not simulated": the hook falls back to the JDK. */
    public static final long NOT_SIMULATED = Long.MIN_VALUE;

    /** Virtual {@code System.nanoTime()}, or {@link #NOT_SIMULATED}. */
    public abstract long nanoTime();

    /** Virtual {@code System.currentTimeMillis()}, or {@link #NOT_SIMULATED}. */
    public abstract long currentTimeMillis();

    /**
     * Virtual {@code jdk.internal.misc.VM.getNanoTimeAdjustment(offsetInSeconds)} (what
     * {@code Instant.now()} and {@code Clock.systemUTC()} build on), or {@link #NOT_SIMULATED}.
     * Like the VM, answer -1 when the virtual time is more than 2^32 seconds away from
     * {@code offsetInSeconds}: {@code java.time.Clock} keeps one offset for all threads, so it
     * may come from the real clock, and -1 makes it recompute the offset from the (virtual)
     * {@code currentTimeMillis()}.
     */
    public abstract long nanoTimeAdjustment(long offsetInSeconds);

    /**
     * Called at the start of {@code Thread.start()} for a platform thread. Returns true when
     * the simulation took the thread over (it runs {@code thread.run()} on a simulated proxy
     * thread of the caller's process); false lets the JDK start a real thread.
     */
    public abstract boolean startThread(Thread thread);

    /**
     * The simulated proxy running {@code thread}, or null (not taken over, or finished). Called
     * at the start of {@code Thread.isAlive/join/interrupt/isInterrupted/getState} of every
     * thread, so it must be cheap and must not call those methods on {@code thread} itself. A
     * proxy's own proxy must be null.
     */
    public abstract Thread proxyOf(Thread thread);

    /**
     * {@code System.exit}/{@code Runtime.exit}/{@code Runtime.halt} in program code. Returns
     * normally only when the caller is not simulated (the hook then exits the JVM); on a
     * simulated thread it ends the calling process and throws to unwind the thread.
     */
    public abstract boolean exit(int status);

    /**
     * A task submitted to a {@code ForkJoinPool}: returns true when the caller is simulated and
     * the task now runs on a simulated thread of its process (pool workers cannot be simulated
     * threads: they park with {@code Unsafe.park}, which would pin the carrier). The default
     * leaves every submission to the pool.
     */
    public boolean forkJoinSubmit(ForkJoinPool pool, ForkJoinTask<?> task) {
        return false;
    }

    /**
     * A delayed task ({@code DelayScheduler.ScheduledForkJoinTask}, a ForkJoinTask and a
     * ScheduledFuture) for {@code pool}: true when the caller is simulated and the simulation
     * runs it after its delay. The default leaves it to the pool.
     */
    public boolean forkJoinSchedule(ForkJoinPool pool, Object scheduledTask) {
        return false;
    }

    /** Whether the calling thread is simulated (a thread of a simulated process). */
    public boolean isSimulated() {
        return false;
    }

    /** The calling simulated process's system properties (its own copy), or null when not simulated. */
    public Properties systemProperties() {
        return null;
    }

    /** The calling simulated process's environment, or null when not simulated. */
    public Map<String, String> environment() {
        return null;
    }

    /** Registers a shutdown hook with the calling simulated process; false when not simulated. */
    public boolean addShutdownHook(Thread hook) {
        return false;
    }

    /** 1 removed, 0 not registered, -1 not simulated. */
    public int removeShutdownHook(Thread hook) {
        return -1;
    }

    /**
     * The calling simulated thread's own seeded generator, which stands in for
     * {@code ThreadLocalRandom} in program code; null when not simulated.
     */
    public RandomGenerator threadRandom() {
        return null;
    }

    /** The platform thread whose simulated proxy is {@code proxy}, or null. */
    public Thread originalOf(Thread proxy) {
        return null;
    }

    /** {@code System.setOut/setErr} for the calling simulated process; false when not simulated. */
    public boolean setStandardStream(PrintStream stream, boolean stderr) {
        return false;
    }

    /** {@code Thread.setDefaultUncaughtExceptionHandler} for the calling process; false when not simulated. */
    public boolean setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        return false;
    }

    /** The calling simulated process's default uncaught-exception handler (may be null). */
    public Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler() {
        return null;
    }

    /** A seed for {@code new Random()}, or {@link #NOT_SIMULATED} (the sentinel is never a seed). */
    public abstract long randomSeed();

    /** A deterministic {@code SecureRandom} for the current process, or null when not simulated. */
    public abstract SecureRandom secureRandom();

    /**
     * Prepares the current simulated thread's {@code ThreadLocalRandom} state from the node's
     * seeded stream (once per thread); does nothing on other threads.
     */
    public abstract void seedThreadLocalRandom();

    /** {@code InetAddress.getLocalHost()} for the current node, or null when not simulated. */
    public abstract InetAddress localHost() throws UnknownHostException;
}
