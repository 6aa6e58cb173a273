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
            log.add(errno(() -> sys.socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)));
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

    @Test
    void broadcastNeedsSoBroadcast() {
        List<String> log = new ArrayList<>();
        start("bcast", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int rx = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(rx, new InetSockAddr(0, 6500));
            int tx = sys.socket(AF_INET, SOCK_DGRAM, 0);
            InetSockAddr bcast = new InetSockAddr(0x7fffffff, 6500);
            log.add(errno(() -> sys.sendTo(tx, new byte[3], 0, 3, 0, bcast)));
            sys.setsockopt(tx, SOL_SOCKET, SO_BROADCAST, 1);
            log.add(errno(() -> sys.sendTo(tx, new byte[3], 0, 3, 0, bcast)));
            MessageInfo info = new MessageInfo();
            int n = sys.recvFrom(rx, new byte[10], 0, 10, 0, info);
            log.add(n + " bytes to " + (info.dstAddress == 0x7fffffff ? "127.255.255.255" : info.dstAddress));
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("EACCES", "ok", "3 bytes to 127.255.255.255"), log);
    }

    @Test
    void reusePortSpreadsFlowsAndKeepsEachFlowOnOneSocket() {
        List<String> log = new ArrayList<>();
        start("group", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int[] members = new int[4];
            for (int i = 0; i < members.length; i++) {
                members[i] = sys.socket(AF_INET, SOCK_DGRAM, 0);
                sys.setsockopt(members[i], SOL_SOCKET, SO_REUSEPORT, 1);
                sys.bind(members[i], new InetSockAddr(LOCALHOST, 6600));
            }
            int lone = sys.socket(AF_INET, SOCK_DGRAM, 0);
            log.add(errno(() -> sys.bind(lone, new InetSockAddr(LOCALHOST, 6600))));
            int[] senders = new int[16];
            for (int i = 0; i < senders.length; i++) {
                senders[i] = sys.socket(AF_INET, SOCK_DGRAM, 0);
                for (int k = 0; k < 3; k++) {
                    sys.sendTo(senders[i], new byte[] {(byte) i}, 0, 1, 0, new InetSockAddr(LOCALHOST, 6600));
                }
            }
            ctx.sleep(1_000_000);
            int used = 0;
            boolean flowsIntact = true;
            byte[] buf = new byte[4];
            for (int m : members) {
                int count = 0;
                java.util.Map<Integer, Integer> perFlow = new java.util.TreeMap<>();
                while (sys.ioctl(m, FIONREAD) > 0) {
                    sys.recv(m, buf, 0, 4, 0);
                    perFlow.merge((int) buf[0], 1, Integer::sum);
                    count++;
                }
                if (count > 0) {
                    used++;
                }
                for (int c : perFlow.values()) {
                    flowsIntact &= c == 3;
                }
            }
            log.add("sockets used " + used + ", flows intact " + flowsIntact);
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("EADDRINUSE", "sockets used 4, flows intact true"), log);
    }

    @Test
    void aFullReceiveBufferDropsAndCounts() {
        List<String> log = new ArrayList<>();
        start("flood", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int rx = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.setsockopt(rx, SOL_SOCKET, SO_RCVBUF, 8192); // doubled to 16384, as Linux does
            log.add("rcvbuf " + sys.getsockopt(rx, SOL_SOCKET, SO_RCVBUF));
            sys.bind(rx, new InetSockAddr(LOCALHOST, 6700));
            int tx = sys.socket(AF_INET, SOCK_DGRAM, 0);
            for (int i = 0; i < 100; i++) {
                sys.sendTo(tx, new byte[1000], 0, 1000, 0, new InetSockAddr(LOCALHOST, 6700));
            }
            ctx.sleep(1_000_000);
            int received = 0;
            while (sys.ioctl(rx, FIONREAD) > 0) {
                sys.recv(rx, new byte[2000], 0, 2000, 0);
                received++;
            }
            log.add("received " + received);
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        // Each datagram charges 1000 bytes + 256 of overhead: 13 fit in 16384.
        assertEquals(List.of("rcvbuf 16384", "received 13"), log);
        assertEquals(87, h1.kernel().snmp().get(SnmpCounter.UDP_RCVBUF_ERRORS));
        assertEquals(87, h1.kernel().snmp().get(SnmpCounter.UDP_IN_ERRORS));
    }

    @Test
    void pingSocketsNeedPingGroupRange() throws Exception {
        List<String> log = new ArrayList<>();
        h1.kernel().sysctl().set("net.ipv4.ping_group_range", "0 2147483647");
        start("dgramping", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
            byte[] req = new byte[16];
            IcmpV4Header.write(req, 0, IcmpV4Header.ECHO_REQUEST, 0, 0);
            IcmpV4Header.setSequence(req, 0, 9);
            sys.sendTo(fd, req, 0, req.length, 0, new InetSockAddr(LOCALHOST, 0));
            byte[] buf = new byte[64];
            MessageInfo info = new MessageInfo();
            int n = sys.recvFrom(fd, buf, 0, buf.length, 0, info);
            int ident = ((InetSockAddr) sys.getsockname(fd)).port();
            log.add("type " + IcmpV4Header.type(buf, 0) + " seq " + IcmpV4Header.sequence(buf, 0) + " len " + n
                    + " ident matches " + (IcmpV4Header.identifier(buf, 0) == ident));
            return 0;
        });
        sim.runUntil(1_000_000_000L);
        assertEquals(List.of("type 0 seq 9 len 16 ident matches true"), log);
    }
}
