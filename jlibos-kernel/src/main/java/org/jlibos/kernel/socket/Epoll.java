package org.jlibos.kernel.socket;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.host.WaitQueue;

/**
 * An epoll instance (epoll(7)): an interest list of descriptors and a ready list fed by
 * readiness callbacks, as Linux's {@code ep_poll_callback} does. Level-triggered items stay on
 * the ready list while ready; edge-triggered ones are reported once per wake-up; one-shot ones
 * are disarmed after one report until EPOLL_CTL_MOD re-arms them.
 */
public final class Epoll implements OpenFile, ReadinessWatcher {

    /** One reported event; the caller passes an array of these to {@link #await}. */
    public static final class Event {
        public int events;
        public long data;
    }

    private static final class Item {
        final int fd;
        final OpenFile file;
        int events;
        long data;
        boolean ready;
        boolean disabled;

        Item(int fd, OpenFile file, int events, long data) {
            this.fd = fd;
            this.file = file;
            this.events = events;
            this.data = data;
        }
    }

    private final Kernel kernel;
    private final Map<Integer, Item> interest = new LinkedHashMap<>();
    private final ArrayDeque<Item> readyList = new ArrayDeque<>();
    private final Watchers watchers = new Watchers();
    private WaitQueue waitQueue;

    public Epoll(Kernel kernel) {
        this.kernel = kernel;
    }

    public void control(int op, int fd, OpenFile file, int events, long data) throws ErrnoException {
        if (file == this) {
            throw new ErrnoException("epoll_ctl", Errno.EINVAL);
        }
        Item item = interest.get(fd);
        switch (op) {
            case EPOLL_CTL_ADD -> {
                if (item != null) {
                    throw new ErrnoException("epoll_ctl", Errno.EEXIST);
                }
                item = new Item(fd, file, events, data);
                interest.put(fd, item);
                file.addWatcher(this);
                check(item);
            }
            case EPOLL_CTL_MOD -> {
                if (item == null) {
                    throw new ErrnoException("epoll_ctl", Errno.ENOENT);
                }
                item.events = events;
                item.data = data;
                item.disabled = false;
                check(item);
            }
            case EPOLL_CTL_DEL -> {
                if (item == null) {
                    throw new ErrnoException("epoll_ctl", Errno.ENOENT);
                }
                interest.remove(fd);
                readyList.remove(item);
                file.removeWatcher(this);
            }
            default -> throw new ErrnoException("epoll_ctl", Errno.EINVAL);
        }
    }

    /** Drops {@code fd} from the interest list when the descriptor is closed. */
    public void forget(int fd) {
        Item item = interest.remove(fd);
        if (item != null) {
            readyList.remove(item);
            item.file.removeWatcher(this);
        }
    }

    @Override
    public void readinessChanged(OpenFile file) {
        for (Item item : interest.values()) {
            if (item.file == file) {
                check(item);
            }
        }
    }

    private void check(Item item) {
        if (item.disabled || item.ready) {
            return;
        }
        if ((item.file.pollEvents() & (item.events | EPOLLERR | EPOLLHUP)) != 0) {
            item.ready = true;
            readyList.add(item);
            if (waitQueue != null && waitQueue.waiters() > 0) {
                waitQueue.wakeAll();
            }
            watchers.notifyAll(this);
        }
    }

    /**
     * epoll_wait: fills {@code out} with up to {@code max} events, blocking until one is ready
     * or {@code timeoutNanos} passes (negative: forever; 0: do not block).
     */
    public int await(Event[] out, int max, long timeoutNanos) throws ErrnoException {
        if (max <= 0 || max > out.length) {
            throw new ErrnoException("epoll_wait", Errno.EINVAL);
        }
        long deadline = timeoutNanos < 0 ? WaitQueue.NO_DEADLINE : kernel.host().nowNanos() + timeoutNanos;
        while (true) {
            int n = collect(out, max);
            if (n > 0 || timeoutNanos == 0 || kernel.host().nowNanos() >= deadline) {
                return n;
            }
            if (waitQueue == null) {
                waitQueue = kernel.host().newWaitQueue();
            }
            if (waitQueue.await(deadline) == WaitQueue.INTERRUPTED) {
                throw new ErrnoException("epoll_wait", Errno.EINTR);
            }
        }
    }

    private int collect(Event[] out, int max) {
        int n = 0;
        int scan = readyList.size();
        while (scan-- > 0 && n < max) {
            Item item = readyList.poll();
            item.ready = false;
            int ev = item.file.pollEvents() & (item.events | EPOLLERR | EPOLLHUP);
            if (ev == 0) {
                continue;
            }
            out[n].events = ev;
            out[n].data = item.data;
            n++;
            if ((item.events & EPOLLONESHOT) != 0) {
                item.disabled = true;
            } else if ((item.events & EPOLLET) == 0) {
                item.ready = true;
                readyList.add(item);
            }
        }
        return n;
    }

    @Override
    public int pollEvents() {
        for (Item item : readyList) {
            if ((item.file.pollEvents() & (item.events | EPOLLERR | EPOLLHUP)) != 0) {
                return POLLIN;
            }
        }
        return 0;
    }

    @Override
    public void addWatcher(ReadinessWatcher watcher) {
        watchers.add(watcher);
    }

    @Override
    public void removeWatcher(ReadinessWatcher watcher) {
        watchers.remove(watcher);
    }

    @Override
    public void release() {
        for (Item item : interest.values()) {
            item.file.removeWatcher(this);
        }
        interest.clear();
        readyList.clear();
    }
}
