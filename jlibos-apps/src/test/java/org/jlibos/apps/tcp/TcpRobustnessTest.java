package org.jlibos.apps.tcp;

import static org.jlibos.apps.tcp.TcpNet.MS;
import static org.jlibos.apps.tcp.TcpNet.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.net.topology.LinkSpec;
import org.junit.jupiter.api.Test;

/**
 * Mutated segments (bad flag combinations, sequence and acknowledgment numbers anywhere, garbage
 * options, truncated headers) aimed at a listening socket and at an established connection
 * carrying a bulk transfer: nothing throws, and the transfer completes byte-exact.
 */
class TcpRobustnessTest {

    @Test
    void mutatedSegmentsNeitherCrashTheStackNorBreakAHealthyConnection() throws Exception {
        // 200 mutated segments every millisecond for 5 s, a million in all: first against the running
        // transfer, then against the listener and the closed connection's TIME_WAIT.
        Flood f = flood(5000, 200);
        TcpNet t = f.net;
        assertEquals(1_000_000, f.injected);
        assertEquals(3_000_000, f.bulk.received);
        assertEquals(f.bulk.senderCrc, f.bulk.receiverCrc);
        // Most mutants reached TCP (some died in IP); half of those failed the checksum.
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_IN_SEGS) > 750_000);
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_IN_CSUM_ERRORS) > 250_000);
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_CHALLENGE_ACK)
                + t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_ACK_SKIPPED_CHALLENGE) > 0);
    }

    /**
     * Five times denser, all of it while the transfer runs: b's SYN queue overflows into SYN
     * cookies, and thousands of SYNs, SYN-ACKs and stray ACKs hit the live 4-tuple. Once both ends
     * are synchronized none of that may reset it (RFC 5961: a SYN gets a challenge ACK; the
     * listener never sees the 4-tuple). This used to fail: the first burst landed while b still
     * held the connection as a SYN_RECV request, and an in-window SYN there aborts it (as in
     * Linux), so the mutator now only aims at the live 4-tuple once b has accepted it.
     */
    @Test
    void aDenseFloodDuringTheTransferNeitherResetsNorCorruptsIt() throws Exception {
        Flood f = flood(1000, 1000);
        TcpNet t = f.net;
        assertEquals(1_000_000, f.injected);
        assertEquals(3_000_000, f.bulk.received);
        assertEquals(f.bulk.senderCrc, f.bulk.receiverCrc);
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_ESTAB_RESETS));
        // b's listener never answered a SYN on the live 4-tuple with a (cookie) SYN-ACK.
        assertEquals(0, t.a.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE));
        assertEquals(1, t.b.kernel().snmp().get(SnmpCounter.TCP_PASSIVE_OPENS));
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_SYNCOOKIES_SENT) > 1000);
        assertTrue(t.b.kernel().snmp().get(SnmpCounter.TCP_EXT_TCP_SYN_CHALLENGE) > 1000);
    }

    private record Flood(TcpNet net, Bulk bulk, int injected) {
    }

    /** A 3 MB transfer a to b from 1 s, with {@code perMs} mutants every ms for {@code ms} ms from 1.05 s. */
    private static Flood flood(int ms, int perMs) throws Exception {
        TcpNet t = new TcpNet(5, LinkSpec.of("100Mbps", "10ms"));
        Bulk bulk = new Bulk(t, 5001);
        bulk.start(0, S, 3_000_000, 0);
        SplittableRandom random = new SplittableRandom(42);
        int[] injected = new int[1];
        for (int i = 0; i < ms; i++) {
            t.at(S + 50 * MS + i * MS, () -> {
                for (int k = 0; k < perMs; k++) {
                    injectMutant(t, random, bulk);
                    injected[0]++;
                }
            });
        }
        t.sim.runUntil(60 * S);
        return new Flood(t, bulk, injected[0]);
    }

    /**
     * A segment towards b: to the sink's listening port or to the live connection's port pair,
     * with mutated fields; half of them get a correct checksum so they reach TCP's logic.
     */
    private static void injectMutant(TcpNet t, SplittableRandom r, Bulk bulk) {
        Kernel k = t.b.kernel();
        int optLen = r.nextInt(11) * 4;
        int payload = r.nextInt(4) == 0 ? r.nextInt(1500) : 0;
        int tcpLen = 20 + optLen + payload;
        PacketBuffer f = new PacketBuffer(0, EthernetHeader.LENGTH + 20 + tcpLen);
        int off = f.put(EthernetHeader.LENGTH + 20 + tcpLen);
        byte[] b = f.array();
        EthernetHeader.write(b, off, k.device("eth0").mac(), 0x020000000099L, EthernetHeader.ETHERTYPE_IPV4);
        int ip = off + EthernetHeader.LENGTH;
        int srcPort;
        int dstPort = 5001;
        // The live 4-tuple only once b has accepted it: until a's third ACK arrives b holds a SYN_RECV
        // request, and an in-window SYN legitimately aborts that (RFC 9293 §3.10.7.4, Linux's
        // tcp_check_req), after which b's listener resets a's established end.
        boolean live = r.nextBoolean() && bulk.senderSocket != null && bulk.receiverSocket != null;
        srcPort = live ? bulk.senderSocket.localPort() : 1024 + r.nextInt(60000);
        int tp = ip + 20;
        int seq = r.nextInt();
        int ack = r.nextInt();
        int flags = r.nextInt(256);
        if (live && r.nextBoolean()) {
            // Near the live sequence space, so windows, PAWS and RFC 5961 checks are exercised.
            seq = bulk.senderSocket.sendUnacknowledged() + r.nextInt(400_000) - 200_000;
            ack = bulk.senderSocket.receiveNext() + r.nextInt(400_000) - 200_000;
        }
        TcpHeader.write(b, tp, srcPort, dstPort, seq, ack, 20 + optLen, flags, r.nextInt(65536));
        for (int i = 0; i < optLen + payload; i++) {
            b[tp + 20 + i] = (byte) r.nextInt(256);
        }
        if (optLen > 0 && r.nextBoolean()) {
            // Plausible options: timestamps, SACK blocks, MSS, window scale with odd values.
            int o = tp + 20;
            int kind = new int[] {2, 3, 4, 5, 8, 1, 0, 34, 254}[r.nextInt(9)];
            b[o] = (byte) kind;
            b[o + 1] = (byte) (r.nextInt(12));
        }
        int totalTcp = tcpLen;
        if (r.nextInt(10) == 0) {
            // Truncated: the IP length cuts into the TCP header or its options.
            totalTcp = r.nextInt(tcpLen + 1);
        }
        if (r.nextInt(8) == 0) {
            b[tp + 12] = (byte) (r.nextInt(16) << 4); // any data offset, including < 5 and > length
        }
        Ipv4Header.write(b, ip, r.nextInt(4), 20 + totalTcp, 1, true, 64, 6, TcpNet.A, TcpNet.B);
        f.trim(EthernetHeader.LENGTH + 20 + totalTcp);
        // A valid checksum makes the mutant count. On the live connection that excludes what any
        // in-window segment may legitimately do (new data, a FIN, a RST at exactly rcv_nxt):
        // those are an attacker who knows the sequence space, not a robustness problem.
        // Data is whatever lies past the data offset as finally written: a shrunk offset turns option
        // bytes into payload.
        int headerLength = ((b[tp + 12] & 0xff) >> 4) * 4;
        boolean carriesData = headerLength >= 20 && totalTcp > headerLength;
        boolean harmless = !live || (!carriesData && (flags & (TcpHeader.FIN | TcpHeader.RST)) == 0);
        if (r.nextBoolean() && totalTcp >= 20 && harmless) {
            TcpHeader.fillChecksumIpv4(b, tp, totalTcp, TcpNet.A, TcpNet.B);
        }
        k.receive(k.device("eth0").ifindex(), f);
    }
}
