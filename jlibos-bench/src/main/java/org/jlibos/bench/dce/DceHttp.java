package org.jlibos.bench.dce;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.process.SimProcess;

/**
 * DCE acceptance scenario 1 as a benchmark: the JDK's HttpServer on h1, java.net.http.HttpClient
 * on h2, two routers between (10 ms per link), 1,000 requests with bodies, a request timeout,
 * stop and close (about 66 simulated seconds). Each run is a fresh simulation in the same JVM,
 * so later runs show warmed-up code. Prints simulated seconds per wall second.
 *
 * <pre>
 * jlibos-bench/run-dce-benchmarks.sh DceHttp [requests=1000] [runs=5]
 * </pre>
 */
public final class DceHttp {

    private DceHttp() {
    }

    public static void main(String[] args) throws Exception {
        DceWorlds.requirePrograms();
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean ok = true;
        for (int r = 1; r <= runs; r++) {
            Simulation sim = DceWorlds.chain();
            SimProcess server = DceWorlds.java(sim.node("h1"), "server", 0, "org.jlibos.dce.programs.HttpEchoServer", "8080");
            SimProcess client = DceWorlds.java(sim.node("h2"), "client", DceWorlds.S,
                    "org.jlibos.dce.programs.HttpLoadClient", "http://h1:8080", String.valueOf(requests));
            long t0 = System.nanoTime();
            sim.runUntil(600 * DceWorlds.S);
            long wall = System.nanoTime() - t0;
            double simSeconds = Math.max(server.endedAtNanos(), client.endedAtNanos()) / 1e9;
            boolean good = client.exitStatus() == 0 && server.exitStatus() == 0
                    && client.stdout().text().contains(requests + "/" + requests + " responses ok");
            ok &= good;
            System.out.printf("run %d: %d HTTP requests, %.1f simulated s in %.3f wall s = %.0fx real time, %d events%s%n",
                    r, requests, simSeconds, wall / 1e9, simSeconds / (wall / 1e9), sim.simulator().eventsDispatched(),
                    good ? "" : " FAILED: " + client.stdout().text() + client.stderr().text() + server.stderr().text());
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
