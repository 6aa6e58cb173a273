package org.jlibos.sim.process;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.socket.Syscalls;

/**
 * What a program sees of its process: arguments, environment, standard streams, the virtual
 * clock, sleeping, threads, exit, and the node's kernel.
 *
 * <p>Timed waits must go through {@link #sleep(long)} (or kernel blocking calls): without the
 * DCE clock agent, {@code Thread.sleep} measures real time and would spin through virtual
 * time. {@code LockSupport.parkNanos}, {@code Object.wait(ms)} and {@code Thread.join()} are
 * virtual.
 */
public final class ProcessContext {

    private final SimProcess process;

    ProcessContext(SimProcess process) {
        this.process = process;
    }

    /** argv: {@code args().get(0)} is the program name, as in C. */
    public List<String> args() {
        return process.argv();
    }

    public Map<String, String> env() {
        return process.env();
    }

    public PrintStream out() {
        return process.out();
    }

    public PrintStream err() {
        return process.err();
    }

    /** Standard input: empty (scenario processes have no terminal). */
    public InputStream in() {
        return InputStream.nullInputStream();
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return process.now();
    }

    public int pid() {
        return process.pid();
    }

    public SimProcess process() {
        return process;
    }

    /** The name of the node this process runs on ({@code hostname}). */
    public String hostname() {
        return process.node().name();
    }

    public Kernel kernel() {
        return process.node().kernel();
    }

    /** The socket system calls of this process (its own file-descriptor table). */
    public Syscalls sys() {
        return process.syscalls();
    }

    /** A random stream private to this process, derived from the seed and the process id. */
    public RandomGenerator random(String streamName) {
        return process.node().simulation().random().stream("process:" + process.id() + ":" + streamName);
    }

    /** Sleeps {@code nanos} of virtual time; like {@code Thread.sleep}, interruptible. */
    public void sleep(long nanos) throws InterruptedException {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative sleep: " + nanos + " ns");
        }
        long deadline = now() + nanos;
        sleepUntil(deadline < 0 ? Long.MAX_VALUE : deadline);
    }

    /** Sleeps until virtual time {@code deadlineNanos}. */
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        while (true) {
            process.checkAlive();
            if (Thread.interrupted()) {
                process.checkAlive();
                throw new InterruptedException();
            }
            long remaining = deadlineNanos - now();
            if (remaining <= 0) {
                return;
            }
            LockSupport.parkNanos(remaining);
        }
    }

    /** Starts a new simulated thread in this process. */
    public Thread startThread(String name, Runnable body) {
        Thread t = process.newThread(name, body);
        t.start();
        return t;
    }

    /** Ends the whole process with {@code status}; never returns. */
    public ProcessExit exit(int status) {
        process.exit(status, 0);
        throw new ProcessExit(status);
    }
}
