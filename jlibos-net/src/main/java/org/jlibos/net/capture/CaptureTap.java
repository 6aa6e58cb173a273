package org.jlibos.net.capture;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.channel.FrameStage;
import org.jlibos.sim.event.Simulator;

/**
 * A stage that records every frame passing through it into a {@link PcapWriter} at the current
 * virtual time, then passes it on unchanged. A device's two taps (transmit and receive) share
 * one writer, so its file holds both directions in time order, like {@code tcpdump -i}.
 */
public final class CaptureTap extends FrameStage {

    private final Simulator simulator;
    private final PcapWriter writer;

    public CaptureTap(Simulator simulator, PcapWriter writer) {
        this.simulator = simulator;
        this.writer = writer;
    }

    @Override
    public void accept(PacketBuffer frame) {
        writer.write(simulator.now(), frame.array(), frame.head(), frame.length());
        pass(frame);
    }

    public PcapWriter writer() {
        return writer;
    }
}
