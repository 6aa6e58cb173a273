package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.JettyServer;
import org.jlibos.dce.programs.OkHttpClientProgram;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Acceptance 4: a Jetty 12 server with an OkHttp 5 client (both from Maven Central). */
class JettyOkHttpTest {

    static final String JETTY = "org.eclipse.jetty:jetty-server:12.1.14";
    static final String OKHTTP = "com.squareup.okhttp3:okhttp-jvm:5.5.1";

    private static List<String> run(List<String> events) {
        DceWorld w = new DceWorld(1);
        List<String> log = w.recordEvents();
        SimProcess server = DceWorld.javaWith(JETTY, w.h1, "jetty", 0, JettyServer.class, "8080");
        SimProcess client = DceWorld.javaWith(OKHTTP, w.h2, "okhttp", DceWorld.S, OkHttpClientProgram.class, "http://h1:8080", "50");
        w.sim.runUntil(300 * DceWorld.S);
        events.addAll(log);
        return List.of(server.stdout().text(), server.stderr().text(), client.stdout().text(), client.stderr().text(),
                server.exitStatus() + " " + server.endedAtNanos(), client.exitStatus() + " " + client.endedAtNanos(),
                Long.toHexString(w.sim.traceHash()));
    }

    @Test
    void requestsTwiceIdentically() {
        List<String> events1 = new ArrayList<>();
        List<String> first = run(events1);
        assertEquals("jetty listening on 8080\njetty stopped after 101 requests\n", first.get(0));
        assertEquals("""
                100/100 responses ok after 6142 ms
                stop: stopping
                client done after 6202 ms
                """, first.get(2));
        assertEquals("", first.get(3));
        assertEquals("0 7172758960", first.get(4));
        assertEquals("0 7202810320", first.get(5));
        List<String> events2 = new ArrayList<>();
        List<String> second = run(events2);
        // Everything a user sees is identical. The event order inside Jetty's shutdown is not:
        // QueuedThreadPool.doStop interrupts its threads by iterating a hash set of Thread
        // objects, whose identity hash codes differ between two runs in one JVM.
        assertEquals(first, second, DceWorld.firstDivergence(events1, events2));
    }
}
