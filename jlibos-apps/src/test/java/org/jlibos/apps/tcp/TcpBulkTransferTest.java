package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.kernel.tcp.TcpTimeSeries;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/** Bulk data: exact byte counts and digests, scenario A's goodput, and a hostile path. */
class TcpBulkTransferTest {

    /** The link's best TCP goodput in the ns-3 reference (PPP framing), Mbit/s. */
    static final double MAX_GOODPUT_MBPS = 96.40;

    @Test
    void eightMegabytesArriveIntactOverA100MbitLink() throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms"));
        int total = 8 * 1024 * 1024;
        List<String> log = new ArrayList<>();
        byte[][] digests = new byte[2][];
        TcpNet.run(t.b, "sink", 0, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[100_000];
            long got = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                md.update(buf, 0, n);
                got += n;
            }
            digests[1] = md.digest();
            log.add("sink read " + got + " bytes, EOF at " + ctx.now() / MS + " ms");
            TcpInfo i = TcpSocket.of(sys, c).info();
            log.add("sink bytes_received " + i.bytesReceived + " segs_in " + i.segsIn);
            sys.close(c);
            return 0;
        });
        TcpNet.run(t.a, "source", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            long pos = 0;
            while (pos < total) {
                int len = (int) Math.min(buf.length, total - pos);
                Bulk.fill(buf, len, pos);
                // Writes of odd sizes, so segment and write boundaries never line up.
                int w = sys.write(s, buf, 0, Math.min(len, 40_000 + (int) (pos % 7919)));
                md.update(buf, 0, w);
                pos += w;
            }
            digests[0] = md.digest();
            log.add("source wrote " + pos + " bytes");
            TcpSocket socket = TcpSocket.of(sys, s);
            sys.close(s);
            ctx.sleep(S);
            log.add("source bytes_acked " + socket.info().bytesAcked + " state " + socket.state());
            return 0;
        });
        t.sim.runUntil(20 * S);
        assertEquals(4, log.size(), log.toString());
        assertTrue(log.contains("source wrote " + total + " bytes"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("sink read " + total + " bytes")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("sink bytes_received " + total + " ")), log.toString());
        // Every byte acknowledged, SYN and FIN included (as tcpi_bytes_acked counts them);
        // the active closer sits in TIME_WAIT.
        assertTrue(log.contains("source bytes_acked " + (total + 2) + " state TIME_WAIT"), log.toString());
        assertArrayEquals(digests[0], digests[1]);
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS));
        assertEquals(0, t.b.kernel().snmp().get(SnmpCounter.TCP_IN_ERRS));
    }

    private static Bulk scenarioA(String cc, int seconds) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms").withQueuePackets(100));
        t.a.kernel().tcp().setRecordTimeSeries(true);
        Bulk bulk = new Bulk(t, 5001);
        bulk.zeros = true;
        bulk.congestion = cc;
        bulk.start(0, S, -1, S + seconds * S);
        t.sim.runUntil((seconds + 5) * S);
        return bulk;
    }

    @Test
    void scenarioACubicGoodputIsWithinTwoPercentOfTheLinkMaximum() throws Exception {
        Bulk bulk = scenarioA("cubic", 60);
        double goodput = bulk.goodputMbps(0, 60);
        assertTrue(goodput >= 0.98 * MAX_GOODPUT_MBPS, "goodput " + goodput);
        assertEquals("cubic", bulk.senderInfo.congestionControl);
        // The device queue never overflows: TCP small queues keep ~1 ms of data in it.
        assertEquals(0, bulk.senderInfo.totalRetrans);
        TcpTimeSeries ts = bulk.senderSocket.timeSeries();
        assertTrue(ts.size() > 100, "samples " + ts.size());
        assertEquals(10, ts.cwnd(0));
        assertTrue(ts.srttMicros(ts.size() - 1) >= 20_000 && ts.srttMicros(ts.size() - 1) < 25_000,
                "srtt " + ts.srttMicros(ts.size() - 1));
    }

    @Test
    void scenarioARenoGoodputIsWithinTwoPercentOfTheLinkMaximum() throws Exception {
        Bulk bulk = scenarioA("reno", 60);
        double goodput = bulk.goodputMbps(0, 60);
        assertTrue(goodput >= 0.98 * MAX_GOODPUT_MBPS, "goodput " + goodput);
        assertEquals("reno", bulk.senderInfo.congestionControl);
    }

    @Test
    void aHostilePathDeliversEveryByteIntact() throws Exception {
        FaultSpec f = FaultSpec.NONE.withLoss(0.05).withDuplicate(0.01).withCorrupt(0.001)
                .withJitter(2 * MS, true);
        TcpNet t = new TcpNet(7, LinkSpec.of("100Mbps", "10ms").withQueuePackets(100).withFaults(f));
        Bulk bulk = new Bulk(t, 5001);
        long bytes = 4_000_000;
        bulk.start(0, S, bytes, 0);
        t.sim.runUntil(300 * S);
        assertEquals(bytes, bulk.sent);
        assertEquals(bytes, bulk.received);
        assertEquals(bulk.senderCrc, bulk.receiverCrc);
        assertTrue(bulk.receiverDoneAt > 0 && bulk.receiverDoneAt < 60 * S, "done at " + bulk.receiverDoneAt);
        // Corrupted segments were caught by the checksum and recovered like losses.
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_IN_CSUM_ERRORS) > 0);
        assertTrue(t.a.kernel().snmp().get(SnmpCounter.TCP_RETRANS_SEGS) > 100);
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_DSACK_OLD_SENT)
                + t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_DSACK_OFO_SENT) > 0, "duplicates are D-SACKed");
    }

    @Test
    void newRenoRecoversWithoutSack() throws Exception {
        FaultSpec f = FaultSpec.NONE.withLoss(0.02);
        TcpNet t = new TcpNet(3, LinkSpec.of("100Mbps", "10ms").withQueuePackets(100).withFaults(f));
        t.a.kernel().sysctl().set("net.ipv4.tcp_sack", "0");
        Bulk bulk = new Bulk(t, 5001);
        bulk.start(0, S, 2_000_000, 0);
        t.sim.runUntil(300 * S);
        assertEquals(2_000_000, bulk.received);
        assertEquals(bulk.senderCrc, bulk.receiverCrc);
        assertTrue(t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_RENO_RECOVERY) > 0);
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_SACK_RECOVERY));
        assertEquals(0, bulk.senderInfo.options & TcpInfo.OPT_SACK);
    }
}
