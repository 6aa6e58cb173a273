package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** PAWS, ECN echo, SO_REUSEPORT, soft ICMP errors and determinism. */
class TcpMiscTest {

    @Test
    void pawsDropsASegmentWithAnOldTimestamp() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        List<String> log = new ArrayList<>();
        TcpNet.run(t.b, "server", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[100];
            log.add("server read " + sys.read(c, buf, 0, 100));
            return 0;
        });
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            ctx.sleep(10 * S);
            sys.write(s, new byte[7], 0, 7);
            return 0;
        });
        // At 2 s: 10 bytes at exactly the right sequence number but a TSval 1000 ticks in the past.
        t.at(2 * S, () -> {
            int[] sa = t.lastSentSeqAck();
            String last = t.trace.get(t.trace.size() - 1);
            long tsval = Long.parseLong(last.substring(last.indexOf("TS val ") + 7, last.indexOf(" ecr")));
            TcpOptions o = new TcpOptions().setTimestamp((int) tsval - 1000, 0);
            t.injectNow(t.b, TcpNet.A, sa[2], TcpNet.B, 5000, sa[0], sa[1], TcpHeader.ACK | TcpHeader.PSH, 502, o, 10);
        });
        t.sim.runUntil(15 * S);
        assertEquals(List.of("server read 7"), log, "the old segment's 10 bytes were never delivered");
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_PAWS_ESTAB));
        // ... and it was answered with a duplicate ACK.
        assertEquals(1, t.traceMatching("2.010", "< 5000>").size(), t.trace.toString());
    }

    @Test
    void anEcnEchoHalvesTheWindowOnceAndTheSenderSignalsCwr() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        t.a.kernel().sysctl().set("net.ipv4.tcp_ecn", "1");
        Bulk bulk = new Bulk(t, 5001);
        bulk.zeros = true;
        bulk.start(0, S, -1, 3 * S);
        int[] cwnds = new int[2];
        // Mid-transfer the receiver (played by the test) echoes congestion with ECE.
        t.at(2 * S, () -> {
            TcpSocket s = bulk.senderSocket;
            cwnds[0] = s.info().sndCwnd;
            t.injectNow(t.a, TcpNet.B, 5001, TcpNet.A, s.localPort(), s.receiveNext(), s.sendUnacknowledged(),
                    TcpHeader.ACK | TcpHeader.ECE, 65535, null, 0);
            cwnds[1] = s.info().sndCwnd;
        });
        t.sim.runUntil(2 * S + 100 * MS);
        TcpInfo i = bulk.senderSocket.info();
        assertTrue((i.options & TcpInfo.OPT_ECN) != 0);
        assertTrue(t.trace.get(0).contains(" SEW "), t.trace.get(0)); // ECN-setup SYN
        assertTrue(t.trace.get(1).contains(" S.E "), t.trace.get(1)); // ECN-setup SYN-ACK (tcpdump's letters)
        assertTrue(t.traceMatching("> ", "[ecn 2]").size() > 100, "data carries ECT(0)");
        assertEquals(1, t.traceMatching("> ", ".W ").size(), "one CWR: " + t.traceMatching(".W ", "> "));
        assertEquals(cwnds[0] * 717 / 1024, i.sndSsthresh, "cubic's beta applied once: " + cwnds[0]);
    }

    @Test
    void soReuseportSpreadsConnectionsOverListeners() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        int[] accepted = new int[2];
        for (int k = 0; k < 2; k++) {
            int index = k;
            TcpNet.run(t.b, "server" + k, 0, ctx -> {
                Syscalls sys = ctx.sys();
                int l = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.setsockopt(l, SOL_SOCKET, SO_REUSEPORT, 1);
                sys.bind(l, new InetSockAddr(0, 5000));
                sys.listen(l, 64);
                while (true) {
                    int c = sys.accept(l, null);
                    accepted[index]++;
                    sys.close(c);
                }
            });
        }
        for (int i = 0; i < 20; i++) {
            TcpNet.run(t.a, "client" + i, S + i * MS, ctx -> {
                Syscalls sys = ctx.sys();
                int s = sys.socket(AF_INET, SOCK_STREAM, 0);
                sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
                sys.close(s);
                return 0;
            });
        }
        t.sim.runUntil(5 * S);
        assertEquals(20, accepted[0] + accepted[1]);
        assertTrue(accepted[0] > 2 && accepted[1] > 2, accepted[0] + "/" + accepted[1]);
    }

    @Test
    void aSoftIcmpErrorIsReportedWhenTheConnectionTimesOut() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        t.a.kernel().sysctl().set("net.ipv4.tcp_retries2", "3");
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
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            // From now on b's packets never reach a, and "host unreachable" comes back instead.
            t.net.setLinkUp(t.link, false);
            TcpSocket socket = TcpSocket.of(sys, s);
            sys.write(s, new byte[100], 0, 100);
            t.a.kernel().tcp().icmpError(3, 1, 0, quoteOf(socket), 0, 28);
            try {
                sys.read(s, new byte[1], 0, 1);
            } catch (ErrnoException e) {
                log.add(e.errno().name());
            }
            return 0;
        });
        t.sim.runUntil(60 * S);
        // Host unreachable is soft for an established connection: it is only the reason given
        // when retransmissions give up (tcp_retries2 = 3), instead of ETIMEDOUT.
        assertEquals(List.of("EHOSTUNREACH"), log);
    }

    /** The IP header and first 8 TCP bytes of a segment of {@code s}, as an ICMP error quotes them. */
    private static byte[] quoteOf(TcpSocket s) {
        byte[] q = new byte[28];
        org.jlibos.kernel.wire.Ipv4Header.write(q, 0, 0, 120, 1, true, 64, 6, s.localAddressValue(), s.remoteAddressValue());
        TcpHeader.setSrcPort(q, 20, s.localPort());
        TcpHeader.setDstPort(q, 20, s.remotePort());
        TcpHeader.setSeq(q, 20, s.sendUnacknowledged());
        return q;
    }

    @Test
    void runsAreDeterministic() throws Exception {
        long[] hashes = new long[3];
        for (int run = 0; run < 3; run++) {
            FaultSpec f = FaultSpec.NONE.withLoss(0.03).withDuplicate(0.01).withJitter(MS, true);
            TcpNet t = new TcpNet(run < 2 ? 11 : 12, LinkSpec.of("100Mbps", "10ms").withFaults(f));
            Bulk bulk = new Bulk(t, 5001);
            bulk.start(0, S, 500_000, 0);
            t.sim.runUntil(60 * S);
            assertEquals(500_000, bulk.received);
            hashes[run] = t.sim.traceHash() ^ bulk.receiverDoneAt ^ t.a.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS);
        }
        assertEquals(hashes[0], hashes[1], "same seed, same run");
        assertNotEquals(hashes[0], hashes[2], "another seed, another run");
    }
}
