package org.jlibos.net.capture;

import static org.jlibos.net.NetTestSupport.sendAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jlibos.net.NetTestSupport;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapCaptureTest {

    private static final long RATE = 100_000_000L;
    private static final long DELAY = 1_000_000L;

    @TempDir
    Path dir;

    /** One record of a pcap file. */
    record Rec(long sec, long nsec, int incl, int orig, byte[] data) {
        long time() {
            return sec * 1_000_000_000L + nsec;
        }
    }

    static List<Rec> records(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(PcapWriter.GLOBAL_HEADER_BYTES);
        List<Rec> recs = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = Integer.toUnsignedLong(b.getInt());
            long nsec = Integer.toUnsignedLong(b.getInt());
            int incl = b.getInt();
            int orig = b.getInt();
            byte[] data = new byte[incl];
            b.get(data);
            recs.add(new Rec(sec, nsec, incl, orig, data));
        }
        return recs;
    }

    @Test
    void filesHaveTheClassicNanosecondHeaderAndOneRecordPerFrameBothWays() throws IOException {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        NetTestSupport.ArrivalLog.install(sim, a, b);
        net.capture(dir, List.of());
        sendAt(sim, 0, link.deviceB(), link.deviceA().mac(), 60, 1, 1);
        sendAt(sim, 1_500_000_000L, link.deviceA(), link.deviceB().mac(), 60, 2, 1);
        sendAt(sim, 1_500_000_000L, link.deviceA(), link.deviceB().mac(), 1514, 3, 1);
        sim.runUntilIdle();
        net.close();

        Path fa = dir.resolve("pcap/a-eth0.pcap");
        Path fb = dir.resolve("pcap/b-eth0.pcap");
        assertEquals(List.of(fa, fb), net.captureFiles());
        byte[] raw = Files.readAllBytes(fa);
        byte[] header = {
            (byte) 0x4d, (byte) 0x3c, (byte) 0xb2, (byte) 0xa1, // magic a1b23c4d, little-endian: nanoseconds
            2, 0, 4, 0,                                         // version 2.4
            0, 0, 0, 0,                                         // thiszone
            0, 0, 0, 0,                                         // sigfigs
            0, 0, 4, 0,                                         // snaplen 262144
            1, 0, 0, 0,                                         // linktype 1: Ethernet
        };
        assertArrayEquals(header, Arrays.copyOf(raw, 24));
        // a: rx of b's frame, then tx of its own two.
        long tx60 = 4_800;
        List<Rec> ra = records(fa);
        assertEquals(3, ra.size());
        assertEquals(tx60 + DELAY, ra.get(0).time());
        assertEquals(0, ra.get(0).sec());
        assertEquals(1, ra.get(1).sec());
        assertEquals(500_000_000L, ra.get(1).nsec());
        assertEquals(1_500_000_000L + tx60, ra.get(2).time(), "the second frame is handed over when the first is sent");
        assertEquals(60, ra.get(0).incl());
        assertEquals(60, ra.get(0).orig());
        assertEquals(1514, ra.get(2).incl());
        assertEquals(1514, ra.get(2).orig());
        assertArrayEquals(NetTestSupport.frameBytes(link.deviceA().mac(), link.deviceB().mac(), 60, 1), ra.get(0).data());
        assertArrayEquals(NetTestSupport.frameBytes(link.deviceB().mac(), link.deviceA().mac(), 1514, 3), ra.get(2).data());
        assertEquals(24 + 3 * 16 + 60 + 60 + 1514, raw.length);
        // b: tx at 0, then the two arrivals.
        List<Rec> rb = records(fb);
        assertEquals(List.of(0L, 1_500_000_000L + tx60 + DELAY, 1_500_000_000L + tx60 + 121_120 + DELAY),
                rb.stream().map(Rec::time).toList());
    }

    @Test
    void onlySelectedDevicesAreCapturedIncludingOnesCreatedLater() {
        Simulation sim = NetTestSupport.simulation(1);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        net.capture(dir, List.of("a:eth1", "b:eth0"));
        net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY));
        net.close();
        assertEquals(List.of(dir.resolve("pcap/b-eth0.pcap"), dir.resolve("pcap/a-eth1.pcap")), net.captureFiles());
        assertTrue(Files.exists(dir.resolve("pcap/a-eth1.pcap")));
        assertFalse(Files.exists(dir.resolve("pcap/a-eth0.pcap")));
        assertThrows(IllegalStateException.class, () -> net.capture(dir, List.of()));
    }

    @Test
    void badSelectionsAreRejectedWithTheirName() {
        Simulation sim = NetTestSupport.simulation(1);
        sim.addNode("a");
        Network net = new Network(sim);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.capture(dir, List.of("a")));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.capture(dir, List.of("zz:eth0")));
        assertTrue(e.getMessage().contains("zz"), e.getMessage());
    }

    @Test
    void tapsSeeWhatTheDeviceSeesAfterFaults() throws IOException {
        Simulation sim = NetTestSupport.simulation(5);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        // Capture first, faults second: the tap still sits nearer the device than the faults.
        net.capture(dir, List.of());
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(RATE, DELAY)
                .withFaults(FaultSpec.NONE.withLoss(0.2).withCorrupt(0.2).withDuplicate(0.2)));
        NetTestSupport.ArrivalLog.install(sim, a, b);
        sendAt(sim, 0, link.deviceA(), link.deviceB().mac(), 200, 0, 200);
        sim.runUntilIdle();
        net.close();
        var s = link.forward().stats();
        List<Rec> tx = records(dir.resolve("pcap/a-eth0.pcap"));
        List<Rec> rx = records(dir.resolve("pcap/b-eth0.pcap"));
        assertEquals(200, tx.size(), "the sender's capture has every frame, intact");
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(NetTestSupport.frameBytes(link.deviceB().mac(), link.deviceA().mac(), 200, i), tx.get(i).data());
        }
        assertEquals(200 - s.lostRandom + s.duplicated, rx.size());
        assertEquals(s.framesDelivered, rx.size());
        long damaged = rx.stream().filter(r -> {
            byte[] sent = NetTestSupport.frameBytes(link.deviceB().mac(), link.deviceA().mac(), 200,
                    NetTestSupport.seqOf(r.data()));
            return !Arrays.equals(sent, r.data());
        }).count();
        assertTrue(damaged > 0 && s.corrupted > 0 && s.lostRandom > 0 && s.duplicated > 0, s.toString());
    }

    @Test
    void identicalRunsWriteByteIdenticalFiles() throws IOException {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        runLossy(one, 77);
        runLossy(two, 77);
        for (String f : List.of("a-eth0.pcap", "b-eth0.pcap")) {
            byte[] x = Files.readAllBytes(one.resolve("pcap").resolve(f));
            byte[] y = Files.readAllBytes(two.resolve("pcap").resolve(f));
            assertTrue(x.length > 100_000, f + " has " + x.length + " bytes");
            assertArrayEquals(x, y, f);
        }
        Path three = dir.resolve("three");
        runLossy(three, 78);
        assertFalse(Arrays.equals(Files.readAllBytes(one.resolve("pcap/b-eth0.pcap")),
                Files.readAllBytes(three.resolve("pcap/b-eth0.pcap"))));
    }

    @Test
    void tsharkReadsTheFiles() throws Exception {
        String tshark = findOnPath("tshark");
        if (tshark == null) {
            System.err.println("*** PcapCaptureTest: tshark is not on PATH; the Wireshark compatibility check is SKIPPED."
                    + " Install it (apt-get install -y tshark) to run it. ***");
        }
        Assumptions.assumeTrue(tshark != null, "tshark not on PATH: Wireshark compatibility of pcap files not checked");
        runLossy(dir, 3);
        Path file = dir.resolve("pcap/b-eth0.pcap");
        List<Rec> recs = records(file);
        Process p = new ProcessBuilder(tshark, "-r", file.toString(), "-T", "fields", "-e", "frame.len", "-e",
                "frame.time_epoch").redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "tshark failed: " + err);
        String[] lines = new String(out, StandardCharsets.UTF_8).split("\n");
        assertEquals(recs.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            String[] fields = lines[i].split("\t");
            assertEquals(String.valueOf(recs.get(i).orig()), fields[0], "frame " + (i + 1));
            assertEquals(String.format("%d.%09d", recs.get(i).sec(), recs.get(i).nsec()), fields[1],
                    "nanosecond timestamp of frame " + (i + 1));
        }
        assertFalse(err.toLowerCase().contains("error") || err.contains("appears to be damaged"), err);
    }

    private static void runLossy(Path out, long seed) {
        Simulation sim = NetTestSupport.simulation(seed);
        Node a = sim.addNode("a");
        Node b = sim.addNode("b");
        Network net = new Network(sim);
        PointToPointLink link = net.pointToPoint(a, b, LinkSpec.of(1_000_000_000L, 50_000L)
                .withFaults(FaultSpec.NONE.withLoss(0.05).withCorrupt(0.05).withDuplicate(0.02).withJitter(20_000, true)));
        NetTestSupport.ArrivalLog.install(sim, a, b);
        net.capture(out, List.of());
        NetTestSupport.pace(sim, 0, 3_000, 2_000, link.deviceA(), link.deviceB().mac(), 300);
        NetTestSupport.pace(sim, 1_000, 7_000, 500, link.deviceB(), link.deviceA().mac(), 90);
        sim.runUntilIdle();
        net.close();
    }

    private static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, program);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
