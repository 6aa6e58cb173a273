package org.jlibos.net.fault;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.sim.event.Simulator;
import org.jlibos.sim.random.RandomStreams;

/**
 * Builds the stages of a {@link FaultSpec} for one link direction, in the order a frame meets
 * them: random loss, burst loss, corruption, duplication, jitter. Put them on the wire side of
 * the receiving port's ingress path (before any capture tap), so the receiver's capture sees
 * what survived.
 *
 * <p>Random streams are {@code <prefix>:loss}, {@code :burst-loss}, {@code :corrupt},
 * {@code :duplicate} and {@code :jitter}, where the prefix names the direction, e.g.
 * {@code link:h1-r1:h1>r1}.
 */
public final class FaultInjector {

    private FaultInjector() {
    }

    /** The stages for {@code spec} (empty when nothing goes wrong); counters go to {@code stats}. */
    public static List<FrameStage> stages(FaultSpec spec, Simulator simulator, RandomStreams random,
            String streamPrefix, DirectionStats stats) {
        List<FrameStage> stages = new ArrayList<>(5);
        if (spec.loss() > 0) {
            stages.add(new RandomLoss(spec.loss(), random.stream(streamPrefix + ":loss"), stats));
        }
        if (spec.hasBurstLoss()) {
            stages.add(new GilbertElliottLoss(spec.burstP(), spec.burstR(), spec.burstLossBad(), spec.burstLossGood(),
                    random.stream(streamPrefix + ":burst-loss"), stats));
        }
        if (spec.corrupt() > 0) {
            stages.add(new Corruption(spec.corrupt(), random.stream(streamPrefix + ":corrupt"), stats));
        }
        if (spec.duplicate() > 0) {
            stages.add(new Duplication(spec.duplicate(), random.stream(streamPrefix + ":duplicate"), stats));
        }
        if (spec.jitterNanos() > 0) {
            stages.add(spec.reorder()
                    ? new ReorderingJitter(simulator, streamPrefix, spec.jitterNanos(),
                            random.stream(streamPrefix + ":jitter"))
                    : new Jitter(simulator, streamPrefix, spec.jitterNanos(), random.stream(streamPrefix + ":jitter")));
        }
        return stages;
    }
}
