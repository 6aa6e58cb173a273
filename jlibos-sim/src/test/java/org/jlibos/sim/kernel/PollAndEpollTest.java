package org.jlibos.sim.kernel;

import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.Epoll;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.ProgramRegistry;
import org.junit.jupiter.api.Test;

/** poll and epoll (level- and edge-triggered, one-shot) over many UDP sockets on loopback. */
class PollAndEpollTest {

    private static final int LOCALHOST = 0x7f000001;
    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(SimulationConfig.withSeed(1), new ProgramRegistry());
    private final Node h1 = sim.addNode("h1");
    private final List<String> log = new ArrayList<>();

    private void start(String name, long at, Program p) {
        h1.install(name, p);
        h1.spawn(name, at, List.of(name), Map.of());
    }

    /** Sends one datagram to each port in {@code ports} at {@code at}, in order. */
    private void sendAt(long at, int... ports) {
        start("sender" + at, at, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            for (int port : ports) {
                sys.sendTo(fd, new byte[] {(byte) port}, 0, 1, 0, new InetSockAddr(LOCALHOST, port));
            }
            return 0;
        });
    }

    private static int[] bindMany(Syscalls sys, int count, int firstPort) throws ErrnoException {
        int[] fds = new int[count];
        for (int i = 0; i < count; i++) {
            fds[i] = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fds[i], new InetSockAddr(LOCALHOST, firstPort + i));
        }
        return fds;
    }

    @Test
    void pollWaitsForAnyOfManySocketsAndTimesOut() {
        start("poller", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int[] fds = bindMany(sys, 100, 7000);
            PollFd[] set = new PollFd[fds.length];
            for (int i = 0; i < fds.length; i++) {
                set[i] = new PollFd(fds[i], POLLIN);
            }
            int n = sys.poll(set, 5 * MS);
            log.add("timeout " + n + " at " + ctx.now());
            n = sys.poll(set, -1);
            StringBuilder ready = new StringBuilder();
            for (PollFd p : set) {
                if (p.revents != 0) {
                    ready.append(p.fd).append(':').append(p.revents).append(' ');
                }
            }
            log.add(n + " ready at " + ctx.now() + ": " + ready.toString().trim());
            return 0;
        });
        sendAt(10 * MS, 7042, 7099);
        sim.runUntil(1_000 * MS);
        // The poller runs as soon as the first datagram lands; the second is delivered after it.
        assertEquals(List.of("timeout 0 at 5000000", "1 ready at 10000000: 45:1"), log);
    }

    @Test
    void levelTriggeredKeepsReportingUntilDrained() {
        start("lt", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int[] fds = bindMany(sys, 3, 8000);
            int ep = sys.epollCreate();
            for (int i = 0; i < fds.length; i++) {
                sys.epollCtl(ep, EPOLL_CTL_ADD, fds[i], EPOLLIN, 100 + i);
            }
            Epoll.Event[] events = {new Epoll.Event(), new Epoll.Event(), new Epoll.Event()};
            int n = sys.epollWait(ep, events, 3, -1);
            log.add("first: " + describe(events, n) + " at " + ctx.now());
            ctx.sleep(2 * MS);
            n = sys.epollWait(ep, events, 3, 0);
            log.add("again without reading: " + describe(events, n));
            sys.recv(fds[1], new byte[10], 0, 10, 0);
            n = sys.epollWait(ep, events, 3, 0);
            log.add("after reading one: " + describe(events, n));
            return 0;
        });
        sendAt(3 * MS, 8001, 8002);
        sendAt(4 * MS, 8002);
        sim.runUntil(1_000 * MS);
        assertEquals(List.of("first: 101:1 at 3000000", "again without reading: 101:1 102:1", "after reading one: 102:1"), log);
    }

    @Test
    void edgeTriggeredReportsOncePerArrivalAndOneShotDisarms() {
        start("et", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int[] fds = bindMany(sys, 2, 9000);
            int ep = sys.epollCreate();
            sys.epollCtl(ep, EPOLL_CTL_ADD, fds[0], EPOLLIN | EPOLLET, 1);
            sys.epollCtl(ep, EPOLL_CTL_ADD, fds[1], EPOLLIN | EPOLLONESHOT, 2);
            Epoll.Event[] events = {new Epoll.Event(), new Epoll.Event()};
            int n = sys.epollWait(ep, events, 2, -1);
            log.add(describe(events, n) + " at " + ctx.now());
            ctx.sleep(MS);
            n = sys.epollWait(ep, events, 2, 0);
            log.add("later: " + describe(events, n));
            n = sys.epollWait(ep, events, 2, 0);
            log.add("no new arrival: " + describe(events, n));
            n = sys.epollWait(ep, events, 2, 50 * MS);
            log.add(describe(events, n) + " at " + ctx.now());
            sys.epollCtl(ep, EPOLL_CTL_MOD, fds[1], EPOLLIN | EPOLLONESHOT, 3);
            n = sys.epollWait(ep, events, 2, 0);
            log.add("re-armed: " + describe(events, n));
            try {
                sys.epollCtl(ep, EPOLL_CTL_ADD, fds[0], EPOLLIN, 9);
            } catch (ErrnoException e) {
                log.add(e.errno().name());
            }
            return 0;
        });
        sendAt(2 * MS, 9000, 9001);
        sendAt(20 * MS, 9000, 9001);
        sim.runUntil(1_000 * MS);
        assertEquals(List.of("1:1 at 2000000", "later: 2:1", "no new arrival: ", "1:1 at 20000000", "re-armed: 3:1", "EEXIST"), log);
    }

    private static String describe(Epoll.Event[] events, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(events[i].data).append(':').append(events[i].events);
        }
        return sb.toString();
    }
}
