package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.SocketEcho;
import org.jlibos.dce.programs.UdpPingPong;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Acceptance 2: a java.net.Socket/ServerSocket echo and a DatagramSocket ping-pong. */
class SocketEchoTest {

    private static List<String> tcp() {
        DceWorld w = new DceWorld(1);
        SimProcess server = DceWorld.java(w.h1, "server", 0, SocketEcho.class, "server", "7000");
        SimProcess client = DceWorld.java(w.h2, "client", DceWorld.S, SocketEcho.class, "client", "h1", "7000", "3");
        w.sim.runUntil(60 * DceWorld.S);
        return List.of(server.stdout().text() + server.stderr().text(), client.stdout().text() + client.stderr().text(),
                server.exitStatus() + " " + server.endedAtNanos(), client.exitStatus() + " " + client.endedAtNanos(),
                Long.toHexString(w.sim.traceHash()));
    }

    private static List<String> udp() {
        DceWorld w = new DceWorld(1);
        SimProcess pong = DceWorld.java(w.h1, "pong", 0, UdpPingPong.class, "pong", "9000", "3");
        SimProcess ping = DceWorld.java(w.h2, "ping", DceWorld.S, UdpPingPong.class, "ping", "h1", "9000", "3");
        w.sim.runUntil(60 * DceWorld.S);
        return List.of(pong.stdout().text() + pong.stderr().text(), ping.stdout().text() + ping.stderr().text(),
                pong.exitStatus() + " " + pong.endedAtNanos(), ping.exitStatus() + " " + ping.endedAtNanos(),
                Long.toHexString(w.sim.traceHash()));
    }

    @Test
    void tcpEchoTwiceIdentically() {
        List<String> first = tcp();
        assertEquals("listening on 7000\naccepted 10.0.3.2\nserver done\n", first.get(0));
        // 60 ms round trips over three 10 ms links, plus serialisation of the small segments.
        assertEquals("HELLO 0 rtt=60046 us\nHELLO 1 rtt=60040 us\nHELLO 2 rtt=60035 us\n", first.get(1));
        assertEquals("0 1330193920", first.get(2));
        assertEquals("0 1300178080", first.get(3));
        assertEquals(first, tcp());
    }

    @Test
    void udpPingPongTwiceIdentically() {
        List<String> first = udp();
        assertEquals("pong done\n", first.get(0));
        // The first datagram waits for ARP on every hop; the fourth is never answered.
        assertEquals("""
                pong ping 0 from 10.0.1.1:9000 rtt=120044 us
                pong ping 1 from 10.0.1.1:9000 rtt=60024 us
                pong ping 2 from 10.0.1.1:9000 rtt=60024 us
                timeout after 2000 ms
                """, first.get(1));
        assertEquals("0 1210080160", first.get(2));
        assertEquals("0 3240092880", first.get(3));
        assertEquals(first, udp());
    }
}
