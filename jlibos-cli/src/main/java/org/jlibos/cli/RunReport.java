package org.jlibos.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.scenario.run.AssertionResult;
import org.jlibos.scenario.run.LinkResult;
import org.jlibos.scenario.run.ProcessResult;
import org.jlibos.scenario.run.RunResult;
import org.jlibos.sim.units.Units;

/** The human summary of a run on stdout. */
final class RunReport {

    /** Links and LANs shown in the table; the rest are only in summary.json. */
    static final int MAX_LINK_ROWS = 20;

    private RunReport() {
    }

    static void print(RunResult r, Path dir, boolean quiet, PrintWriter out) {
        if (!quiet) {
            out.printf("scenario %s (seed %d): %s of virtual time in %.3f s wall, %d events, %d nodes%n",
                    r.name(), r.seed(), Units.formatDuration(r.simulatedTimeNs()), r.wallTimeMs() / 1000.0,
                    r.events(), r.nodes());
            if (!r.processes().isEmpty()) {
                out.println();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"PROCESS", "NODE", "COMMAND", "STATUS"});
                for (ProcessResult p : r.processes()) {
                    String status = p.exit() == null ? "running"
                            : "exit " + p.exit() + " at " + Units.formatSeconds(p.endedAtNs());
                    rows.add(new String[] {p.id(), p.node(), p.cmd(), status});
                }
                printTable(rows, out);
            }
            printLinks(r, out);
        }
        if (r.error() != null) {
            out.println();
            out.println("run stopped: " + r.error());
        }
        if (!r.assertions().isEmpty()) {
            if (!quiet) {
                out.println();
            }
            for (AssertionResult a : r.assertions()) {
                if (!a.passed()) {
                    out.println("FAIL " + a.description());
                    out.println("     " + a.message());
                } else if (!quiet) {
                    out.println("PASS " + a.description());
                }
            }
        }
        out.println();
        long failed = r.failedAssertions();
        out.printf("%s: %d of %d expectations held; results in %s%n",
                r.passed() ? "PASSED" : "FAILED", r.assertions().size() - failed, r.assertions().size(),
                dir.toString().endsWith("/") ? dir : dir + "/");
    }

    /** One row per direction of each link and LAN cable: what was sent and what became of it. */
    private static void printLinks(RunResult r, PrintWriter out) {
        if (r.links().isEmpty() && r.lans().isEmpty()) {
            return;
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"LINK", "DIRECTION", "SENT", "DELIVERED", "LOST", "DUPLICATED", "CORRUPTED",
            "QUEUE DROPS", "NO CARRIER"});
        int shown = 0;
        List<LinkResult> all = new ArrayList<>(r.links());
        all.addAll(r.lans());
        for (LinkResult l : all) {
            if (shown++ == MAX_LINK_ROWS) {
                break;
            }
            for (LinkResult.DirectionResult d : l.directions()) {
                rows.add(new String[] {l.name(), d.direction(), Long.toString(d.sent()), Long.toString(d.delivered()),
                    Long.toString(d.lost()), Long.toString(d.duplicated()), Long.toString(d.corrupted()),
                    Long.toString(d.queueDrops()), Long.toString(d.carrierDrops())});
            }
        }
        printTable(rows, out);
        if (all.size() > MAX_LINK_ROWS) {
            out.println("  ... and " + (all.size() - MAX_LINK_ROWS) + " more links and LANs (see summary.json)");
        }
        if (!r.pcaps().isEmpty()) {
            out.println();
            out.println("captured " + r.pcaps().size() + " pcap files into " + r.captureDirectory().resolve("pcap"));
        }
    }

    private static void printTable(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                sb.append(row[i]);
                if (i < row.length - 1) {
                    sb.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(sb);
        }
    }
}
