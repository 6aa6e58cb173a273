package org.jlibos.dce.agent;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.Map;

/**
 * The JDK methods whose call sites the agent redirects, keyed by
 * {@code owner.name descriptor} (internal owner name, e.g. {@code java/lang/System.nanoTime()J}).
 */
final class CallSiteTargets {

    static final ClassDesc HOOKS = ClassDesc.of("org.jlibos.dce.boot.DceHooks");
    static final ClassDesc RANDOM = ClassDesc.of("java.util.Random");

    static final String RANDOM_NO_ARG_INIT = "java/util/Random.<init>()V";
    static final String SECURE_RANDOM_NO_ARG_INIT = "java/security/SecureRandom.<init>()V";
    static final String SECURE_RANDOM = "java/security/SecureRandom";

    /** How a matched call site is rewritten. */
    enum Rewrite {
        /** The invoke becomes {@code invokestatic DceHooks.<hookName><hookType>} (same stack effect). */
        STATIC_HOOK,
        /** {@code invokespecial Random.<init>()V} becomes {@code DceHooks.randomSeed()} + {@code Random.<init>(J)V}. */
        SEEDED_RANDOM_INIT,
        /** {@code new SecureRandom()} (NEW, DUP, invokespecial) becomes {@code DceHooks.newSecureRandom()}. */
        SECURE_RANDOM_FACTORY
    }

    /** A redirected method: the opcode kind that must match, and the hook it goes to. */
    record Target(boolean virtual, Rewrite rewrite, String hookName, MethodTypeDesc hookType) {
    }

    /** Rewritten in every class, JDK classes included. */
    static final Map<String, Target> CLOCK = new HashMap<>();
    /** Rewritten only in classes defined by a {@code SimulatedProgramLoader}. */
    static final Map<String, Target> PROGRAM = new HashMap<>();

