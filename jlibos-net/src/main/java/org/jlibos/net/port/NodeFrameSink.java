package org.jlibos.net.port;

import java.util.Arrays;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.sim.node.FrameSink;
import org.jlibos.sim.node.Node;

/**
 * The {@link FrameSink} of one node: sends each transmitted frame into the egress path of the
 * port its device is attached to, found in an array indexed by ifindex (no map on the packet
 * path).
 */
public final class NodeFrameSink implements FrameSink {

    private final Node node;
    private FrameStage[] egressByIfindex = new FrameStage[4];
    private long unattached;

    public NodeFrameSink(Node node) {
        this.node = node;
    }

    /** Makes {@code port}'s device transmit into its egress path. */
    public void register(DevicePort port) {
        if (port.node() != node) {
            throw new IllegalArgumentException(port + " does not belong to " + node);
        }
        int i = port.ifindex();
        if (i >= egressByIfindex.length) {
            egressByIfindex = Arrays.copyOf(egressByIfindex, Math.max(i + 1, egressByIfindex.length * 2));
        }
        if (egressByIfindex[i] != null) {
            throw new IllegalStateException(port + " is already attached");
        }
        egressByIfindex[i] = port.egressEntry();
    }

    @Override
    public void transmit(int ifindex, PacketBuffer frame) {
        FrameStage egress = ifindex >= 0 && ifindex < egressByIfindex.length ? egressByIfindex[ifindex] : null;
        if (egress == null) {
            // A device the network did not create: like a NIC with no cable, the frame is lost.
            unattached++;
            return;
        }
        egress.accept(frame);
    }

    /** Frames sent by devices that are attached to nothing. */
    public long unattachedFrames() {
        return unattached;
    }

    public Node node() {
        return node;
    }
}
