package org.jlibos.apps.network;

import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Fragmentation, path MTU and link faults seen end to end through UDP sockets. */
class FragmentationAndFaultsTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int H2 = Ipv4Address.parse("10.0.3.2");

    private static SimProcess run(Node n, String name, long at, Program p) {
        n.install(name, p);
        return n.spawn(name, at, List.of(name), Map.of());
    }

    /** Payload byte i of datagram seq: recognisable, so any corruption shows. */
    private static byte pattern(int seq, int i) {
        return (byte) (seq * 31 + i * 7);
    }

    private static byte[] datagram(int seq, int size) {
        byte[] d = new byte[size];
        for (int i = 0; i < size; i++) {
            d[i] = pattern(seq, i);
        }
        d[0] = (byte) (seq >>> 24);
        d[1] = (byte) (seq >>> 16);
        d[2] = (byte) (seq >>> 8);
        d[3] = (byte) seq;
        return d;
    }

    private static int seqOf(byte[] d) {
        return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    }

    private static boolean intact(byte[] d, int n, int size) {
        if (n != size) {
            return false;
        }
        int seq = seqOf(d);
        for (int i = 4; i < size; i++) {
            if (d[i] != pattern(seq, i)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aDatagramLargerThanTheMtuIsFragmentedAndReassembled() throws Exception {
        ChainTopology t = new ChainTopology(LinkSpec.of("100Mbps", "1ms"));
        List<String> log = new ArrayList<>();
        run(t.h2, "recv", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fd, new InetSockAddr(0, 9000));
            byte[] buf = new byte[65536];
            int n = sys.recv(fd, buf, 0, buf.length, 0);
            log.add("received " + n + " bytes, intact " + intact(buf, n, 4000));
            return 0;
        });
        run(t.h1, "send", S, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            byte[] d = datagram(7, 4000);
            sys.sendTo(fd, d, 0, d.length, 0, new InetSockAddr(H2, 9000));
            return 0;
        });
        t.sim.runUntil(5 * S);
        assertEquals(List.of("received 4000 bytes, intact true"), log);
        Snmp sender = t.h1.kernel().snmp();
        Snmp receiver = t.h2.kernel().snmp();
        // 4008 bytes of UDP in 1480-byte pieces: 1480 + 1480 + 1048.
        assertEquals(1, sender.get(SnmpCounter.IP_FRAG_OKS));
        assertEquals(3, sender.get(SnmpCounter.IP_FRAG_CREATES));
        assertEquals(3, receiver.get(SnmpCounter.IP_REASM_REQDS));
        assertEquals(1, receiver.get(SnmpCounter.IP_REASM_OKS));
        assertEquals(3, t.r1.kernel().snmp().get(SnmpCounter.IP_FORW_DATAGRAMS));
    }

    @Test
    void dontFragmentAcrossASmallerMtuTeachesThePathMtu() throws Exception {
        LinkSpec fast = LinkSpec.of("100Mbps", "1ms");
        ChainTopology t = new ChainTopology(fast, fast, fast.withMtu(1280));
        List<String> log = new ArrayList<>();
        run(t.h2, "recv", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.bind(fd, new InetSockAddr(0, 9000));
            byte[] buf = new byte[65536];
            int n = sys.recv(fd, buf, 0, buf.length, 0);
            log.add("h2 received " + n);
            return 0;
        });
        run(t.h1, "send", S, ctx -> {
            Syscalls sys = ctx.sys();
            int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
            sys.connect(fd, new InetSockAddr(H2, 9000));
            log.add("path mtu " + sys.getsockopt(fd, SOL_IP, IP_MTU));
            sys.send(fd, new byte[1400], 0, 1400, 0);
            ctx.sleep(100 * MS);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    sys.send(fd, new byte[1400], 0, 1400, 0);
                    log.add("sent");
                } catch (ErrnoException e) {
                    log.add(e.errno().name());
                }
            }
            log.add("path mtu " + sys.getsockopt(fd, SOL_IP, IP_MTU));
            sys.send(fd, new byte[1200], 0, 1200, 0);
            return 0;
        });
        t.sim.runUntil(5 * S);
        // The first EMSGSIZE is the ICMP error reported on the socket; the second is the send
        // itself, now larger than the learned path MTU.
        assertEquals(List.of("path mtu 1500", "EMSGSIZE", "EMSGSIZE", "path mtu 1280", "h2 received 1200"), log);
        assertEquals(1, t.r2.kernel().snmp().get(SnmpCounter.IP_FRAG_FAILS));
        assertEquals(1, t.r2.kernel().snmp().get(SnmpCounter.ICMP_OUT_DEST_UNREACHS));
        assertEquals(1, t.h1.kernel().snmp().get(SnmpCounter.ICMP_IN_DEST_UNREACHS));
    }

    /** Two hosts on one link with faults; h1 sends {@code count} numbered datagrams to h2. */
    private static final class Flood {
        final Simulation sim = new Simulation(11);
        final Network net = new Network(sim);
        final Node h1 = sim.addNode("h1");
        final Node h2 = sim.addNode("h2");
        final PointToPointLink link;
        final List<Integer> arrivals = new ArrayList<>();
        int corruptDelivered;

        Flood(FaultSpec faults, int count, int size, long gapNanos) throws Exception {
            link = net.pointToPoint(h1, h2, LinkSpec.of("1Gbps", "1ms").withFaults(faults));
            ChainTopology.address(h1, "eth0", "10.0.1.1");
            ChainTopology.address(h2, "eth0", "10.0.1.2");
            int dst = Ipv4Address.parse("10.0.1.2");
            run(h2, "sink", 0, ctx -> {
                Syscalls sys = ctx.sys();
                int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, 4 << 20);
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, 2 * S);
                sys.bind(fd, new InetSockAddr(0, 9000));
                byte[] buf = new byte[2048];
                while (true) {
                    int n;
                    try {
                        n = sys.recv(fd, buf, 0, buf.length, 0);
                    } catch (ErrnoException e) {
                        return 0; // quiet for 2 s: done
                    }
                    if (intact(buf, n, size)) {
                        arrivals.add(seqOf(buf));
                    } else {
                        corruptDelivered++;
                    }
                }
            });
            run(h1, "source", S, ctx -> {
                Syscalls sys = ctx.sys();
                int fd = sys.socket(AF_INET, SOCK_DGRAM, 0);
                // Resolve ARP first so the flood is not queued behind it.
                sys.sendTo(fd, new byte[4], 0, 4, 0, new InetSockAddr(dst, 9));
                ctx.sleep(100 * MS);
                for (int seq = 0; seq < count; seq++) {
                    byte[] d = datagram(seq, size);
                    sys.sendTo(fd, d, 0, d.length, 0, new InetSockAddr(dst, 9000));
                    ctx.sleep(gapNanos);
                }
                return 0;
            });
            sim.runUntil(30 * S);
        }

        long distinct() {
            return arrivals.stream().distinct().count();
        }

        int inversions() {
            int n = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                if (arrivals.get(i) < arrivals.get(i - 1)) {
                    n++;
                }
            }
            return n;
        }
    }

    private static void assertWithin(double expected, double actual, double sigmas, double sd) {
        assertTrue(Math.abs(actual - expected) <= sigmas * sd,
                "measured " + actual + ", expected " + expected + " +- " + sigmas + " sigma (" + sd + ")");
    }

    @Test
    void lossMatchesTheConfiguredRate() throws Exception {
        int n = 20_000;
        Flood f = new Flood(FaultSpec.NONE.withLoss(0.02), n, 200, 10_000);
        double lost = n - f.distinct();
        assertWithin(0.02 * n, lost, 5, Math.sqrt(n * 0.02 * 0.98));
        assertEquals(n - (long) lost, f.arrivals.size(), "no duplicates without duplication");
        assertEquals((long) lost, f.link.forward().stats().lostRandom);
    }

    @Test
    void duplicatesMatchTheConfiguredRateAndReachTheSocket() throws Exception {
        int n = 20_000;
        Flood f = new Flood(FaultSpec.NONE.withDuplicate(0.01), n, 200, 10_000);
        assertEquals(n, f.distinct());
        double dups = f.arrivals.size() - n;
        assertWithin(0.01 * n, dups, 5, Math.sqrt(n * 0.01 * 0.99));
        assertEquals((long) dups, f.link.forward().stats().duplicated);
    }

    @Test
    void jitterReordersOnlyWhenAllowed() throws Exception {
        Flood ordered = new Flood(FaultSpec.NONE.withJitter(MS, false), 2_000, 200, 10_000);
        assertEquals(2_000, ordered.arrivals.size());
        assertEquals(0, ordered.inversions());
        Flood reordered = new Flood(FaultSpec.NONE.withJitter(MS, true), 2_000, 200, 10_000);
        assertEquals(2_000, reordered.arrivals.size());
        assertTrue(reordered.inversions() > 100, "inversions: " + reordered.inversions());
    }

    @Test
    void corruptedPacketsAreNeverDeliveredAndAllAreCounted() throws Exception {
        int n = 20_000;
        Flood f = new Flood(FaultSpec.NONE.withCorrupt(0.05), n, 200, 10_000);
        long corrupted = f.link.forward().stats().corrupted;
        assertWithin(0.05 * n, corrupted, 5, Math.sqrt(n * 0.05 * 0.95));
        assertEquals(0, f.corruptDelivered, "a corrupted datagram reached the socket");
        Snmp s = f.h2.kernel().snmp();
        // Every corrupted frame was caught: by the IP header checks (checksum, version, IHL) or
        // by UDP (checksum, or a length field that no longer fits the packet).
        long detected = s.get(SnmpCounter.IP_IN_HDR_ERRORS) + s.get(SnmpCounter.UDP_IN_ERRORS);
        assertEquals(corrupted, detected);
        assertTrue(s.get(SnmpCounter.UDP_IN_CSUM_ERRORS) > 0 && s.get(SnmpCounter.IP_EXT_IN_CSUM_ERRORS) > 0);
        assertEquals(n - corrupted, f.arrivals.size());
    }
}
