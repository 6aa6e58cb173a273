package org.jlibos.sim.thread;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;

/**
 * The scheduler of one node's simulated threads: JDK virtual threads whose continuations run
 * as events on the simulation's single carrier thread (DESIGN.md, "Simulated threads").
 *
 * <p>{@code VirtualThread} submits a runnable continuation through {@link #execute(Runnable)}
 * (start, unpark) and, because this is a {@link ForkJoinPool}, arms timed parks through
 * {@link #schedule(Runnable, long, TimeUnit)}. Both become events in virtual time. No
 * ForkJoinPool worker is ever started: every submission path is overridden.
 */
public final class NodeScheduler extends ForkJoinPool {

    private final Simulator simulator;
    private final String nodeName;
    private final Thread.Builder.OfVirtual builder;
    /**
     * Submissions from threads other than the carrier (the JDK's VirtualThread-unblocker hands
     * over contended monitors asynchronously). With {@link MonitorHandoffs} (DCE) they are merged
     * at instant ends in thread-creation order; without it, at the next dispatch.
     */
    private final ConcurrentLinkedQueue<Runnable> foreignSubmissions = new ConcurrentLinkedQueue<>();
    private volatile Thread carrier;
    /** Non-null when foreign submissions are merged deterministically (DCE programs run here). */
    private MonitorHandoffs handoffs;

    public NodeScheduler(Simulator simulator, String nodeName) {
        super(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
        this.simulator = simulator;
        this.nodeName = nodeName;
        this.builder = SimThreads.virtualThreadBuilder(this);
    }

    /** A builder for new simulated threads of this node (not thread-safe: carrier use only). */
    public Thread.Builder.OfVirtual threadBuilder() {
        return builder;
    }

    public String nodeName() {
        return nodeName;
    }

    /** The platform thread dispatching events now; set by the simulation before each run. */
    public void bindCarrier(Thread carrierThread) {
        this.carrier = carrierThread;
    }

    @Override
    public void execute(Runnable continuation) {
        Thread c = carrier;
        Thread self = Thread.currentThread();
        // From the carrier itself or a simulated thread mounted on it: the event queue is ours.
        // Anything else (a real thread, or a virtual thread of another scheduler or another
        // simulation's carrier) is foreign and must not touch the queue.
        if (c != null && self != c && (!self.isVirtual() || SimThreads.currentCarrierThread() != c)) {
            foreignSubmissions.add(continuation);
            return;
        }
        if (handoffs != null) {
            handoffs.noteSubmission(continuation);
        } else {
            drainForeign();
        }
        simulator.schedule(new ContinuationEvent(continuation), simulator.now());
    }

    /** From now on, asynchronous submissions wait for {@code merger} (carrier use only). */
    public void mergeForeignSubmissionsWith(MonitorHandoffs merger) {
        if (handoffs == null) {
            handoffs = merger;
            merger.attach(this);
        }
    }

    Runnable pollForeign() {
        return foreignSubmissions.poll();
    }

    void scheduleContinuation(Runnable continuation) {
        simulator.schedule(new ContinuationEvent(continuation), simulator.now());
    }

    @Override
    public void execute(ForkJoinTask<?> task) {
        execute((Runnable) task::invoke);
    }

    @Override
    public <T> ForkJoinTask<T> lazySubmit(ForkJoinTask<T> task) {
        execute(task);
        return task;
    }

    @Override
    public <T> ForkJoinTask<T> externalSubmit(ForkJoinTask<T> task) {
        execute(task);
        return task;
    }

    @Override
    public <T> ForkJoinTask<T> submit(ForkJoinTask<T> task) {
        execute(task);
        return task;
    }

    @Override
    public ForkJoinTask<?> submit(Runnable task) {
        ForkJoinTask<?> t = ForkJoinTask.adapt(task);
        execute(t);
        return t;
    }

    @Override
    public <T> ForkJoinTask<T> submit(Callable<T> task) {
        ForkJoinTask<T> t = ForkJoinTask.adapt(task);
        execute(t);
        return t;
    }

    @Override
    public <T> ForkJoinTask<T> submit(Runnable task, T result) {
        ForkJoinTask<T> t = ForkJoinTask.adapt(task, result);
        execute(t);
        return t;
    }

    /** Timed parks ({@code LockSupport.parkNanos}, {@code Object.wait(ms)}) arm their wake-up here. */
    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        TimedTask task = new TimedTask(simulator, command);
        simulator.scheduleAfter(task, Math.max(0, unit.toNanos(delay)));
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw unsupported("ForkJoinPool.schedule(Callable)");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw unsupported("ForkJoinPool.scheduleAtFixedRate");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw unsupported("ForkJoinPool.scheduleWithFixedDelay");
    }

    /** Moves asynchronous submissions into the event queue; called on the carrier. */
    public void drainForeign() {
        Runnable r;
        while ((r = foreignSubmissions.poll()) != null) {
            simulator.schedule(new ContinuationEvent(r), simulator.now());
        }
    }

    private UnsupportedOperationException unsupported(String api) {
        return new UnsupportedOperationException(api + " is not supported by the simulated-thread scheduler of node " + nodeName);
    }

    /** Runs one step of a simulated thread: from where it was unparked to where it parks next. */
    public static final class ContinuationEvent extends Event {
        private final Runnable continuation;

        ContinuationEvent(Runnable continuation) {
            this.continuation = continuation;
        }

        public Runnable continuation() {
            return continuation;
        }

        @Override
        protected void fire() {
            continuation.run();
        }

        @Override
        public String describe() {
            return "simulated thread step";
        }
    }

    /** A timed wake-up that the virtual thread cancels when it is unparked earlier. */
    static final class TimedTask extends Event implements ScheduledFuture<Object> {
        private final Simulator simulator;
        private final Runnable command;
        private boolean done;
        private boolean cancelled;

        TimedTask(Simulator simulator, Runnable command) {
            this.simulator = simulator;
            this.command = command;
        }

        @Override
        protected void fire() {
            done = true;
            command.run();
        }

        @Override
        public String describe() {
            return "timed wake-up";
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = simulator.cancel(this);
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("TimedTask.get");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("TimedTask.get");
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time() - simulator.now(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
