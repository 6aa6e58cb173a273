package org.jlibos.sim.node;

import org.jlibos.kernel.host.KernelTimer;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;

/** A kernel timer that is itself the event: re-arming moves it in the queue, no allocation. */
final class SimTimer extends Event implements KernelTimer {

    private final Simulator simulator;
    private final String name;
    private final Runnable action;

    SimTimer(Simulator simulator, String name, Runnable action) {
        this.simulator = simulator;
        this.name = name;
        this.action = action;
    }

    @Override
    protected void fire() {
        action.run();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void armAt(long expiresAtNanos) {
        simulator.schedule(this, Math.max(expiresAtNanos, simulator.now()));
    }

    @Override
    public void armAfter(long delayNanos) {
        simulator.scheduleAfter(this, Math.max(0, delayNanos));
    }

    @Override
    public void cancel() {
        simulator.cancel(this);
    }

    @Override
    public boolean isArmed() {
        return isScheduled();
    }

    @Override
    public long expiresAtNanos() {
        return time();
    }
}
