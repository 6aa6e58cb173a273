package org.jlibos.dce.nio;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jlibos.kernel.host.KernelHost;
import org.jlibos.kernel.host.WaitQueue;
import org.jlibos.kernel.socket.OpenFile;
import org.jlibos.kernel.socket.ReadinessWatcher;

/**
 * A {@link Selector} over simulated sockets, with the level-triggered semantics of the JDK's
 * poll/epoll selectors. It is a readiness watcher of every registered socket: a readiness
 * change wakes a blocked select, which then re-polls every key in registration order (so the
 * selected-key set is filled in a deterministic order). Timeouts are virtual-time deadlines of
 * a kernel wait queue.
 */
public final class SimSelector extends AbstractSelector implements ReadinessWatcher {

    private final KernelHost host;
    private final WaitQueue waitQueue;
    private final Set<SelectionKey> keys = new LinkedHashSet<>();
    private final Set<SelectionKey> publicKeys = Collections.unmodifiableSet(keys);
    private final Set<SelectionKey> selectedKeys = new LinkedHashSet<>();
    private final Set<SelectionKey> publicSelectedKeys = new UngrowableSet<>(selectedKeys);
    private long nextSequence;
    private volatile boolean wakeupPending;

    SimSelector(SelectorProvider provider, KernelHost host) {
        super(provider);
        this.host = host;
        this.waitQueue = host.newWaitQueue();
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object attachment) {
        if (!(ch instanceof SimChannel sim)) {
            throw new IllegalSelectorException();
        }
        if (!isOpen()) {
            throw new ClosedSelectorException();
        }
        SimSelectionKey key = new SimSelectionKey(ch, this, nextSequence++, ops);
        key.attach(attachment);
        keys.add(key);
        sim.handle().socket.addWatcher(this);
        interestChanged();
        return key;
    }

