package org.jlibos.net.channel;

/**
 * Counters of one direction of a channel, as plain fields (like the kernel's
 * {@code DeviceStats}), updated on the packet path by the channel and by the fault stages that
 * wrap it. Drops for a full transmit queue are not here: the queue (qdisc) counts those.
 *
 * <p>Every frame handed to the channel ({@link #framesSent}) ends in exactly one of: delivered,
 * a loss counter, or still in flight. Duplicates add to {@link #framesDelivered}, so
 * {@code sent + duplicated == delivered + lost() + inFlight}. Corruption is not a drop: a
 * corrupted frame is delivered (and counted in {@link #corrupted}) for the receiver's checksums
 * to catch.
 */
public final class DirectionStats {

    /** Frames handed to the transmitter (the start of serialisation), and their bytes. */
    public long framesSent;
    public long bytesSent;
    /** Frames handed to the receiver (a kernel, or a switch), duplicates included, and their bytes. */
    public long framesDelivered;
    public long bytesDelivered;
    /** Lost to the random (Bernoulli) loss model. */
    public long lostRandom;
    /** Lost to the Gilbert-Elliott burst loss model. */
    public long lostBurst;
    /** Sent, or in flight, while the link was down. */
    public long lostLinkDown;
    /** Sent, or in flight, while a partition separated the two ends (also: a switch's partition drops). */
    public long lostPartition;
    /** Longer than the channel's MTU plus the 14-byte Ethernet header. */
    public long lostOversize;
    /** Extra copies delivered by the duplication model. */
    public long duplicated;
    /** Frames delivered with one bit flipped by the corruption model. */
    public long corrupted;

    /** All frames lost in this direction, whatever the cause. */
    public long lost() {
        return lostRandom + lostBurst + lostLinkDown + lostPartition + lostOversize;
    }

    @Override
    public String toString() {
        return "sent " + framesSent + " (" + bytesSent + " B), delivered " + framesDelivered + " (" + bytesDelivered
                + " B), lost " + lost() + " [random " + lostRandom + ", burst " + lostBurst + ", link-down "
                + lostLinkDown + ", partition " + lostPartition + ", oversize " + lostOversize + "], duplicated "
                + duplicated + ", corrupted " + corrupted;
    }
}
