package org.jlibos.apps.iperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** iperf3 client and server over a 100 Mbit/s, 10 ms link. */
class Iperf3Test {

    private static final long S = 1_000_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");
    private final Node h2 = sim.addNode("h2");

    Iperf3Test() throws Exception {
        Network net = new Network(sim);
        net.pointToPoint(h1, h2, LinkSpec.of("100Mbps", "10ms").withQueuePackets(100));
        h1.kernel().ipv4().addAddress(h1.kernel().device("eth0"), Ipv4Address.parse("10.0.0.1"), 24, 0);
        h2.kernel().ipv4().addAddress(h2.kernel().device("eth0"), Ipv4Address.parse("10.0.0.2"), 24, 0);
    }

    @Test
    void textOutputLooksLikeIperf3AndRunsNearLineRate() {
        SimProcess server = h2.spawn("server", 0, "iperf3 -s -1");
        SimProcess client = h1.spawn("client", S, "iperf3 -c 10.0.0.2 -t 5");
        sim.runUntil(20 * S);
        String out = client.stdout().text();
        List<String> lines = out.lines().toList();
        assertEquals(0, client.exitStatus(), out + client.stderr().text());
        assertEquals("Connecting to host 10.0.0.2, port 5201", lines.get(0));
        assertTrue(lines.get(1).matches("\\[  \\d\\] local 10\\.0\\.0\\.1 port \\d+ connected to 10\\.0\\.0\\.2 port 5201"), lines.get(1));
        assertEquals("[ ID] Interval           Transfer     Bitrate         Retr  Cwnd", lines.get(2));
        assertTrue(lines.get(3).matches("\\[  \\d\\]   0\\.00-1\\.00   sec .* Mbits/sec .* KBytes +"), lines.get(3));
        assertTrue(out.contains(DataPhase.SEPARATOR + "\n[ ID] Interval           Transfer     Bitrate         Retr\n"), out);
        assertTrue(out.endsWith("receiver\n\niperf Done.\n"), out);
        String sender = lines.stream().filter(l -> l.endsWith("sender")).findFirst().orElseThrow();
        assertTrue(sender.matches("\\[  \\d\\]   0\\.00-5\\.00   sec  .* MBytes  (9\\d\\.\\d) Mbits/sec .*sender"), sender);
        assertEquals(0, server.exitStatus(), server.stdout().text() + server.stderr().text());
        assertTrue(server.stdout().text().startsWith("""
                -----------------------------------------------------------
                Server listening on 5201 (test #1)
                -----------------------------------------------------------
                Accepted connection from 10.0.0.1, port """), server.stdout().text());
    }

    @Test
    void jsonOutputHasIperf3sShape() throws Exception {
        h2.spawn("server", 0, "iperf3 -s -1");
        SimProcess client = h1.spawn("client", S, "iperf3 -c h2 -t 3 -J -C reno");
        sim.runUntil(20 * S);
        assertEquals(0, client.exitStatus(), client.stderr().text());
        JsonNode json = new ObjectMapper().readTree(client.stdout().text());
        assertEquals("10.0.0.2", json.at("/start/connected/0/remote_host").asText());
        assertEquals("TCP", json.at("/start/test_start/protocol").asText());
        assertEquals(3, json.get("intervals").size());
        double bps = json.at("/end/sum_received/bits_per_second").asDouble();
        assertTrue(bps > 85e6 && bps < 100e6, "receiver bit rate " + bps);
        assertTrue(json.at("/end/sum_sent/bytes").asLong() >= json.at("/end/sum_received/bytes").asLong());
        assertEquals("reno", json.at("/end/sender_tcp_congestion").asText());
    }

    @Test
    void reverseModeAndByteCount() {
        h2.spawn("server", 0, "iperf3 -s -1");
        SimProcess client = h1.spawn("client", S, "iperf3 -c 10.0.0.2 -n 2M -R -i 0");
        sim.runUntil(20 * S);
        String out = client.stdout().text();
        assertEquals(0, client.exitStatus(), out + client.stderr().text());
        assertTrue(out.contains("Reverse mode, remote host 10.0.0.2 is sending"), out);
        assertTrue(out.contains("2.00 MBytes"), out);
    }

    @Test
    void unsupportedOptionsAreNamed() {
        SimProcess p = h1.spawn("omit", 0, "iperf3 -c 10.0.0.2 -O 2");
        sim.runUntil(S);
        assertEquals(1, p.exitStatus());
        assertTrue(p.stderr().text().startsWith("iperf3: option '-O' is not supported by the jlibos iperf3 yet"), p.stderr().text());
    }

    @Test
    void udpAtAFixedRateReportsJitterAndLoss() {
        h2.spawn("server", 0, "iperf3 -s -1");
        SimProcess client = h1.spawn("client", S, "iperf3 -c 10.0.0.2 -u -b 10M -t 5");
        sim.runUntil(20 * S);
        String out = client.stdout().text();
        assertEquals(0, client.exitStatus(), out + client.stderr().text());
        assertTrue(out.contains("[ ID] Interval           Transfer     Bitrate         Total Datagrams\n"), out);
        // 10 Mbit/s of 1460-byte datagrams: one every 1168 us, 4281 in 5 s; none lost, no jitter
        // on an idle link.
        assertTrue(out.contains("  0.000 ms  0/4281 (0%)  sender\n"), out);
        assertTrue(out.contains("  0.000 ms  0/4281 (0%)  receiver\n"), out);
        assertTrue(out.contains("10.0 Mbits/sec"), out);
    }

    @Test
    void ssListsTheTcpConnectionsWithTheirInternals() {
        h2.spawn("server", 0, "iperf3 -s -1");
        h1.spawn("client", S, "iperf3 -c 10.0.0.2 -t 3");
        SimProcess ss = h1.spawn("ss", 2 * S, "ss -tanpi");
        SimProcess listening = h2.spawn("ssl", 2 * S, "ss -tln");
        sim.runUntil(20 * S);
        String out = ss.stdout().text();
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("State Recv-Q Send-Q  Local Address:Port  Peer Address:PortProcess"), out);
        assertEquals(5, lines.size(), out);
        assertTrue(lines.get(1).matches("ESTAB +0 +\\d+ +10\\.0\\.0\\.1:\\d+ +10\\.0\\.0\\.2:5201 users:\\(\\(\"iperf3\",pid=1,fd=3\\)\\)"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("\t cubic wscale:"), lines.get(2));
        assertTrue(lines.get(4).contains(" mss:1448 ") && lines.get(4).contains(" cwnd:"), lines.get(4));
        assertTrue(listening.stdout().text().contains("LISTEN"), listening.stdout().text());
        assertTrue(listening.stdout().text().contains("0.0.0.0:5201"), listening.stdout().text());
    }
}
