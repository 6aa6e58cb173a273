package org.jlibos.kernel;

import org.jlibos.kernel.host.KernelHost;
import org.jlibos.kernel.sysctl.SysctlTable;

/**
 * One instance of the jlibos kernel: the network stack of one host. Everything it knows of
 * the outside world comes through its {@link KernelHost}.
 *
 * <p>In this first stage the kernel holds its sysctl table; devices, neighbour tables,
 * routing, protocols and sockets are added by the network issues.
 */
public final class Kernel {

    private final KernelHost host;
    private final String hostname;
    private final SysctlTable sysctl = new SysctlTable();

    public Kernel(KernelHost host, String hostname) {
        this.host = host;
        this.hostname = hostname;
    }

    public KernelHost host() {
        return host;
    }

    /** {@code uname -n}: the node's name. */
    public String hostname() {
        return hostname;
    }

    public SysctlTable sysctl() {
        return sysctl;
    }
}
