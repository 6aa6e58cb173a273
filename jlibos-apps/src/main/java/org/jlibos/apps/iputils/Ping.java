package org.jlibos.apps.iputils;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import org.jlibos.apps.resolve.HostResolver;
import org.jlibos.apps.text.CFormat;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * iputils {@code ping} for IPv4, with its output: reply lines, ICMP error lines, and the
 * statistics block with {@code rtt min/avg/max/mdev} computed exactly as iputils does
 * (microsecond integers, integer square root).
 *
 * <pre>
 * ping [-c count] [-i interval] [-s size] [-t ttl] [-W timeout] [-w deadline] [-I iface|addr] [-q] [-n] destination
 * </pre>
 * Uses a raw ICMP socket (as iputils does when ping sockets are not allowed, Linux's default).
 * Exit status: 0 if a reply arrived, 1 if none did (or -w ran out first), 2 on errors.
 */
public final class Ping implements Program {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** iputils' MAXWAIT: how long to linger for replies after the last packet without -W. */
    private static final long DEFAULT_LINGER = 10 * SECOND;

    private static final class Options {
        long count = -1;
        long intervalNanos = SECOND;
        int size = 56;
        int ttl = -1;
        long timeoutNanos = -1;
        long deadlineNanos = -1;
        String iface;
        boolean quiet;
        String host;
    }

    @Override
    public int run(ProcessContext ctx) throws Exception {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        Options o = new Options();
        String problem = parse(ctx.args(), o);
        if (problem != null) {
            err.println("ping: " + problem);
            return 2;
        }
        long resolved = HostResolver.resolve(ctx, o.host);
        if (resolved < 0) {
            err.println("ping: " + o.host + ": Name or service not known");
            return 2;
        }
        int dst = (int) resolved;
        Syscalls sys = ctx.sys();

        int boundDevice = 0;
        int sourceAddress = 0;
        if (o.iface != null) {
            long a = Ipv4Address.tryParse(o.iface);
            if (a >= 0) {
                sourceAddress = (int) a;
            } else {
                NetDevice dev = ctx.kernel().device(o.iface);
                if (dev == null) {
                    err.println("ping: SO_BINDTODEVICE " + o.iface + ": No such device");
                    return 2;
                }
                boundDevice = dev.ifindex();
            }
        }
        // iputils finds the source address with a connected UDP probe socket first.
        int probe = sys.socket(AF_INET, SOCK_DGRAM, 0);
        try {
            if (boundDevice != 0) {
                sys.setsockopt(probe, SOL_SOCKET, SO_BINDTODEVICE, boundDevice);
            }
            if (sourceAddress != 0) {
                sys.bind(probe, new InetSockAddr(sourceAddress, 0));
            }
            sys.setsockopt(probe, SOL_SOCKET, SO_BROADCAST, 1);
            sys.connect(probe, new InetSockAddr(dst, 1025));
            sourceAddress = ((InetSockAddr) sys.getsockname(probe)).address();
        } catch (ErrnoException e) {
            err.println("ping: connect: " + e.errno().message);
            return 2;
        } finally {
            sys.close(probe);
        }

        int fd = sys.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
        if (o.ttl > 0) {
            sys.setsockopt(fd, SOL_IP, IP_TTL, o.ttl);
        }
        if (boundDevice != 0) {
            sys.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, boundDevice);
        } else if (o.iface != null) {
            // -I ADDRESS: the source is fixed, so policy rules keyed on it apply.
            sys.bind(fd, new InetSockAddr(sourceAddress, 0));
        }
        sys.setsockopt(fd, SOL_SOCKET, SO_BROADCAST, 1);
        int ident = ctx.pid() & 0xffff;

        String target = Ipv4Address.format(dst);
        if (o.iface != null) {
            out.printf("PING %s (%s) from %s %s: %d(%d) bytes of data.%n", o.host, target, Ipv4Address.format(sourceAddress),
                    boundDevice != 0 ? o.iface : "", o.size, o.size + 28);
        } else {
            out.printf("PING %s (%s) %d(%d) bytes of data.%n", o.host, target, o.size, o.size + 28);
        }

        long start = ctx.now();
        long[] sentAt = new long[o.count > 0 ? (int) Math.min(o.count + 1, 1 << 20) : 1 << 16];
        boolean[] answered = new boolean[sentAt.length];
        long transmitted = 0;
        long received = 0;
        long duplicates = 0;
        long errors = 0;
        long tmin = Long.MAX_VALUE;
        long tmax = 0;
        long tsum = 0;
        long tsum2 = 0;
        byte[] packet = new byte[IcmpV4Header.LENGTH + o.size];
        byte[] buf = new byte[65536];
        MessageInfo info = new MessageInfo();
        PollFd[] pfd = {new PollFd(fd, POLLIN)};
        long deadlineAt = o.deadlineNanos > 0 ? start + o.deadlineNanos : Long.MAX_VALUE;
        long nextSend = start;
        long lingerUntil = Long.MAX_VALUE;

        while (true) {
            long now = ctx.now();
            if (now >= deadlineAt) {
                break;
            }
            boolean sending = o.count < 0 || transmitted < o.count;
            if (!sending) {
                if (received + errors >= o.count) {
                    break;
                }
                if (lingerUntil == Long.MAX_VALUE) {
                    // iputils' __schedule_exit: with replies so far, wait max(2 * tmax, interval)
                    // for the rest; with none, the linger time (-W, default 10 s).
                    long wait = received > 0 ? Math.max(2 * tmax * 1000, o.intervalNanos)
                            : (o.timeoutNanos > 0 ? o.timeoutNanos : DEFAULT_LINGER);
                    lingerUntil = now + wait;
                }
                if (now >= lingerUntil) {
                    break;
                }
            }
            if (sending && now >= nextSend) {
                int seq = (int) ((transmitted + 1) & 0xffff);
                fillEcho(packet, ident, seq, now, o.size);
                try {
                    sys.sendTo(fd, packet, 0, packet.length, 0, new InetSockAddr(dst, 0));
                } catch (ErrnoException e) {
                    if (!o.quiet) {
                        out.println("ping: sendmsg: " + e.errno().message);
                    }
                    errors++;
                }
                transmitted++;
                sentAt[seq % sentAt.length] = now;
                answered[seq % sentAt.length] = false;
                nextSend = now + o.intervalNanos;
                continue;
            }
            long waitUntil = Math.min(deadlineAt, sending ? nextSend : lingerUntil);
            if (sys.poll(pfd, Math.max(0, waitUntil - now)) == 0) {
                continue;
            }
            int n = sys.recvFrom(fd, buf, 0, buf.length, 0, info);
            long arrived = ctx.now();
            int hl = Ipv4Header.headerLength(buf, 0);
            if (n < hl + IcmpV4Header.LENGTH) {
                continue;
            }
            int type = IcmpV4Header.type(buf, hl);
            if (type == IcmpV4Header.ECHO_REPLY) {
                if (IcmpV4Header.identifier(buf, hl) != ident) {
                    continue;
                }
                int seq = IcmpV4Header.sequence(buf, hl);
                int slot = seq % sentAt.length;
                long rttMicros = (arrived - sentAt[slot]) / 1000;
                boolean dup = answered[slot];
                if (dup) {
                    duplicates++;
                } else {
                    answered[slot] = true;
                    received++;
                }
                tsum += rttMicros;
                tsum2 += rttMicros * rttMicros;
                tmin = Math.min(tmin, rttMicros);
                tmax = Math.max(tmax, rttMicros);
                if (!o.quiet) {
                    out.printf("%d bytes from %s: icmp_seq=%d ttl=%d time=%s%s%n", n - hl, Ipv4Address.format(info.srcAddress),
                            seq, Ipv4Header.ttl(buf, 0), formatTripTime(rttMicros), dup ? " (DUP!)" : "");
                }
            } else if (IcmpV4Header.isError(type)) {
                int quoted = hl + IcmpV4Header.LENGTH;
                if (n < quoted + Ipv4Header.MIN_LENGTH + 8 || Ipv4Header.protocol(buf, quoted) != IPPROTO_ICMP) {
                    continue;
                }
                int qhl = Ipv4Header.headerLength(buf, quoted);
                int qicmp = quoted + qhl;
                if (Ipv4Header.dst(buf, quoted) != dst || IcmpV4Header.type(buf, qicmp) != IcmpV4Header.ECHO_REQUEST
                        || IcmpV4Header.identifier(buf, qicmp) != ident) {
                    continue;
                }
                errors++;
                if (!o.quiet) {
                    out.printf("From %s icmp_seq=%d %s%n", Ipv4Address.format(info.srcAddress),
                            IcmpV4Header.sequence(buf, qicmp), describeError(buf, hl));
                }
            }
        }
        sys.close(fd);

        long elapsedMs = (ctx.now() - start + 500_000) / MS;
        out.println();
        out.printf("--- %s ping statistics ---%n", o.host);
        StringBuilder stats = new StringBuilder();
        stats.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
        if (duplicates > 0) {
            stats.append(", +").append(duplicates).append(" duplicates");
        }
        if (errors > 0) {
            stats.append(", +").append(errors).append(" errors");
        }
        if (transmitted > 0) {
            float loss = (float) (((transmitted - received) * 100.0) / transmitted);
            stats.append(", ").append(CFormat.g(loss)).append("% packet loss, time ").append(elapsedMs).append("ms");
        }
        out.println(stats);
        if (received > 0) {
            long total = received + duplicates;
            long avg = tsum / total;
            long var = tsum < Integer.MAX_VALUE ? (tsum2 - (tsum * tsum) / total) / total : (tsum2 / total) - avg * avg;
            long mdev = (long) Math.floor(Math.sqrt((double) var));
            while (mdev * mdev > var) {
                mdev--;
            }
            while ((mdev + 1) * (mdev + 1) <= var) {
                mdev++;
            }
            out.printf("rtt min/avg/max/mdev = %d.%03d/%d.%03d/%d.%03d/%d.%03d ms%n", tmin / 1000, tmin % 1000,
                    avg / 1000, avg % 1000, tmax / 1000, tmax % 1000, mdev / 1000, mdev % 1000);
        }
        boolean failed = received == 0 || (o.deadlineNanos > 0 && o.count > 0 && received < o.count);
        return failed ? 1 : 0;
    }

    /** iputils' precision rule for {@code time=}: 3, 2, 1 or 0 decimals as the time grows. */
    static String formatTripTime(long us) {
        if (us >= 100000 - 50) {
            return (us + 500) / 1000 + " ms";
        }
        if (us >= 10000 - 5) {
            return (us + 50) / 1000 + "." + ((us + 50) % 1000) / 100 + " ms";
        }
        if (us >= 1000) {
            return String.format("%d.%02d ms", (us + 5) / 1000, ((us + 5) % 1000) / 10);
        }
        return String.format("%d.%03d ms", us / 1000, us % 1000);
    }

    private static void fillEcho(byte[] p, int ident, int seq, long now, int size) {
        IcmpV4Header.write(p, 0, IcmpV4Header.ECHO_REQUEST, 0, 0);
        IcmpV4Header.setIdentifier(p, 0, ident);
        IcmpV4Header.setSequence(p, 0, seq);
        for (int i = 0; i < size; i++) {
            p[IcmpV4Header.LENGTH + i] = (byte) i;
        }
        if (size >= 16) {
            // struct timeval of the send time, as iputils puts it in the payload.
            long sec = now / SECOND;
            long usec = (now % SECOND) / 1000;
            for (int i = 0; i < 8; i++) {
                p[IcmpV4Header.LENGTH + i] = (byte) (sec >>> (8 * i));
                p[IcmpV4Header.LENGTH + 8 + i] = (byte) (usec >>> (8 * i));
            }
        }
        IcmpV4Header.fillChecksum(p, 0, p.length);
    }

    private static String describeError(byte[] b, int icmp) {
        int type = IcmpV4Header.type(b, icmp);
        int code = IcmpV4Header.code(b, icmp);
        return switch (type) {
            case IcmpV4Header.DEST_UNREACHABLE -> switch (code) {
                case IcmpV4Header.UNREACH_NET -> "Destination Net Unreachable";
                case IcmpV4Header.UNREACH_HOST -> "Destination Host Unreachable";
                case IcmpV4Header.UNREACH_PROTOCOL -> "Destination Protocol Unreachable";
                case IcmpV4Header.UNREACH_PORT -> "Destination Port Unreachable";
                case IcmpV4Header.UNREACH_FRAG_NEEDED -> "Frag needed and DF set (mtu = " + IcmpV4Header.nextHopMtu(b, icmp) + ")";
                case IcmpV4Header.UNREACH_SOURCE_ROUTE_FAILED -> "Source Route Failed";
                case IcmpV4Header.UNREACH_NET_UNKNOWN -> "Destination Net Unknown";
                case IcmpV4Header.UNREACH_HOST_UNKNOWN -> "Destination Host Unknown";
                case IcmpV4Header.UNREACH_NET_PROHIBITED -> "Destination Net Prohibited";
                case IcmpV4Header.UNREACH_HOST_PROHIBITED -> "Destination Host Prohibited";
                case IcmpV4Header.UNREACH_ADMIN_PROHIBITED -> "Packet filtered";
                default -> "Dest Unreachable, Bad Code: " + code;
            };
            case IcmpV4Header.TIME_EXCEEDED -> code == IcmpV4Header.EXCEEDED_TTL ? "Time to live exceeded"
                    : "Frag reassembly time exceeded";
            case IcmpV4Header.PARAMETER_PROBLEM -> "Parameter problem: pointer = " + IcmpV4Header.pointer(b, icmp);
            default -> "Bad ICMP type: " + type;
        };
    }

    private static String parse(List<String> args, Options o) {
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1) {
                char flag = a.charAt(1);
                String value = a.length() > 2 ? a.substring(2) : null;
                switch (flag) {
                    case 'q' -> o.quiet = true;
                    case 'n' -> { }
                    case 'c', 'i', 's', 't', 'W', 'w', 'I' -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                return "option requires an argument -- '" + flag + "'";
                            }
                            value = args.get(++i);
                        }
                        String bad = option(o, flag, value);
                        if (bad != null) {
                            return bad;
                        }
                    }
                    default -> {
                        return "invalid option -- '" + flag + "'";
                    }
                }
            } else if (o.host == null) {
                o.host = a;
            } else {
                return "usage error: too many destinations";
            }
        }
        if (o.host == null) {
            return "usage error: Destination address required";
        }
        return null;
    }

    private static String option(Options o, char flag, String value) {
        try {
            switch (flag) {
                case 'c' -> {
                    o.count = Long.parseLong(value);
                    if (o.count <= 0) {
                        return "invalid argument: '" + value + "': out of range: 1 <= value <= 9223372036854775807";
                    }
                }
                case 'i' -> {
                    o.intervalNanos = new BigDecimal(value).multiply(BigDecimal.valueOf(SECOND)).longValueExact();
                    if (o.intervalNanos < 0) {
                        return "bad timing interval: " + value;
                    }
                }
                case 's' -> {
                    o.size = Integer.parseInt(value);
                    if (o.size < 0 || o.size > 65507) {
                        return "invalid argument: '" + value + "': out of range: 0 <= value <= 65507";
                    }
                }
                case 't' -> {
                    o.ttl = Integer.parseInt(value);
                    if (o.ttl < 1 || o.ttl > 255) {
                        return "invalid argument: '" + value + "': out of range: 0 <= value <= 255";
                    }
                }
                case 'W' -> o.timeoutNanos = new BigDecimal(value).multiply(BigDecimal.valueOf(SECOND)).longValue();
                case 'w' -> o.deadlineNanos = new BigDecimal(value).multiply(BigDecimal.valueOf(SECOND)).longValue();
                case 'I' -> o.iface = value;
                default -> { }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return "invalid argument: '" + value + "'";
        }
        return null;
    }
}
