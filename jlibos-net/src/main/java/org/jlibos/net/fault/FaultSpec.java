package org.jlibos.net.fault;

/**
 * What goes wrong on one direction of a link. All probabilities are per frame, in [0, 1].
 *
 * @param loss          Bernoulli loss probability
 * @param burstP        Gilbert-Elliott P(good → bad) per frame; burst loss is off when this and
 *                      {@code burstLossGood} are 0
 * @param burstR        Gilbert-Elliott P(bad → good) per frame (mean burst length 1/r frames)
 * @param burstLossBad  loss probability in the bad state (1 - h; default 1)
 * @param burstLossGood loss probability in the good state (1 - k; default 0)
 * @param duplicate     probability that an extra copy is delivered
 * @param corrupt       probability that one random bit after the 14-byte Ethernet header is
 *                      flipped (so the receiver's IP/UDP/TCP checksums catch it)
 * @param jitterNanos   each frame waits an extra uniform [0, jitter] ns
 * @param reorder       whether jittered frames may overtake each other (independent delays);
 *                      without it a frame never arrives before the one sent ahead of it
 */
public record FaultSpec(double loss, double burstP, double burstR, double burstLossBad, double burstLossGood,
        double duplicate, double corrupt, long jitterNanos, boolean reorder) {

    /** Nothing goes wrong. */
    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 1, 0, 0, 0, 0, false);

    public FaultSpec {
        check("loss", loss);
        check("burst p", burstP);
        check("burst r", burstR);
        check("burst loss in bad state", burstLossBad);
        check("burst loss in good state", burstLossGood);
        check("duplicate", duplicate);
        check("corrupt", corrupt);
        if (jitterNanos < 0) {
            throw new IllegalArgumentException("negative jitter: " + jitterNanos + " ns");
        }
        if (burstP > 0 && burstR == 0 && burstLossBad > 0) {
            // Legal, but the chain never leaves the bad state once in it; refuse the likely typo.
            throw new IllegalArgumentException("burst loss with r = 0 never recovers from the bad state");
        }
    }

    public static FaultSpec none() {
        return NONE;
    }

    public FaultSpec withLoss(double probability) {
        return new FaultSpec(probability, burstP, burstR, burstLossBad, burstLossGood, duplicate, corrupt,
                jitterNanos, reorder);
    }

    /** Gilbert-Elliott burst loss with loss 1 in the bad state and 0 in the good one. */
    public FaultSpec withBurstLoss(double p, double r) {
        return withBurstLoss(p, r, 1, 0);
    }

    /** Gilbert-Elliott burst loss (netem's {@code loss gemodel p r 1-h 1-k}). */
    public FaultSpec withBurstLoss(double p, double r, double lossInBad, double lossInGood) {
        return new FaultSpec(loss, p, r, lossInBad, lossInGood, duplicate, corrupt, jitterNanos, reorder);
    }

    public FaultSpec withDuplicate(double probability) {
        return new FaultSpec(loss, burstP, burstR, burstLossBad, burstLossGood, probability, corrupt,
                jitterNanos, reorder);
    }

    public FaultSpec withCorrupt(double probability) {
        return new FaultSpec(loss, burstP, burstR, burstLossBad, burstLossGood, duplicate, probability,
                jitterNanos, reorder);
    }

    /** Uniform extra delay in [0, nanos] without reordering. */
    public FaultSpec withJitter(long nanos) {
        return withJitter(nanos, reorder);
    }

    public FaultSpec withJitter(long nanos, boolean allowReorder) {
        return new FaultSpec(loss, burstP, burstR, burstLossBad, burstLossGood, duplicate, corrupt, nanos,
                allowReorder);
    }

    public FaultSpec withReorder(boolean allowReorder) {
        return withJitter(jitterNanos, allowReorder);
    }

    public boolean hasBurstLoss() {
        return burstP > 0 || burstLossGood > 0;
    }

    /** Mean loss rate of the Gilbert-Elliott model alone: π_bad·(1-h) + π_good·(1-k). */
    public double burstMeanLoss() {
        if (!hasBurstLoss()) {
            return 0;
        }
        double piBad = burstP + burstR == 0 ? 0 : burstP / (burstP + burstR);
        return piBad * burstLossBad + (1 - piBad) * burstLossGood;
    }

    public boolean isNone() {
        return loss == 0 && !hasBurstLoss() && duplicate == 0 && corrupt == 0 && jitterNanos == 0;
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1]: " + p);
        }
    }
}
