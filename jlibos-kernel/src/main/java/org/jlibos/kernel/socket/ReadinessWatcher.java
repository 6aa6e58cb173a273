package org.jlibos.kernel.socket;

/** Told when a file's readiness may have changed (an epoll instance, a poll call). */
public interface ReadinessWatcher {

    void readinessChanged(OpenFile file);
}
