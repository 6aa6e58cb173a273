package org.jlibos.scenario.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.jlibos.kernel.tcp.TcpTimeSeries;

/**
 * Writes a run's results: {@code summary.json}, {@code processes/<id>.stdout|.stderr} and one CSV
 * per TCP connection in {@code timeseries/} ({@link TcpTimeSeries#toCsv()}).
 * Stale process files from an earlier run into the same directory are removed first (the runner
 * does the same for {@code pcap/}), so the directory always describes exactly one run.
 */
public final class ResultWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {
    }

    public static void write(RunResult result, Path outDir) throws IOException {
        Path processes = outDir.resolve("processes");
        Files.createDirectories(processes);
        try (Stream<Path> old = Files.list(processes)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        for (ProcessResult p : result.processes()) {
            Files.writeString(processes.resolve(p.id() + ".stdout"), p.stdout(), StandardCharsets.UTF_8);
            Files.writeString(processes.resolve(p.id() + ".stderr"), p.stderr(), StandardCharsets.UTF_8);
        }
        Path timeseries = outDir.resolve("timeseries");
        if (Files.isDirectory(timeseries)) {
            try (Stream<Path> old = Files.list(timeseries)) {
                for (Path p : old.toList()) {
                    if (p.getFileName().toString().endsWith(".csv")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        if (!result.timeseries().isEmpty()) {
            Files.createDirectories(timeseries);
            for (Map.Entry<String, TcpTimeSeries> e : result.timeseries().entrySet()) {
                Files.writeString(outDir.resolve(e.getKey()), e.getValue().toCsv(), StandardCharsets.UTF_8);
            }
        }
        Files.writeString(outDir.resolve("summary.json"), summaryJson(result) + "\n", StandardCharsets.UTF_8);
    }

    /** The summary as JSON: a stable key order so files diff cleanly between runs. */
    public static String summaryJson(RunResult r) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", r.name());
        root.put("seed", r.seed());
        root.put("simulatedTimeNs", r.simulatedTimeNs());
        root.put("wallTimeMs", r.wallTimeMs());
        root.put("events", r.events());
        root.put("nodes", r.nodes());
        List<Map<String, Object>> processes = new ArrayList<>();
        for (ProcessResult p : r.processes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("node", p.node());
            m.put("cmd", p.cmd());
            m.put("pid", p.pid());
            m.put("exit", p.exit());
            m.put("endedAtNs", p.endedAtNs());
            processes.add(m);
        }
        root.put("processes", processes);
        root.put("links", links(r.links()));
        root.put("lans", links(r.lans()));
        root.put("pcaps", r.pcaps());
        root.put("timeseries", List.copyOf(r.timeseries().keySet()));
        List<Map<String, Object>> assertions = new ArrayList<>();
        for (AssertionResult a : r.assertions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("description", a.description());
            m.put("passed", a.passed());
            m.put("message", a.message());
            assertions.add(m);
        }
        root.put("assertions", assertions);
        root.put("passed", r.passed());
        root.put("error", r.error());
        root.put("traceHash", r.traceHash());
        return JSON.writeValueAsString(root);
    }

    private static List<Map<String, Object>> links(List<LinkResult> links) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LinkResult l : links) {
            List<Map<String, Object>> directions = new ArrayList<>();
            for (LinkResult.DirectionResult d : l.directions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("direction", d.direction());
                m.put("sent", d.sent());
                m.put("bytesSent", d.bytesSent());
                m.put("delivered", d.delivered());
                m.put("bytesDelivered", d.bytesDelivered());
                m.put("lost", d.lost());
                m.put("lostRandom", d.lostRandom());
                m.put("lostBurst", d.lostBurst());
                m.put("lostLinkDown", d.lostLinkDown());
                m.put("lostPartition", d.lostPartition());
                m.put("lostOversize", d.lostOversize());
                m.put("duplicated", d.duplicated());
                m.put("corrupted", d.corrupted());
                m.put("queueDrops", d.queueDrops());
                m.put("carrierDrops", d.carrierDrops());
                directions.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("directions", directions);
            out.add(m);
        }
        return out;
    }
}
