package org.jlibos.apps.iproute;

/**
 * An {@code ip} command failed: the message iproute2 prints on stderr and the exit status it
 * returns. iproute2 uses three statuses: 1 for bad input it detects itself (a malformed
 * prefix, an unknown device), 2 when the kernel rejects a request ("RTNETLINK answers: ..."
 * or an extended-ack "Error: ..." message) and 255 ({@code exit(-1)}) for usage errors.
 */
final class IpException extends Exception {

    static final int BAD_INPUT = 1;
    static final int KERNEL = 2;
    static final int USAGE = 255;

    private final int status;

    IpException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** iproute2's NEXT_ARG() failure. */
    static IpException incomplete() {
        return new IpException(USAGE, "Command line is not complete. Try option \"help\"");
    }

    /**
     * iproute2's {@code invarg()}. Its messages often end with a newline of their own, which
     * is why the real tool prints an empty line after some of them.
     */
    static IpException invarg(String msg, String arg) {
        return new IpException(USAGE, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    /** iproute2's {@code duparg2()}: a second value for a positional argument. */
    static IpException duparg2(String key, String arg) {
        return new IpException(USAGE, "Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** iproute2's {@code duparg()}: a keyword given twice. */
    static IpException duparg(String key, String arg) {
        return new IpException(USAGE, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    static IpException noDevice(String name) {
        return new IpException(BAD_INPUT, "Cannot find device \"" + name + "\"");
    }

    /** A netlink request answered with an errno and no extended ack. */
    static IpException rtnetlink(org.jlibos.kernel.socket.Errno errno) {
        return new IpException(KERNEL, "RTNETLINK answers: " + errno.message);
    }

    /** A netlink request answered with an extended-ack message, as Linux 5.x+ gives. */
    static IpException extack(String message) {
        return new IpException(KERNEL, "Error: " + message);
    }

    /** A command of ours that jlibos's kernel cannot carry out: said plainly, never ignored. */
    static IpException unsupported(String what) {
        return new IpException(BAD_INPUT, "ip: " + what + " is not supported by jlibos");
    }
}
