package org.jlibos.kernel.icmp;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.wire.IcmpV4Header;

/**
 * Linux's {@code icmp_err_convert}: the errno an ICMP error maps to, and whether it is "hard"
 * (fatal), which decides if a connected UDP socket without IP_RECVERR hears of it.
 */
public final class IcmpErrors {

    private IcmpErrors() {
    }

    private static final Errno[] UNREACH_ERRNO = {
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT, Errno.ECONNREFUSED, Errno.EMSGSIZE,
        Errno.EOPNOTSUPP, Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENETUNREACH, Errno.ENETUNREACH,
        Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
        Errno.EHOSTUNREACH,
    };
    private static final boolean[] UNREACH_FATAL = {
        false, false, true, true, false, false, true, true, true, true, true, true, true, true, true, true,
    };

    public static Errno errno(int type, int code) {
        if (type == IcmpV4Header.DEST_UNREACHABLE && code >= 0 && code < UNREACH_ERRNO.length) {
            return UNREACH_ERRNO[code];
        }
        if (type == IcmpV4Header.PARAMETER_PROBLEM) {
            return Errno.EPROTO;
        }
        return Errno.EHOSTUNREACH;
    }

    public static boolean isFatal(int type, int code) {
        if (type == IcmpV4Header.DEST_UNREACHABLE && code >= 0 && code < UNREACH_FATAL.length) {
            return UNREACH_FATAL[code];
        }
        return type == IcmpV4Header.PARAMETER_PROBLEM;
    }
}
