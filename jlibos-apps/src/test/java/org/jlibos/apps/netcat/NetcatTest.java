package org.jlibos.apps.netcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** {@code nc -u} exchanging datagrams over a simulated kernel's loopback. */
class NetcatTest {

    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess at(long ms, String cmd) {
        return h1.spawn(null, ms * MS, cmd);
    }

    @Test
    void listenerPrintsTheFirstDatagram() {
        SimProcess server = at(0, "nc -u -l -p 6000 -W 1 -v");
        SimProcess client = at(1, "nc -u -v -e 'hello\\n' 127.0.0.1 6000");
        sim.runUntilIdle();
        assertEquals("hello\n", server.stdout().text());
        assertEquals("Bound on 0.0.0.0 6000\nConnection received on 127.0.0.1 39984\n", server.stderr().text());
        assertEquals(0, server.exitStatus());
        assertEquals(MS, server.endedAtNanos());
        assertEquals("", client.stdout().text());
        assertEquals("Connection to 127.0.0.1 6000 port [udp/*] succeeded!\n", client.stderr().text());
        assertEquals(0, client.exitStatus());
    }

    @Test
    void repliesReachTheClientWhileItWaits() {
        SimProcess server = at(0, "nc -u -l 6000 -e 'pong\\n' -W 1");
        SimProcess client = at(1, "nc -u -e 'ping\\n' -q 1 localhost 6000");
        sim.runUntilIdle();
        assertEquals("ping\n", server.stdout().text());
        assertEquals("pong\n", client.stdout().text());
        assertEquals(0, client.exitStatus());
        // -q: the client waits one second after its last datagram or reply.
        assertEquals(1001 * MS, client.endedAtNanos());
    }

    @Test
    void repeatedSendsInVirtualTime() {
        SimProcess server = at(0, "nc -u -l -p 7000 -k -w 2");
        SimProcess client = at(1, "nc -u -e 'tick\\n' -c 3 -i 0.5 -s 127.0.0.1 -p 4444 127.0.0.1 7000");
        SimProcess other = at(2, "nc -u -e 'tock\\n' 127.0.0.1 7000");
        sim.runUntilIdle();
        assertEquals("tick\ntock\ntick\ntick\n", server.stdout().text());
        assertEquals(0, client.exitStatus());
        assertEquals(1001 * MS, client.endedAtNanos());
        // -w 2: the listener gives up two seconds after the last datagram.
        assertEquals(3001 * MS, server.endedAtNanos());
        assertEquals(0, other.exitStatus());
    }

    @Test
    void withoutKeepTheListenerSticksToTheFirstSender() {
        SimProcess server = at(0, "nc -u -l -p 7000 -w 1");
        at(1, "nc -u -e one 127.0.0.1 7000");
        at(2, "nc -u -e two 127.0.0.1 7000");
        sim.runUntilIdle();
        assertEquals("one", server.stdout().text());
        assertEquals(1001 * MS, server.endedAtNanos());
    }

    @Test
    void closedPortIsRefused() {
        SimProcess twice = at(0, "nc -u -e x -c 2 -i 0.1 127.0.0.1 9");
        SimProcess waiting = at(0, "nc -u -e x -w 1 127.0.0.1 9");
        sim.runUntilIdle();
        assertEquals("nc: write failed: Connection refused\n", twice.stderr().text());
        assertEquals(1, twice.exitStatus());
        assertEquals(100 * MS, twice.endedAtNanos());
        assertEquals("nc: read failed: Connection refused\n", waiting.stderr().text());
        assertEquals(1, waiting.exitStatus());
    }

    @Test
    void errors() {
        SimProcess tcp = at(0, "nc 127.0.0.1 80");
        SimProcess usage = at(0, "nc -u");
        SimProcess host = at(0, "nc -u nowhere 80");
        SimProcess port = at(0, "nc -u 127.0.0.1 99999");
        SimProcess option = at(0, "nc -u -y 127.0.0.1 80");
        SimProcess busy1 = at(0, "nc -u -l 8000 -w 1");
        SimProcess busy2 = at(0, "nc -u -l 8000 -w 1");
        SimProcess unreachable = at(0, "nc -u -e x 10.9.9.9 80");
        sim.runUntilIdle();
        assertEquals("nc: TCP is not supported by jlibos yet; use -u\n", tcp.stderr().text());
        assertEquals("""
                usage: nc -u [-klnv] [-c count] [-e text] [-i interval] [-p source_port]
                \t  [-q seconds] [-s sourceaddr] [-W recvlimit] [-w timeout]
                \t  [destination] [port]
                """, usage.stderr().text());
        assertEquals("nc: getaddrinfo for host \"nowhere\" port 80: Name or service not known\n", host.stderr().text());
        assertEquals("nc: port number invalid: 99999\n", port.stderr().text());
        assertEquals(true, option.stderr().text().startsWith("nc: invalid option -- 'y'\nusage: nc"));
        assertEquals(0, busy1.exitStatus());
        assertEquals("nc: Address already in use\n", busy2.stderr().text());
        assertEquals("nc: connect to 10.9.9.9 port 80 (udp) failed: Network is unreachable\n", unreachable.stderr().text());
        for (SimProcess p : new SimProcess[] {tcp, usage, host, port, option, busy2, unreachable}) {
            assertEquals(1, p.exitStatus(), p.toString());
        }
    }

    @Test
    void namesInTheNodesHostsTableResolveBeforeNodeNames() {
        h1.hosts().add("loghost", org.jlibos.kernel.wire.Ipv4Address.LOOPBACK);
        SimProcess server = at(0, "nc -u -l -p 6000 -W 1");
        SimProcess client = at(1, "nc -u -e 'via hosts\\n' loghost 6000");
        SimProcess unknown = at(2, "nc -u -e x nowhere 6000");
        sim.runUntilIdle();
        assertEquals("via hosts\n", server.stdout().text());
        assertEquals(0, client.exitStatus());
        assertEquals(1, unknown.exitStatus());
    }
}
