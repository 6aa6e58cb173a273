package org.jlibos.sim.node;

import java.util.concurrent.locks.LockSupport;

import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.process.SimProcess;

/**
 * A kernel wait queue whose waiters are simulated threads parked in virtual time. Waiters are
 * woken in FIFO order, so which thread gets a wake-up never depends on anything but the run.
 */
final class SimWaitQueue implements WaitQueue {

    private final Simulator simulator;
    private Waiter head;
    private Waiter tail;
    private int count;

    SimWaitQueue(Simulator simulator) {
        this.simulator = simulator;
    }

    private static final class Waiter {
        final Thread thread;
        boolean woken;
        Waiter prev;
        Waiter next;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    @Override
    public int await(long deadlineNanos) {
        SimProcess process = SimProcess.current();
        if (process == null) {
            throw new IllegalStateException("a blocking call was made outside a simulated process thread ("
                    + Thread.currentThread() + "); kernel event code must never block");
        }
        Waiter w = new Waiter(Thread.currentThread());
        link(w);
        try {
            while (true) {
                if (w.woken) {
                    return WOKEN;
                }
                process.checkAlive();
                if (Thread.interrupted()) {
                    return INTERRUPTED;
                }
                long now = simulator.now();
                if (now >= deadlineNanos) {
                    return TIMED_OUT;
                }
                if (deadlineNanos == NO_DEADLINE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, deadlineNanos - now);
                }
            }
        } finally {
            if (!w.woken) {
                unlink(w);
            }
        }
    }

    @Override
    public void wakeOne() {
        Waiter w = head;
        if (w != null) {
            wake(w);
        }
    }

    @Override
    public void wakeAll() {
        Waiter w = head;
        while (w != null) {
            Waiter next = w.next;
            wake(w);
            w = next;
        }
    }

    @Override
    public int waiters() {
        return count;
    }

    private void wake(Waiter w) {
        unlink(w);
        w.woken = true;
        LockSupport.unpark(w.thread);
    }

    private void link(Waiter w) {
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        count++;
    }

    private void unlink(Waiter w) {
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        count--;
    }
}
