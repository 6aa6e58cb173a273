package org.jlibos.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.ArpPacket;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.kernel.wire.Ipv4Header;
import org.jlibos.kernel.wire.UdpHeader;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProgramRegistry;
import org.junit.jupiter.api.Test;

/**
 * One million random and mutated frames fed into a node's kernel: truncated headers, wrong
 * lengths and checksums, fragments that overlap or never complete, ARP from random senders.
 * Nothing may throw, every frame must be dropped and counted or handled, and every table must
 * stay within its bound.
 */
class MalformedFrameFuzzTest {

    private static final int FRAMES = 1_000_000;
    private static final int PER_EVENT = 1_000;
    private static final int OURS = Ipv4Address.parse("10.0.0.1");

    @Test
    void aMillionBadFramesAreDroppedAndCounted() {
        Simulation sim = new Simulation(SimulationConfig.withSeed(5).withWatchdog(0), new ProgramRegistry());
        Node node = sim.addNode("victim");
        Kernel k = node.kernel();
        NetDevice eth0 = k.addEthernetDevice(MacAddress.local(1), 1500, null);
        eth0.setUp(true);
        try {
            k.ipv4().addAddress(eth0, OURS, 24, -2);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        node.install("listener", ctx -> {
            int fd = ctx.sys().socket(SocketConstants.AF_INET, SocketConstants.SOCK_DGRAM, 0);
            ctx.sys().bind(fd, new InetSockAddr(0, 5000));
            byte[] buf = new byte[65536];
            while (true) {
                ctx.sys().recv(fd, buf, 0, buf.length, 0);
            }
        });
        node.spawn("listener", 0, List.of("listener"), Map.of());

        SplittableRandom rnd = new SplittableRandom(42);
        long[] fed = new long[1];
        for (int batch = 0; batch < FRAMES / PER_EVENT; batch++) {
            sim.simulator().schedule(1_000_000L + batch * 1_000_000L, "fuzz batch", () -> {
                for (int i = 0; i < PER_EVENT; i++) {
                    k.receive(eth0.ifindex(), frame(rnd, eth0.mac()));
                    fed[0]++;
                }
            });
        }
        Runtime rt = Runtime.getRuntime();
        sim.runUntil(2_000 * 1_000_000_000L);

        assertEquals(FRAMES, fed[0]);
        Snmp s = k.snmp();
        long ipErrors = s.get(SnmpCounter.IP_IN_HDR_ERRORS) + s.get(SnmpCounter.IP_EXT_IN_TRUNCATED_PKTS);
        assertTrue(ipErrors > 100_000, "IP header errors counted: " + ipErrors);
        assertTrue(s.get(SnmpCounter.IP_REASM_FAILS) > 1_000, "reassembly failures: " + s.get(SnmpCounter.IP_REASM_FAILS));
        assertTrue(s.get(SnmpCounter.UDP_IN_CSUM_ERRORS) > 1_000, "UDP checksum errors: " + s.get(SnmpCounter.UDP_IN_CSUM_ERRORS));
        assertTrue(s.get(SnmpCounter.ICMP_IN_CSUM_ERRORS) > 1_000);
        assertTrue(eth0.stats().rxErrors > 1_000, "malformed link-layer frames: " + eth0.stats().rxErrors);
        // Bounded state, whatever arrived.
        assertTrue(k.ipv4().reassembly().memory() <= k.sysctl().getLong("net.ipv4.ipfrag_high_thresh"));
        assertEquals(0, k.ipv4().reassembly().queueCount(), "every incomplete datagram timed out");
        assertTrue(k.ipv4().arp().size() <= k.sysctl().getLong("net.ipv4.neigh.default.gc_thresh3"));
        assertTrue(k.icmp().rateLimitedHosts() <= 4096);
        assertTrue(k.ipv4().pathMtu().size() <= 4096);
        rt.gc();
        assertTrue(rt.totalMemory() - rt.freeMemory() < 512L << 20, "heap after the run: " + (rt.totalMemory() - rt.freeMemory()));
    }

    /** One frame: pure noise, or a valid template with a few mutations. */
    private static PacketBuffer frame(SplittableRandom rnd, long ourMac) {
        int kind = rnd.nextInt(10);
        byte[] b;
        switch (kind) {
            case 0 -> {
                b = new byte[rnd.nextInt(0, 120)];
                rnd.nextBytes(b);
            }
            case 1 -> b = arp(rnd, ourMac);
            case 2, 3 -> b = fragment(rnd, ourMac);
            case 4 -> b = icmp(rnd, ourMac);
            default -> b = udp(rnd, ourMac);
        }
        if (kind != 0 && kind != 2) {
            mutate(rnd, b);
        }
        int len = b.length;
        if (rnd.nextInt(8) == 0 && len > 0) {
            len = rnd.nextInt(len); // truncated anywhere
        }
        return PacketBuffer.copyOf(b, 0, len);
    }

    private static void mutate(SplittableRandom rnd, byte[] b) {
        int mutations = rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = 14 + rnd.nextInt(Math.max(1, b.length - 14));
            if (at >= b.length) {
                continue;
            }
            switch (rnd.nextInt(3)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                default -> {
                    // a header field set to an extreme: lengths, IHL, offsets
                    int field = rnd.nextInt(4);
                    int ip = 14;
                    switch (field) {
                        case 0 -> Ipv4Header.setTotalLength(b, ip, rnd.nextInt(65536));
                        case 1 -> b[ip] = (byte) (0x40 | rnd.nextInt(16));
                        case 2 -> Ipv4Header.setFlagsAndFragmentOffset(b, ip, rnd.nextInt(65536));
                        default -> b[ip + 9] = (byte) rnd.nextInt(256);
                    }
                }
            }
        }
    }

