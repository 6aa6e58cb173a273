package org.jlibos.scenario.run;

import java.util.List;

/**
 * The counters of one link or LAN at the end of a run, per direction.
 *
 * @param name       the link's name ("h1-r1") or the LAN's ("lan1")
 * @param directions a link's two directions (a&gt;b, then b&gt;a); for a LAN, each member's cable to
 *                   the switch and back ("a&gt;switch", "switch&gt;a"), in member order
 */
public record LinkResult(String name, List<DirectionResult> directions) {

    public LinkResult {
        directions = List.copyOf(directions);
    }

    /**
     * One direction's counters, as {@code org.jlibos.net.channel.DirectionStats} keeps them, with
     * the drops of the sender's transmit queue and device.
     * Every frame sent is delivered, lost, or still in flight at the end; duplicates add to
     * {@code delivered}; corrupted frames are delivered (for the receiver's checksums to catch).
     *
     * @param direction     "from&gt;to"
     * @param sent          frames handed to the wire
     * @param bytesSent     their bytes (Ethernet header and payload)
     * @param delivered     frames handed to the receiver, duplicates included
     * @param bytesDelivered their bytes
     * @param lost          frames lost, whatever the cause (the sum of the lost* fields)
     * @param lostRandom    lost to random loss
     * @param lostBurst     lost to burst (Gilbert-Elliott) loss
     * @param lostLinkDown  lost because the link was down
     * @param lostPartition lost because a partition separated the ends
     * @param lostOversize  longer than the MTU allows
     * @param duplicated    extra copies delivered
     * @param corrupted     frames delivered with a flipped bit
     * @param queueDrops    frames the sender's transmit queue dropped because it was full (for a
     *                      LAN's "switch&gt;node" direction, the switch port's queue)
     * @param carrierDrops  frames the sending device dropped because it had no carrier (the link
     *                      was down or cut by a partition), as Linux drops them; they never
     *                      reach the wire, so they are not in {@code sent} (0 for a switch)
     */
    public record DirectionResult(String direction, long sent, long bytesSent, long delivered, long bytesDelivered,
            long lost, long lostRandom, long lostBurst, long lostLinkDown, long lostPartition, long lostOversize,
            long duplicated, long corrupted, long queueDrops, long carrierDrops) {
    }
}
