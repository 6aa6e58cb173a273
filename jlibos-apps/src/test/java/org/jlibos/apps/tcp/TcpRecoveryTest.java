package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.jlibos.kernel.socket.SocketConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.sim.process.Program;
import org.junit.jupiter.api.Test;

/**
 * Loss detection and recovery in time, as Linux: RACK (RFC 8985) marks a hole lost once three
 * segments above it are SACKed, or after its reordering window (min_rtt/4 + 2 ms) when fewer
 * are; a tail loss probe (RFC 8985 §7) repairs a lost last segment without an RTO.
 */
class TcpRecoveryTest {

    /** 100 Mbit/s, 10 ms each way: RTT 20 ms, a 1448-byte segment takes 0.12 ms on the wire. */
    private static TcpNet pair(long bytes, List<String> log) throws Exception {
        TcpNet t = new TcpNet(1, LinkSpec.of("100Mbps", "10ms")).traced();
        TcpNet.run(t.b, "server", 0, sink(log));
        TcpNet.run(t.a, "client", S, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.connect(s, new InetSockAddr(TcpNet.B, 5000));
            sys.write(s, new byte[(int) bytes], 0, (int) bytes);
            ctx.sleep(5 * S);
            sys.close(s);
            return 0;
        });
        return t;
    }

    private static Program sink(List<String> log) {
        return ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.bind(l, new InetSockAddr(0, 5000));
            sys.listen(l, 8);
            int c = sys.accept(l, null);
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                total += n;
            }
            log.add("got " + total + " at " + ctx.now() / MS + " ms");
            return 0;
        };
    }

    /** Drops the {@code n}-th data segment a sends (1-based; an original, as n is small). */
    private static void dropNthDataSegment(TcpNet t, int n) {
        int[] seen = {0};
        t.dropFromA = line -> !line.contains("(0)") && ++seen[0] == n;
    }

    /** a's data segments after the drop: "ms flags length" (times in ms since the client started). */
    private static List<String> dataSegments(TcpNet t) {
        List<String> out = new ArrayList<>();
        for (String l : t.trace) {
            String[] f = l.split(" ");
            if (!f[1].equals("<") && !f[4].endsWith("(0)")) {
                double ms = (Double.parseDouble(f[0]) - 1) * 1000;
                out.add(String.format("%.3f %s %s %s", ms, f[1], f[3], f[4].substring(f[4].indexOf('('))));
            }
        }
        return out;
    }

    private static long counter(TcpNet t, SnmpCounter c) {
        return t.a.kernel().snmp().get(c);
    }

    /** The segments a sent after its first data, and the retransmissions, in order. */
    private static List<String> tail(List<String> segs, int skip) {
        return segs.subList(skip, segs.size());
    }

    @Test
    void threeSacksAboveAHoleRetransmitItAtOnce() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(10 * 1448, log);
        dropNthDataSegment(t, 1);
        t.sim.runUntil(10 * S);
        List<String> segs = dataSegments(t);
        assertEquals(12, segs.size(), segs.toString());
        // Ten segments leave 40.024..41.114 ms; the first is lost on the wire; SACKs for the
        // 2nd, 3rd and 4th arrive 60.272, 60.393, 60.515 ms: with three SACKed above it RACK's
        // reordering window is zero and the hole is resent on the third SACK.
        assertEquals(List.of("40.024 > . (1448)", "50.145 x . (1448)", "60.515 > . (1448)"),
                List.of(segs.get(0), segs.get(10), segs.get(11)));
        assertEquals(1, counter(t, SnmpCounter.TCP_EXT_TCP_SACK_RECOVERY));
        assertEquals(0, counter(t, SnmpCounter.TCP_EXT_TCP_TIMEOUTS));
        assertEquals(0, counter(t, SnmpCounter.TCP_EXT_TCP_LOSS_PROBES));
        assertEquals(1, counter(t, SnmpCounter.TCP_RETRANS_SEGS));
        assertEquals(List.of("got 14480 at 6050 ms"), log);
    }

    @Test
    void aLoneSackWaitsForTheReorderingWindow() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(2 * 1448, log);
        dropNthDataSegment(t, 1);
        t.sim.runUntil(10 * S);
        // The SACK for the second segment arrives at 60.272 ms. Both left TCP at 40.019 ms
        // (RACK orders equal send times by sequence), RACK.rtt = 20.254 ms, min_rtt/4 =
        // 5.063 ms: the first is lost once 25.317 ms have passed since it was sent; the
        // reorder timer is armed for the 5.063 ms left, rounded up to whole jiffies, + 2 ms.
        assertEquals(List.of("40.024 > . (1448)", "40.145 > P. (1448)", "50.145 x . (1448)", "68.272 > . (1448)"),
                dataSegments(t));
        assertEquals(1, counter(t, SnmpCounter.TCP_EXT_TCP_SACK_RECOVERY));
        assertEquals(0, counter(t, SnmpCounter.TCP_EXT_TCP_TIMEOUTS));
        assertEquals(List.of("got 2896 at 6050 ms"), log);
    }

    @Test
    void aLostLastSegmentIsRepairedByTheLossProbe() throws Exception {
        List<String> log = new ArrayList<>();
        TcpNet t = pair(10 * 1448, log);
        dropNthDataSegment(t, 10);
        List<TcpInfo> info = new ArrayList<>();
        t.at(3 * S, () -> info.add(t.a.kernel().tcp().sockets().get(0).info()));
        t.sim.runUntil(10 * S);
        // With one segment left the probe waits 2·SRTT + the minimum RTO, but not past the RTO:
        // it goes out when the RTO would have (head sent at 40.019 ms + RTO 228 ms) and resends
        // the last segment. No RTO: cwnd keeps its slow-start growth (10 + 9 ACKed) instead of
        // collapsing to one segment.
        assertEquals(List.of("51.235 x P. (1448)", "268.119 > P. (1448)"), tail(dataSegments(t), 10));
        assertEquals(1, counter(t, SnmpCounter.TCP_EXT_TCP_LOSS_PROBES));
        assertEquals(0, counter(t, SnmpCounter.TCP_EXT_TCP_TIMEOUTS));
        TcpInfo i = info.get(0);
        assertEquals(0, i.caState);
        assertEquals(Integer.MAX_VALUE, i.sndSsthresh);
        assertEquals(20, i.sndCwnd);
        assertEquals(1, i.totalRetrans);
        // Whether the probe repaired a loss shows only when an ACK goes past the probe's
        // snd_nxt (tcp_process_tlp_ack): here the FIN's, at 6.06 s; then cwnd is reduced once.
        assertEquals(1, counter(t, SnmpCounter.TCP_EXT_TCP_LOSS_PROBE_RECOVERY));
        assertEquals(List.of("got 14480 at 6050 ms"), log);
    }
}
