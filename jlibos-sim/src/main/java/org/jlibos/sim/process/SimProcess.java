package org.jlibos.sim.process;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.kernel.socket.FileTable;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.node.Node;

/**
 * A simulated process: pid, argv, environment, captured stdout/stderr, exit status and threads.
 *
 * <p>Life cycle: NEW (start scheduled at a virtual time) → RUNNING (main thread started) →
 * EXITED. The process exits when its main thread returns (the status is {@code main}'s
 * return value, like C's {@code exit(main())}), when any thread calls
 * {@link ProcessContext#exit(int)}, or when it is {@link #kill(int) killed}; its remaining
 * threads are then interrupted and unwind with {@link ProcessExit} at their next blocking call.
 */
public final class SimProcess {

    public enum State { NEW, RUNNING, EXITED }

    /** Linux signal numbers used for exit statuses (128 + signal, as shells report them). */
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    /**
     * Inheritable so that threads a program creates itself (a DCE program's executors, timers,
     * selector threads) belong to the process that created them.
     */
    private static final InheritableThreadLocal<SimProcess> CURRENT = new InheritableThreadLocal<>();

    private final Node node;
    private final int pid;
    private final String id;
    private final List<String> argv;
    private final Map<String, String> env;
    private final Program program;
    private final ProcessOutput stdout = new ProcessOutput();
    private final ProcessOutput stderr = new ProcessOutput();
    private final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    private final List<Thread> threads = new ArrayList<>(1);
    private final long startAtNanos;
    private final Event startEvent;

    private State state = State.NEW;
    private int exitStatus = -1;
    private int termSignal;
    private long startedAtNanos = -1;
    private long endedAtNanos = -1;
    private WaitQueue exitWaiters;
    private ProcessContext context;
    private Syscalls syscalls;
    /** What a layer above keeps per process (DCE: the JVM process state); see {@link #attachment()}. */
    private volatile Object attachment;

    public SimProcess(Node node, int pid, String id, List<String> argv, Map<String, String> env,
                      Program program, long startAtNanos) {
        this.node = node;
        this.pid = pid;
        this.id = id;
        this.argv = List.copyOf(argv);
        this.env = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        this.program = program;
        this.startAtNanos = startAtNanos;
        this.startEvent = new Event() {
            @Override
            protected void fire() {
                start();
            }

            @Override
            public String describe() {
                return "start of process " + SimProcess.this.id;
            }
        };
        node.simulation().simulator().schedule(startEvent, startAtNanos);
    }

    /**
     * The process whose simulated thread is running, or null outside simulated threads.
     * Simulated threads are virtual: a platform thread that inherited the value (one a program
     * constructed, then started outside the simulation) is not one.
     */
    public static SimProcess current() {
        return Thread.currentThread().isVirtual() ? CURRENT.get() : null;
    }

    private void start() {
        if (state != State.NEW) {
            return;
        }
        state = State.RUNNING;
        startedAtNanos = now();
        context = new ProcessContext(this);
        node.simulation().trace().record(startedAtNanos, node.name(), "start pid=" + pid + " id=" + id + " argv=" + argv);
        Thread main = newThread("main", this::runMain);
        main.start();
    }

    private void runMain() {
        int status;
        try {
            status = program.run(context);
        } catch (ProcessExit e) {
            status = e.status();
        } catch (Throwable t) {
            err.print("Exception in thread \"main\" ");
            t.printStackTrace(err);
            status = 1;
        }
        exit(status, 0);
    }

    /** Creates (unstarted) a simulated thread of this process. */
    public Thread newThread(String name, Runnable body) {
        Thread t = node.scheduler().threadBuilder().name(name).unstarted(() -> runThread(body));
        threads.add(t);
        return t;
    }

