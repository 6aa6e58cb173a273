package org.jlibos.apps.iproute;

import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.wire.Ipv4Address;

/** How iproute2 names tables, scopes and prefixes in its output. */
final class IpNames {

    private IpNames() {
    }

    /** {@code rtnl_rttable_n2a}. */
    static String table(int id) {
        return switch (id) {
            case Route.TABLE_LOCAL -> "local";
            case Route.TABLE_MAIN -> "main";
            case Route.TABLE_DEFAULT -> "default";
            case 0 -> "unspec";
            default -> Integer.toUnsignedString(id);
        };
    }

    /** A route destination or rule selector: "default" for 0/0, no "/32" for host prefixes. */
    static String prefix(int address, int length) {
        if (length == 0 && address == 0) {
            return "default";
        }
        return length == 32 ? Ipv4Address.format(address) : Ipv4Address.format(address) + "/" + length;
    }
}
