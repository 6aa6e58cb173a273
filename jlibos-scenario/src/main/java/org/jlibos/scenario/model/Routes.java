package org.jlibos.scenario.model;

/** Which routes nodes get besides the connected ones their addresses create. */
public enum Routes {
    /** Only connected routes; scenarios add others with {@code ip route add} (the default). */
    NONE,
    /**
     * Static shortest-path routes for every node to every subnet, computed on demand by
     * {@code org.jlibos.net.routing.GlobalRouting} after the network is built.
     */
    AUTO
}
