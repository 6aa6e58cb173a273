package org.jlibos.net.fault;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.DirectionStats;
import org.jlibos.net.channel.FrameStage;

/**
 * Bit errors: with probability p, one bit chosen uniformly among the bytes after the 14-byte
 * Ethernet header is flipped, in place. The header is spared (a bad MAC address would send the
 * frame elsewhere, which real FCS checking would never let happen), so the receiver's IP, UDP
 * or TCP checksum is what detects the damage. Frames with no byte after the header are left
 * alone. Corrupted frames are delivered, not dropped.
 */
public final class Corruption extends FrameStage {

    /** Bytes spared at the front of each frame: the Ethernet header. */
    public static final int ETHERNET_HEADER = 14;

    private final double probability;
    private final RandomGenerator random;
    private final DirectionStats stats;

    public Corruption(double probability, RandomGenerator random, DirectionStats stats) {
        this.probability = probability;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public void accept(PacketBuffer frame) {
        if (random.nextDouble() < probability) {
            int payload = frame.length() - ETHERNET_HEADER;
            if (payload > 0) {
                int bit = random.nextInt(payload * 8);
                frame.array()[frame.head() + ETHERNET_HEADER + (bit >>> 3)] ^= (byte) (1 << (bit & 7));
                stats.corrupted++;
            }
        }
        pass(frame);
    }
}
