package org.jlibos.net.channel;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.buffer.PacketBuffer;

/**
 * An ordered chain of stages in front of a terminal stage:
 *
 * <pre>
 *   entry ▶ outer stages (in the order added) ▶ inner stages (in the order added) ▶ terminal
 * </pre>
 *
 * Two groups let independent users wrap the same path without knowing of each other: a port
 * puts fault injectors on the wire side and capture taps on the device side of its chains, so a
 * tap always records what the device really sends or receives, whichever was installed first.
 *
 * <p>Adding stages relinks the chain (setup time); {@link #entry()} is stable, so whoever feeds
 * the chain holds it once.
 */
public final class StageChain {

    private final Entry entry = new Entry();
    private final List<FrameStage> outer = new ArrayList<>(2);
    private final List<FrameStage> inner = new ArrayList<>(2);
    private FrameStage terminal;

    /** A chain ending in {@code terminal} (may be set later with {@link #setTerminal}). */
    public StageChain(FrameStage terminal) {
        this.terminal = terminal;
        relink();
    }

    /** Where frames enter the chain. */
    public FrameStage entry() {
        return entry;
    }

    public FrameStage terminal() {
        return terminal;
    }

    public void setTerminal(FrameStage terminal) {
        this.terminal = terminal;
        relink();
    }

    /** Adds a stage after the outer stages already present (nearer the entry than any inner stage). */
    public void addOuter(FrameStage stage) {
        outer.add(stage);
        relink();
    }

    /** Adds a stage after the inner stages already present (nearest the terminal). */
    public void addInner(FrameStage stage) {
        inner.add(stage);
        relink();
    }

    /** The stages between entry and terminal, in frame order. */
    public List<FrameStage> stages() {
        List<FrameStage> all = new ArrayList<>(outer);
        all.addAll(inner);
        return all;
    }

    private void relink() {
        FrameStage last = entry;
        for (FrameStage s : outer) {
            last.linkTo(s);
            last = s;
        }
        for (FrameStage s : inner) {
            last.linkTo(s);
            last = s;
        }
        last.linkTo(terminal);
    }

    private static final class Entry extends FrameStage {
        @Override
        public void accept(PacketBuffer frame) {
            pass(frame);
        }
    }
}
