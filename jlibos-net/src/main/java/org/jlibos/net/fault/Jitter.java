package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.DelayLine;
import org.jlibos.sim.event.Simulator;

/**
 * Delay jitter without reordering: each frame waits an extra uniform [0, jitter] ns, but never
 * leaves before the frame ahead of it (it waits for it instead, as on a real FIFO path). A
 * {@link DelayLine} with a random delay: one ring, one re-armed event.
 */
public final class Jitter extends DelayLine {

    private final long jitterNanos;
    private final RandomGenerator random;

    public Jitter(Simulator simulator, String name, long jitterNanos, RandomGenerator random) {
        super(simulator, "jitter " + name, 0);
        this.jitterNanos = jitterNanos;
        this.random = random;
    }

    @Override
    public void accept(PacketBuffer frame) {
        acceptAt(frame, simulator().now() + random.nextLong(jitterNanos + 1));
    }
}
