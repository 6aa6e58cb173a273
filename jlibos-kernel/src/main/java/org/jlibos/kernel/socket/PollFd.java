package org.jlibos.kernel.socket;

/** {@code struct pollfd}: a descriptor, the events asked for, the events returned. */
public final class PollFd {
    public int fd;
    public int events;
    public int revents;

    public PollFd(int fd, int events) {
        this.fd = fd;
        this.events = events;
    }
}
