package org.jlibos.sim.thread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.jlibos.sim.event.Simulator;

/**
 * Makes contended-monitor hand-offs deterministic (DESIGN.md, "Monitors").
 *
 * <p>On JDK 24+ a virtual thread that blocks on {@code synchronized} is resumed, when the owner
 * exits the monitor, by the JDK's {@code VirtualThread-unblocker} platform thread, which calls
 * {@link NodeScheduler#execute} asynchronously. Left alone, when that submission lands relative
 * to the carrier's own events depends on the OS scheduler. Here such submissions are parked in
 * each scheduler's foreign queue and merged only at the end of an instant, after waiting until
 * every hand-off the carrier caused has arrived, and in the order the threads were first seen
 * (their creation order in the simulation). Object.wait/notify goes through the same path.
 */
public final class MonitorHandoffs implements Simulator.InstantEndHook {

    /** Real time to wait for the JDK's unblocker before declaring the run broken. */
    private static final long ARRIVAL_TIMEOUT_NANOS = 30_000_000_000L;

    private final Simulator simulator;
    private final List<NodeScheduler> schedulers = new ArrayList<>();
    /**
     * By thread id, not by identity: DCE runs the JVM with constant identity hash codes, which
     * would make an identity map linear.
     */
    private final HashMap<Long, TrackedThread> byThreadId = new HashMap<>();
    private final ArrayList<TrackedThread> threads = new ArrayList<>();
    private final ArrayList<Arrival> arrivals = new ArrayList<>();
    private long nextIndex;
    private long merged;

    public MonitorHandoffs(Simulator simulator) {
        this.simulator = simulator;
    }

    void attach(NodeScheduler scheduler) {
        schedulers.add(scheduler);
    }

    /** Hand-offs merged so far (statistics). */
    public long merged() {
        return merged;
    }

    /**
     * Tracks a simulated thread that already exists (started before hand-offs were merged): it
     * may be waiting for a hand-off that only the JDK's unblocker will deliver.
     */
    public void track(Thread virtualThread) {
        Runnable continuation = SimThreads.continuationOf(virtualThread);
        if (continuation != null && virtualThread.getState() != Thread.State.TERMINATED) {
            noteSubmission(continuation);
        }
    }

    /** Called on the carrier for every submission: the first one of a thread is its start. */
    TrackedThread noteSubmission(Runnable continuation) {
        Thread t = SimThreads.threadOfContinuation(continuation);
        if (t == null) {
            return null;
        }
        Long id = t.threadId();
        TrackedThread tt = byThreadId.get(id);
        if (tt == null) {
            tt = new TrackedThread(t, continuation, nextIndex++);
            byThreadId.put(id, tt);
            threads.add(tt);
        }
        return tt;
    }

    @Override
    public boolean instantEnding() {
        collectArrivals();
        long waitStart = 0;
        int spins = 0;
        while (true) {
            TrackedThread missing = inFlight();
            if (missing == null) {
                break;
            }
            if (waitStart == 0) {
                waitStart = System.nanoTime(); // real time: only bounds the wait for the JDK thread
            } else if (System.nanoTime() - waitStart > ARRIVAL_TIMEOUT_NANOS) {
                throw new IllegalStateException("the JDK's unblocker never handed the monitor to simulated thread '"
                        + missing.thread.getName() + "' at virtual time " + simulator.now() + " ns");
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 1000) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(50_000);
            }
            collectArrivals();
        }
        if (arrivals.isEmpty()) {
            return false;
        }
        // Creation order, not arrival order: the latter is the OS scheduler's choice.
        arrivals.sort(null);
        for (Arrival a : arrivals) {
            a.scheduler.scheduleContinuation(a.continuation);
            if (a.thread != null) {
                a.thread.arrived = false;
            }
        }
        merged += arrivals.size();
        arrivals.clear();
        return true;
    }

    private void collectArrivals() {
        for (NodeScheduler s : schedulers) {
            Runnable r;
            while ((r = s.pollForeign()) != null) {
                TrackedThread tt = noteSubmission(r);
                if (tt != null) {
                    tt.arrived = true;
                }
                arrivals.add(new Arrival(s, r, tt, tt == null ? Long.MAX_VALUE : tt.index, arrivals.size()));
            }
        }
    }

    /** A thread whose hand-off is on its way but not yet collected, or null. Drops dead threads. */
    private TrackedThread inFlight() {
        TrackedThread missing = null;
        int w = 0;
        for (int i = 0; i < threads.size(); i++) {
            TrackedThread tt = threads.get(i);
            if (tt.thread.getState() == Thread.State.TERMINATED) {
                byThreadId.remove(tt.thread.threadId());
                continue;
            }
            threads.set(w++, tt);
            if (missing == null && !tt.arrived && SimThreads.monitorHandoffPending(tt.thread)) {
                missing = tt;
            }
        }
        for (int i = threads.size() - 1; i >= w; i--) {
            threads.remove(i);
        }
        return missing;
    }

    private static final class TrackedThread {
        final Thread thread;
        final Runnable continuation;
        final long index;
        boolean arrived;

        TrackedThread(Thread thread, Runnable continuation, long index) {
            this.thread = thread;
            this.continuation = continuation;
            this.index = index;
        }
    }

    private record Arrival(NodeScheduler scheduler, Runnable continuation, TrackedThread thread, long index, int order)
            implements Comparable<Arrival> {
        @Override
        public int compareTo(Arrival o) {
            int c = Long.compare(index, o.index);
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }
}
