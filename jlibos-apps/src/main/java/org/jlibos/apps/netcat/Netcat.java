package org.jlibos.apps.netcat;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * OpenBSD {@code nc} (Debian's netcat-openbsd), UDP subset.
 *
 * <pre>
 * nc -u [-v] [-n] [-4] [-s ADDR] [-p PORT] [-w SECS] [-q SECS] [-e TEXT [-c COUNT] [-i SECS]] HOST PORT
 * nc -u -l [-k] [-v] [-n] [-s ADDR] [-w SECS] [-W COUNT] [-e TEXT] [-p] PORT
 * </pre>
 *
 * Scenario processes have no standard input, so what nc would read from it is given on the
 * command line: {@code -e TEXT} (jlibos) is one datagram, with C escapes (\n, \t, \\, \xHH);
 * {@code -c COUNT} (jlibos) sends it COUNT times, {@code -i SECS} apart (nc's line interval;
 * 1 second by default), in virtual time.
 *
 * <p>Client: binds to -s/-p if given, connects, sends, then waits for replies for {@code -q}
 * seconds (or {@code -w} when -q is not given; without either it exits at once), printing
 * every datagram received to stdout; each reply restarts the wait. An ICMP port unreachable
 * answer ends it with "nc: write failed: Connection refused" or "nc: read failed: Connection
 * refused" and status 1.
 *
 * <p>Listener: prints each datagram's payload to stdout. As OpenBSD nc does, it connects to
 * the first sender and ignores other senders afterwards, unless {@code -k} keeps it
 * open to all. It exits after {@code -W COUNT} datagrams or when nothing arrived for
 * {@code -w} seconds (status 0); with neither it listens until killed. In listen mode
 * {@code -e TEXT} is sent back to the sender of every datagram received.
 *
 * <p>{@code -v} prints netcat-openbsd's "Bound on", "Connection received on" and
 * "Connection to ... succeeded!" lines on stderr. Host names are dotted quads, localhost or
 * the simulation's node names. TCP (no {@code -u}) is not supported yet.
 */
public final class Netcat implements Program {

    /** Options with a value, as in nc's getopt string. */
    private static final String WITH_VALUE = "psiwqeWcIMmOPTVXx";

    @Override
    public int run(ProcessContext ctx) throws InterruptedException {
        PrintStream err = ctx.err();
        boolean udp = false;
        boolean listen = false;
        boolean keep = false;
        boolean verbose = false;
        String source = null;
        String sourcePort = null;
        long idleTimeout = -1;
        long quitAfter = -1;
        long interval = 1_000_000_000L;
        int count = 1;
        int recvLimit = -1;
        byte[] text = null;
        List<String> operands = new ArrayList<>();
        List<String> args = ctx.args();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.length() == 1) {
                operands.add(a);
                continue;
            }
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                String value = null;
                if (WITH_VALUE.indexOf(c) >= 0) {
                    if (k + 1 < a.length()) {
                        value = a.substring(k + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        err.println("nc: option requires an argument -- '" + c + "'");
                        return usage(err);
                    }
                    k = a.length();
                }
                switch (c) {
                    case 'u' -> udp = true;
                    case 'l' -> listen = true;
                    case 'k' -> keep = true;
                    case 'v' -> verbose = true;
                    case 'n', '4', 'd', 'N' -> { }
                    case 's' -> source = value;
                    case 'p' -> sourcePort = value;
                    case 'w', 'q', 'i' -> {
                        long nanos = NetArgs.seconds(value);
                        if (nanos < 0) {
                            err.println("nc: " + (c == 'w' ? "timeout" : c == 'q' ? "quit timer" : "interval") + " "
                                    + value + " is invalid");
                            return 1;
                        }
                        if (c == 'w') {
                            idleTimeout = nanos;
                        } else if (c == 'q') {
                            quitAfter = nanos;
                        } else {
                            interval = nanos;
                        }
                    }
                    case 'e' -> text = NetArgs.unescape(value);
                    case 'c', 'W' -> {
                        if (value.isEmpty() || !value.chars().allMatch(Character::isDigit) || value.length() > 9) {
                            err.println("nc: " + (c == 'c' ? "count" : "receive limit") + " " + value + " is invalid");
                            return 1;
                        }
                        if (c == 'c') {
                            count = Integer.parseInt(value);
                        } else {
                            recvLimit = Integer.parseInt(value);
                        }
                    }
                    case '6', 'U', 'z', 'X', 'x', 'T', 'S', 'D', 'C', 'F', 'Z', 'I', 'O', 'M', 'm', 'P', 'V', 'b', 'r', 't' -> {
                        err.println("nc: option -" + c + " is not supported by jlibos");
                        return 1;
                    }
                    default -> {
                        err.println("nc: invalid option -- '" + c + "'");
                        return usage(err);
                    }
                }
            }
        }
        if (!udp) {
            err.println("nc: TCP is not supported by jlibos yet; use -u");
            return 1;
        }
        long bindAddress = 0;
        if (source != null) {
            bindAddress = NetArgs.resolve(ctx, source);
            if (bindAddress < 0) {
                err.println("nc: getaddrinfo for host \"" + source + "\" port " + (sourcePort == null ? "0" : sourcePort)
                        + ": Name or service not known");
                return 1;
            }
        }
        if (listen) {
            String portText = sourcePort;
            if (!operands.isEmpty()) {
                portText = operands.get(operands.size() - 1);
            }
            if (portText == null || operands.size() > 1) {
                return usage(err);
            }
            int port = NetArgs.port(portText);
            if (port < 0) {
                err.println("nc: port number invalid: " + portText);
                return 1;
            }
            return listen(ctx, (int) bindAddress, port, keep, verbose, idleTimeout, recvLimit, text);
        }
        if (operands.size() != 2) {
            return usage(err);
        }
        long host = NetArgs.resolve(ctx, operands.get(0));
        if (host < 0) {
            err.println("nc: getaddrinfo for host \"" + operands.get(0) + "\" port " + operands.get(1)
                    + ": Name or service not known");
            return 1;
        }
        int port = NetArgs.port(operands.get(1));
        if (port < 0) {
            err.println("nc: port number invalid: " + operands.get(1));
            return 1;
        }
        int localPort = 0;
        if (sourcePort != null) {
            localPort = NetArgs.port(sourcePort);
            if (localPort < 0) {
                err.println("nc: port number invalid: " + sourcePort);
                return 1;
            }
        }
        long wait = quitAfter >= 0 ? quitAfter : Math.max(0, idleTimeout);
        return client(ctx, (int) host, port, (int) bindAddress, localPort, verbose, text, count, interval, wait);
    }

    private static int client(ProcessContext ctx, int host, int port, int bindAddress, int localPort, boolean verbose,
                              byte[] text, int count, long interval, long wait) throws InterruptedException {
        Syscalls sys = ctx.sys();
        PrintStream err = ctx.err();
        int fd;
        try {
            fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            if (bindAddress != 0 || localPort != 0) {
                sys.bind(fd, new InetSockAddr(bindAddress, localPort));
            }
        } catch (ErrnoException e) {
            err.println("nc: bind failed: " + e.errno().message);
            return 1;
        }
        try {
            sys.connect(fd, new InetSockAddr(host, port));
        } catch (ErrnoException e) {
            err.println("nc: connect to " + Ipv4Address.format(host) + " port " + port + " (udp) failed: " + e.errno().message);
            return 1;
        }
        if (verbose) {
            err.println("Connection to " + Ipv4Address.format(host) + " " + port + " port [udp/*] succeeded!");
        }
        if (text != null) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    ctx.sleep(interval);
                }
                try {
                    sys.send(fd, text, 0, text.length, 0);
                } catch (ErrnoException e) {
                    err.println("nc: write failed: " + e.errno().message);
                    return 1;
                }
            }
        }
        byte[] buf = new byte[65536];
        while (wait > 0) {
            try {
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, wait);
                int n = sys.recv(fd, buf, 0, buf.length, 0);
                ctx.out().write(buf, 0, n);
                ctx.out().flush();
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    break;
                }
                err.println("nc: read failed: " + e.errno().message);
                return 1;
            }
        }
        return 0;
    }

    private static int listen(ProcessContext ctx, int bindAddress, int port, boolean keep, boolean verbose,
                              long idleTimeout, int recvLimit, byte[] reply) {
        Syscalls sys = ctx.sys();
        PrintStream err = ctx.err();
        int fd;
        try {
            fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fd, new InetSockAddr(bindAddress, port));
        } catch (ErrnoException e) {
            err.println("nc: " + e.errno().message);
            return 1;
        }
        if (verbose) {
            err.println("Bound on " + Ipv4Address.format(bindAddress) + " " + port);
        }
        byte[] buf = new byte[65536];
        MessageInfo from = new MessageInfo();
        boolean connected = false;
        int received = 0;
        try {
            if (idleTimeout > 0) {
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, idleTimeout);
            }
            while (recvLimit < 0 || received < recvLimit) {
                int n;
                try {
                    n = sys.recvFrom(fd, buf, 0, buf.length, 0, from);
                } catch (ErrnoException e) {
                    if (e.errno() == Errno.EAGAIN) {
                        break;
                    }
                    throw e;
                }
                received++;
                if (received == 1 && verbose) {
                    err.println("Connection received on " + Ipv4Address.format(from.srcAddress) + " " + from.srcPort);
                }
                if (!connected && !keep) {
                    sys.connect(fd, from.source());
                    connected = true;
                }
                ctx.out().write(buf, 0, n);
                ctx.out().flush();
                if (reply != null) {
                    sys.sendTo(fd, reply, 0, reply.length, 0, connected ? null : from.source());
                }
            }
        } catch (ErrnoException e) {
            err.println("nc: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static int usage(PrintStream err) {
        err.println("usage: nc -u [-klnv] [-c count] [-e text] [-i interval] [-p source_port]");
        err.println("\t  [-q seconds] [-s sourceaddr] [-W recvlimit] [-w timeout]");
        err.println("\t  [destination] [port]");
        return 1;
    }
}
