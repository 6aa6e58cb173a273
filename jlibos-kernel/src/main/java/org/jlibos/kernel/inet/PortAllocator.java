package org.jlibos.kernel.inet;

import java.util.random.RandomGenerator;

import org.jlibos.kernel.Kernel;

/**
 * Ephemeral port choice ({@code inet_csk_get_port}/{@code udp_lib_get_port}): start at a
 * random offset in net.ipv4.ip_local_port_range and take the first free port, so ports look
 * like Linux's yet depend only on the seed.
 */
public final class PortAllocator {

    /** Whether a candidate port is free for the caller. */
    @FunctionalInterface
    public interface PortCheck {
        boolean isFree(int port);
    }

    private final Kernel kernel;
    private final RandomGenerator random;

    public PortAllocator(Kernel kernel, String stream) {
        this.kernel = kernel;
        this.random = kernel.host().random(stream);
    }

    /** A free port, or -1 when the range is exhausted (EADDRINUSE / EAGAIN). */
    public int allocate(PortCheck check) {
        int low = (int) kernel.sysctl().getLong("net.ipv4.ip_local_port_range", 0);
        int high = (int) kernel.sysctl().getLong("net.ipv4.ip_local_port_range", 1);
        int span = high - low + 1;
        if (span <= 0) {
            return -1;
        }
        int start = random.nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = low + (start + i) % span;
            if (check.isFree(port)) {
                return port;
            }
        }
        return -1;
    }
}
