package org.jlibos.sim.node;

import org.jlibos.kernel.buffer.PacketBuffer;

/** Where a node's transmitted frames go: the channel its device is attached to. */
@FunctionalInterface
public interface FrameSink {

    void transmit(int ifindex, PacketBuffer frame);
}
