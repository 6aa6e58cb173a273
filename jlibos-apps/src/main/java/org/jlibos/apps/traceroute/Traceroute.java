package org.jlibos.apps.traceroute;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import org.jlibos.apps.resolve.HostResolver;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.UdpHeader;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * Linux {@code traceroute} (2.1) with its default UDP method and its output:
 *
 * <pre>
 * traceroute [-n] [-m max_ttl] [-f first_ttl] [-q nqueries] [-w waittime] [-p port] host [packetlen]
 *
 * traceroute to 10.0.3.2 (10.0.3.2), 30 hops max, 60 byte packets
 *  1  10.0.1.2 (10.0.1.2)  20.231 ms  20.231 ms  20.231 ms
 * </pre>
 * Probes are UDP datagrams to port 33434 upwards with increasing TTL, sent one at a time
 * (real traceroute overlaps up to 16; the output is the same); ICMP time exceeded names a hop,
 * port unreachable from the destination ends the trace. Hosts print as {@code addr (addr)}
 * since there is no reverse DNS; {@code !H}, {@code !N}, {@code !P}, {@code !X} mark
 * unreachables as traceroute does.
 */
public final class Traceroute implements Program {

    private static final long SECOND = 1_000_000_000L;

    @Override
    public int run(ProcessContext ctx) throws Exception {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        List<String> args = ctx.args();
        boolean numeric = false;
        int maxTtl = 30;
        int firstTtl = 1;
        int queries = 3;
        long waitNanos = 5 * SECOND;
        int port = 33434;
        String host = null;
        int packetLength = 60;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "-n" -> numeric = true;
                    case "-m" -> maxTtl = Integer.parseInt(args.get(++i));
                    case "-f" -> firstTtl = Integer.parseInt(args.get(++i));
                    case "-q" -> queries = Integer.parseInt(args.get(++i));
                    case "-w" -> waitNanos = new BigDecimal(args.get(++i)).multiply(BigDecimal.valueOf(SECOND)).longValue();
                    case "-p" -> port = Integer.parseInt(args.get(++i));
                    default -> {
                        if (a.startsWith("-")) {
                            err.println("Bad option `" + a + "' (argc " + i + ")");
                            return 2;
                        }
                        if (host == null) {
                            host = a;
                        } else {
                            packetLength = Integer.parseInt(a);
                        }
                    }
                }
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                err.println("Cannot handle `" + a + "' cmdline arg");
                return 2;
            }
        }
        if (host == null) {
            err.println("Specify \"host\" missing argument.");
            return 2;
        }
        if (firstTtl < 1 || firstTtl > maxTtl || maxTtl > 255 || queries < 1 || queries > 10) {
            err.println("first hop out of range");
            return 2;
        }
        long resolved = HostResolver.resolve(ctx, host);
        if (resolved < 0) {
            err.println(host + ": Name or service not known");
            err.println("Cannot handle \"host\" cmdline arg `" + host + "' on position 1 (argc 1)");
            return 2;
        }
        int dst = (int) resolved;
        int payload = Math.max(0, packetLength - Ipv4Header.MIN_LENGTH - UdpHeader.LENGTH);
        Syscalls sys = ctx.sys();
        int udp = sys.socket(AF_INET, SOCK_DGRAM, 0);
        int icmp = sys.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
        try {
            sys.connect(udp, new InetSockAddr(dst, port));
        } catch (ErrnoException e) {
            err.println("connect: " + e.errno().message);
            return 1;
        }
        int localPort = ((InetSockAddr) sys.getsockname(udp)).port();
        String target = Ipv4Address.format(dst);
        out.printf("traceroute to %s (%s), %d hops max, %d byte packets%n", host, target, maxTtl, packetLength);
        byte[] data = new byte[payload];
        for (int i = 0; i < payload; i++) {
            data[i] = (byte) (0x40 + i);
        }
        byte[] buf = new byte[2048];
        MessageInfo info = new MessageInfo();
        PollFd[] pfd = {new PollFd(icmp, POLLIN)};
        int probePort = port;
        boolean reached = false;
        for (int ttl = firstTtl; ttl <= maxTtl && !reached; ttl++) {
            StringBuilder line = new StringBuilder(String.format("%2d ", ttl));
            int lastHop = -1;
            int unreachables = 0;
            for (int q = 0; q < queries; q++) {
                int dport = probePort++;
                sys.setsockopt(udp, SOL_IP, IP_TTL, ttl);
                long sent = ctx.now();
                try {
                    sys.sendTo(udp, data, 0, data.length, 0, new InetSockAddr(dst, dport));
                } catch (ErrnoException e) {
                    line.append(" *");
                    continue;
                }
                long deadline = sent + waitNanos;
                boolean answered = false;
                while (!answered) {
                    long now = ctx.now();
                    if (now >= deadline || sys.poll(pfd, deadline - now) == 0) {
                        break;
                    }
                    int n = sys.recvFrom(icmp, buf, 0, buf.length, 0, info);
                    int hl = Ipv4Header.headerLength(buf, 0);
                    int quoted = hl + IcmpV4Header.LENGTH;
                    if (n < quoted + Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH) {
                        continue;
                    }
                    int type = IcmpV4Header.type(buf, hl);
                    if (type != IcmpV4Header.TIME_EXCEEDED && type != IcmpV4Header.DEST_UNREACHABLE) {
                        continue;
                    }
                    int qhl = Ipv4Header.headerLength(buf, quoted);
                    if (Ipv4Header.protocol(buf, quoted) != IPPROTO_UDP || Ipv4Header.dst(buf, quoted) != dst
                            || UdpHeader.srcPort(buf, quoted + qhl) != localPort || UdpHeader.dstPort(buf, quoted + qhl) != dport) {
                        continue;
                    }
                    answered = true;
                    long rtt = ctx.now() - sent;
                    int from = info.srcAddress;
                    if (from != lastHop) {
                        String addr = Ipv4Address.format(from);
                        line.append(' ').append(numeric ? addr : addr + " (" + addr + ")");
                        lastHop = from;
                    }
                    line.append(String.format("  %d.%03d ms", rtt / 1_000_000, (rtt % 1_000_000) / 1000));
                    if (type == IcmpV4Header.DEST_UNREACHABLE) {
                        int code = IcmpV4Header.code(buf, hl);
                        if (code == IcmpV4Header.UNREACH_PORT) {
                            reached = from == dst || reached;
                            reached = true;
                        } else {
                            unreachables++;
                            line.append(switch (code) {
                                case IcmpV4Header.UNREACH_NET -> " !N";
                                case IcmpV4Header.UNREACH_HOST -> " !H";
                                case IcmpV4Header.UNREACH_PROTOCOL -> " !P";
                                case IcmpV4Header.UNREACH_FRAG_NEEDED -> " !F-" + IcmpV4Header.nextHopMtu(buf, hl);
                                case IcmpV4Header.UNREACH_ADMIN_PROHIBITED -> " !X";
                                default -> " !<" + code + ">";
                            });
                        }
                    }
                }
                if (!answered) {
                    line.append(" *");
                }
            }
            out.println(line);
            if (unreachables > 0 && unreachables >= queries - 1) {
                break;
            }
        }
        sys.close(udp);
        sys.close(icmp);
        return 0;
    }
}
