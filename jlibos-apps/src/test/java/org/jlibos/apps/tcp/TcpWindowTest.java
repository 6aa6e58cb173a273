package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Flow control: a receiver that stops reading, zero-window probes, and the window reopening. */
class TcpWindowTest {

    @Test
    void aZeroWindowIsProbedWithBackoffUntilTheReaderCatchesUp() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        long total = 200_000;
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(l, SOL_SOCKET, SO_RCVBUF, 16384); // doubled to 32 KiB, window scale 0
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            ctx.sleep(10 * S); // not reading: the window closes
            log.add("queued before reading " + sys.ioctl(c, SIOCINQ));
            byte[] buf = new byte[65536];
            long got = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                got += n;
            }
            log.add("server got " + got + " by " + ctx.now() / MS + " ms");
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            byte[] data = new byte[(int) total];
            int w = sys.write(s, data, 0, data.length);
            log.add("client wrote " + w + ", outq " + sys.ioctl(s, SIOCOUTQ));
            sys.close(s);
            return 0;
        });
        t.sim.runUntil(30 * S);
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.contains("server got " + total + " by 10050 ms") || log.get(2).startsWith("server got " + total),
                log.toString());
        // Zero-window probes: an ACK with snd_una - 1, repeated with exponential backoff.
        List<String> zero = t.traceMatching("< 5000>", " win 0");
        assertTrue(zero.size() >= 1, t.trace.toString());
        assertTrue(t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_WIN_PROBE) >= 3);
    }

    @Test
    void soSndbufBoundsWhatANonBlockingWriteTakes() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            sys.accept(l, null);
            ctx.sleep(100 * S);
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(s, SOL_SOCKET, SO_SNDBUF, 20000);
            log.add("SO_SNDBUF " + sys.getsockopt(s, SOL_SOCKET, SO_SNDBUF));
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.fcntl(s, F_SETFL, O_NONBLOCK);
            byte[] data = new byte[100_000];
            log.add("first write " + sys.write(s, data, 0, data.length));
            try {
                sys.write(s, data, 0, data.length);
            } catch (ErrnoException e) {
                log.add("second write " + e.errno());
            }
            log.add("POLLOUT " + ((TcpSocket.of(sys, s).pollEvents() & POLLOUT) != 0));
            return 0;
        });
        t.sim.runUntil(3 * S);
        assertEquals(List.of("SO_SNDBUF 40000", "first write 40000", "second write EAGAIN", "POLLOUT false"), log);
    }
}
