package org.jlibos.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.NoProgressException;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;
import org.jlibos.sim.random.RandomStreams;
import org.jlibos.sim.thread.MonitorHandoffs;
import org.jlibos.sim.thread.NodeScheduler;
import org.jlibos.sim.thread.SimThreads;
import org.jlibos.sim.trace.Trace;

/**
 * One simulated world: the clock and event queue, the nodes, the random streams, the trace and
 * the programs installed on the nodes.
 *
 * <p>{@link #runUntil(long)} dispatches events on a dedicated carrier thread while the calling
 * thread acts as watchdog: if one event (one step of a simulated thread) runs longer than the
 * configured wall-time budget, the caller gets a {@link WatchdogException} naming the thread
 * and its stack. A thread that never blocks cannot be pre-empted on the JVM, so the stuck
 * carrier (a daemon thread) is abandoned and this simulation refuses further runs.
 */
public final class Simulation {

    private static final long WATCHDOG_POLL_MILLIS = 20;

    private final SimulationConfig config;
    private final Simulator simulator = new Simulator();
    private final RandomStreams random;
    private final Trace trace;
    private final ProgramRegistry programs;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> nodesByName = new HashMap<>();
    private volatile Thread carrier;
    private MonitorHandoffs monitorHandoffs;
    private boolean aborted;
    private long wallNanos;

    public Simulation(long seed) {
        this(SimulationConfig.withSeed(seed));
    }

    public Simulation(SimulationConfig config) {
        this(config, ProgramRegistry.discover());
    }

    public Simulation(SimulationConfig config, ProgramRegistry programs) {
        this.config = config;
        this.random = new RandomStreams(config.seed());
        this.trace = new Trace(config.retainTrace());
        this.programs = programs;
        simulator.setMaxEventsPerInstant(config.maxEventsPerInstant());
        simulator.recordCheckpoints(config.retainTrace());
    }

    /**
     * Merges the JDK's asynchronous monitor hand-offs at deterministic points from now on; DCE
     * turns this on before it starts a JVM program (programs use {@code synchronized} freely).
     */
    public MonitorHandoffs enableDeterministicMonitorHandoffs() {
        if (monitorHandoffs == null) {
            monitorHandoffs = new MonitorHandoffs(simulator);
            simulator.setInstantEndHook(monitorHandoffs);
            for (Node n : nodes) {
                NodeScheduler s = n.schedulerIfCreated();
                if (s != null) {
                    s.mergeForeignSubmissionsWith(monitorHandoffs);
                }
                for (SimProcess p : n.processes()) {
                    for (Thread t : p.threads()) {
                        monitorHandoffs.track(t);
                    }
                }
            }
        }
        return monitorHandoffs;
    }

    /** The hand-off merger, or null when not enabled. */
    public MonitorHandoffs monitorHandoffs() {
        return monitorHandoffs;
    }

    public SimulationConfig config() {
        return config;
    }

    public Simulator simulator() {
        return simulator;
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return simulator.now();
    }

    public RandomStreams random() {
        return random;
    }

    public Trace trace() {
        return trace;
    }

    public ProgramRegistry programs() {
        return programs;
    }

    /** Adds a node; names are unique. */
    public Node addNode(String name) {
        if (nodesByName.containsKey(name)) {
            throw new IllegalArgumentException("node '" + name + "' exists already");
        }
        Node n = new Node(this, name, nodes.size());
        nodes.add(n);
        nodesByName.put(name, n);
        return n;
    }

    /** The node called {@code name}, or null. */
    public Node node(String name) {
        return nodesByName.get(name);
    }

    /** Nodes in creation order. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The carrier thread while a run is in progress, else null. */
    public Thread carrierThread() {
        return carrier;
    }

    /** Real time spent dispatching events so far, in nanoseconds. */
    public long wallNanos() {
        return wallNanos;
    }

    /** The run's trace hash: every dispatched event and every trace record. */
    public long traceHash() {
        long h = simulator.traceHash() * 31 + trace.hash();
        return h ^ (h >>> 29);
    }

    /** Runs until virtual time {@code limitNanos} (or idle, or {@link Simulator#stop()}). */
    public Simulator.StopReason runUntil(long limitNanos) {
        if (aborted) {
            throw new IllegalStateException("this simulation was stopped by its watchdog and cannot run again");
        }
        long start = System.nanoTime(); // wall clock for statistics and the watchdog only
        try {
            if (config.watchdogWallNanos() <= 0) {
                bindCarrier(Thread.currentThread());
                return dispatch(limitNanos);
            }
            return runOnCarrier(limitNanos);
        } finally {
            bindCarrier(null);
            wallNanos += System.nanoTime() - start;
        }
    }

