package org.jlibos.dce.socket;

import static org.jlibos.kernel.socket.SocketConstants.IP_TOS;
import static org.jlibos.kernel.socket.SocketConstants.SOL_IP;
import static org.jlibos.kernel.socket.SocketConstants.SOL_SOCKET;
import static org.jlibos.kernel.socket.SocketConstants.SOL_TCP;
import static org.jlibos.kernel.socket.SocketConstants.SO_BROADCAST;
import static org.jlibos.kernel.socket.SocketConstants.SO_KEEPALIVE;
import static org.jlibos.kernel.socket.SocketConstants.SO_LINGER;
import static org.jlibos.kernel.socket.SocketConstants.SO_RCVBUF;
import static org.jlibos.kernel.socket.SocketConstants.SO_REUSEADDR;
import static org.jlibos.kernel.socket.SocketConstants.SO_REUSEPORT;
import static org.jlibos.kernel.socket.SocketConstants.SO_SNDBUF;
import static org.jlibos.kernel.socket.SocketConstants.TCP_KEEPCNT;
import static org.jlibos.kernel.socket.SocketConstants.TCP_KEEPIDLE;
import static org.jlibos.kernel.socket.SocketConstants.TCP_KEEPINTVL;
import static org.jlibos.kernel.socket.SocketConstants.TCP_NODELAY;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Map;

import jdk.net.ExtendedSocketOptions;

/**
 * {@link SocketOption}s (StandardSocketOptions and the TCP keep-alive ones of
 * ExtendedSocketOptions) as the kernel's options, with the value checks and conversions of the
 * JDK's sun.nio.ch.Net.setSocketOption. Which options a socket supports, and the check of the
 * value's type, are its caller's.
 */
public final class StandardOptions {

    private static final Map<SocketOption<?>, KernelOption> KERNEL = Map.ofEntries(
            Map.entry(StandardSocketOptions.SO_SNDBUF, new KernelOption(SOL_SOCKET, SO_SNDBUF)),
            Map.entry(StandardSocketOptions.SO_RCVBUF, new KernelOption(SOL_SOCKET, SO_RCVBUF)),
            Map.entry(StandardSocketOptions.SO_KEEPALIVE, new KernelOption(SOL_SOCKET, SO_KEEPALIVE)),
            Map.entry(StandardSocketOptions.SO_REUSEADDR, new KernelOption(SOL_SOCKET, SO_REUSEADDR)),
            Map.entry(StandardSocketOptions.SO_REUSEPORT, new KernelOption(SOL_SOCKET, SO_REUSEPORT)),
            Map.entry(StandardSocketOptions.SO_LINGER, new KernelOption(SOL_SOCKET, SO_LINGER)),
            Map.entry(StandardSocketOptions.SO_BROADCAST, new KernelOption(SOL_SOCKET, SO_BROADCAST)),
            Map.entry(StandardSocketOptions.IP_TOS, new KernelOption(SOL_IP, IP_TOS)),
            Map.entry(StandardSocketOptions.TCP_NODELAY, new KernelOption(SOL_TCP, TCP_NODELAY)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPIDLE, new KernelOption(SOL_TCP, TCP_KEEPIDLE)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPINTERVAL, new KernelOption(SOL_TCP, TCP_KEEPINTVL)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPCOUNT, new KernelOption(SOL_TCP, TCP_KEEPCNT)));

    private StandardOptions() {
    }

    public static KernelOption kernelOption(SocketOption<?> option) {
        KernelOption k = KERNEL.get(option);
        if (k == null) {
            throw new UnsupportedOperationException("socket option " + option.name());
        }
        return k;
    }

    /**
     * The setsockopt value for {@code value}, a Boolean or an Integer.
     *
     * @throws IllegalArgumentException for a negative buffer size or an IP_TOS outside 0..255
     */
    public static <T> long toKernel(SocketOption<T> option, T value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        int i = (Integer) value;
        if ((option == StandardSocketOptions.SO_RCVBUF || option == StandardSocketOptions.SO_SNDBUF) && i < 0) {
            throw new IllegalArgumentException("Invalid send/receive buffer size");
        }
        if (option == StandardSocketOptions.IP_TOS && (i < 0 || i > 255)) {
            throw new IllegalArgumentException("Invalid IP_TOS value");
        }
        // A negative linger disables it; the kernel's "off" is -1.
        return option == StandardSocketOptions.SO_LINGER ? (i < 0 ? -1 : Math.min(i, 65535)) : i;
    }

    /** The option's value from what getsockopt returned. */
    @SuppressWarnings("unchecked")
    public static <T> T fromKernel(SocketOption<T> option, long value) {
        if (option.type() == Boolean.class) {
            return (T) Boolean.valueOf(value != 0);
        }
        return (T) Integer.valueOf((int) value);
    }
}
