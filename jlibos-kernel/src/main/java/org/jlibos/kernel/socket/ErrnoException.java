package org.jlibos.kernel.socket;

/**
 * A system call failed with {@code errno} (like Android's {@code android.system.ErrnoException}).
 * The message is {@code "<call>: <strerror>"}, as {@code perror} would print it.
 */
public final class ErrnoException extends Exception {

    private final Errno errno;
    private final String call;

    public ErrnoException(String call, Errno errno) {
        super(call + ": " + errno.message, null, false, false);
        this.errno = errno;
        this.call = call;
    }

    public Errno errno() {
        return errno;
    }

    public String call() {
        return call;
    }
}
