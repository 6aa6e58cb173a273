package org.jlibos.packetdrill.run;

import java.util.Map;
import java.util.TreeMap;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.SocketConstants;

/**
 * The symbolic names scripts use, with their Linux x86-64 values (packetdrill's
 * {@code symbols_linux.c}; README §5.10). The socket API takes Linux numbers, so a name maps to
 * the number Linux gives it, whether or not the simulated kernel implements it yet.
 */
final class Symbols {

    private static final Map<String, Long> VALUES = new TreeMap<>();

    static {
        // Address families, socket types, protocols.
        put("AF_UNSPEC", SocketConstants.AF_UNSPEC);
        put("AF_INET", SocketConstants.AF_INET);
        put("AF_INET6", SocketConstants.AF_INET6);
        put("SOCK_STREAM", SocketConstants.SOCK_STREAM);
        put("SOCK_DGRAM", SocketConstants.SOCK_DGRAM);
        put("SOCK_RAW", SocketConstants.SOCK_RAW);
        put("SOCK_NONBLOCK", SocketConstants.SOCK_NONBLOCK);
        put("SOCK_CLOEXEC", SocketConstants.SOCK_CLOEXEC);
        put("IPPROTO_IP", SocketConstants.IPPROTO_IP);
        put("IPPROTO_ICMP", SocketConstants.IPPROTO_ICMP);
        put("IPPROTO_TCP", SocketConstants.IPPROTO_TCP);
        put("IPPROTO_UDP", SocketConstants.IPPROTO_UDP);
        put("IPPROTO_IPV6", SocketConstants.IPPROTO_IPV6);
        put("IPPROTO_ICMPV6", SocketConstants.IPPROTO_ICMPV6);
        put("IPPROTO_RAW", SocketConstants.IPPROTO_RAW);

        // Option levels.
        put("SOL_SOCKET", SocketConstants.SOL_SOCKET);
        put("SOL_IP", SocketConstants.SOL_IP);
        put("SOL_TCP", SocketConstants.SOL_TCP);
        put("SOL_UDP", SocketConstants.SOL_UDP);
        put("SOL_IPV6", 41);

        // SOL_SOCKET options.
        put("SO_REUSEADDR", SocketConstants.SO_REUSEADDR);
        put("SO_TYPE", SocketConstants.SO_TYPE);
        put("SO_ERROR", SocketConstants.SO_ERROR);
        put("SO_BROADCAST", SocketConstants.SO_BROADCAST);
        put("SO_SNDBUF", SocketConstants.SO_SNDBUF);
        put("SO_RCVBUF", SocketConstants.SO_RCVBUF);
        put("SO_KEEPALIVE", SocketConstants.SO_KEEPALIVE);
        put("SO_LINGER", SocketConstants.SO_LINGER);
        put("SO_REUSEPORT", SocketConstants.SO_REUSEPORT);
        put("SO_RCVTIMEO", SocketConstants.SO_RCVTIMEO);
        put("SO_SNDTIMEO", SocketConstants.SO_SNDTIMEO);
        put("SO_BINDTODEVICE", SocketConstants.SO_BINDTODEVICE);
        put("SO_ACCEPTCONN", SocketConstants.SO_ACCEPTCONN);
        put("SO_PROTOCOL", SocketConstants.SO_PROTOCOL);
        put("SO_DOMAIN", SocketConstants.SO_DOMAIN);
        put("SO_TIMESTAMPING", 37);
        put("SO_MARK", 36);
        put("SO_MEMINFO", 55);
        put("SO_INCOMING_CPU", 49);
        put("SO_ZEROCOPY", 60);

        // SOL_IP options.
        put("IP_TOS", SocketConstants.IP_TOS);
        put("IP_TTL", SocketConstants.IP_TTL);
        put("IP_HDRINCL", SocketConstants.IP_HDRINCL);
        put("IP_MTU_DISCOVER", SocketConstants.IP_MTU_DISCOVER);
        put("IP_RECVERR", SocketConstants.IP_RECVERR);
        put("IP_RECVTTL", SocketConstants.IP_RECVTTL);
        put("IP_MTU", SocketConstants.IP_MTU);
        put("IP_FREEBIND", 15);
        put("IP_PMTUDISC_DONT", SocketConstants.IP_PMTUDISC_DONT);
        put("IP_PMTUDISC_WANT", SocketConstants.IP_PMTUDISC_WANT);
        put("IP_PMTUDISC_DO", SocketConstants.IP_PMTUDISC_DO);
        put("IP_PMTUDISC_PROBE", SocketConstants.IP_PMTUDISC_PROBE);
        put("IPV6_RECVERR", 25);

        // SOL_TCP options (include/uapi/linux/tcp.h).
        put("TCP_NODELAY", SocketConstants.TCP_NODELAY);
        put("TCP_MAXSEG", SocketConstants.TCP_MAXSEG);
        put("TCP_CORK", SocketConstants.TCP_CORK);
        put("TCP_KEEPIDLE", SocketConstants.TCP_KEEPIDLE);
        put("TCP_KEEPINTVL", SocketConstants.TCP_KEEPINTVL);
        put("TCP_KEEPCNT", SocketConstants.TCP_KEEPCNT);
        put("TCP_SYNCNT", 7);
        put("TCP_LINGER2", 8);
        put("TCP_DEFER_ACCEPT", 9);
        put("TCP_WINDOW_CLAMP", 10);
        put("TCP_INFO", SocketConstants.TCP_INFO);
        put("TCP_QUICKACK", 12);
        put("TCP_CONGESTION", SocketConstants.TCP_CONGESTION);
        put("TCP_USER_TIMEOUT", SocketConstants.TCP_USER_TIMEOUT);
        put("TCP_FASTOPEN", 23);
        put("TCP_NOTSENT_LOWAT", 25);
        put("TCP_FASTOPEN_CONNECT", 30);
        put("TCP_FASTOPEN_KEY", 33);
        put("TCP_INQ", 36);
        put("TCP_CM_INQ", 36);

        // Message flags.
        put("MSG_OOB", 0x1);
        put("MSG_PEEK", SocketConstants.MSG_PEEK);
        put("MSG_TRUNC", SocketConstants.MSG_TRUNC);
        put("MSG_DONTWAIT", SocketConstants.MSG_DONTWAIT);
        put("MSG_EOR", 0x80);
        put("MSG_WAITALL", SocketConstants.MSG_WAITALL);
        put("MSG_ERRQUEUE", SocketConstants.MSG_ERRQUEUE);
        put("MSG_NOSIGNAL", SocketConstants.MSG_NOSIGNAL);
        put("MSG_MORE", 0x8000);
        put("MSG_ZEROCOPY", 0x4000000);
        put("MSG_FASTOPEN", 0x20000000);

        // fcntl, shutdown, ioctl.
        put("F_GETFL", SocketConstants.F_GETFL);
        put("F_SETFL", SocketConstants.F_SETFL);
        put("O_RDONLY", 0);
        put("O_WRONLY", 1);
        put("O_RDWR", 2);
        put("O_NONBLOCK", SocketConstants.O_NONBLOCK);
        put("SHUT_RD", SocketConstants.SHUT_RD);
        put("SHUT_WR", SocketConstants.SHUT_WR);
        put("SHUT_RDWR", SocketConstants.SHUT_RDWR);
        put("FIONREAD", SocketConstants.FIONREAD);
        put("SIOCINQ", SocketConstants.FIONREAD);
        put("SIOCOUTQ", 0x5411);
        put("SIOCOUTQNSD", 0x894B);

        // poll and epoll.
        put("POLLIN", SocketConstants.POLLIN);
        put("POLLPRI", SocketConstants.POLLPRI);
        put("POLLOUT", SocketConstants.POLLOUT);
        put("POLLERR", SocketConstants.POLLERR);
        put("POLLHUP", SocketConstants.POLLHUP);
        put("POLLNVAL", SocketConstants.POLLNVAL);
        put("POLLRDHUP", SocketConstants.POLLRDHUP);
        put("EPOLLIN", SocketConstants.EPOLLIN);
        put("EPOLLOUT", SocketConstants.EPOLLOUT);
        put("EPOLLERR", SocketConstants.EPOLLERR);
        put("EPOLLHUP", SocketConstants.EPOLLHUP);
        put("EPOLLRDHUP", SocketConstants.EPOLLRDHUP);
        put("EPOLLET", SocketConstants.EPOLLET & 0xffffffffL);
        put("EPOLLONESHOT", SocketConstants.EPOLLONESHOT);
        put("EPOLLEXCLUSIVE", 1L << 28);
        put("EPOLL_CTL_ADD", SocketConstants.EPOLL_CTL_ADD);
        put("EPOLL_CTL_DEL", SocketConstants.EPOLL_CTL_DEL);
        put("EPOLL_CTL_MOD", SocketConstants.EPOLL_CTL_MOD);

        // Errno names, with Linux's aliases.
        for (Errno e : Errno.values()) {
            put(e.name(), e.value);
        }
        put("EWOULDBLOCK", Errno.EAGAIN.value);
        put("ENOTSUP", Errno.EOPNOTSUPP.value);
        put("EDEADLOCK", 35);
        put("ENOMSG", 42);

        put("NULL", 0);
    }

    private Symbols() {
    }

    private static void put(String name, long value) {
        VALUES.put(name, value);
    }

    /** The value of {@code name}, or null when packetdrill-on-Linux would not know it either. */
    static Long value(String name) {
        return VALUES.get(name);
    }

    /** The errno name Linux uses for {@code value} (EAGAIN rather than EWOULDBLOCK). */
    static String errnoName(int value) {
        Errno e = Errno.of(value);
        return e != null ? e.name() : "errno " + value;
    }

    /** strerror(3) text for {@code value}. */
    static String strerror(int value) {
        Errno e = Errno.of(value);
        return e != null ? e.message : "Unknown error " + value;
    }
}
