package org.jlibos.dce.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names as simulated programs resolve them: per node, through InetAddress. */
class SimResolverTest {

    @BeforeAll
    static void install() {
        DceNet.install();
    }

    @Test
    void namesResolvePerNode() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p1 = t.run(t.h1, 0, "names", ctx -> {
            InetAddress localhost = InetAddress.getByName("localhost");
            ctx.out().println("localhost " + localhost + " loopback " + localhost.isLoopbackAddress());
            ctx.out().println("self " + InetAddress.getByName("h1"));
            ctx.out().println("peer " + InetAddress.getByName("H2"));
            ctx.out().println("all " + Arrays.toString(InetAddress.getAllByName("h2")));
            ctx.out().println("localHost " + DceNet.localHost());
            ctx.out().println("literal " + InetAddress.getByName("10.0.0.2"));
            return 0;
        });
        SimProcess p2 = t.run(t.h2, 0, "names", ctx -> {
            ctx.out().println("self " + InetAddress.getByName("h2"));
            ctx.out().println("peer " + InetAddress.getByName("h1"));
            ctx.out().println("localHost " + DceNet.localHost());
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", p1.stderr().text());
        assertEquals("localhost localhost/127.0.0.1 loopback true\n"
                + "self h1/10.0.0.1\n"
                + "peer H2/10.0.0.2\n"
                + "all [h2/10.0.0.2]\n"
                + "localHost h1/10.0.0.1\n"
                + "literal /10.0.0.2\n", p1.stdout().text());
        assertEquals("self h2/10.0.0.2\npeer h1/10.0.0.1\nlocalHost h2/10.0.0.2\n", p2.stdout().text());
    }

    @Test
    void aNodeWithoutAddressesIsItsLoopback() throws Exception {
        TwoHosts t = new TwoHosts();
        var lonely = t.sim.addNode("lonely");
        SimProcess p = t.run(lonely, 0, "names", ctx -> {
            ctx.out().println("localHost " + DceNet.localHost());
            ctx.out().println("self " + InetAddress.getByName("lonely"));
            try {
                InetAddress.getByName("lonely-peer");
            } catch (UnknownHostException e) {
                ctx.out().println(e.getMessage());
            }
            return 0;
        });
        SimProcess asked = t.run(t.h1, 0, "ask", ctx -> {
            try {
                InetAddress.getByName("lonely");
            } catch (UnknownHostException e) {
                ctx.out().println(e.getMessage());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("localHost lonely/127.0.0.1\nself lonely/127.0.0.1\n"
                + "lonely-peer: Name or service not known (resolving on simulated node lonely)\n", p.stdout().text());
        assertEquals("lonely: node lonely has no IPv4 address on a non-loopback device (resolving on node h1)\n",
                asked.stdout().text());
    }

    @Test
    void unknownNameNamesTheHostAndTheNode() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h1, 0, "unknown", ctx -> {
            try {
                InetAddress.getByName("db.example");
            } catch (UnknownHostException e) {
                ctx.out().println(e.getMessage());
            }
            try {
                new Socket("db.example", 80);
            } catch (UnknownHostException e) {
                ctx.out().println("Socket: " + e.getMessage());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("db.example: Name or service not known (resolving on simulated node h1)\n"
                + "Socket: db.example: Name or service not known (resolving on simulated node h1)\n", p.stdout().text());
    }

    @Test
    void hostsTableIsConsultedFirstAndPerNode() throws Exception {
        TwoHosts t = new TwoHosts();
        DceHosts.of(t.h1).add("db", InetAddress.getByName("10.0.0.2"))
                .add("h2", InetAddress.getByName("192.0.2.5"))
                .add("h2", InetAddress.getByName("192.0.2.6"));
        t.run(t.h2, 0, "db-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(5432); Socket s = listener.accept()) {
                s.getOutputStream().write("db!".getBytes(US_ASCII));
            }
            return 0;
        });
        SimProcess p1 = t.run(t.h1, TwoHosts.MS, "client", ctx -> {
            ctx.out().println("h2 " + Arrays.toString(InetAddress.getAllByName("h2")));
            try (Socket s = new Socket("DB", 5432)) {
                ctx.out().println("db " + s.getInetAddress() + " says "
                        + new String(s.getInputStream().readNBytes(3), US_ASCII));
            }
            return 0;
        });
        SimProcess p2 = t.run(t.h2, TwoHosts.MS, "other", ctx -> {
            ctx.out().println("h2 " + InetAddress.getByName("h2"));
            try {
                InetAddress.getByName("db");
            } catch (UnknownHostException e) {
                ctx.out().println(e.getMessage());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", p1.stderr().text());
        assertEquals("h2 [h2/192.0.2.5, h2/192.0.2.6]\ndb DB/10.0.0.2 says db!\n", p1.stdout().text());
        assertEquals("h2 h2/10.0.0.2\ndb: Name or service not known (resolving on simulated node h2)\n",
                p2.stdout().text());
    }

    @Test
    void reverseLookups() throws Exception {
        TwoHosts t = new TwoHosts();
        DceHosts.of(t.h1).add("gateway.lan", InetAddress.getByName("10.0.0.254"));
        SimProcess p = t.run(t.h1, 0, "reverse", ctx -> {
            ctx.out().println(InetAddress.getByAddress(new byte[] {10, 0, 0, 2}).getHostName());
            ctx.out().println(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}).getCanonicalHostName());
            ctx.out().println(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName());
            ctx.out().println(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) 254}).getHostName());
            // No name: getHostName falls back to the literal, as with a failed PTR lookup.
            ctx.out().println(InetAddress.getByAddress(new byte[] {10, 9, 9, 9}).getHostName());
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", p.stderr().text());
        assertEquals("h2\nh1\nlocalhost\ngateway.lan\n10.9.9.9\n", p.stdout().text());
    }

    @Test
    void theJUnitThreadUsesTheBuiltinResolver() throws Exception {
        InetAddress localhost = InetAddress.getByName("localhost");
        assertTrue(localhost.isLoopbackAddress(), localhost.toString());
        try {
            InetAddress.getByName("h1.invalid");
            throw new AssertionError("h1.invalid resolved outside the simulation");
        } catch (UnknownHostException expected) {
            assertTrue(expected.getMessage().contains("h1.invalid"), expected.getMessage());
        }
    }
}
