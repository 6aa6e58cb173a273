package org.jlibos.kernel.socket;

/** Something a file descriptor refers to: a socket or an epoll instance. */
public interface OpenFile {

    /** Releases the file when its last descriptor is closed. */
    void release();

    /** Current readiness as poll(2) events (POLLIN, POLLOUT, POLLERR, POLLHUP...). */
    int pollEvents();

    /** Registers a watcher woken whenever readiness may have changed. */
    void addWatcher(ReadinessWatcher watcher);

    void removeWatcher(ReadinessWatcher watcher);
}
