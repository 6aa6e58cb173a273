package org.jlibos.apps.netcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** {@code udpsend} and {@code udprecv} over a simulated kernel's loopback. */
class UdpSendRecvTest {

    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess at(long ms, String cmd) {
        return h1.spawn(null, ms * MS, cmd);
    }

    @Test
    void datagramsAreReportedOneByOne() {
        SimProcess recv = at(0, "udprecv 5000 --count 3");
        SimProcess send = at(1, "udpsend 127.0.0.1 5000 --size 4000 --count 3 --interval 10ms");
        sim.runUntilIdle();
        assertEquals("""
                to 127.0.0.1:5000 len 4000
                to 127.0.0.1:5000 len 4000
                to 127.0.0.1:5000 len 4000
                sent 3 datagrams, 12000 bytes
                """, send.stdout().text());
        assertEquals(0, send.exitStatus());
        assertEquals("""
                from 127.0.0.1:39984 len 4000
                from 127.0.0.1:39984 len 4000
                from 127.0.0.1:39984 len 4000
                received 3 datagrams, 12000 bytes
                """, recv.stdout().text());
        assertEquals(0, recv.exitStatus());
        assertEquals(21 * MS, recv.endedAtNanos());
    }

    @Test
    void fragmentedDatagramsArriveWholeUnlessDontFragmentIsSet() {
        at(0, "ip link set lo mtu 1500");
        SimProcess recv = at(0, "udprecv 5000 --timeout 1s --bind 127.0.0.1");
        SimProcess plain = at(1, "udpsend localhost 5000 --size 4000 --sport 4444");
        SimProcess df = at(2, "udpsend 127.0.0.1 5000 --size 4000 --df");
        SimProcess small = at(3, "udpsend 127.0.0.1 5000 --size 1400 --df --sport 4445");
        sim.runUntilIdle();
        assertEquals("from 127.0.0.1:4444 len 4000\nfrom 127.0.0.1:4445 len 1400\nreceived 2 datagrams, 5400 bytes\n",
                recv.stdout().text());
        assertEquals(0, recv.exitStatus());
        assertEquals(1003 * MS, recv.endedAtNanos());
        assertEquals(0, plain.exitStatus());
        assertEquals("sent 0 datagrams, 0 bytes, 1 errors\n", df.stdout().text());
        assertEquals("udpsend: sendto: Message too long\n", df.stderr().text());
        assertEquals(1, df.exitStatus());
        assertEquals(0, small.exitStatus());
    }

    @Test
    void missingDatagramsFailTheCount() {
        SimProcess recv = at(0, "udprecv 5000 --count 2 --timeout 500ms");
        at(1, "udpsend 127.0.0.1 5000 --size 10 --sport 7777");
        sim.runUntilIdle();
        assertEquals("from 127.0.0.1:7777 len 10\nreceived 1 datagrams, 10 bytes\n", recv.stdout().text());
        assertEquals(1, recv.exitStatus());
        assertEquals(501 * MS, recv.endedAtNanos());
    }

    @Test
    void usageErrors() {
        SimProcess count = at(0, "udpsend 127.0.0.1 5000 --count x");
        SimProcess size = at(0, "udpsend 127.0.0.1 5000 --size 70000");
        SimProcess host = at(0, "udpsend nowhere 5000");
        SimProcess interval = at(0, "udpsend 127.0.0.1 5000 --interval 5x");
        SimProcess noPort = at(0, "udprecv");
        SimProcess busy1 = at(0, "udprecv 6000 --timeout 1s");
        SimProcess busy2 = at(0, "udprecv 6000 --timeout 1s");
        sim.runUntilIdle();
        assertEquals("udpsend: invalid value 'x' for --count\n"
                + "usage: udpsend HOST PORT [--size N] [--count N] [--interval DUR] [--df] [--bind ADDR] [--sport PORT] [--ttl N]\n",
                count.stderr().text());
        assertEquals(true, size.stderr().text().startsWith("udpsend: value 70000 for --size out of range 0..65507\n"));
        assertEquals("udpsend: unknown host nowhere\n", host.stderr().text());
        assertEquals(true, interval.stderr().text().startsWith("udpsend: unknown duration unit 'x' in '5x'"), interval.stderr().text());
        assertEquals("udprecv: PORT is required\nusage: udprecv PORT [--count N] [--timeout DUR] [--bind ADDR]\n",
                noPort.stderr().text());
        for (SimProcess p : new SimProcess[] {count, size, host, interval, noPort}) {
            assertEquals(2, p.exitStatus(), p.toString());
        }
        assertEquals("received 0 datagrams, 0 bytes\n", busy1.stdout().text());
        assertEquals(0, busy1.exitStatus());
        assertEquals("udprecv: bind: Address already in use\n", busy2.stderr().text());
        assertEquals("received 0 datagrams, 0 bytes\n", busy2.stdout().text());
        assertEquals(1, busy2.exitStatus());
    }
}
