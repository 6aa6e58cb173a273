package org.jlibos.dce.runtime;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import org.jlibos.dce.boot.DceBridge;
import org.jlibos.sim.process.ProcessExit;
import org.jlibos.sim.process.SimProcess;
import org.jlibos.sim.random.RandomStreams;
import org.jlibos.sim.thread.NodeScheduler;

/**
 * Answers the agent's hooks from the simulation: virtual clocks, simulated threads for the
 * platform threads programs start, per-process exit and seeded randomness.
 *
 * <p>A thread is simulated when it is a virtual thread belonging to a simulated process. Every
 * other thread (the test runner, the carrier between events, JDK service threads) gets the
 * real JDK behaviour.
 */
final class SimulationBridge extends DceBridge {

    /**
     * Wall-clock instant at virtual time 0: 2026-01-01T00:00:00Z. Fixed, so programs that print
     * dates print the same dates in every run.
     */
    static final long EPOCH_SECONDS = 1_767_225_600L;
    /** {@code System.nanoTime()} at virtual time 0; its origin is arbitrary in the JDK too. */
    static final long NANO_TIME_ORIGIN = 1_000_000_000_000L;

    private static final VarHandle TLR_SEED;
    private static final VarHandle TLR_PROBE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            TLR_SEED = l.findVarHandle(Thread.class, "threadLocalRandomSeed", long.class);
            TLR_PROBE = l.findVarHandle(Thread.class, "threadLocalRandomProbe", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final VarHandle NEXT_DELAY;
    /** Thread.holder and its threadStatus (JVMTI thread state bits, 0 = NEW). */
    private static final VarHandle HOLDER;
    private static final VarHandle THREAD_STATUS;
    private static final int JVMTI_RUNNABLE = 0x0001 | 0x0004;   // ALIVE | RUNNABLE
    private static final int JVMTI_TERMINATED = 0x0002;

    static {
        try {
            Class<?> scheduled = Class.forName("java.util.concurrent.DelayScheduler$ScheduledForkJoinTask");
            NEXT_DELAY = MethodHandles.privateLookupIn(scheduled, MethodHandles.lookup())
                    .findVarHandle(scheduled, "nextDelay", long.class);
            Class<?> holder = Class.forName("java.lang.Thread$FieldHolder");
            HOLDER = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findVarHandle(Thread.class, "holder", holder);
            THREAD_STATUS = MethodHandles.privateLookupIn(holder, MethodHandles.lookup())
                    .findVarHandle(holder, "threadStatus", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<long[]> TLR_STATE = new ThreadLocal<>();

    private final DceRuntime runtime;
    /** Platform threads a program started, to the simulated thread running them. */
    // Keyed by thread id: the JVM runs with constant identity hash codes (scripts/dce-jvm.args).
    // Weak: a simulation dropped at its time limit leaves threads parked forever; their
    // programs (class loaders, statics) must not stay reachable from this JVM-wide bridge.
    private final Map<Long, WeakReference<Thread>> proxies = new ConcurrentHashMap<>();
    /** The other way: proxy's thread id to the platform thread it runs. */
    private final Map<Long, WeakReference<Thread>> originals = new ConcurrentHashMap<>();
    private int startsSincePurge;
    private volatile int proxyCount;

    SimulationBridge(DceRuntime runtime) {
        this.runtime = runtime;
    }

    private static final StackWalker WALKER = StackWalker.getInstance();

    /**
     * A thread of a process that has exited (killed, or System.exit in another thread) must not
     * run on: the JVM cannot stop a thread, but every loop of a program reads a clock, so its
     * next clock read unwinds it, as exit(2) ends every thread of a process. Not inside a class
     * initialiser, where an exception would leave a (possibly shared JDK) class unusable.
     */
    private static SimProcess live(SimProcess p) {
        if (p != null && !p.isAlive()
                && WALKER.walk(frames -> frames.noneMatch(f -> f.getMethodName().equals("<clinit>")))) {
            throw new ProcessExit(p.exitStatus());
        }
        return p;
    }

    @Override
    public boolean isSimulated() {
        return SimProcess.current() != null;
    }

    @Override
    public long nanoTime() {
        SimProcess p = live(SimProcess.current());
        return p == null ? NOT_SIMULATED : NANO_TIME_ORIGIN + p.node().simulation().now();
    }

    @Override
    public long currentTimeMillis() {
        SimProcess p = live(SimProcess.current());
        return p == null ? NOT_SIMULATED : EPOCH_SECONDS * 1000 + p.node().simulation().now() / 1_000_000;
    }

    @Override
    public long nanoTimeAdjustment(long offsetInSeconds) {
        SimProcess p = live(SimProcess.current());
        if (p == null) {
            return NOT_SIMULATED;
        }
        long now = p.node().simulation().now();
        long seconds = EPOCH_SECONDS + now / 1_000_000_000L - offsetInSeconds;
        // The JDK answers -1 when the offset is more than 2^32 seconds away.
        if (seconds > (1L << 32) || seconds < -(1L << 32)) {
            return -1;
        }
        return seconds * 1_000_000_000L + now % 1_000_000_000L;
    }

    @Override
    public boolean startThread(Thread thread) {
        if (thread.isVirtual()) {
            return false;
        }
        SimProcess p = SimProcess.current();
        if (p == null) {
            return false;
        }
        refuseUnsupported(thread);
        if ((int) THREAD_STATUS.getVolatile(HOLDER.get(thread)) != 0) {
            throw new IllegalThreadStateException(); // what Thread.start throws for a started thread
        }
        DceProcess dp = runtime.process(p);
        boolean daemon = thread.isDaemon();
        Thread proxy = p.newThread(thread.getName(), () -> runProxied(dp, thread, daemon));
        proxy.setContextClassLoader(thread.getContextClassLoader());
        // The original is never started by the JVM; its status says what its proxy does, so
        // getState() after the end is TERMINATED and a second start() fails as in the JDK.
        THREAD_STATUS.setVolatile(HOLDER.get(thread), JVMTI_RUNNABLE);
        proxies.put(thread.threadId(), new WeakReference<>(proxy));
        originals.put(proxy.threadId(), new WeakReference<>(thread));
        if (++startsSincePurge >= 1024) {
            startsSincePurge = 0;
            proxies.values().removeIf(r -> r.get() == null);
            originals.values().removeIf(r -> r.get() == null);
        }
        proxyCount = proxies.size();
        if (!daemon && dp != null) {
            dp.nonDaemonThreadStarted();
        }
        proxy.start();
        return true;
    }

    /**
     * Threads that park with Unsafe.park (not LockSupport) would pin the carrier as simulated
     * threads; what starts them fails by name instead.
     */
    private static void refuseUnsupported(Thread thread) {
        String cls = thread.getClass().getName();
        if (cls.equals("java.util.concurrent.DelayScheduler")) {
            // Delayed tasks run on simulated threads (forkJoinSchedule); reaching this means the
            // agent's ForkJoinPool prologue is missing.
            throw new UnsupportedOperationException("ForkJoinPool's DelayScheduler thread cannot run on a simulated host "
                    + "(the jlibos agent did not rewrite ForkJoinPool.scheduleDelayedTask)");
        }
        if (thread instanceof ForkJoinWorkerThread) {
            throw new UnsupportedOperationException("ForkJoinPool worker threads (" + cls + ") are not supported on simulated "
                    + "hosts; tasks submitted from simulated code run on simulated threads of their own");
        }
    }

    private void runProxied(DceProcess dp, Thread thread, boolean daemon) {
        try {
            thread.run();
        } catch (ProcessExit e) {
            // the process is ending; this thread unwinds
        } catch (Throwable e) {
            if (!dpAlive(dp)) {
                return; // interrupted because the process exited
            }
            // As the JVM: the thread's own handler, else the (process's) default one, else the
            // thread group, which prints "Exception in thread ...".
            Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
            if (handler == thread.getThreadGroup() && dp != null && dp.defaultUncaughtExceptionHandler() != null) {
                handler = dp.defaultUncaughtExceptionHandler();
            }
            if (handler != null) {
                handler.uncaughtException(thread, e);
            }
        } finally {
            THREAD_STATUS.setVolatile(HOLDER.get(thread), JVMTI_TERMINATED);
            originals.remove(Thread.currentThread().threadId());
            proxies.remove(thread.threadId());
            proxyCount = proxies.size();
            if (!daemon && dp != null) {
                dp.nonDaemonThreadEnded();
            }
        }
    }

    @Override
    public boolean forkJoinSubmit(ForkJoinPool pool, ForkJoinTask<?> task) {
        if (pool instanceof NodeScheduler) {
            return false;
        }
        SimProcess p = SimProcess.current();
        if (p == null) {
            return false;
        }
        String name = pool == ForkJoinPool.commonPool() ? "ForkJoinPool.commonPool-task" : "ForkJoinPool-task";
        p.newThread(name, task::quietlyInvoke).start();
        return true;
    }

    @Override
    public boolean forkJoinSchedule(ForkJoinPool pool, Object scheduledTask) {
        if (pool instanceof NodeScheduler) {
            return false;
        }
        SimProcess p = SimProcess.current();
        if (p == null) {
            return false;
        }
        ForkJoinTask<?> task = (ForkJoinTask<?>) scheduledTask;
        ScheduledFuture<?> future = (ScheduledFuture<?>) scheduledTask;
        if ((long) NEXT_DELAY.get(scheduledTask) != 0) {
            throw new UnsupportedOperationException("ForkJoinPool.scheduleAtFixedRate/scheduleWithFixedDelay "
                    + "(periodic ForkJoinPool tasks) are not supported on simulated hosts");
        }
        p.newThread("ForkJoinPool-delayed-task", () -> {
            long delay;
            while (!future.isDone() && (delay = future.getDelay(TimeUnit.NANOSECONDS)) > 0) {
                LockSupport.parkNanos(delay);
            }
            if (!future.isDone()) {
                task.quietlyInvoke();
            }
        }).start();
        return true;
    }

    private static boolean dpAlive(DceProcess dp) {
        return dp == null || dp.process().isAlive();
    }

    @Override
    public Thread originalOf(Thread proxy) {
        if (proxyCount == 0) {
            return null;
        }
        WeakReference<Thread> r = originals.get(proxy.threadId());
        return r == null ? null : r.get();
    }

    @Override
    public Thread proxyOf(Thread thread) {
        if (proxyCount == 0 || thread.isVirtual()) {
            return null;
        }
        WeakReference<Thread> r = proxies.get(thread.threadId());
        return r == null ? null : r.get();
    }

    @Override
    public boolean exit(int status) {
        SimProcess p = SimProcess.current();
        if (p == null) {
            return true;
        }
        DceProcess dp = runtime.process(p);
        if (dp != null) {
            dp.runShutdownHooks();
        }
        p.exitWith(status);
        throw new ProcessExit(status);
    }

    @Override
    public boolean setStandardStream(PrintStream stream, boolean stderr) {
        DceProcess dp = current();
        if (dp == null) {
            return false;
        }
        dp.setOut(stream, stderr);
        return true;
    }

    @Override
    public boolean setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        DceProcess dp = current();
        if (dp == null) {
            return false;
        }
        dp.setDefaultUncaughtExceptionHandler(handler);
        return true;
    }

    @Override
    public Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler() {
        DceProcess dp = current();
        return dp == null ? null : dp.defaultUncaughtExceptionHandler();
    }

    @Override
    public Properties systemProperties() {
        DceProcess dp = current();
        return dp == null ? null : dp.properties();
    }

    @Override
    public Map<String, String> environment() {
        DceProcess dp = current();
        return dp == null ? null : dp.environment();
    }

    @Override
    public boolean addShutdownHook(Thread hook) {
        DceProcess dp = current();
        if (dp == null) {
            return false;
        }
        dp.addShutdownHook(hook);
        return true;
    }

    @Override
    public int removeShutdownHook(Thread hook) {
        DceProcess dp = current();
        return dp == null ? -1 : dp.removeShutdownHook(hook) ? 1 : 0;
    }

    @Override
    public long randomSeed() {
        DceProcess dp = current();
        return dp == null ? NOT_SIMULATED : dp.nextSeed();
    }

    @Override
    public SecureRandom secureRandom() {
        DceProcess dp = current();
        return dp == null ? null : dp.newSecureRandom();
    }

    @Override
    public void seedThreadLocalRandom() {
        DceProcess dp = current();
        if (dp != null) {
            // JDK 25's ThreadLocalRandom steps each thread's seed by (threadId << 1) + GAMMA, and
            // thread ids are JVM-wide counters that differ between runs. So at every
            // ThreadLocalRandom.current() in program code the seed is set to the thread's own
            // deterministic sequence minus the id term: the next draw is then independent of
            // the thread id. (A second draw through the same reference is not; see the docs.)
            long[] state = TLR_STATE.get();
            if (state == null) {
                state = new long[] {dp.nextSeed()};
                TLR_STATE.set(state);
                TLR_PROBE.set(Thread.currentThread(), dp.nextInt() | 1);
            }
            Thread t = Thread.currentThread();
            state[0] += 0x9e3779b97f4a7c15L;
            TLR_SEED.set(t, RandomStreams.mix64(state[0]) - (t.threadId() << 1));
        }
    }

    @Override
    public RandomGenerator threadRandom() {
        DceProcess dp = current();
        if (dp == null) {
            return null;
        }
        RandomGenerator g = THREAD_RANDOM.get();
        if (g == null) {
            // Seeded from the process's stream when the thread first draws: threads draw in a
            // deterministic order, so each gets the same seed in every run.
            g = RandomStreams.generator(dp.nextSeed());
            THREAD_RANDOM.set(g);
        }
        return g;
    }

    private static final ThreadLocal<RandomGenerator> THREAD_RANDOM = new ThreadLocal<>();

    @Override
    public InetAddress localHost() throws UnknownHostException {
        SimProcess p = SimProcess.current();
        return p == null ? null : runtime.localHost(p);
    }

    private DceProcess current() {
        SimProcess p = SimProcess.current();
        return p == null ? null : runtime.process(p);
    }
}
