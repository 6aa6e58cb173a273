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
    private static final RuntimeException UNAVAILABLE;

    static {
        Constructor<?> ctor = null;
        VarHandle runContinuation = null;
        RuntimeException failure = null;
        try {
            Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            ctor = builderClass.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            runContinuation = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findVarHandle(vt, "runContinuation", Runnable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = new IllegalStateException("simulated threads need JDK 25 started with "
                    + "--add-opens java.base/java.lang=ALL-UNNAMED (the jlibos launcher adds it; "
                    + "in your own build add it to the JVM arguments): " + e, e);
        }
        BUILDER_CONSTRUCTOR = ctor;
        RUN_CONTINUATION = runContinuation;
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

    /** The runnable a virtual thread submits to its scheduler; identifies the thread in events. */
    public static Runnable continuationOf(Thread virtualThread) {
        if (UNAVAILABLE != null || !virtualThread.isVirtual()) {
            return null;
        }
        return (Runnable) RUN_CONTINUATION.get(virtualThread);
    }
}