    /**
     * Ends the simulation for good: kills every process still running (SIGKILL) and gives their
     * threads up to {@code 10 s} of virtual time to unwind. Call it when a run is over and its
     * results are read (exit statuses change to 137 afterwards). Simulated threads left parked
     * at the end of a run keep the whole simulation reachable in a JVM with a java agent (the
     * JVM keeps per-thread state for virtual threads), so a JVM that runs many simulations, such
     * as a test suite running DCE programs, should close each.
     */
    public void close() {
        if (aborted) {
            return;
        }
        boolean any = false;
        for (Node n : nodes) {
            for (SimProcess p : n.processes()) {
                if (p.isAlive()) {
                    p.kill(SimProcess.SIGKILL);
                    any = true;
                }
            }
        }
        if (any) {
            runUntil(simulator.now() + 10_000_000_000L);
        }
    }

    /** Runs until no event is pending. */
    public Simulator.StopReason runUntilIdle() {
        return runUntil(Long.MAX_VALUE);
    }

    private Simulator.StopReason dispatch(long limitNanos) {
        try {
            return simulator.runUntil(limitNanos);
        } catch (NoProgressException e) {
            throw new SimulationException(e.getMessage() + describeThreadOf(e.lastEvent()), e);
        } catch (SimulationException e) {
            throw e;
        } catch (Throwable t) {
            Event failed = simulator.currentEvent();
            throw new SimulationException("event '" + (failed == null ? "?" : failed.describe()) + "' at t="
                    + simulator.now() + " ns failed: " + t, t);
        }
    }

    private Simulator.StopReason runOnCarrier(long limitNanos) {
        Simulator.StopReason[] result = new Simulator.StopReason[1];
        Throwable[] failure = new Throwable[1];
        Thread c = new Thread(() -> {
            try {
                result[0] = dispatch(limitNanos);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "jlibos-carrier");
        c.setDaemon(true);
        bindCarrier(c);
        c.start();
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (true) {
            try {
                c.join(WATCHDOG_POLL_MILLIS);
            } catch (InterruptedException e) {
                simulator.stop();
                Thread.currentThread().interrupt();
            }
            if (!c.isAlive()) {
                break;
            }
            long count = simulator.eventsDispatched();
            long wall = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastChange = wall;
            } else if (wall - lastChange > config.watchdogWallNanos()) {
                aborted = true;
                // A pinned carrier may resume later: it then stops after its current event
                // instead of running the abandoned simulation on in the background.
                simulator.stop();
                throw watchdog(c, wall - lastChange);
            }
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        return result[0];
    }

    private WatchdogException watchdog(Thread carrierThread, long stuckNanos) {
        Event e = simulator.currentEvent();
        Thread offender = e instanceof NodeScheduler.ContinuationEvent ce
                ? SimThreads.threadOfContinuation(ce.continuation()) : null;
        Thread.State carrierState = carrierThread.getState();
        boolean pinned = carrierState == Thread.State.WAITING || carrierState == Thread.State.TIMED_WAITING
                || carrierState == Thread.State.BLOCKED;
        StackTraceElement[] stack = offender != null ? offender.getStackTrace() : carrierThread.getStackTrace();
        String who = offender != null ? "simulated thread " + describe(offender)
                : "event '" + (e == null ? "?" : e.describe()) + "'";
        String what = pinned
                ? " pinned the carrier thread (it blocked the carrier, " + carrierState + ", instead of parking in virtual time)"
                : " ran " + String.format("%.1f", stuckNanos / 1e9) + " s of wall time without blocking";
        StringBuilder msg = new StringBuilder("watchdog: ").append(who).append(what)
                .append(" at virtual time ").append(simulator.now()).append(" ns; the run was stopped");
        for (StackTraceElement frame : stack) {
            msg.append("\n\tat ").append(frame);
        }
        return new WatchdogException(msg.toString(), offender, stack);
    }

    private String describeThreadOf(Event e) {
        if (e instanceof NodeScheduler.ContinuationEvent ce) {
            Thread t = SimThreads.threadOfContinuation(ce.continuation());
            if (t != null) {
                StringBuilder sb = new StringBuilder("; the thread is ").append(describe(t));
                for (StackTraceElement frame : t.getStackTrace()) {
                    sb.append("\n\tat ").append(frame);
                }
                return sb.toString();
            }
        }
        return "";
    }


    private String describe(Thread t) {
        for (Node n : nodes) {
            for (SimProcess p : n.processes()) {
                if (p.threads().contains(t)) {
                    return "'" + t.getName() + "' of " + p;
                }
            }
        }
        return "'" + t.getName() + "'";
    }

    private void bindCarrier(Thread c) {
        carrier = c;
        for (Node n : nodes) {
            NodeScheduler s = n.schedulerIfCreated();
            if (s != null) {
                s.bindCarrier(c);
            }
        }
    }
}
