package org.jlibos.dce.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The real {@code VM.getNanoTimeAdjustment} for threads that are not simulated. The agent
 * never rewrites classes of this package and exports {@code jdk.internal.misc} to the boot
 * loader's unnamed module before installing any rewritten call site, so the lookup succeeds.
 */
final class RealClock {

    private static final MethodHandle GET_NANO_TIME_ADJUSTMENT;

    static {
        try {
            Class<?> vm = Class.forName("jdk.internal.misc.VM");
            GET_NANO_TIME_ADJUSTMENT = MethodHandles.lookup().findStatic(vm, "getNanoTimeAdjustment",
                    MethodType.methodType(long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RealClock() {
    }

    static long nanoTimeAdjustment(long offsetInSeconds) {
        try {
            return (long) GET_NANO_TIME_ADJUSTMENT.invokeExact(offsetInSeconds);
        } catch (Throwable e) {
            throw new IllegalStateException("jdk.internal.misc.VM.getNanoTimeAdjustment", e);
        }
    }
}
