package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;

/**
 * Gilbert-Elliott burst loss: a two-state Markov chain advanced once per frame. In the good
 * state a frame is lost with probability {@code 1-k}, in the bad state with {@code 1-h}; then
 * the chain moves good → bad with probability p and bad → good with r. As in Linux netem
 * ({@code loss_gilb_ell}), the loss decision uses the state the frame found, before the
 * transition. The chain starts good.
 *
 * <p>Stationary P(bad) = p / (p + r); mean loss = P(bad)(1-h) + P(good)(1-k); with h = 0 a
 * burst of consecutive losses lasts 1/r frames on average.
 */
public final class GilbertElliottLoss extends FrameStage {

    private final double p;
    private final double r;
    private final double lossInBad;
    private final double lossInGood;
    private final RandomGenerator random;
    private final DirectionStats stats;
    private boolean bad;

    public GilbertElliottLoss(double p, double r, double lossInBad, double lossInGood, RandomGenerator random,
            DirectionStats stats) {
        this.p = p;
        this.r = r;
        this.lossInBad = lossInBad;
        this.lossInGood = lossInGood;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public void accept(PacketBuffer frame) {
        boolean lost;
        if (bad) {
            lost = draw(lossInBad);
            if (random.nextDouble() < r) {
                bad = false;
            }
        } else {
            lost = draw(lossInGood);
            if (random.nextDouble() < p) {
                bad = true;
            }
        }
        if (lost) {
            stats.lostBurst++;
            return;
        }
        pass(frame);
    }

    /** True while in the bad state. */
    public boolean isBad() {
        return bad;
    }

    // Certain outcomes draw nothing; the configuration is fixed, so runs stay reproducible.
    private boolean draw(double probability) {
        if (probability >= 1) {
            return true;
        }
        return probability > 0 && random.nextDouble() < probability;
    }
}
