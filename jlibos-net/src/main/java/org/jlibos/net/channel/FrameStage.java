package org.jlibos.net.channel;

import org.jlibos.kernel.buffer.PacketBuffer;

/**
 * One step of a frame's way between two kernels: it takes a frame and passes it on, possibly
 * later (a delay), twice (duplication), changed (corruption), or not at all (loss).
 *
 * <p>Stages are linked once, at setup, into a chain (smoltcp's devices that wrap devices); the
 * packet path is then a sequence of plain virtual calls. A stage owns a frame between
 * {@link #accept} and the moment it passes it on; whoever receives it owns it afterwards and
 * may change its bytes and head, so a stage that needs a copy makes it before passing the
 * original on.
 */
public abstract class FrameStage {

    private FrameStage next;

    /** Takes {@code frame} (host-callback context: never blocks). */
    public abstract void accept(PacketBuffer frame);

    /** Hands {@code frame} to the next stage. */
    protected final void pass(PacketBuffer frame) {
        next.accept(frame);
    }

    /** The stage frames go to after this one (null for the last stage of a path). */
    public final FrameStage next() {
        return next;
    }

    /** Sets the next stage. Setup only: chains are built before frames flow. */
    public final void linkTo(FrameStage nextStage) {
        this.next = nextStage;
    }

    /**
     * The link carrying this path went down: drop every frame this stage and the stages after
     * it hold (frames in flight are lost) and return how many were dropped. Stages that hold
     * no frames just ask the next one.
     */
    public int discardHeld() {
        return next == null ? 0 : next.discardHeld();
    }
}
