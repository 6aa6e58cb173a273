package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.NettyEcho;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Acceptance 3: a Netty 4.2 NIO echo server and client (netty-all from Maven Central). */
class NettyEchoTest {

    static final String NETTY = "io.netty:netty-all:4.2.18.Final";

    private static List<String> run(List<String> events) {
        DceWorld w = new DceWorld(1);
        List<String> log = w.recordEvents();
        SimProcess server = DceWorld.javaWith(NETTY, w.h1, "server", 0, NettyEcho.class, "server", "7007");
        SimProcess client = DceWorld.javaWith(NETTY, w.h2, "client", DceWorld.S, NettyEcho.class, "client", "h1", "7007", "100", "1000");
        w.sim.runUntil(120 * DceWorld.S);
        events.addAll(log);
        return List.of(server.stdout().text(), server.stderr().text(), client.stdout().text(), client.stderr().text(),
                server.exitStatus() + " " + server.endedAtNanos(), client.exitStatus() + " " + client.endedAtNanos(),
                Long.toHexString(w.sim.traceHash()));
    }

    @Test
    void echoTwiceIdentically() {
        List<String> events1 = new ArrayList<>();
        List<String> first = run(events1);
        assertEquals("""
                server: listening on /0.0.0.0:7007
                server: connection from /10.0.3.2:38162 closed
                server: done
                """, first.get(0));
        assertEquals("", first.get(1));
        // ARP on every hop and the handshake, then 100 echoes of 1,000 bytes at 60 ms each.
        assertEquals("""
                client: connected after 120 ms
                client: 100 echoes, 100000 bytes, checksum 32bb511af27d4a50, after 6171 ms
                client: done
                """, first.get(2));
        assertEquals("", first.get(3));
        // Netty's GlobalEventExecutor thread is not a daemon and lingers for its 1 s quiet period.
        assertEquals("0 8301255360", first.get(4));
        assertEquals("0 7271239520", first.get(5));
        List<String> events2 = new ArrayList<>();
        List<String> second = run(events2);
        assertEquals(first, second, DceWorld.firstDivergence(events1, events2));
    }
}
