package org.jlibos.dce.boot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Static targets of the call sites the DCE agent rewrites. This class is on the boot class
 * path (the agent jar's {@code Boot-Class-Path}), so JDK classes and program classes alike can
 * call it. With no bridge installed, or on a thread that is not simulated, every hook behaves
 * exactly like the JDK method it replaces.
 */
public final class DceHooks {

    private static volatile DceBridge bridge;
    private static volatile boolean agentActive;

    private DceHooks() {
    }

    public static void install(DceBridge b) {
        bridge = b;
    }

    public static DceBridge bridge() {
        return bridge;
    }

    /** Set by the agent once its transformations are in place. */
    public static void markAgentActive() {
        agentActive = true;
    }

    public static boolean agentActive() {
        return agentActive;
    }

    // --- clocks ---------------------------------------------------------------------------

    public static long nanoTime() {
        DceBridge b = bridge;
        if (b != null) {
            long t = b.nanoTime();
            if (t != DceBridge.NOT_SIMULATED) {
                return t;
            }
        }
        return System.nanoTime();
    }

    public static long currentTimeMillis() {
        DceBridge b = bridge;
        if (b != null) {
            long t = b.currentTimeMillis();
            if (t != DceBridge.NOT_SIMULATED) {
                return t;
            }
        }
        return System.currentTimeMillis();
    }

    /** Target of {@code jdk.internal.misc.VM.getNanoTimeAdjustment(J)J} call sites. */
    public static long getNanoTimeAdjustment(long offsetInSeconds) {
        DceBridge b = bridge;
        if (b != null) {
            long t = b.nanoTimeAdjustment(offsetInSeconds);
            if (t != DceBridge.NOT_SIMULATED) {
                return t;
            }
        }
        return RealClock.nanoTimeAdjustment(offsetInSeconds);
    }

    // --- threads (prologues inserted into java.lang.Thread) --------------------------------

    /** Prologue of {@code Thread.start()}: true means "handled, return at once". */
    public static boolean start(Thread t) {
        DceBridge b = bridge;
        return b != null && b.startThread(t);
    }

    /** The simulated proxy of {@code t}, or null; prologue of join/isAlive/interrupt/... */
    public static Thread proxy(Thread t) {
        DceBridge b = bridge;
        if (b == null) {
            return null;
        }
        Thread p = b.proxyOf(t);
        // The prologue calls the same method on the proxy: a thread that is its own proxy would recurse.
        return p == t ? null : p;
    }

    /**
     * Prologue of {@code ForkJoinPool.poolSubmit}: true when the simulation runs {@code task}
     * itself (on a simulated thread), so the pool must not queue it.
     */
    public static boolean forkJoinSubmit(java.util.concurrent.ForkJoinPool pool, java.util.concurrent.ForkJoinTask<?> task) {
        DceBridge b = bridge;
        return b != null && b.forkJoinSubmit(pool, task);
    }

    // --- process exit ----------------------------------------------------------------------

    public static void exit(int status) {
        DceBridge b = bridge;
        if (b == null || b.exit(status)) {
            Runtime.getRuntime().exit(status);
        }
    }

    public static void runtimeExit(Runtime runtime, int status) {
        DceBridge b = bridge;
        if (b == null || b.exit(status)) {
            runtime.exit(status);
        }
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        DceBridge b = bridge;
        if (b == null || b.exit(status)) {
            runtime.halt(status);
        }
    }

    // --- randomness ------------------------------------------------------------------------

    /** Replaces {@code new Random()}: the argument-less constructor becomes {@code Random(long)}. */
    public static long randomSeed() {
        DceBridge b = bridge;
        if (b != null) {
            long seed = b.randomSeed();
            if (seed != DceBridge.NOT_SIMULATED) {
                return seed;
            }
        }
        return RealRandom.SEEDS.nextLong();
    }

    private static final class RealRandom {
        static final Random SEEDS = new Random();
    }

    public static double mathRandom() {
        DceBridge b = bridge;
        if (b != null) {
            long seed = b.randomSeed();
            if (seed != DceBridge.NOT_SIMULATED) {
                // One draw per call from the process's stream, with Random's double recipe.
                return (seed >>> 11) * 0x1.0p-53;
            }
        }
        return Math.random();
    }

    public static SecureRandom newSecureRandom() {
        DceBridge b = bridge;
        if (b != null) {
            SecureRandom r = b.secureRandom();
            if (r != null) {
                return r;
            }
        }
        return new SecureRandom();
    }

    public static SecureRandom secureRandomGetInstance(String algorithm) throws NoSuchAlgorithmException {
        DceBridge b = bridge;
        if (b != null) {
            SecureRandom r = b.secureRandom();
            if (r != null) {
                return r;
            }
        }
        return SecureRandom.getInstance(algorithm);
    }

    public static SecureRandom secureRandomGetInstanceStrong() throws NoSuchAlgorithmException {
        DceBridge b = bridge;
        if (b != null) {
            SecureRandom r = b.secureRandom();
            if (r != null) {
                return r;
            }
        }
        return SecureRandom.getInstanceStrong();
    }

    public static ThreadLocalRandom threadLocalRandom() {
        DceBridge b = bridge;
        if (b != null) {
            b.seedThreadLocalRandom();
        }
        return ThreadLocalRandom.current();
    }

    public static UUID randomUUID() {
        DceBridge b = bridge;
        if (b != null) {
            SecureRandom r = b.secureRandom();
            if (r != null) {
                byte[] bytes = new byte[16];
                r.nextBytes(bytes);
                bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
                bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
                long msb = 0;
                long lsb = 0;
                for (int i = 0; i < 8; i++) {
                    msb = (msb << 8) | (bytes[i] & 0xff);
                }
                for (int i = 8; i < 16; i++) {
                    lsb = (lsb << 8) | (bytes[i] & 0xff);
                }
                return new UUID(msb, lsb);
            }
        }
        return UUID.randomUUID();
    }

    // --- names -----------------------------------------------------------------------------

    public static InetAddress getLocalHost() throws UnknownHostException {
        DceBridge b = bridge;
        if (b != null) {
            InetAddress a = b.localHost();
            if (a != null) {
                return a;
            }
        }
        return InetAddress.getLocalHost();
    }
}
