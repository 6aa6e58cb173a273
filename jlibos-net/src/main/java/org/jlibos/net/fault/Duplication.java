package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;

/**
 * Duplication: with probability p the frame is delivered twice, the copy right after the
 * original (netem {@code duplicate p}). The copy is taken before the original is passed on,
 * because the receiver owns the original and may change it.
 */
public final class Duplication extends FrameStage {

    private final double probability;
    private final RandomGenerator random;
    private final DirectionStats stats;

    public Duplication(double probability, RandomGenerator random, DirectionStats stats) {
        this.probability = probability;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public void accept(PacketBuffer frame) {
        if (random.nextDouble() < probability) {
            PacketBuffer copy = frame.copy();
            stats.duplicated++;
            pass(frame);
            pass(copy);
            return;
        }
        pass(frame);
    }
}
