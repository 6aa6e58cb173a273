package org.jlibos.sim.thread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * Access to the JDK internals that make simulated threads possible. Needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}; the {@code jlibos} launcher and the
 * build's test configuration pass it, and the error below says so when it is missing.
 */
public final class SimThreads {

    private static final Constructor<?> BUILDER_CONSTRUCTOR;
    private static final VarHandle RUN_CONTINUATION;
    private static final VarHandle ON_WAITING_LIST;
    private static final VarHandle BLOCK_PERMIT;
    private static final Class<?> VIRTUAL_THREAD;
    private static final java.lang.invoke.MethodHandle CURRENT_CARRIER;
    private static final RuntimeException UNAVAILABLE;

    static {
        Constructor<?> ctor = null;
        VarHandle runContinuation = null;
        VarHandle onWaitingList = null;
        VarHandle blockPermit = null;
        Class<?> virtualThread = null;
        java.lang.invoke.MethodHandle currentCarrier = null;
        RuntimeException failure = null;
        try {
            Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            ctor = builderClass.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(vt, MethodHandles.lookup());
            runContinuation = lookup.findVarHandle(vt, "runContinuation", Runnable.class);
            onWaitingList = lookup.findVarHandle(vt, "onWaitingList", boolean.class);
            blockPermit = lookup.findVarHandle(vt, "blockPermit", boolean.class);
            virtualThread = vt;
            currentCarrier = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", java.lang.invoke.MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = new IllegalStateException("simulated threads need JDK 25 started with "
                    + "--add-opens java.base/java.lang=ALL-UNNAMED (the jlibos launcher adds it; "
                    + "in your own build add it to the JVM arguments): " + e, e);
        }
        BUILDER_CONSTRUCTOR = ctor;
        RUN_CONTINUATION = runContinuation;
        ON_WAITING_LIST = onWaitingList;
        BLOCK_PERMIT = blockPermit;
        VIRTUAL_THREAD = virtualThread;
        CURRENT_CARRIER = currentCarrier;
        UNAVAILABLE = failure;
    }

    private SimThreads() {
    }

    /** A virtual-thread builder whose threads are scheduled by {@code scheduler}. */
    static Thread.Builder.OfVirtual virtualThreadBuilder(Executor scheduler) {
        if (UNAVAILABLE != null) {
            throw UNAVAILABLE;
        }
        try {
            return (Thread.Builder.OfVirtual) BUILDER_CONSTRUCTOR.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread builder", e);
        }
    }

    /** The platform thread the calling thread runs on (itself, for a platform thread). */
    public static Thread currentCarrierThread() {
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.currentCarrierThread", e);
        }
    }

    /** The runnable a virtual thread submits to its scheduler; identifies the thread in events. */
    public static Runnable continuationOf(Thread virtualThread) {
        if (UNAVAILABLE != null || !virtualThread.isVirtual()) {
            return null;
        }
        return (Runnable) RUN_CONTINUATION.get(virtualThread);
    }

    /**
     * The virtual thread whose continuation runnable is {@code continuation}, found through the
     * thread the runnable (a method reference {@code this::runContinuation}) captured; null when
     * it is some other runnable.
     */
    public static Thread threadOfContinuation(Runnable continuation) {
        if (UNAVAILABLE != null) {
            return null;
        }
        java.lang.reflect.Field f = CAPTURED_THREAD.get(continuation.getClass());
        if (f == null) {
            return null;
        }
        try {
            Thread t = (Thread) f.get(continuation);
            return t != null && continuationOf(t) == continuation ? t : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Per runnable class: the field holding a captured virtual thread, or null. */
    private static final ClassValue<java.lang.reflect.Field> CAPTURED_THREAD = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Field computeValue(Class<?> type) {
            for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                if (VIRTUAL_THREAD != null && VIRTUAL_THREAD.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        return f;
                    } catch (RuntimeException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    };

    /**
     * Whether a monitor hand-off to {@code virtualThread} may still be on its way from the JDK's
     * unblocker thread: it is on the JVM's list of threads to unblock, or holds an unconsumed
     * block permit. Read in this order: the DCE agent makes the unblocker set the permit before
     * it clears the list flag, so one of the two is always seen until the thread runs.
     */
    public static boolean monitorHandoffPending(Thread virtualThread) {
        if ((boolean) ON_WAITING_LIST.getVolatile(virtualThread)) {
            return true;
        }
        if (!(boolean) BLOCK_PERMIT.getVolatile(virtualThread)) {
            return false;
        }
        // A permit counts only while the thread is blocked on the monitor (BLOCKED) or was just
        // unblocked and not yet run (RUNNABLE): a stale permit on a parked thread would never
        // be consumed and must not hold up the simulation.
        Thread.State state = virtualThread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.RUNNABLE;
    }
}