    @Override
    public Set<SelectionKey> keys() {
        ensureOpen();
        return publicKeys;
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        ensureOpen();
        return publicSelectedKeys;
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new ClosedSelectorException();
        }
    }

    @Override
    public int selectNow() throws IOException {
        return doSelect(0);
    }

    @Override
    public int select(long timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("Negative timeout");
        }
        return doSelect(timeoutMillis == 0 ? -1 : Math.multiplyExact(Math.min(timeoutMillis, Long.MAX_VALUE / 1_000_000L), 1_000_000L));
    }

    @Override
    public int select() throws IOException {
        return doSelect(-1);
    }

    @Override
    public int select(Consumer<SelectionKey> action, long timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("Negative timeout");
        }
        return selectWithAction(Objects.requireNonNull(action),
                timeoutMillis == 0 ? -1 : Math.min(timeoutMillis, Long.MAX_VALUE / 1_000_000L) * 1_000_000L);
    }

    @Override
    public int select(Consumer<SelectionKey> action) throws IOException {
        return selectWithAction(Objects.requireNonNull(action), -1);
    }

    @Override
    public int selectNow(Consumer<SelectionKey> action) throws IOException {
        return selectWithAction(Objects.requireNonNull(action), 0);
    }

    /** The action variants: the selected-key set is not used (Selector's own contract). */
    private int selectWithAction(Consumer<SelectionKey> action, long timeoutNanos) throws IOException {
        selectedKeys.clear();
        doSelect(timeoutNanos);
        List<SelectionKey> ready = new ArrayList<>(selectedKeys);
        selectedKeys.clear();
        int n = 0;
        for (SelectionKey k : ready) {
            if (k.isValid()) {
                action.accept(k);
                n++;
            }
        }
        return n;
    }

    /** One selection; {@code timeoutNanos}: negative = no timeout, 0 = do not block. */
    private int doSelect(long timeoutNanos) throws IOException {
        ensureOpen();
        processCancelledKeys();
        long deadline = timeoutNanos < 0 ? WaitQueue.NO_DEADLINE : satAdd(host.nowNanos(), timeoutNanos);
        boolean blocking = timeoutNanos != 0;
        int updated = 0;
        try {
            if (blocking) {
                begin();
            }
            while (true) {
                updated = poll();
                if (updated > 0 || wakeupPending || timeoutNanos == 0 || !isOpen()
                        || host.nowNanos() >= deadline) {
                    break;
                }
                if (waitQueue.await(deadline) == WaitQueue.INTERRUPTED) {
                    // The wait consumed the interrupt status; a selector leaves it set (Selector's contract).
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            if (blocking) {
                end();
            }
        }
        wakeupPending = false;
        if (!isOpen()) {
            return 0;
        }
        processCancelledKeys();
        return updated;
    }

    private static long satAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? WaitQueue.NO_DEADLINE : r;
    }

    /** Polls every valid key in registration order; returns how many keys were added to or updated in the selected set. */
    private int poll() {
        int updated = 0;
        for (SelectionKey k : keys) {
            SimSelectionKey key = (SimSelectionKey) k;
            if (!key.isValid()) {
                continue;
            }
            int interest = key.currentInterestOps();
            if (interest == 0) {
                continue;
            }
            SimChannel channel = key.simChannel();
            int ready = channel.translateReadyOps(channel.handle().socket.pollEvents(), interest);
            if (ready == 0) {
                continue;
            }
            if (selectedKeys.contains(key)) {
                int before = key.currentReadyOps();
                if ((ready & ~before) != 0) {
                    key.readyOps(before | ready);
                    updated++;
                }
            } else {
                key.readyOps(ready);
                selectedKeys.add(key);
                updated++;
            }
        }
        return updated;
    }

    private void processCancelledKeys() {
        Set<SelectionKey> cancelled = cancelledKeys();
        List<SimSelectionKey> drained;
        synchronized (cancelled) {
            if (cancelled.isEmpty()) {
                return;
            }
            drained = new ArrayList<>(cancelled.size());
            for (SelectionKey k : cancelled) {
                drained.add((SimSelectionKey) k);
            }
            cancelled.clear();
        }
        // cancelledKeys() is a HashSet: deregister in registration order, not hash order.
        drained.sort(Comparator.comparingLong(k -> k.sequence));
        for (SimSelectionKey k : drained) {
            forget(k);
        }
    }

    private void forget(SimSelectionKey k) {
        keys.remove(k);
        selectedKeys.remove(k);
        k.simChannel().handle().socket.removeWatcher(this);
        deregister(k);
    }

    /** A key's interest set changed or a key was added: a blocked select re-polls. */
    void interestChanged() {
        if (waitQueue.waiters() > 0) {
            waitQueue.wakeAll();
        }
    }

    @Override
    public void readinessChanged(OpenFile file) {
        if (waitQueue.waiters() > 0) {
            waitQueue.wakeAll();
        }
    }

    /**
     * Makes a blocked select return now, or the next one return at once. Call it from a
     * simulated thread: the wake-up is an event of the simulation.
     */
    @Override
    public Selector wakeup() {
        wakeupPending = true;
        if (waitQueue.waiters() > 0) {
            waitQueue.wakeAll();
        }
        return this;
    }

    @Override
    protected void implCloseSelector() throws IOException {
        wakeup();
        processCancelledKeys();
        for (SelectionKey k : new ArrayList<>(keys)) {
            forget((SimSelectionKey) k);
        }
        selectedKeys.clear();
    }

    @Override
    public String toString() {
        return "SimSelector[" + (isOpen() ? keys.size() + " keys" : "closed") + "]";
    }

    /** The selected-key set: keys may be removed, never added (Selector's contract). */
    private static final class UngrowableSet<E> extends AbstractSet<E> {
        private final Set<E> set;

        UngrowableSet(Set<E> set) {
            this.set = set;
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public boolean contains(Object o) {
            return set.contains(o);
        }

        @Override
        public Iterator<E> iterator() {
            return set.iterator();
        }

        @Override
        public boolean remove(Object o) {
            return set.remove(o);
        }

        @Override
        public void clear() {
            set.clear();
        }

        @Override
        public boolean add(E e) {
            throw new UnsupportedOperationException("Selector.selectedKeys().add");
        }
    }
}
