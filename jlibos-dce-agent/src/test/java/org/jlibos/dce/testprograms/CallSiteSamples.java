package org.jlibos.dce.testprograms;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Call sites the agent rewrites, compiled by javac; the unit tests load a rewritten copy. */
public final class CallSiteSamples {

    private CallSiteSamples() {
    }

    public static long nanoTime() {
        return System.nanoTime();
    }

    public static long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    public static void systemExit(int status) {
        System.exit(status);
    }

    public static void runtimeExit(int status) {
        Runtime.getRuntime().exit(status);
    }

    public static void runtimeHalt(int status) {
        Runtime.getRuntime().halt(status);
    }

    public static double mathRandom() {
        return Math.random();
    }

    public static double strictMathRandom() {
        return StrictMath.random();
    }

    public static int newRandomFirstInt() {
        return new Random().nextInt();
    }

    /** A branch around the construction, so the method carries stack map frames. */
    public static int newRandomFirstIntInLoop(int rounds) {
        int last = 0;
        for (int i = 0; i < rounds; i++) {
            last = new Random().nextInt();
        }
        return last;
    }

    public static int subclassFirstInt() {
        return new SeededBySuper().nextInt();
    }

    public static SecureRandom newSecureRandom() {
        return new SecureRandom();
    }

    public static Holder nested() {
        return new Holder(new SecureRandom(), new SecureRandom());
    }

    /** NEW/DUP pairs of other classes around and between the SecureRandom ones, with a branch. */
    public static Holder nestedWithBranch(boolean first) {
        return new Holder(first ? new SecureRandom() : null, new Holder(new SecureRandom(), null).a());
    }

    public static SecureRandom secureRandomGetInstance() throws NoSuchAlgorithmException {
        return SecureRandom.getInstance("SHA1PRNG");
    }

    public static SecureRandom secureRandomGetInstanceStrong() throws NoSuchAlgorithmException {
        return SecureRandom.getInstanceStrong();
    }

    public static ThreadLocalRandom threadLocalRandom() {
        return ThreadLocalRandom.current();
    }

    public static UUID randomUUID() {
        return UUID.randomUUID();
    }

    public static InetAddress localHost() throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    /** Method references compile to invokedynamic with a handle to the JDK method. */
    public static LongSupplier clockReference() {
        return System::nanoTime;
    }

    public static Supplier<SecureRandom> secureRandomReference() {
        return SecureRandom::new;
    }

    public static IntConsumer exitReference() {
        return Runtime.getRuntime()::exit;
    }

    public record Holder(SecureRandom a, SecureRandom b) {
    }

    /** {@code super()} is an {@code invokespecial Random.<init>()V} without a NEW. */
    public static final class SeededBySuper extends Random {
        public SeededBySuper() {
            super();
        }
    }
}