    private static byte[] ip(SplittableRandom rnd, long ourMac, int protocol, int payload) {
        byte[] b = new byte[14 + 20 + payload];
        EthernetHeader.write(b, 0, rnd.nextInt(8) == 0 ? MacAddress.BROADCAST : ourMac, MacAddress.local(1000 + rnd.nextInt(50)),
                EthernetHeader.ETHERTYPE_IPV4);
        int src = Ipv4Address.parse("10.0.0.0") | (2 + rnd.nextInt(200));
        if (rnd.nextInt(4) == 0) {
            src = rnd.nextInt();
        }
        Ipv4Header.write(b, 14, 0, 20 + payload, rnd.nextInt(65536), rnd.nextBoolean(), 1 + rnd.nextInt(255), protocol, src,
                rnd.nextInt(6) == 0 ? rnd.nextInt() : OURS);
        return b;
    }

    private static byte[] udp(SplittableRandom rnd, long ourMac) {
        int payload = rnd.nextInt(0, 600);
        byte[] b = ip(rnd, ourMac, 17, UdpHeader.LENGTH + payload);
        UdpHeader.write(b, 34, 1024 + rnd.nextInt(60000), rnd.nextBoolean() ? 5000 : rnd.nextInt(65536), UdpHeader.LENGTH + payload);
        for (int i = 0; i < payload; i++) {
            b[42 + i] = (byte) rnd.nextInt(256);
        }
        if (rnd.nextInt(3) > 0) {
            UdpHeader.fillChecksumIpv4(b, 34, UdpHeader.LENGTH + payload, Ipv4Header.src(b, 14), Ipv4Header.dst(b, 14));
        } else {
            UdpHeader.setChecksum(b, 34, rnd.nextInt(65536));
        }
        return b;
    }

    private static byte[] icmp(SplittableRandom rnd, long ourMac) {
        int payload = rnd.nextInt(0, 200);
        byte[] b = ip(rnd, ourMac, 1, IcmpV4Header.LENGTH + payload);
        int[] types = {0, 3, 8, 11, 12, 5, 13, rnd.nextInt(256)};
        IcmpV4Header.write(b, 34, types[rnd.nextInt(types.length)], rnd.nextInt(16), rnd.nextInt());
        for (int i = 0; i < payload; i++) {
            b[42 + i] = (byte) rnd.nextInt(256);
        }
        if (payload >= 28 && rnd.nextBoolean()) {
            // a quoted packet that looks like one of ours
            Ipv4Header.write(b, 42, 0, 20 + 8, rnd.nextInt(65536), true, 64, rnd.nextBoolean() ? 17 : 1, OURS, rnd.nextInt());
        }
        if (rnd.nextInt(4) > 0) {
            IcmpV4Header.fillChecksum(b, 34, IcmpV4Header.LENGTH + payload);
        }
        return b;
    }

    /** Fragments with small id space, overlapping ranges, and datagrams that never complete. */
    private static byte[] fragment(SplittableRandom rnd, long ourMac) {
        int len = 8 * rnd.nextInt(1, 100);
        byte[] b = ip(rnd, ourMac, rnd.nextBoolean() ? 17 : 1, len);
        Ipv4Header.setIdentification(b, 14, rnd.nextInt(64));
        int offsetUnits = rnd.nextInt(0, 400);
        boolean more = rnd.nextInt(5) > 0;
        Ipv4Header.setFlagsAndFragmentOffset(b, 14, (more ? Ipv4Header.MF_BIT : 0) | offsetUnits);
        Ipv4Header.setSrc(b, 14, Ipv4Address.parse("10.0.0.2") + rnd.nextInt(4));
        Ipv4Header.setDst(b, 14, OURS);
        Ipv4Header.fillChecksum(b, 14);
        return b;
    }

    private static byte[] arp(SplittableRandom rnd, long ourMac) {
        byte[] b = new byte[14 + ArpPacket.LENGTH];
        EthernetHeader.write(b, 0, MacAddress.BROADCAST, MacAddress.local(5000 + rnd.nextInt(100_000)), EthernetHeader.ETHERTYPE_ARP);
        ArpPacket.writeEthernetIpv4(b, 14, rnd.nextBoolean() ? ArpPacket.REQUEST : ArpPacket.REPLY,
                MacAddress.local(5000 + rnd.nextInt(100_000)), rnd.nextInt(), 0, rnd.nextInt(3) == 0 ? rnd.nextInt() : OURS);
        return b;
    }
}
