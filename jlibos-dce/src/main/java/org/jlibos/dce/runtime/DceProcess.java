package org.jlibos.dce.runtime;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

import org.jlibos.sim.process.SimProcess;

/**
 * What jlibos keeps for one simulated JVM process beyond {@link SimProcess}: its class loader,
 * its seeded randomness, and the count of its running non-daemon threads (a JVM ends when its
 * last non-daemon thread ends, so the process does too).
 */
public final class DceProcess {

    private final SimProcess process;
    private final ProcessClassLoader loader;
    private final JavaCommandLine commandLine;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonDaemonEnded = lock.newCondition();
    private int nonDaemonThreads;

    DceProcess(SimProcess process, ProcessClassLoader loader, JavaCommandLine commandLine) {
        this.process = process;
        this.loader = loader;
        this.commandLine = commandLine;
        // One stream per process, named by node and pid: adding a process elsewhere shifts nothing here.
        this.random = process.node().simulation().random()
                .stream("dce:" + process.node().name() + ":pid" + process.pid() + ":random");
    }

    public SimProcess process() {
        return process;
    }

    public ProcessClassLoader loader() {
        return loader;
    }

    public JavaCommandLine commandLine() {
        return commandLine;
    }

    long nextSeed() {
        long s;
        do {
            s = random.nextLong();
        } while (s == Long.MIN_VALUE); // the bridge's "not simulated" sentinel
        return s;
    }

    int nextInt() {
        return random.nextInt();
    }

    /** SHA1PRNG seeded before its first use never self-seeds, so it is deterministic. */
    SecureRandom newSecureRandom() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SecureRandom SHA1PRNG", e);
        }
    }

    void nonDaemonThreadStarted() {
        lock.lock();
        try {
            nonDaemonThreads++;
        } finally {
            lock.unlock();
        }
    }

    void nonDaemonThreadEnded() {
        lock.lock();
        try {
            if (--nonDaemonThreads == 0) {
                nonDaemonEnded.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Parks the calling simulated thread until no non-daemon thread of the process runs. */
    void awaitNonDaemonThreads() throws InterruptedException {
        lock.lock();
        try {
            while (nonDaemonThreads > 0) {
                nonDaemonEnded.await();
            }
        } finally {
            lock.unlock();
        }
    }
}