    private void runThread(Runnable body) {
        CURRENT.set(this);
        try {
            if (state == State.RUNNING) {
                body.run();
            }
        } catch (ProcessExit e) {
            // the process is ending; this thread just unwinds
        } catch (Throwable t) {
            // Java semantics: an uncaught exception ends its thread, not the process.
            err.print("Exception in thread \"" + Thread.currentThread().getName() + "\" ");
            t.printStackTrace(err);
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Ends the process with {@code status}; {@code signal} is non-zero when a signal ended it.
     * Threads other than the caller are interrupted so they unwind at their next blocking call.
     */
    void exit(int status, int signal) {
        if (state == State.EXITED) {
            return;
        }
        boolean started = state == State.RUNNING;
        state = State.EXITED;
        exitStatus = status;
        termSignal = signal;
        endedAtNanos = now();
        if (!started) {
            node.simulation().simulator().cancel(startEvent);
        }
        out.flush();
        err.flush();
        if (syscalls != null) {
            // Like exit(2): every descriptor is closed, so sockets go away with the process.
            syscalls.files().closeAll();
        }
        node.simulation().trace().record(endedAtNanos, node.name(), "exit pid=" + pid + " id=" + id
                + " status=" + status + " signal=" + signal
                + " stdout=" + Long.toHexString(stdout.hash()) + " stderr=" + Long.toHexString(stderr.hash()));
        Thread self = Thread.currentThread();
        for (Thread t : threads) {
            if (t != self && t.isAlive()) {
                t.interrupt();
            }
        }
        if (exitWaiters != null) {
            exitWaiters.wakeAll();
        }
        node.onProcessExit(this);
    }

    /** Sends {@code signal}: the process ends with status 128 + signal, as a shell reports it. */
    public void kill(int signal) {
        exit(128 + signal, signal);
    }

    /** Blocks the calling simulated thread until this process has exited; returns its status. */
    public int waitFor() {
        while (state != State.EXITED) {
            if (exitWaiters == null) {
                exitWaiters = node.host().newWaitQueue();
            }
            exitWaiters.await(WaitQueue.NO_DEADLINE);
            SimProcess caller = current();
            if (caller != null) {
                caller.checkAlive();
            }
        }
        return exitStatus;
    }

    /** The process's socket calls and descriptor table, created on first use. */
    public Syscalls syscalls() {
        if (syscalls == null) {
            syscalls = new Syscalls(node.kernel(), new FileTable());
        }
        return syscalls;
    }

    /** Throws {@link ProcessExit} when this process has exited: called at every blocking point. */
    public void checkAlive() {
        if (state == State.EXITED) {
            throw new ProcessExit(exitStatus);
        }
    }

    long now() {
        return node.simulation().simulator().now();
    }

    public Node node() {
        return node;
    }

    public int pid() {
        return pid;
    }

    /** The scenario's id for this process (unique in a run). */
    public String id() {
        return id;
    }

    public List<String> argv() {
        return argv;
    }

    public Map<String, String> env() {
        return env;
    }

    public State state() {
        return state;
    }

    public boolean isAlive() {
        return state != State.EXITED;
    }

    /** Exit status, or -1 while the process has not exited. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The signal that ended the process, or 0. */
    public int termSignal() {
        return termSignal;
    }

    public long startAtNanos() {
        return startAtNanos;
    }

    public long startedAtNanos() {
        return startedAtNanos;
    }

    /** Virtual time the process exited, or -1. */
    public long endedAtNanos() {
        return endedAtNanos;
    }

    public ProcessOutput stdout() {
        return stdout;
    }

    public ProcessOutput stderr() {
        return stderr;
    }

    /** The process's standard output as a stream (what {@link #stdout()} captures). */
    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /**
     * Ends the process with {@code status} as exit(2) would, from any of its threads or from
     * outside; the caller's own thread keeps running and should unwind (throw {@link ProcessExit}).
     */
    public void exitWith(int status) {
        exit(status, 0);
    }

    /** The process's threads, in creation order (terminated ones included). */
    public List<Thread> threads() {
        return Collections.unmodifiableList(threads);
    }

    /**
     * The object a layer above the simulator keeps for this process (Direct Code Execution keeps
     * its class loader and JVM state here), or null. A field rather than a map keyed by process:
     * lookups happen on every clock read of a JVM program.
     */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    /** The command line as a shell would show it. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    @Override
    public String toString() {
        return "process " + id + " (pid " + pid + " on " + node.name() + ": " + commandLine() + ")";
    }
}
