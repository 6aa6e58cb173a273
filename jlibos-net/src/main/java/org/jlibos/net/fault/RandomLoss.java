package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;

/** Bernoulli loss: each frame is lost independently with probability p (netem {@code loss p}). */
public final class RandomLoss extends FrameStage {

    private final double probability;
    private final RandomGenerator random;
    private final DirectionStats stats;

    public RandomLoss(double probability, RandomGenerator random, DirectionStats stats) {
        this.probability = probability;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public void accept(PacketBuffer frame) {
        if (random.nextDouble() < probability) {
            stats.lostRandom++;
            return;
        }
        pass(frame);
    }
}
