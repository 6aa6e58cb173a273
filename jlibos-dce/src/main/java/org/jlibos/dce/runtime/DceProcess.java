package org.jlibos.dce.runtime;

import java.io.PrintStream;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

import org.jlibos.sim.process.ProcessExit;
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
    private final Properties properties = new Properties();
    private final Map<String, String> environment;
    private final List<Thread> shutdownHooks = new ArrayList<>();
    private boolean hooksRun;
    private volatile PrintStream outOverride;
    private volatile PrintStream errOverride;
    private volatile Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler;

    DceProcess(SimProcess process, ProcessClassLoader loader, JavaCommandLine commandLine) {
        this.process = process;
        this.loader = loader;
        this.commandLine = commandLine;
        // One stream per process, named by node and pid: adding a process elsewhere shifts nothing here.
        this.random = process.node().simulation().random()
                .stream("dce:" + process.node().name() + ":pid" + process.pid() + ":random");
        // The JVM's properties as a real JVM started here would see them, plus its -D options.
        properties.putAll(System.getProperties());
        properties.putAll(commandLine.systemProperties());
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(process.env()));
    }

    /** What the program set with System.setOut, or null (its captured stdout). */
    PrintStream outOverride() {
        return outOverride;
    }

    PrintStream errOverride() {
        return errOverride;
    }

    void setOut(PrintStream stream, boolean stderr) {
        // Setting System.out back to what it read restores the captured stream.
        PrintStream own = ProcessStreams.isDispatcher(stream) ? null : stream;
        if (stderr) {
            errOverride = own;
        } else {
            outOverride = own;
        }
    }

    Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler() {
        return defaultUncaughtExceptionHandler;
    }

    void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        defaultUncaughtExceptionHandler = handler;
    }

    Properties properties() {
        return properties;
    }

    Map<String, String> environment() {
        return environment;
    }

    synchronized void addShutdownHook(Thread hook) {
        if (hooksRun) {
            throw new IllegalStateException("Shutdown in progress");
        }
        if (shutdownHooks.contains(hook)) {
            throw new IllegalArgumentException("Hook previously registered");
        }
        shutdownHooks.add(hook);
    }

    synchronized boolean removeShutdownHook(Thread hook) {
        if (hooksRun) {
            throw new IllegalStateException("Shutdown in progress");
        }
        return shutdownHooks.remove(hook);
    }

    /**
     * Runs the registered shutdown hooks once, in registration order, on the calling thread
     * (a JVM runs them concurrently; one after the other keeps the order reproducible).
     */
    void runShutdownHooks() {
        List<Thread> hooks;
        synchronized (this) {
            if (hooksRun) {
                return;
            }
            hooksRun = true;
            hooks = List.copyOf(shutdownHooks);
        }
        for (Thread hook : hooks) {
            try {
                hook.run();
            } catch (ProcessExit e) {
                throw e;
            } catch (Throwable t) {
                process.err().print("Exception in thread \"" + hook.getName() + "\" ");
                t.printStackTrace(process.err());
            }
        }
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
