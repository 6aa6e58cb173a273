package org.jlibos.dce.socket;

import static org.jlibos.kernel.socket.SocketConstants.SOL_IP;
import static org.jlibos.kernel.socket.SocketConstants.SOL_SOCKET;
import static org.jlibos.kernel.socket.SocketConstants.SOL_TCP;

import java.net.SocketException;
import java.net.SocketOptions;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.socket.Syscalls;

/**
 * The int options of {@link SocketOptions} (what Socket, ServerSocket and DatagramSocket hand a
 * SocketImpl / DatagramSocketImpl) as the kernel's options, with the value checks and messages
 * of the JDK's NioSocketImpl, and failed calls reported as Net.c's handleSocketError does.
 * SO_TIMEOUT is the kernel's SO_RCVTIMEO, in nanoseconds. Which options a socket supports is its
 * caller's.
 */
public final class LegacyOptions {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private LegacyOptions() {
    }

    /** The option's constant name and number, for error messages. */
    public static String name(int opt) {
        return constantName(opt) + " (0x" + Integer.toHexString(opt) + ")";
    }

    private static String constantName(int opt) {
        return switch (opt) {
            case SocketOptions.TCP_NODELAY -> "TCP_NODELAY";
            case SocketOptions.SO_BINDADDR -> "SO_BINDADDR";
            case SocketOptions.SO_REUSEADDR -> "SO_REUSEADDR";
            case SocketOptions.SO_REUSEPORT -> "SO_REUSEPORT";
            case SocketOptions.SO_BROADCAST -> "SO_BROADCAST";
            case SocketOptions.IP_MULTICAST_IF -> "IP_MULTICAST_IF";
            case SocketOptions.IP_MULTICAST_IF2 -> "IP_MULTICAST_IF2";
            case SocketOptions.IP_MULTICAST_LOOP -> "IP_MULTICAST_LOOP";
            case SocketOptions.IP_TOS -> "IP_TOS";
            case SocketOptions.SO_LINGER -> "SO_LINGER";
            case SocketOptions.SO_TIMEOUT -> "SO_TIMEOUT";
            case SocketOptions.SO_SNDBUF -> "SO_SNDBUF";
            case SocketOptions.SO_RCVBUF -> "SO_RCVBUF";
            case SocketOptions.SO_KEEPALIVE -> "SO_KEEPALIVE";
            case SocketOptions.SO_OOBINLINE -> "SO_OOBINLINE";
            default -> "option";
        };
    }

    /**
     * setsockopt(2) of {@code opt} on descriptor {@code fd}: any of the SocketOptions but
     * SO_BINDADDR, SO_OOBINLINE and the multicast ones.
     *
     * @throws SocketException for a value of the wrong type, a negative timeout, a buffer size
     *         below 1, or a failed call
     */
    public static void set(Syscalls sys, int fd, int opt, Object value) throws SocketException {
        KernelOption k = kernelOption(opt);
        long v = toKernel(opt, value);
        try {
            sys.setsockopt(fd, k.level(), k.name(), v);
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    /**
     * getsockopt(2) of {@code opt} on descriptor {@code fd}, or its bound address for SO_BINDADDR;
     * SO_LINGER off is Boolean.FALSE. Not for SO_TIMEOUT: sockets answer with the milliseconds
     * they were given.
     */
    public static Object get(Syscalls sys, int fd, int opt) throws SocketException {
        try {
            if (opt == SocketOptions.SO_BINDADDR) {
                return KernelAddresses.toInetAddress(((InetSockAddr) sys.getsockname(fd)).address());
            }
            KernelOption k = kernelOption(opt);
            long v = sys.getsockopt(fd, k.level(), k.name());
            return switch (kind(opt)) {
                case FLAG -> v != 0;
                case LINGER -> (int) v == -1 ? Boolean.FALSE : (Object) (int) v;
                default -> (int) v;
            };
        } catch (ErrnoException e) {
            throw SocketErrors.handleSocketError(e);
        }
    }

    public static boolean booleanValue(Object value, String desc) throws SocketException {
        if (!(value instanceof Boolean b)) {
            throw new SocketException("Bad value for " + desc);
        }
        return b;
    }

    private static int intValue(Object value, String desc) throws SocketException {
        if (!(value instanceof Integer i)) {
            throw new SocketException("Bad value for " + desc);
        }
        return i;
    }

    private enum Kind { FLAG, INT, BUFFER_SIZE, LINGER, TIMEOUT }

    private static Kind kind(int opt) {
        return switch (opt) {
            case SocketOptions.TCP_NODELAY, SocketOptions.SO_KEEPALIVE, SocketOptions.SO_REUSEADDR,
                    SocketOptions.SO_REUSEPORT, SocketOptions.SO_BROADCAST -> Kind.FLAG;
            case SocketOptions.IP_TOS -> Kind.INT;
            case SocketOptions.SO_SNDBUF, SocketOptions.SO_RCVBUF -> Kind.BUFFER_SIZE;
            case SocketOptions.SO_LINGER -> Kind.LINGER;
            case SocketOptions.SO_TIMEOUT -> Kind.TIMEOUT;
            default -> throw new IllegalArgumentException("no kernel option for " + name(opt));
        };
    }

    private static KernelOption kernelOption(int opt) {
        return switch (opt) {
            case SocketOptions.TCP_NODELAY -> new KernelOption(SOL_TCP, SocketConstants.TCP_NODELAY);
            case SocketOptions.SO_KEEPALIVE -> new KernelOption(SOL_SOCKET, SocketConstants.SO_KEEPALIVE);
            case SocketOptions.SO_REUSEADDR -> new KernelOption(SOL_SOCKET, SocketConstants.SO_REUSEADDR);
            case SocketOptions.SO_REUSEPORT -> new KernelOption(SOL_SOCKET, SocketConstants.SO_REUSEPORT);
            case SocketOptions.SO_BROADCAST -> new KernelOption(SOL_SOCKET, SocketConstants.SO_BROADCAST);
            case SocketOptions.IP_TOS -> new KernelOption(SOL_IP, SocketConstants.IP_TOS);
            case SocketOptions.SO_SNDBUF -> new KernelOption(SOL_SOCKET, SocketConstants.SO_SNDBUF);
            case SocketOptions.SO_RCVBUF -> new KernelOption(SOL_SOCKET, SocketConstants.SO_RCVBUF);
            case SocketOptions.SO_LINGER -> new KernelOption(SOL_SOCKET, SocketConstants.SO_LINGER);
            case SocketOptions.SO_TIMEOUT -> new KernelOption(SOL_SOCKET, SocketConstants.SO_RCVTIMEO);
            default -> throw new IllegalArgumentException("no kernel option for " + name(opt));
        };
    }

    private static long toKernel(int opt, Object value) throws SocketException {
        String desc = constantName(opt);
        return switch (kind(opt)) {
            case FLAG -> booleanValue(value, desc) ? 1 : 0;
            case INT -> intValue(value, desc);
            case BUFFER_SIZE -> {
                int size = intValue(value, desc);
                if (size <= 0) {
                    throw new SocketException(desc + " <= 0");
                }
                yield size;
            }
            // Socket.setSoLinger(false, n) passes Boolean.FALSE; the kernel's "off" is -1.
            case LINGER -> value instanceof Boolean b && !b ? -1 : intValue(value, desc);
            case TIMEOUT -> {
                int millis = intValue(value, desc);
                if (millis < 0) {
                    throw new SocketException("timeout < 0");
                }
                yield millis * NANOS_PER_MILLI;
            }
        };
    }
}
