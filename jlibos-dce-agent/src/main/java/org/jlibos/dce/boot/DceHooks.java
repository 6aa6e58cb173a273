package org.jlibos.dce.boot;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

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
    public static boolean forkJoinSubmit(ForkJoinPool pool, ForkJoinTask<?> task) {
        DceBridge b = bridge;
        return b != null && b.forkJoinSubmit(pool, task);
    }

    /**
     * Prologue of {@code ForkJoinPool.scheduleDelayedTask}: true when the simulation runs the
     * delayed task itself (after its delay in virtual time, on a simulated thread).
     */
    public static boolean forkJoinSchedule(ForkJoinPool pool, Object scheduledTask) {
        DceBridge b = bridge;
        return b != null && b.forkJoinSchedule(pool, scheduledTask);
    }

    /** Prologue of {@code ProcessBuilder.start()}: OS processes cannot run on a simulated host. */
    public static void processStart() {
        DceBridge b = bridge;
        if (b != null && b.isSimulated()) {
            throw new UnsupportedOperationException("ProcessBuilder.start / Runtime.exec: a simulated host cannot start "
                    + "operating-system processes");
        }
    }

    /**
     * Program code's {@code Thread.currentThread()}: on a simulated proxy, the platform
     * {@code Thread} object the program created and started.
     */
    public static Thread currentThread() {
        Thread self = Thread.currentThread();
        DceBridge b = bridge;
        if (b != null && self.isVirtual()) {
            Thread original = b.originalOf(self);
            if (original != null) {
                return original;
            }
        }
        return self;
    }

    public static void setOut(PrintStream stream) {
        DceBridge b = bridge;
        if (b == null || !b.setStandardStream(stream, false)) {
            System.setOut(stream);
        }
    }

    public static void setErr(PrintStream stream) {
        DceBridge b = bridge;
        if (b == null || !b.setStandardStream(stream, true)) {
            System.setErr(stream);
        }
    }

    public static void setIn(InputStream stream) {
        DceBridge b = bridge;
        if (b != null && b.isSimulated()) {
            throw new UnsupportedOperationException("System.setIn: a simulated process cannot replace the JVM's standard input");
        }
        System.setIn(stream);
    }

    public static void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        DceBridge b = bridge;
        if (b == null || !b.setDefaultUncaughtExceptionHandler(handler)) {
            Thread.setDefaultUncaughtExceptionHandler(handler);
        }
    }

    public static Thread.UncaughtExceptionHandler getDefaultUncaughtExceptionHandler() {
        DceBridge b = bridge;
        if (b != null && b.isSimulated()) {
            return b.defaultUncaughtExceptionHandler();
        }
        return Thread.getDefaultUncaughtExceptionHandler();
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

    private static RandomGenerator threadRandom() {
        DceBridge b = bridge;
        return b == null ? null : b.threadRandom();
    }

    public static int tlrNextInt(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextInt() : g.nextInt();
    }
    public static int tlrNextInt(ThreadLocalRandom r, int bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextInt(bound) : g.nextInt(bound);
    }
    public static int tlrNextInt(ThreadLocalRandom r, int origin, int bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextInt(origin, bound) : g.nextInt(origin, bound);
    }
    public static long tlrNextLong(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextLong() : g.nextLong();
    }
    public static long tlrNextLong(ThreadLocalRandom r, long bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextLong(bound) : g.nextLong(bound);
    }
    public static long tlrNextLong(ThreadLocalRandom r, long origin, long bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextLong(origin, bound) : g.nextLong(origin, bound);
    }
    public static double tlrNextDouble(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextDouble() : g.nextDouble();
    }
    public static double tlrNextDouble(ThreadLocalRandom r, double bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextDouble(bound) : g.nextDouble(bound);
    }
    public static double tlrNextDouble(ThreadLocalRandom r, double origin, double bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextDouble(origin, bound) : g.nextDouble(origin, bound);
    }
    public static float tlrNextFloat(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextFloat() : g.nextFloat();
    }
    public static float tlrNextFloat(ThreadLocalRandom r, float bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextFloat(bound) : g.nextFloat(bound);
    }
    public static float tlrNextFloat(ThreadLocalRandom r, float origin, float bound) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextFloat(origin, bound) : g.nextFloat(origin, bound);
    }
    public static boolean tlrNextBoolean(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextBoolean() : g.nextBoolean();
    }
    public static double tlrNextGaussian(ThreadLocalRandom r) {
        RandomGenerator g = threadRandom();
        return g == null ? r.nextGaussian() : g.nextGaussian();
    }
    public static void tlrNextBytes(ThreadLocalRandom r, byte[] bytes) {
        RandomGenerator g = threadRandom();
        if (g == null) {
            r.nextBytes(bytes);
        } else {
            g.nextBytes(bytes);
        }
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

    // --- system properties, environment, shutdown hooks (program classes) -----------------

    private static Properties processProperties() {
        DceBridge b = bridge;
        return b == null ? null : b.systemProperties();
    }

    public static String getProperty(String key) {
        Properties p = processProperties();
        if (p == null) {
            return System.getProperty(key);
        }
        checkKey(key);
        return p.getProperty(key);
    }

    public static String getProperty(String key, String def) {
        Properties p = processProperties();
        if (p == null) {
            return System.getProperty(key, def);
        }
        checkKey(key);
        return p.getProperty(key, def);
    }

    public static Properties getProperties() {
        Properties p = processProperties();
        return p == null ? System.getProperties() : p;
    }

    public static String setProperty(String key, String value) {
        Properties p = processProperties();
        if (p == null) {
            return System.setProperty(key, value);
        }
        checkKey(key);
        return (String) p.setProperty(key, Objects.requireNonNull(value, "value"));
    }

    public static String clearProperty(String key) {
        Properties p = processProperties();
        if (p == null) {
            return System.clearProperty(key);
        }
        checkKey(key);
        return (String) p.remove(key);
    }

    private static void checkKey(String key) {
        if (key == null) {
            throw new NullPointerException("key can't be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key can't be empty");
        }
    }

    public static String getenv(String name) {
        DceBridge b = bridge;
        Map<String, String> env = b == null ? null : b.environment();
        return env == null ? System.getenv(name) : env.get(Objects.requireNonNull(name));
    }

    public static Map<String, String> getenv() {
        DceBridge b = bridge;
        Map<String, String> env = b == null ? null : b.environment();
        return env == null ? System.getenv() : env;
    }

    public static Integer getInteger(String name) {
        return getInteger(name, (Integer) null);
    }

    public static Integer getInteger(String name, int def) {
        Integer v = getInteger(name, (Integer) null);
        return v == null ? Integer.valueOf(def) : v;
    }

    public static Integer getInteger(String name, Integer def) {
        String v = name == null || name.isEmpty() ? null : getProperty(name);
        if (v != null) {
            try {
                return Integer.decode(v);
            } catch (NumberFormatException e) {
                // as Integer.getInteger: an unparsable value counts as absent
            }
        }
        return def;
    }

    public static Long getLong(String name) {
        return getLong(name, (Long) null);
    }

    public static Long getLong(String name, long def) {
        Long v = getLong(name, (Long) null);
        return v == null ? Long.valueOf(def) : v;
    }

    public static Long getLong(String name, Long def) {
        String v = name == null || name.isEmpty() ? null : getProperty(name);
        if (v != null) {
            try {
                return Long.decode(v);
            } catch (NumberFormatException e) {
                // as Long.getLong
            }
        }
        return def;
    }

    public static boolean getBoolean(String name) {
        return name != null && !name.isEmpty() && Boolean.parseBoolean(getProperty(name));
    }

    public static void addShutdownHook(Runtime runtime, Thread hook) {
        DceBridge b = bridge;
        if (b == null || !b.addShutdownHook(hook)) {
            runtime.addShutdownHook(hook);
        }
    }

    public static boolean removeShutdownHook(Runtime runtime, Thread hook) {
        DceBridge b = bridge;
        int removed = b == null ? -1 : b.removeShutdownHook(hook);
        return removed < 0 ? runtime.removeShutdownHook(hook) : removed > 0;
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
