package org.jlibos.dce.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.jlibos.dce.net.TwoHosts.ARP_FRAME;
import static org.jlibos.dce.net.TwoHosts.MS;
import static org.jlibos.dce.net.TwoHosts.START;
import static org.jlibos.dce.net.TwoHosts.UDP_HEADERS;
import static org.jlibos.dce.net.TwoHosts.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;

import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** java.net.DatagramSocket of simulated programs, and of the JUnit thread on the real stack. */
class SimDatagramSocketTest {

    @BeforeAll
    static void install() {
        DceNet.install();
    }

    @Test
    void pingPongWithExactAddressesAndTimes() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess server = t.run(t.h2, 0, "udp-server", ctx -> {
            try (DatagramSocket s = new DatagramSocket(5000)) {
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                ctx.out().println("from " + p.getAddress().getHostAddress() + ":" + p.getPort() + " "
                        + new String(p.getData(), p.getOffset(), p.getLength(), US_ASCII) + " at " + ctx.now()
                        + " local " + s.getLocalSocketAddress());
                s.send(new DatagramPacket("pong!".getBytes(US_ASCII), 5, p.getSocketAddress()));
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, START, "udp-client", ctx -> {
            try (DatagramSocket s = new DatagramSocket()) {
                ctx.out().println("port " + s.getLocalPort() + " broadcast " + s.getBroadcast());
                s.send(new DatagramPacket("ping".getBytes(US_ASCII), 4, new InetSocketAddress("h2", 5000)));
                // A packet reused for receiving keeps its whole buffer (bufLength), as in the JDK.
                DatagramPacket p = new DatagramPacket(new byte[3], 3);
                p.setLength(1);
                p.setData(new byte[100]);
                s.receive(p);
                ctx.out().println("from " + p.getAddress().getHostAddress() + ":" + p.getPort() + " "
                        + new String(p.getData(), 0, p.getLength(), US_ASCII) + " at " + ctx.now());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        long pingAt = START + oneWay(ARP_FRAME) * 2 + oneWay(UDP_HEADERS + 4);
        long pongAt = pingAt + oneWay(UDP_HEADERS + 5);
        assertEquals("", client.stderr().text());
        assertEquals("", server.stderr().text());
        String clientOut = client.stdout().text();
        int clientPort = Integer.parseInt(clientOut.replaceAll("(?s)^port (\\d+).*", "$1"));
        assertEquals("port " + clientPort + " broadcast true\n"
                + "from 10.0.0.2:5000 pong! at " + pongAt + "\n", clientOut);
        assertEquals("from 10.0.0.1:" + clientPort + " ping at " + pingAt + " local 0.0.0.0/0.0.0.0:5000\n",
                server.stdout().text());
    }

    @Test
    void soTimeoutReceiveTimesOutInVirtualTime() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h1, 2 * MS, "udp-wait", ctx -> {
            try (DatagramSocket s = new DatagramSocket(6000)) {
                s.setSoTimeout(400);
                try {
                    s.receive(new DatagramPacket(new byte[10], 10));
                } catch (SocketTimeoutException e) {
                    ctx.out().println(e.getMessage() + " at " + ctx.now() + " timeout " + s.getSoTimeout());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("Receive timed out at " + 402 * MS + " timeout 400\n", p.stdout().text());
    }

    @Test
    void connectedSocketAndPeek() throws Exception {
        TwoHosts t = new TwoHosts();
        t.run(t.h2, 0, "udp-echo", ctx -> {
            try (DatagramSocket s = new DatagramSocket(5000)) {
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, MS, "udp-client", ctx -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(new InetSocketAddress("h2", 5000));
                ctx.out().println("connected " + s.isConnected() + " to " + s.getRemoteSocketAddress());
                s.send(new DatagramPacket("abc".getBytes(US_ASCII), 3));
                DatagramPacket p = new DatagramPacket(new byte[10], 10);
                s.receive(p);
                ctx.out().println("echo " + new String(p.getData(), 0, p.getLength(), US_ASCII));
                s.disconnect();
                ctx.out().println("connected " + s.isConnected());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", client.stderr().text());
        assertEquals("connected true to h2/10.0.0.2:5000\necho abc\nconnected false\n", client.stdout().text());
    }

    @Test
    void multicastGroupsFailByName() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h1, 0, "mcast", ctx -> {
            try (MulticastSocket s = new MulticastSocket(7000)) {
                s.setTimeToLive(4);
                ctx.out().println("ttl " + s.getTimeToLive() + " reuse " + s.getReuseAddress());
                try {
                    s.joinGroup(new InetSocketAddress(InetAddress.getByName("239.1.2.3"), 0), null);
                } catch (UnsupportedOperationException e) {
                    ctx.out().println(e.getMessage());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", p.stderr().text());
        assertEquals("ttl 4 reuse true\nMulticastSocket.joinGroup: the simulated kernel has no IP multicast\n",
                p.stdout().text());
    }

    @Test
    void realDatagramSocketsOnTheJUnitThreadUseTheRealStack() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket a = new DatagramSocket(0, loopback); DatagramSocket b = new DatagramSocket(0, loopback)) {
            a.setSoTimeout(5_000);
            b.setSoTimeout(5_000);
            b.send(new DatagramPacket("real".getBytes(US_ASCII), 4, a.getLocalSocketAddress()));
            DatagramPacket p = new DatagramPacket(new byte[16], 16);
            a.receive(p);
            assertEquals("real", new String(p.getData(), 0, p.getLength(), US_ASCII));
            assertEquals(b.getLocalPort(), p.getPort());
            assertEquals("127.0.0.1", p.getAddress().getHostAddress());
        }
    }
}
