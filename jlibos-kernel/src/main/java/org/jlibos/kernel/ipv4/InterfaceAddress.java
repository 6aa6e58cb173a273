package org.jlibos.kernel.ipv4;

import org.jlibos.kernel.route.Route;

/**
 * An IPv4 address configured on a device ({@code struct in_ifaddr}), as {@code ip addr} shows
 * it: {@code inet 10.0.1.1/24 brd 10.0.1.255 scope global eth0}.
 */
public record InterfaceAddress(int ifindex, int address, int prefixLength, int broadcast, Route.Scope scope,
                               String label, boolean secondary) {

    public int network() {
        return address & Route.mask(prefixLength);
    }

    public boolean contains(int other) {
        return (other & Route.mask(prefixLength)) == network();
    }
}
