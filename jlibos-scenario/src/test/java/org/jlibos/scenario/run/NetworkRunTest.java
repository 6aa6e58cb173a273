package org.jlibos.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jlibos.scenario.file.ScenarioFiles;
import org.jlibos.scenario.model.Scenario;
import org.jlibos.scenario.model.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios with links, LANs, routes, faults and captures, run end to end. */
class NetworkRunTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final ScenarioRunner RUNNER = new ScenarioRunner();

    @TempDir
    Path tmp;

    private static Scenario example(String name) throws IOException, ScenarioException {
        return ScenarioFiles.load(Path.of("../examples", name), RUNNER.environment());
    }

    private static ProcessResult process(RunResult r, String id) {
        return r.processes().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** ns-3 PointToPoint timing: a frame of n bytes takes n*8/rate on the wire plus the delay. */
    private static long hop(int frameBytes) {
        return frameBytes * 8L * S / 100_000_000L + 10 * MS;
    }

    @Test
    void chainPingHasTheExactRtts() throws Exception {
        RunResult r = RUNNER.run(example("chain-ping.yaml"), RunOptions.defaults().withOutputDirectory(tmp));
        assertTrue(r.passed(), r.assertions().toString());
        // The same numbers as jlibos-apps' PingTracerouteTest, which builds the chain with static
        // routes: 98-byte frames over three hops each way; the first echo waits for ARP.
        long rtt = 6 * hop(98);
        assertEquals(60_047_040, rtt);
        assertEquals("""
                PING 10.0.3.2 (10.0.3.2) 56(84) bytes of data.
                64 bytes from 10.0.3.2: icmp_seq=1 ttl=62 time=120 ms
                64 bytes from 10.0.3.2: icmp_seq=2 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=3 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=4 ttl=62 time=60.0 ms
                64 bytes from 10.0.3.2: icmp_seq=5 ttl=62 time=60.0 ms

                --- 10.0.3.2 ping statistics ---
                5 packets transmitted, 5 received, 0% packet loss, time 4060ms
                rtt min/avg/max/mdev = 60.047/72.051/120.067/24.008 ms
                """, process(r, "ping").stdout());
        assertEquals(S + 4 * S + rtt, process(r, "ping").endedAtNs());
    }

    @Test
    void captureFilesAreWrittenPerDeviceAndAreByteIdenticalAcrossRuns() throws Exception {
        Scenario s = example("chain-ping.yaml");
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        RunResult a = RUNNER.run(s, RunOptions.defaults().withOutputDirectory(one));
        RunResult b = RUNNER.run(s, RunOptions.defaults().withOutputDirectory(two));
        List<String> expected = List.of("pcap/h1-eth0.pcap", "pcap/r1-eth0.pcap", "pcap/r1-eth1.pcap",
                "pcap/r2-eth0.pcap", "pcap/r2-eth1.pcap", "pcap/h2-eth0.pcap");
        assertEquals(expected, a.pcaps());
        assertEquals(expected, b.pcaps());
        assertEquals(one, a.captureDirectory());
        for (String pcap : expected) {
            byte[] x = Files.readAllBytes(one.resolve(pcap));
            assertTrue(x.length > 24 + 5 * (16 + 98), pcap + " holds the five echoes and their replies");
            assertArrayEquals(x, Files.readAllBytes(two.resolve(pcap)), pcap);
        }
        assertNull(DeterminismCheck.firstPcapDivergence(a, b));
    }

    @Test
    void linkCountersAreInTheResult() throws Exception {
        RunResult r = RUNNER.run(example("chain-ping.yaml"), RunOptions.defaults().withOutputDirectory(tmp));
        assertEquals(List.of("h1-r1", "r1-r2", "r2-h2"), r.links().stream().map(LinkResult::name).toList());
        assertEquals(List.of(), r.lans());
        for (LinkResult l : r.links()) {
            assertEquals(2, l.directions().size());
            for (LinkResult.DirectionResult d : l.directions()) {
                assertTrue(d.sent() >= 6, l.name() + " " + d);
                assertEquals(d.sent(), d.delivered(), l.name() + " " + d);
                assertEquals(0, d.lost() + d.duplicated() + d.corrupted() + d.queueDrops() + d.carrierDrops(),
                        l.name() + " " + d);
            }
        }
        LinkResult.DirectionResult h1r1 = r.links().getFirst().directions().getFirst();
        assertEquals("h1>r1", h1r1.direction());
        assertEquals(5 * 98, h1r1.bytesSent() - 42 * (h1r1.sent() - 5), "five echoes, the rest ARP");

        ResultWriter.write(r, tmp);
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        assertEquals("pcap/h1-eth0.pcap", summary.get("pcaps").get(0).asText());
        JsonNode dir = summary.get("links").get(0).get("directions").get(0);
        assertEquals("h1-r1", summary.get("links").get(0).get("name").asText());
        assertEquals("h1>r1", dir.get("direction").asText());
        assertEquals(h1r1.sent(), dir.get("sent").asLong());
        assertEquals(List.of("direction", "sent", "bytesSent", "delivered", "bytesDelivered", "lost", "lostRandom",
                        "lostBurst", "lostLinkDown", "lostPartition", "lostOversize", "duplicated", "corrupted",
                        "queueDrops", "carrierDrops"),
                iterable(dir.fieldNames()));
        assertEquals(0, summary.get("lans").size());
    }

    @Test
    void pingsFailDuringAPartitionAndSucceedAfterTheHeal() throws Exception {
        RunResult r = RUNNER.run(example("partition.yaml"), RunOptions.defaults());
        assertTrue(r.passed(), r.assertions().toString());
        assertEquals("""
                PING h2 (10.0.2.2) 56(84) bytes of data.

                --- h2 ping statistics ---
                3 packets transmitted, 0 received, 100% packet loss, time 2000ms
                """, process(r, "during").stdout());
        assertEquals(1, process(r, "during").exit());
        String after = process(r, "after").stdout();
        assertTrue(after.startsWith("PING h2 (10.0.2.2) 56(84) bytes of data.\n"
                + "64 bytes from 10.0.2.2: icmp_seq=1 ttl=62 time="), after);
        assertTrue(after.contains("\n3 packets transmitted, 3 received, 0% packet loss, time 1"), after);
        // r1 dropped the echoes sent during the partition: its device to r2 had no carrier.
        LinkResult.DirectionResult r1r2 = r.links().get(1).directions().getFirst();
        assertEquals("r1>r2", r1r2.direction());
        assertEquals(3, r1r2.carrierDrops());
        assertEquals(0, r1r2.lost());
        // No output directory: the captures went to a temporary one, which is ours to delete.
        assertEquals(List.of("pcap/h1-eth0.pcap", "pcap/r1-eth1.pcap"), r.pcaps());
        Path dir = r.captureDirectory();
        assertTrue(dir.getFileName().toString().startsWith("jlibos-capture-"), dir.toString());
        assertTrue(Files.isRegularFile(dir.resolve("pcap/r1-eth1.pcap")));
        for (String pcap : r.pcaps()) {
            Files.delete(dir.resolve(pcap));
        }
        Files.delete(dir.resolve("pcap"));
        Files.delete(dir);
    }

    @Test
    void linkDownAndRateChangesHappenAtTheirTimes() throws Exception {
        Scenario s = Scenario.builder("faults").stop("10s")
                .node("a").node("b")
                .link(l -> l.between("a", "b").rate("10Mbps").delay("1ms"))
                .fault(f -> f.at("1500ms").linkDown("a-b"))
                .fault(f -> f.at("3500ms").linkUp("a-b"))
                .fault(f -> f.at("4500ms").linkRate("a-b", "1Mbps"))
                .run("ping", "1s", "a", "ping -c 5 -i 1 -W 1 b")
                .build(RUNNER.environment());
        RunResult r = RUNNER.run(s, RunOptions.defaults());
        String out = process(r, "ping").stdout();
        // Echo 1 before the cut; 2 and 3 while the cable is out (a drops them: no carrier);
        // 4 at 10 Mbit/s: 2 * (98 * 0.8 us + 1 ms) = 2.1568 ms; 5 at 1 Mbit/s: 2 * (784 us + 1 ms).
        assertTrue(out.contains("\n64 bytes from 10.0.0.2: icmp_seq=4 ttl=64 time=2.16 ms\n"
                + "64 bytes from 10.0.0.2: icmp_seq=5 ttl=64 time=3.57 ms\n"), out);
        assertTrue(out.contains("5 packets transmitted, 3 received, 40% packet loss, time 5000ms"), out);
        assertFalse(out.contains("icmp_seq=2 "), out);
        LinkResult.DirectionResult ab = r.links().getFirst().directions().getFirst();
        assertEquals(2, ab.carrierDrops(), ab.toString());
        assertEquals(0, ab.lost(), ab.toString());
    }

    @Test
    void determinismCheckComparesCapturesAndDeletesThem() throws Exception {
        DeterminismCheck.Verdict v = new DeterminismCheck(RUNNER).check(example("lan.yaml"), RunOptions.defaults());
        assertTrue(v.deterministic(), v.divergence());
        assertEquals(3, v.pcapsCompared());
        assertFalse(Files.exists(v.first().captureDirectory()), "temporary captures are deleted");
        assertFalse(Files.exists(v.second().captureDirectory()));
    }

    @Test
    void firstDifferenceNamesTheByteOffset() throws IOException {
        Path a = Files.write(tmp.resolve("a"), new byte[] {1, 2, 3, 4});
        Path b = Files.write(tmp.resolve("b"), new byte[] {1, 2, 9, 4});
        Path c = Files.write(tmp.resolve("c"), new byte[] {1, 2});
        assertNull(DeterminismCheck.firstDifference(a, a));
        assertEquals("at byte 2 (run 1: 0x03, run 2: 0x09)", DeterminismCheck.firstDifference(a, b));
        assertEquals("at byte 2: run 1's file has 4 bytes, run 2's 2", DeterminismCheck.firstDifference(a, c));
    }

    @Test
    void aRunIntoAnOldOutputDirectoryRemovesItsCaptures() throws Exception {
        Files.createDirectories(tmp.resolve("pcap"));
        Files.writeString(tmp.resolve("pcap/old-eth9.pcap"), "stale");
        RunResult r = RUNNER.run(example("hello.yaml"), RunOptions.defaults().withOutputDirectory(tmp));
        assertEquals(List.of(), r.pcaps());
        assertNull(r.captureDirectory());
        assertFalse(Files.exists(tmp.resolve("pcap/old-eth9.pcap")));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
