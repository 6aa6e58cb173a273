package org.jlibos.apps.iproute;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Prefix;

/**
 * Parsing of the values {@code ip} commands take, failing with iproute2's messages and exit
 * statuses. Addresses are IPv4 dotted quads only (iproute2 also accepts abbreviated forms
 * such as "10/8"; jlibos does not).
 */
final class IpSyntax {

    private IpSyntax() {
    }

    /** {@code get_prefix()}: "A.B.C.D[/LEN]", or "default", "all", "any" for 0.0.0.0/0. */
    static Ipv4Prefix prefix(String text) throws IpException {
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return new Ipv4Prefix(0, 0);
        }
        try {
            return Ipv4Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IpException(IpException.BAD_INPUT, "Error: any valid prefix is expected rather than \"" + text + "\".");
        }
    }

    /** {@code get_addr()}: one IPv4 address. */
    static int address(String text) throws IpException {
        long a = Ipv4Address.tryParse(text);
        if (a < 0) {
            throw new IpException(IpException.BAD_INPUT, "Error: inet address is expected rather than \"" + text + "\".");
        }
        return (int) a;
    }

    /** The device called {@code name}, or iproute2's "Cannot find device". */
    static NetDevice device(Kernel kernel, String name) throws IpException {
        NetDevice dev = kernel.device(name);
        if (dev == null) {
            throw IpException.noDevice(name);
        }
        return dev;
    }

    /** A routing table: local, main, default or a number (iproute2's rt_tables names). */
    static int table(String text) throws IpException {
        switch (text) {
            case "local":
                return Route.TABLE_LOCAL;
            case "main":
                return Route.TABLE_MAIN;
            case "default":
                return Route.TABLE_DEFAULT;
            default:
                long id = unsigned(text);
                if (id <= 0 || id > Integer.MAX_VALUE) {
                    throw IpException.invarg("\"table\" value is invalid\n", text);
                }
                return (int) id;
        }
    }

    /** A decimal number 0..2^32-1 (iproute2's get_u32 with base 0 also takes hex; so do we). */
    static long unsigned(String text) {
        try {
            long v;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                v = Long.parseLong(text.substring(2), 16);
            } else {
                if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
                    return -1;
                }
                v = Long.parseLong(text);
            }
            return v >= 0 && v <= 0xffff_ffffL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
