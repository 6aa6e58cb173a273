package org.jlibos.sim.kernel;

import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** The kernel's socket layer over the loopback device of one simulated node. */
class LoopbackStackTest {

    private static final int LOCALHOST = 0x7f000001;

    private final Simulation sim = new Simulation(SimulationConfig.withSeed(1), new ProgramRegistry());
    private final Node h1 = sim.addNode("h1");

    private SimProcess start(String name, long at, Program p) {
        h1.install(name, p);
        return h1.spawn(name, at, List.of(name), Map.of());
    }

    @Test
    void udpOverLoopback() {
        List<String> log = new ArrayList<>();
        start("server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fd, new InetSockAddr(LOCALHOST, 5000));
            byte[] buf = new byte[100];
            MessageInfo info = new MessageInfo();
            int n = sys.recvFrom(fd, buf, 0, buf.length, 0, info);
            log.add("server got '" + new String(buf, 0, n, StandardCharsets.UTF_8) + "' from " + info.source() + " at " + ctx.now());
            sys.sendTo(fd, buf, 0, n, 0, info.source());
            return 0;
        });
        start("client", 1000, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            byte[] msg = "ping".getBytes(StandardCharsets.UTF_8);
            sys.sendTo(fd, msg, 0, msg.length, 0, new InetSockAddr(LOCALHOST, 5000));
            byte[] buf = new byte[100];
            int n = sys.recv(fd, buf, 0, buf.length, 0);
            log.add("client got '" + new String(buf, 0, n, StandardCharsets.UTF_8) + "' at " + ctx.now());
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(2, log.size(), log.toString());
        assertEquals(true, log.get(0).startsWith("server got 'ping' from 127.0.0.1:"), log.get(0));
        assertEquals("client got 'ping' at 1000", log.get(1));
        assertEquals(2, h1.kernel().snmp().get(SnmpCounter.UDP_IN_DATAGRAMS));
        assertEquals(2, h1.kernel().snmp().get(SnmpCounter.UDP_OUT_DATAGRAMS));
    }

    @Test
    void udpToAClosedPortIsRefusedOnAConnectedSocket() {
        List<String> log = new ArrayList<>();
        start("client", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.connect(fd, new InetSockAddr(LOCALHOST, 9));
            byte[] msg = new byte[10];
            sys.send(fd, msg, 0, msg.length, 0);
            ErrnoException e = assertThrows(ErrnoException.class, () -> sys.recv(fd, new byte[10], 0, 10, 0));
            log.add(e.getMessage());
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("recvfrom: Connection refused"), log);
        assertEquals(1, h1.kernel().snmp().get(SnmpCounter.UDP_NO_PORTS));
        assertEquals(1, h1.kernel().snmp().get(SnmpCounter.ICMP_OUT_DEST_UNREACHS));
    }

    @Test
    void rawIcmpEchoToLocalhost() {
        List<String> log = new ArrayList<>();
        start("ping", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
            byte[] req = new byte[64];
            IcmpV4Header.write(req, 0, IcmpV4Header.ECHO_REQUEST, 0, 0);
            IcmpV4Header.setIdentifier(req, 0, 77);
            IcmpV4Header.setSequence(req, 0, 1);
            IcmpV4Header.fillChecksum(req, 0, req.length);
            sys.sendTo(fd, req, 0, req.length, 0, new InetSockAddr(LOCALHOST, 0));
            byte[] buf = new byte[200];
            while (true) {
                int n = sys.recv(fd, buf, 0, buf.length, 0);
                int hl = Ipv4Header.headerLength(buf, 0);
                if (IcmpV4Header.type(buf, hl) == IcmpV4Header.ECHO_REPLY) {
                    log.add("reply id=" + IcmpV4Header.identifier(buf, hl) + " seq=" + IcmpV4Header.sequence(buf, hl)
                            + " bytes=" + (n - hl) + " ttl=" + Ipv4Header.ttl(buf, 0) + " at " + ctx.now());
                    return 0;
                }
            }
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("reply id=77 seq=1 bytes=64 ttl=64 at 0"), log);
    }

    @Test
    void socketErrorsHaveLinuxErrnos() {
        List<String> log = new ArrayList<>();
        start("errs", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int a = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(a, new InetSockAddr(0, 6000));
            int b = sys.socket(AF_INET, SOCK_DGRAM, 0);
            log.add(errno(() -> sys.bind(b, new InetSockAddr(0, 6000))));
            log.add(errno(() -> sys.bind(b, new InetSockAddr(0x0a000001, 6001))));
            log.add(errno(() -> sys.sendTo(b, new byte[1], 0, 1, 0, new InetSockAddr(0x0a000001, 1))));
            log.add(errno(() -> sys.send(b, new byte[1], 0, 1, 0)));
            log.add(errno(() -> sys.recv(99, new byte[1], 0, 1, 0)));
            sys.fcntl(b, F_SETFL, O_NONBLOCK);
            log.add(errno(() -> sys.recv(b, new byte[1], 0, 1, 0)));
            log.add(errno(() -> sys.socket(AF_INET, SOCK_STREAM, 0)));
            log.add(errno(() -> sys.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)));
            log.add("fd " + sys.socket(AF_INET, SOCK_DGRAM, 0));
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("EADDRINUSE", "EADDRNOTAVAIL", "ENETUNREACH", "EDESTADDRREQ", "EBADF", "EAGAIN",
                "EPROTONOSUPPORT", "EACCES", "fd 5"), log);
    }

    interface Call {
        void run() throws ErrnoException;
    }

    static String errno(Call c) {
        try {
            c.run();
            return "ok";
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }

    @Test
    void socketsCloseWhenTheProcessExits() {
        SimProcess p = start("binder", 0, ctx -> {
            int fd = ctx.sys().socket(AF_INET, SOCK_DGRAM, 0);
            ctx.sys().bind(fd, new InetSockAddr(0, 7000));
            return 0;
        });
        List<String> log = new ArrayList<>();
        start("rebinder", 10, ctx -> {
            int fd = ctx.sys().socket(AF_INET, SOCK_DGRAM, 0);
            log.add(errno(() -> ctx.sys().bind(fd, new InetSockAddr(0, 7000))));
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(0, p.exitStatus());
        assertEquals(List.of("ok"), log);
        assertEquals(Errno.EADDRINUSE.value, 98);
    }
}
