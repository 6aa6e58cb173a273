package org.jlibos.net.channel;

import org.jlibos.sim.event.Simulator;

/**
 * One direction of a full-duplex cable: a {@link Transmitter} (data rate) followed by a
 * {@link DelayLine} (propagation delay), ns-3's PointToPoint timing. A frame whose
 * serialisation starts at t arrives at {@code t + ceil(S*8e9/rate) + delay}.
 *
 * <p>The sender feeds {@link #input()} one frame at a time and is told through its
 * {@link Transmitter.IdleListener} when the next may come; arrivals go to the receiver stage
 * given to {@link #connect}. The channel is up unless taken down by an administrator
 * ({@link #setAdminUp}) or by a partition ({@link #setPartitioned}); going down loses every
 * frame in flight, counted under the cause that took the channel down.
 */
public final class Channel {

    private final String name;
    private final DirectionStats stats = new DirectionStats();
    private final Transmitter transmitter;
    private final DelayLine line;
    private boolean adminUp = true;
    private boolean partitioned;

    /**
     * @param name          for events and errors, e.g. {@code "h1>r1"}
     * @param rateBps       data rate in bit/s
     * @param delayNanos    propagation delay
     * @param maxFrameBytes longest frame carried (MTU plus the 14-byte Ethernet header)
     */
    public Channel(Simulator simulator, String name, long rateBps, long delayNanos, int maxFrameBytes) {
        this.name = name;
        this.transmitter = new Transmitter(simulator, name, stats, rateBps, maxFrameBytes);
        this.line = new DelayLine(simulator, name, delayNanos);
        transmitter.linkTo(line);
    }

    /** Sets who hears that the transmitter is free and where arriving frames go. Setup only. */
    public void connect(Transmitter.IdleListener sender, FrameStage receiver) {
        transmitter.setIdleListener(sender);
        line.linkTo(receiver);
    }

    public String name() {
        return name;
    }

    /** Where the sender hands frames to (the transmitter). */
    public FrameStage input() {
        return transmitter;
    }

    public Transmitter transmitter() {
        return transmitter;
    }

    public DirectionStats stats() {
        return stats;
    }

    public long rateBps() {
        return transmitter.rateBps();
    }

    /** Changes the data rate from the next frame on. */
    public void setRate(long bitsPerSecond) {
        transmitter.setRate(bitsPerSecond);
    }

    public long delayNanos() {
        return line.delayNanos();
    }

    /** Changes the propagation delay of frames sent from now on (order is kept). */
    public void setDelay(long nanos) {
        line.setDelay(nanos);
    }

    /** Longest frame carried, in bytes (MTU + Ethernet header). */
    public int maxFrameBytes() {
        return transmitter.maxFrameBytes();
    }

    /** Frames propagating now (not counting the one being serialised). */
    public int inFlight() {
        return line.inFlight();
    }

    public boolean isUp() {
        return adminUp && !partitioned;
    }

    public boolean isAdminUp() {
        return adminUp;
    }

    public boolean isPartitioned() {
        return partitioned;
    }

    /** Takes the channel down (frames in flight are lost, counted as link-down) or back up. */
    public void setAdminUp(boolean up) {
        boolean wasUp = isUp();
        adminUp = up;
        apply(wasUp, false);
    }

    /** Separates (frames in flight are lost, counted as partition) or rejoins the two ends. */
    public void setPartitioned(boolean separated) {
        boolean wasUp = isUp();
        partitioned = separated;
        apply(wasUp, true);
    }

    private void apply(boolean wasUp, boolean byPartition) {
        boolean up = isUp();
        // Frames sent while down count under the reason the channel is down now; an
        // administrative down wins, since it outlasts a heal.
        transmitter.setUp(up, adminUp && partitioned);
        if (wasUp && !up) {
            int lost = transmitter.discardHeld();
            if (byPartition) {
                stats.lostPartition += lost;
            } else {
                stats.lostLinkDown += lost;
            }
        }
    }

    @Override
    public String toString() {
        return name + ": " + stats;
    }
}
