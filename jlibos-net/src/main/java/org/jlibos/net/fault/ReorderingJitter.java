package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;

/**
 * Delay jitter with reordering: each frame waits an independent uniform [0, jitter] ns, so a
 * later frame may overtake an earlier one (netem's behaviour with {@code delay d jitter j}).
 *
 * <p>Each waiting frame needs its own event; events come from a free list and go back to it
 * when they fire, so once the pool has grown to the largest number of frames waiting at once,
 * nothing more is allocated. Frames due at the same instant leave in the order they came.
 */
public final class ReorderingJitter extends FrameStage {

    private final Simulator simulator;
    private final String description;
    private final long jitterNanos;
    private final RandomGenerator random;
    private Pending[] free = new Pending[16];
    private int freeCount;
    private Pending[] waiting = new Pending[16];
    private int waitingCount;

    public ReorderingJitter(Simulator simulator, String name, long jitterNanos, RandomGenerator random) {
        this.simulator = simulator;
        this.description = "jitter " + name;
        this.jitterNanos = jitterNanos;
        this.random = random;
    }

    @Override
    public void accept(PacketBuffer frame) {
        Pending e;
        if (freeCount > 0) {
            e = free[--freeCount];
            free[freeCount] = null;
        } else {
            e = new Pending();
        }
        e.frame = frame;
        if (waitingCount == waiting.length) {
            waiting = java.util.Arrays.copyOf(waiting, waitingCount * 2);
        }
        e.slot = waitingCount;
        waiting[waitingCount++] = e;
        simulator.scheduleAfter(e, random.nextLong(jitterNanos + 1));
    }

    /** Frames waiting now. */
    public int waiting() {
        return waitingCount;
    }

    @Override
    public int discardHeld() {
        int n = waitingCount;
        while (waitingCount > 0) {
            Pending e = waiting[waitingCount - 1];
            simulator.cancel(e);
            release(e);
        }
        return n + super.discardHeld();
    }

    private void release(Pending e) {
        int last = --waitingCount;
        Pending moved = waiting[last];
        waiting[e.slot] = moved;
        moved.slot = e.slot;
        waiting[last] = null;
        e.frame = null;
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = e;
    }

    private final class Pending extends Event {
        PacketBuffer frame;
        int slot;

        @Override
        protected void fire() {
            PacketBuffer f = frame;
            release(this);
            pass(f);
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
