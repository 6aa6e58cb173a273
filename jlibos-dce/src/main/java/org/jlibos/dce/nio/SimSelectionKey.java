package org.jlibos.dce.nio;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectionKey;

/** A registration of a simulated channel with a {@link SimSelector}. */
public final class SimSelectionKey extends AbstractSelectionKey {

    private final SelectableChannel channel;
    private final SimSelector selector;
    /** Registration order: the order selected keys are reported in. */
    final long sequence;
    private volatile int interestOps;
    private volatile int readyOps;

    SimSelectionKey(SelectableChannel channel, SimSelector selector, long sequence, int interestOps) {
        this.channel = channel;
        this.selector = selector;
        this.sequence = sequence;
        this.interestOps = interestOps;
    }

    SimChannel simChannel() {
        return (SimChannel) channel;
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public Selector selector() {
        return selector;
    }

    @Override
    public int interestOps() {
        ensureValid();
        return interestOps;
    }

    @Override
    public SimSelectionKey interestOps(int ops) {
        ensureValid();
        if ((ops & ~channel.validOps()) != 0) {
            throw new IllegalArgumentException("Invalid interest ops: " + ops);
        }
        interestOps = ops;
        selector.interestChanged();
        return this;
    }

    /** The interest set without the validity check (the selector's own reads). */
    int currentInterestOps() {
        return interestOps;
    }

    @Override
    public int readyOps() {
        ensureValid();
        return readyOps;
    }

    void readyOps(int ops) {
        readyOps = ops;
    }

    int currentReadyOps() {
        return readyOps;
    }

    private void ensureValid() {
        if (!isValid()) {
            throw new CancelledKeyException();
        }
    }

    @Override
    public String toString() {
        return "channel=" + channel + ", selector=" + selector
                + (isValid() ? ", interestOps=" + interestOps + ", readyOps=" + readyOps : ", invalid");
    }

    /**
     * From the registration sequence, not the identity: the selector's key sets (and the JDK's
     * cancelled-key set) are hash sets, and DCE runs the JVM with constant identity hash codes.
     * Equality stays identity.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }
}
