package org.jlibos.apps.netcat;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
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
 * {@code udprecv} (jlibos test tool): receives UDP datagrams on a port and reports each.
 *
 * <pre>
 * udprecv PORT [--count N] [--timeout DUR] [--bind ADDR]
 * </pre>
 *
 * Prints {@code from 10.0.1.1:43512 len 4000} per datagram (the length of the whole
 * reassembled datagram) and, at the end, {@code received 10 datagrams, 40000 bytes}. It stops
 * after {@code --count} datagrams, or when none arrived for {@code --timeout} (an idle
 * timeout, virtual time; DUR as "10ms", "1.5s" or bare seconds); with neither it receives
 * until killed. Exit status 0, 1 when --count was not reached or a call failed, 2 for usage
 * errors.
 */
public final class UdpRecv implements Program {

    private static final String USAGE = "usage: udprecv PORT [--count N] [--timeout DUR] [--bind ADDR]";

    @Override
    public int run(ProcessContext ctx) {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        List<String> args = ctx.args();
        String portText = null;
        long count = -1;
        long timeout = 0;
        String bind = null;
        try {
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--count" -> count = UdpSend.number(UdpSend.value(args, ++i, a), 1, Long.MAX_VALUE, a);
                    case "--timeout" -> timeout = NetArgs.duration(UdpSend.value(args, ++i, a));
                    case "--bind" -> bind = UdpSend.value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--") || portText != null) {
                            throw new IllegalArgumentException(a.startsWith("--") ? "unknown option " + a : "unexpected argument '" + a + "'");
                        }
                        portText = a;
                    }
                }
            }
            if (portText == null) {
                throw new IllegalArgumentException("PORT is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("udprecv: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        int port = NetArgs.port(portText);
        if (port < 0) {
            err.println("udprecv: invalid port " + portText);
            return 2;
        }
        long address = 0;
        if (bind != null) {
            address = NetArgs.resolve(ctx, bind);
            if (address < 0) {
                err.println("udprecv: unknown host " + bind);
                return 2;
            }
        }
        Syscalls sys = ctx.sys();
        long received = 0;
        long bytes = 0;
        int status = 0;
        try {
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fd, new InetSockAddr((int) address, port));
            if (timeout > 0) {
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout);
            }
            byte[] buf = new byte[65536];
            MessageInfo from = new MessageInfo();
            while (count < 0 || received < count) {
                int n;
                try {
                    n = sys.recvFrom(fd, buf, 0, buf.length, MSG_TRUNC, from);
                } catch (ErrnoException e) {
                    if (e.errno() == Errno.EAGAIN) {
                        break;
                    }
                    throw e;
                }
                received++;
                bytes += n;
                out.println("from " + Ipv4Address.format(from.srcAddress) + ":" + from.srcPort + " len " + n);
            }
        } catch (ErrnoException e) {
            err.println("udprecv: " + e.getMessage());
            status = 1;
        }
        out.println("received " + received + " datagrams, " + bytes + " bytes");
        if (count > 0 && received < count) {
            status = 1;
        }
        return status;
    }
}
