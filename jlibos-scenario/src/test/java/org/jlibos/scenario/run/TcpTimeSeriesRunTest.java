package org.jlibos.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jlibos.scenario.file.ScenarioFiles;
import org.jlibos.scenario.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-connection TCP time series written by a run: one CSV per connection, listed in summary.json. */
class TcpTimeSeriesRunTest {

    private static final ScenarioRunner RUNNER = new ScenarioRunner();

    private static final String SCENARIO = """
            name: tcp-timeseries
            seed: 3
            stop: 5s
            nodes:
              client: {}
              server: {}
            links:
              - {between: [client, server], rate: 100Mbps, delay: 10ms, queue: 100, addresses: [10.0.0.1/24, 10.0.0.2/24]}
            run:
              - {id: server, at: 0s, node: server, cmd: "iperf3 -s -1"}
              - {id: client, at: 100ms, node: client, cmd: "iperf3 -c 10.0.0.2 -t 2"}
            expect:
              - {id: client, exit: 0}
              - {id: server, exit: 0}
            """;

    @TempDir
    Path tmp;

    @Test
    void everyConnectionGetsACsvListedInTheSummary() throws Exception {
        Scenario scenario = ScenarioFiles.parse(SCENARIO, "tcp-timeseries.yaml", RUNNER.environment());
        RunResult r = RUNNER.run(scenario, RunOptions.defaults().withOutputDirectory(tmp));
        assertTrue(r.passed(), r.assertions() + " " + r.error());
        ResultWriter.write(r, tmp);

        JsonNode listed = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile()).get("timeseries");
        List<String> paths = new ArrayList<>();
        listed.forEach(n -> paths.add(n.asText()));
        assertEquals(List.copyOf(r.timeseries().keySet()), paths);
        assertFalse(paths.isEmpty(), "no time series listed");

        // The client's data connection to iperf3's port is the bulk sender: many samples.
        String bulk = paths.stream().filter(p -> p.matches("timeseries/client-\\d+-10\\.0\\.0\\.2-5201\\.csv"))
                .max((a, b) -> Integer.compare(r.timeseries().get(a).size(), r.timeseries().get(b).size()))
                .orElseThrow(() -> new AssertionError("no client connection to 10.0.0.2:5201 in " + paths));
        Path csv = tmp.resolve(bulk);
        assertTrue(Files.isRegularFile(csv), csv.toString());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("time_ns,cwnd,ssthresh,srtt_us,bytes_in_flight", lines.get(0));
        assertTrue(lines.size() - 1 > 10, "only " + (lines.size() - 1) + " rows");
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(5, line.split(",").length, line);
        }
        for (String p : paths) {
            assertTrue(Files.isRegularFile(tmp.resolve(p)), p);
        }

        // Written again (a second run into the same directory): the same set of files, no stale ones.
        ResultWriter.write(r, tmp);
        try (var files = Files.list(tmp.resolve("timeseries"))) {
            assertEquals(paths.size(), files.count());
        }
    }
}
