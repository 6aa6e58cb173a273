package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.HttpEchoServer;
import org.jlibos.dce.programs.HttpLoadClient;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1: the JDK's HttpServer on h1 and java.net.http.HttpClient on h2, two routers
 * between them (10 ms per link): 1,000 requests with bodies, a request timeout in virtual
 * time, server stop and client close.
 */
class HttpServerClientTest {

    record Run(String server, String serverErr, int serverStatus, long serverEnd,
               String client, String clientErr, int clientStatus, long clientEnd, long traceHash) {
    }

    static Run run(int requests) {
        DceWorld w = new DceWorld(1);
        SimProcess server = DceWorld.java(w.h1, "server", 0, HttpEchoServer.class, "8080");
        SimProcess client = DceWorld.java(w.h2, "client", DceWorld.S, HttpLoadClient.class, "http://h1:8080", String.valueOf(requests));
        w.sim.runUntil(600 * DceWorld.S);
        return new Run(server.stdout().text(), server.stderr().text(), server.exitStatus(), server.endedAtNanos(),
                client.stdout().text(), client.stderr().text(), client.exitStatus(), client.endedAtNanos(), w.sim.traceHash());
    }

    @Test
    void thousandRequestsTimeoutStopAndCloseTwiceIdentically() {
        Run first = run(1000);
        // Three 10 ms links each way: 60 ms per round trip. The first request pays ARP on
        // every hop and the TCP handshake; then 999 more on the kept-alive connection.
        assertEquals("""
                first response after 180 ms
                1000/1000 responses ok, 66390 bytes, after 60224 ms
                timed out after 1000 ms: request timed out
                stop: bye
                client closed after 61344 ms
                """, first.client());
        assertEquals("", first.clientErr());
        assertEquals(0, first.clientStatus());
        assertEquals(62_344_575_680L, first.clientEnd());
        assertEquals("""
                listening on /0.0.0.0:8080
                stopped after 1000 echo requests
                """, first.server());
        assertEquals("", first.serverErr());
        assertEquals(0, first.serverStatus());
        // server.stop(1) waits up to 1 s for exchanges to finish (the /slow one still sleeps).
        assertEquals(66_254_489_760L, first.serverEnd());
        Run second = run(1000);
        assertEquals(first, second);
    }
}
