package org.jlibos.scenario.model;

import java.util.Objects;

/**
 * The settings links and LAN cables share: data rate, delay, MTU, transmit queue and faults
 * (applied to each direction, each with its own random streams).
 *
 * <p>Defaults: 1 Gbit/s, no delay, MTU 1500, a pfifo of 1000 packets (Linux's txqueuelen), no
 * faults. Probabilities are text ({@code "1%"}, {@code "0.1%"}, {@code "0.01"}) or a double
 * fraction, in [0, 1].
 *
 * @param <B> the concrete builder, so that calls chain
 */
public abstract sealed class MediumBuilder<B extends MediumBuilder<B>> permits LinkBuilder, LanBuilder {

    /** The default data rate: 1 Gbit/s. */
    public static final long DEFAULT_RATE_BPS = 1_000_000_000L;

    final Slot<Long> rate = new Slot<>();
    final Slot<Long> delay = new Slot<>();
    final Slot<Integer> mtu = new Slot<>();
    final Slot<Values.QueueLimit> queue = new Slot<>();
    final Slot<Double> loss = new Slot<>();
    final Slot<Double> burstP = new Slot<>();
    final Slot<Double> burstR = new Slot<>();
    final Slot<Double> duplicate = new Slot<>();
    final Slot<Double> corrupt = new Slot<>();
    final Slot<Long> jitter = new Slot<>();
    final Slot<Boolean> reorder = new Slot<>();
    /** Where the burst_loss mapping was written (its p and r have their own locations). */
    Location burstWhere = Location.api();
    Location location = Location.api();

    MediumBuilder() {
    }

    abstract B self();

    /**
     * For loaders: the source gave these keys but they could not be read, and the loader has
     * reported why. Validation then neither calls them missing nor checks what depends on them.
     */
    public abstract B invalid(String... keys);

    /** Where the whole entry was written; "missing key" errors point here. */
    public B location(Location where) {
        location = Objects.requireNonNull(where, "where");
        return self();
    }

    /** The data rate of each direction, e.g. {@code 100Mbps} (default 1Gbps). */
    public B rate(String rate) {
        return rate(rate, Location.api());
    }

    public B rate(String rate, Location where) {
        Values.rate(this.rate, Objects.requireNonNull(rate, "rate"), where);
        return self();
    }

    public B rate(long bitsPerSecond) {
        Values.rate(rate, bitsPerSecond, Location.api());
        return self();
    }

    /** The one-way propagation delay, e.g. {@code 10ms} (default 0s). */
    public B delay(String delay) {
        return delay(delay, Location.api());
    }

    public B delay(String delay, Location where) {
        Values.duration(this.delay, Objects.requireNonNull(delay, "delay"), where);
        return self();
    }

    /** The devices' MTU in bytes, 68 to 65536 (default 1500). */
    public B mtu(long bytes) {
        return mtu(bytes, Location.api());
    }

    public B mtu(long bytes, Location where) {
        Values.mtu(mtu, bytes, where);
        return self();
    }

    /**
     * The transmit queue limit: a plain number of packets ({@code "100"}, pfifo) or a size with
     * a unit ({@code "64KiB"}, {@code "1500B"}, bfifo). Default 1000 packets.
     */
    public B queue(String limit) {
        return queue(limit, Location.api());
    }

    public B queue(String limit, Location where) {
        Values.queue(queue, Objects.requireNonNull(limit, "limit"), where);
        return self();
    }

    /** A pfifo transmit queue of {@code packets} packets. */
    public B queuePackets(long packets) {
        Values.queuePackets(queue, packets, Location.api());
        return self();
    }

    /** A bfifo transmit queue of {@code bytes} bytes. */
    public B queueBytes(long bytes) {
        Values.queueBytes(queue, bytes, Location.api());
        return self();
    }

    /** Random (Bernoulli) loss per frame, e.g. {@code "1%"}. */
    public B loss(String probability) {
        return loss(probability, Location.api());
    }

    public B loss(String probability, Location where) {
        Values.fraction(loss, "loss", Objects.requireNonNull(probability, "probability"), where);
        return self();
    }

    public B loss(double fraction) {
        Values.fraction(loss, "loss", fraction, Location.api());
        return self();
    }

    /**
     * Gilbert-Elliott burst loss: {@code p} is the chance per frame of entering the loss state,
     * {@code r} of leaving it (mean burst 1/r frames); every frame in the loss state is lost.
     */
    public B burstLoss(String p, String r) {
        return burstLoss(p, Location.api(), r, Location.api(), Location.api());
    }

    /** {@link #burstLoss(String, String)} for loaders: each value's location and the mapping's. */
    public B burstLoss(String p, Location pWhere, String r, Location rWhere, Location where) {
        burstWhere = Objects.requireNonNull(where, "where");
        Values.fraction(burstP, "p", Objects.requireNonNull(p, "p"), pWhere);
        Values.fraction(burstR, "r", Objects.requireNonNull(r, "r"), rWhere);
        return self();
    }

    public B burstLoss(double p, double r) {
        burstWhere = Location.api();
        Values.fraction(burstP, "p", p, Location.api());
        Values.fraction(burstR, "r", r, Location.api());
        return self();
    }

    /** The chance per frame that an extra copy is delivered, e.g. {@code "0.5%"}. */
    public B duplicate(String probability) {
        return duplicate(probability, Location.api());
    }

    public B duplicate(String probability, Location where) {
        Values.fraction(duplicate, "duplicate", Objects.requireNonNull(probability, "probability"), where);
        return self();
    }

    public B duplicate(double fraction) {
        Values.fraction(duplicate, "duplicate", fraction, Location.api());
        return self();
    }

    /**
     * The chance per frame that one bit after the Ethernet header is flipped, for the receiver's
     * checksums to catch. Captures then legitimately show bad checksums.
     */
    public B corrupt(String probability) {
        return corrupt(probability, Location.api());
    }

    public B corrupt(String probability, Location where) {
        Values.fraction(corrupt, "corrupt", Objects.requireNonNull(probability, "probability"), where);
        return self();
    }

    public B corrupt(double fraction) {
        Values.fraction(corrupt, "corrupt", fraction, Location.api());
        return self();
    }

    /** Each frame waits an extra uniform [0, jitter] on top of the delay, e.g. {@code 2ms}. */
    public B jitter(String jitter) {
        return jitter(jitter, Location.api());
    }

    public B jitter(String jitter, Location where) {
        Values.duration(this.jitter, Objects.requireNonNull(jitter, "jitter"), where);
        return self();
    }

    /**
     * Whether jittered frames may overtake each other (default false: a frame never arrives
     * before the one sent ahead of it). Needs a jitter.
     */
    public B reorder(boolean reorder) {
        return reorder(reorder, Location.api());
    }

    public B reorder(boolean reorder, Location where) {
        this.reorder.set(reorder, where);
        return self();
    }

    /** The slot of a medium key, for {@code invalid(...)}; null if {@code key} is not one. */
    Slot<?> mediumSlot(String key) {
        return switch (key) {
            case "rate" -> rate;
            case "delay" -> delay;
            case "mtu" -> mtu;
            case "queue" -> queue;
            case "loss" -> loss;
            case "burst_loss" -> burstP;
            case "duplicate" -> duplicate;
            case "corrupt" -> corrupt;
            case "jitter" -> jitter;
            case "reorder" -> reorder;
            default -> null;
        };
    }

    /** The slots of the medium keys, for reporting their errors. */
    Slot<?>[] mediumSlots() {
        return new Slot<?>[] {rate, delay, mtu, queue, loss, burstP, burstR, duplicate, corrupt, jitter, reorder};
    }
}