    static {
        staticHook(CLOCK, "java/lang/System.nanoTime()J", "nanoTime", "()J");
        staticHook(CLOCK, "java/lang/System.currentTimeMillis()J", "currentTimeMillis", "()J");
        staticHook(CLOCK, "jdk/internal/misc/VM.getNanoTimeAdjustment(J)J", "getNanoTimeAdjustment", "(J)J");

        staticHook(PROGRAM, "java/lang/System.exit(I)V", "exit", "(I)V");
        PROGRAM.put("java/lang/Runtime.exit(I)V", new Target(true, Rewrite.STATIC_HOOK, "runtimeExit",
                MethodTypeDesc.ofDescriptor("(Ljava/lang/Runtime;I)V")));
        PROGRAM.put("java/lang/Runtime.halt(I)V", new Target(true, Rewrite.STATIC_HOOK, "runtimeHalt",
                MethodTypeDesc.ofDescriptor("(Ljava/lang/Runtime;I)V")));
        staticHook(PROGRAM, "java/lang/Math.random()D", "mathRandom", "()D");
        staticHook(PROGRAM, "java/lang/StrictMath.random()D", "mathRandom", "()D");
        staticHook(PROGRAM, "java/security/SecureRandom.getInstance(Ljava/lang/String;)Ljava/security/SecureRandom;",
                "secureRandomGetInstance", "(Ljava/lang/String;)Ljava/security/SecureRandom;");
        staticHook(PROGRAM, "java/security/SecureRandom.getInstanceStrong()Ljava/security/SecureRandom;",
                "secureRandomGetInstanceStrong", "()Ljava/security/SecureRandom;");
        staticHook(PROGRAM, "java/util/concurrent/ThreadLocalRandom.current()Ljava/util/concurrent/ThreadLocalRandom;",
                "threadLocalRandom", "()Ljava/util/concurrent/ThreadLocalRandom;");
        staticHook(PROGRAM, "java/util/UUID.randomUUID()Ljava/util/UUID;", "randomUUID", "()Ljava/util/UUID;");
        staticHook(PROGRAM, "java/net/InetAddress.getLocalHost()Ljava/net/InetAddress;",
                "getLocalHost", "()Ljava/net/InetAddress;");
        // Each simulated JVM has its own system properties (its -D options) and environment.
        staticHook(PROGRAM, "java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;",
                "getProperty", "(Ljava/lang/String;)Ljava/lang/String;");
        staticHook(PROGRAM, "java/lang/System.getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                "getProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
        staticHook(PROGRAM, "java/lang/System.getProperties()Ljava/util/Properties;", "getProperties", "()Ljava/util/Properties;");
        staticHook(PROGRAM, "java/lang/System.setProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
        staticHook(PROGRAM, "java/lang/System.clearProperty(Ljava/lang/String;)Ljava/lang/String;",
                "clearProperty", "(Ljava/lang/String;)Ljava/lang/String;");
        staticHook(PROGRAM, "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;",
                "getenv", "(Ljava/lang/String;)Ljava/lang/String;");
        staticHook(PROGRAM, "java/lang/System.getenv()Ljava/util/Map;", "getenv", "()Ljava/util/Map;");
        staticHook(PROGRAM, "java/lang/Integer.getInteger(Ljava/lang/String;)Ljava/lang/Integer;",
                "getInteger", "(Ljava/lang/String;)Ljava/lang/Integer;");
        staticHook(PROGRAM, "java/lang/Integer.getInteger(Ljava/lang/String;I)Ljava/lang/Integer;",
                "getInteger", "(Ljava/lang/String;I)Ljava/lang/Integer;");
        staticHook(PROGRAM, "java/lang/Integer.getInteger(Ljava/lang/String;Ljava/lang/Integer;)Ljava/lang/Integer;",
                "getInteger", "(Ljava/lang/String;Ljava/lang/Integer;)Ljava/lang/Integer;");
        staticHook(PROGRAM, "java/lang/Long.getLong(Ljava/lang/String;)Ljava/lang/Long;",
                "getLong", "(Ljava/lang/String;)Ljava/lang/Long;");
        staticHook(PROGRAM, "java/lang/Long.getLong(Ljava/lang/String;J)Ljava/lang/Long;",
                "getLong", "(Ljava/lang/String;J)Ljava/lang/Long;");
        staticHook(PROGRAM, "java/lang/Long.getLong(Ljava/lang/String;Ljava/lang/Long;)Ljava/lang/Long;",
                "getLong", "(Ljava/lang/String;Ljava/lang/Long;)Ljava/lang/Long;");
        staticHook(PROGRAM, "java/lang/Boolean.getBoolean(Ljava/lang/String;)Z", "getBoolean", "(Ljava/lang/String;)Z");
        // Shutdown hooks belong to the simulated process, not to the JVM that hosts it.
        PROGRAM.put("java/lang/Runtime.addShutdownHook(Ljava/lang/Thread;)V", new Target(true, Rewrite.STATIC_HOOK,
                "addShutdownHook", MethodTypeDesc.ofDescriptor("(Ljava/lang/Runtime;Ljava/lang/Thread;)V")));
        PROGRAM.put("java/lang/Runtime.removeShutdownHook(Ljava/lang/Thread;)Z", new Target(true, Rewrite.STATIC_HOOK,
                "removeShutdownHook", MethodTypeDesc.ofDescriptor("(Ljava/lang/Runtime;Ljava/lang/Thread;)Z")));
        // JDK 25's ThreadLocalRandom steps by the thread id (which differs between runs): draws
        // through a ThreadLocalRandom reference come from the thread's seeded generator instead.
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextInt()I", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextInt", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)I")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextInt(I)I", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextInt", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;I)I")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextInt(II)I", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextInt", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;II)I")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextLong()J", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextLong", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)J")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextLong(J)J", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextLong", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;J)J")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextLong(JJ)J", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextLong", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;JJ)J")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextDouble()D", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextDouble", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)D")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextDouble(D)D", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextDouble", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;D)D")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextDouble(DD)D", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextDouble", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;DD)D")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextFloat()F", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextFloat", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)F")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextFloat(F)F", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextFloat", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;F)F")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextFloat(FF)F", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextFloat", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;FF)F")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextBoolean()Z", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextBoolean", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)Z")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextGaussian()D", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextGaussian", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;)D")));
        PROGRAM.put("java/util/concurrent/ThreadLocalRandom.nextBytes([B)V", new Target(true, Rewrite.STATIC_HOOK,
                "tlrNextBytes", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/ThreadLocalRandom;[B)V")));
        // Standard streams and the default uncaught-exception handler are per process.
        staticHook(PROGRAM, "java/lang/System.setOut(Ljava/io/PrintStream;)V", "setOut", "(Ljava/io/PrintStream;)V");
        staticHook(PROGRAM, "java/lang/System.setErr(Ljava/io/PrintStream;)V", "setErr", "(Ljava/io/PrintStream;)V");
        staticHook(PROGRAM, "java/lang/System.setIn(Ljava/io/InputStream;)V", "setIn", "(Ljava/io/InputStream;)V");
        staticHook(PROGRAM, "java/lang/Thread.setDefaultUncaughtExceptionHandler(Ljava/lang/Thread$UncaughtExceptionHandler;)V",
                "setDefaultUncaughtExceptionHandler", "(Ljava/lang/Thread$UncaughtExceptionHandler;)V");
        staticHook(PROGRAM, "java/lang/Thread.getDefaultUncaughtExceptionHandler()Ljava/lang/Thread$UncaughtExceptionHandler;",
                "getDefaultUncaughtExceptionHandler", "()Ljava/lang/Thread$UncaughtExceptionHandler;");
        // The Thread object a program created is its current thread, although a simulated
        // proxy runs it (identity checks like thread == Thread.currentThread() hold).
        staticHook(PROGRAM, "java/lang/Thread.currentThread()Ljava/lang/Thread;", "currentThread", "()Ljava/lang/Thread;");
        PROGRAM.put(RANDOM_NO_ARG_INIT, new Target(false, Rewrite.SEEDED_RANDOM_INIT, "randomSeed",
                MethodTypeDesc.ofDescriptor("()J")));
        PROGRAM.put(SECURE_RANDOM_NO_ARG_INIT, new Target(false, Rewrite.SECURE_RANDOM_FACTORY, "newSecureRandom",
                MethodTypeDesc.ofDescriptor("()Ljava/security/SecureRandom;")));
    }

    private static void staticHook(Map<String, Target> map, String key, String hook, String descriptor) {
        map.put(key, new Target(false, Rewrite.STATIC_HOOK, hook, MethodTypeDesc.ofDescriptor(descriptor)));
    }

    static Target lookup(String key, boolean programClass) {
        Target t = CLOCK.get(key);
        if (t == null && programClass) {
            t = PROGRAM.get(key);
        }
        return t;
    }

    private CallSiteTargets() {
    }
}
