package org.jlibos.apps.netcat;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.udp.Udp;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * {@code udpsend} (jlibos test tool): sends numbered UDP datagrams of a chosen size, for
 * fragmentation, path-MTU and loss tests.
 *
 * <pre>
 * udpsend HOST PORT [--size N] [--count N] [--interval DUR] [--df] [--bind ADDR] [--sport PORT] [--ttl N]
 * </pre>
 *
 * Defaults: 64-byte payloads, one datagram, 1 s apart (virtual time; DUR as "10ms", "1.5s"
 * or bare seconds). {@code --df} sets IP_MTU_DISCOVER to IP_PMTUDISC_DO, so datagrams larger
 * than the path MTU fail with EMSGSIZE instead of being fragmented. The payload's first four
 * bytes are the datagram's sequence number (from 0, big-endian), the rest a fixed pattern.
 * Prints {@code to 10.0.1.2:5000 len 4000} per datagram sent,
 * {@code udpsend: sendto: Message too long} per failure, and finally
 * {@code sent 10 datagrams, 40000 bytes} (plus {@code , 2 errors} if any). Exit status 0,
 * 1 when a send failed, 2 for usage errors.
 */
public final class UdpSend implements Program {

    private static final String USAGE =
            "usage: udpsend HOST PORT [--size N] [--count N] [--interval DUR] [--df] [--bind ADDR] [--sport PORT] [--ttl N]";

    @Override
    public int run(ProcessContext ctx) throws InterruptedException {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        List<String> args = ctx.args();
        String host = null;
        String portText = null;
        int size = 64;
        long count = 1;
        long interval = 1_000_000_000L;
        boolean df = false;
        String bind = null;
        int sport = 0;
        int ttl = -1;
        try {
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--size" -> size = (int) number(value(args, ++i, a), 0, Udp.MAX_PAYLOAD, a);
                    case "--count" -> count = number(value(args, ++i, a), 1, Long.MAX_VALUE, a);
                    case "--interval" -> interval = NetArgs.duration(value(args, ++i, a));
                    case "--df" -> df = true;
                    case "--bind" -> bind = value(args, ++i, a);
                    case "--sport" -> sport = (int) number(value(args, ++i, a), 1, 65535, a);
                    case "--ttl" -> ttl = (int) number(value(args, ++i, a), 1, 255, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (host == null) {
                            host = a;
                        } else if (portText == null) {
                            portText = a;
                        } else {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                    }
                }
            }
            if (portText == null) {
                throw new IllegalArgumentException("HOST and PORT are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("udpsend: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long dst = NetArgs.resolve(ctx, host);
        if (dst < 0) {
            err.println("udpsend: unknown host " + host);
            return 2;
        }
        int port = NetArgs.port(portText);
        if (port < 0) {
            err.println("udpsend: invalid port " + portText);
            return 2;
        }
        long src = 0;
        if (bind != null) {
            src = NetArgs.resolve(ctx, bind);
            if (src < 0) {
                err.println("udpsend: unknown host " + bind);
                return 2;
            }
        }
        Syscalls sys = ctx.sys();
        int fd;
        try {
            fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            if (df) {
                sys.setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
            }
            if (ttl > 0) {
                sys.setsockopt(fd, SOL_IP, IP_TTL, ttl);
            }
            if (src != 0 || sport != 0) {
                sys.bind(fd, new InetSockAddr((int) src, sport));
            }
        } catch (ErrnoException e) {
            err.println("udpsend: " + e.getMessage());
            return 1;
        }
        byte[] payload = new byte[size];
        for (int k = 4; k < size; k++) {
            payload[k] = (byte) ('a' + (k - 4) % 26);
        }
        InetSockAddr to = new InetSockAddr((int) dst, port);
        String target = Ipv4Address.format((int) dst) + ":" + port;
        long sent = 0;
        long bytes = 0;
        long errors = 0;
        for (long seq = 0; seq < count; seq++) {
            if (seq > 0) {
                ctx.sleep(interval);
            }
            for (int k = 0; k < 4 && k < size; k++) {
                payload[k] = (byte) (seq >>> (24 - 8 * k));
            }
            try {
                sys.sendTo(fd, payload, 0, size, 0, to);
                sent++;
                bytes += size;
                out.println("to " + target + " len " + size);
            } catch (ErrnoException e) {
                errors++;
                err.println("udpsend: " + e.getMessage());
            }
        }
        out.println("sent " + sent + " datagrams, " + bytes + " bytes" + (errors > 0 ? ", " + errors + " errors" : ""));
        return errors > 0 ? 1 : 0;
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    static long number(String text, long min, long max, String option) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for " + option);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + text + " for " + option + " out of range " + min + ".." + max);
        }
        return v;
    }
}
