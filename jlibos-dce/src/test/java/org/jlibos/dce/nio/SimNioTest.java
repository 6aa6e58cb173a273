package org.jlibos.dce.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.net.ServerSocket;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/**
 * The NIO provider on two simulated hosts h1 (10.0.0.1) and h2 (10.0.0.2) joined by a
 * point-to-point link of 10 ms one-way delay at 8 Gbit/s, so a frame of S bytes takes exactly
 * S ns to serialise and virtual times below are exact sums of delays and frame sizes.
 */
class SimNioTest {

    static final long MS = 1_000_000L;
    static final long DELAY = 10 * MS;

    final Simulation sim = new Simulation(1);
    final Network net = new Network(sim);
    final Node h1 = sim.addNode("h1");
    final Node h2 = sim.addNode("h2");

    SimNioTest() throws Exception {
        net.pointToPoint(h1, h2, LinkSpec.of(8_000_000_000L, DELAY));
        address(h1, "10.0.0.1");
        address(h2, "10.0.0.2");
    }

    static void address(Node n, String addr) throws Exception {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device("eth0"), Ipv4Address.parse(addr), 24, -2);
    }

    SimProcess run(Node node, long atNanos, String name, Program program) {
        node.install(name, program);
        return node.spawn(null, atNanos, name);
    }

    static void assertOk(SimProcess p) {
        assertEquals("", p.stderr().text(), p + " stderr");
        assertEquals(0, p.exitStatus(), p + " exit status");
    }

    @Test
    void theSystemProviderIsOursAndRealThreadsGetJdkChannels() throws Exception {
        assertInstanceOf(SimSelectorProvider.class, SelectorProvider.provider());
        try (SocketChannel real = SocketChannel.open();
             ServerSocketChannel realServer = ServerSocketChannel.open();
             Selector realSelector = Selector.open()) {
            assertTrue(real.getClass().getName().startsWith("sun.nio.ch."), real.getClass().getName());
            assertTrue(realServer.getClass().getName().startsWith("sun.nio.ch."), realServer.getClass().getName());
            assertTrue(realSelector.getClass().getName().startsWith("sun.nio.ch."), realSelector.getClass().getName());
        }
        SimProcess p = run(h1, 0, "classes", ctx -> {
            try (SocketChannel sc = SocketChannel.open(); Selector sel = Selector.open()) {
                ctx.out().println(sc.getClass().getSimpleName() + " " + sel.getClass().getSimpleName() + " "
                        + (sc.provider() == SelectorProvider.provider()));
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(p);
        assertEquals("SimSocketChannel SimSelector true\n", p.stdout().text());
    }

    static final InetSocketAddress H2_ECHO = new InetSocketAddress("10.0.0.2", 7);

    /** A blocking echo server on h2:7 serving {@code connections} connections one after another. */
    SimProcess echoServer(int connections) {
        return run(h2, 0, "echod", ctx -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(7));
                for (int i = 0; i < connections; i++) {
                    try (SocketChannel c = server.accept()) {
                        ctx.out().println("accepted " + c.getRemoteAddress() + " on " + c.getLocalAddress() + " at " + ctx.now());
                        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(100);
                        while (c.read(buf) >= 0) {
                            buf.flip();
                            c.write(buf);
                            buf.clear();
                        }
                    }
                }
            }
            return 0;
        });
    }

    @Test
    void blockingEchoOverTcp() {
        SimProcess server = echoServer(1);
        SimProcess client = run(h1, 100 * MS, "echo", ctx -> {
            ctx.out().println("start at " + ctx.now());
            try (SocketChannel c = SocketChannel.open(H2_ECHO)) {
                ctx.out().println("connected " + c.getLocalAddress() + " -> " + c.getRemoteAddress() + " at " + ctx.now());
                c.write(java.nio.ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                java.nio.ByteBuffer reply = java.nio.ByteBuffer.allocateDirect(16);
                c.read(reply);
                reply.flip();
                byte[] b = new byte[reply.remaining()];
                reply.get(b);
                ctx.out().println("reply " + new String(b, java.nio.charset.StandardCharsets.US_ASCII) + " at " + ctx.now());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(client);
        assertOk(server);
        // One RTT for ARP, one for the handshake, one for the data; each frame adds its size in ns:
        // ARP request and reply (42 + 42), SYN and SYN-ACK (74 + 74), the handshake's ACK and the
        // data segment (66 + 71), h2's quick ACK and the echoed segment (66 + 71).
        long connected = 100 * MS + 4 * DELAY + 42 + 42 + 74 + 74;
        long reply = connected + 2 * DELAY + 66 + 71 + 66 + 71;
        assertEquals("start at " + 100 * MS + "\n"
                + "connected /10.0.0.1:42252 -> /10.0.0.2:7 at " + connected + "\n"
                + "reply hello at " + reply + "\n", client.stdout().text());
        assertEquals("accepted /10.0.0.1:42252 on /10.0.0.2:7 at " + (connected + DELAY + 66) + "\n",
                server.stdout().text());
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String ascii(ByteBuffer b) {
        b.flip();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        b.clear();
        return new String(a, StandardCharsets.US_ASCII);
    }

    @Test
    void nonBlockingSelectorServerServesThreeClients() {
        SimProcess server = run(h2, 0, "upperd", ctx -> {
            try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(8000));
                listener.configureBlocking(false);
                listener.register(selector, SelectionKey.OP_ACCEPT);
                ByteBuffer buf = ByteBuffer.allocate(64);
                int closed = 0;
                while (closed < 3) {
                    int n = selector.select();
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (key.isAcceptable()) {
                            SocketChannel c = listener.accept();
                            ctx.out().println(ctx.now() + " select=" + n + " accept " + c.getRemoteAddress());
                            c.configureBlocking(false);
                            c.register(selector, SelectionKey.OP_READ);
                            // Nothing else is pending: a second accept returns null in non-blocking mode.
                            ctx.out().println(ctx.now() + " accept again " + listener.accept());
                        } else if (key.isReadable()) {
                            SocketChannel c = (SocketChannel) key.channel();
                            int r = c.read(buf);
                            if (r < 0) {
                                ctx.out().println(ctx.now() + " select=" + n + " eof " + c.getRemoteAddress());
                                c.close();
                                closed++;
                            } else {
                                String text = ascii(buf);
                                ctx.out().println(ctx.now() + " select=" + n + " read " + text);
                                c.write(ascii(text.toUpperCase()));
                            }
                        }
                    }
                }
            }
            return 0;
        });
        SimProcess[] clients = new SimProcess[3];
        for (int i = 0; i < 3; i++) {
            String word = "client-" + i;
            clients[i] = run(h1, (100 + 5 * i) * MS, "c" + i, ctx -> {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress("10.0.0.2", 8000))) {
                    c.write(ascii(word));
                    ByteBuffer in = ByteBuffer.allocate(64);
                    c.read(in);
                    ctx.out().println(ascii(in) + " at " + ctx.now());
                }
                return 0;
            });
        }
        sim.runUntilIdle();
        assertOk(server);
        // All three SYNs wait for the one ARP resolution h1 starts at 100 ms, so the connections
        // complete back to back (each SYN-ACK/ACK exchange 140 ns apart on the wire); each request
        // is read and answered on its own key, in arrival order, and the close of each client
        // (after its reply, 10 ms later) is seen as -1 on the matching key.
        assertEquals("""
                150000298 select=1 accept /10.0.0.1:42252
                150000298 accept again null
                150000372 select=1 read client-0
                150000438 select=1 accept /10.0.0.1:59956
                150000438 accept again null
                150000512 select=1 read client-1
                150000578 select=1 accept /10.0.0.1:33240
                150000578 accept again null
                150000652 select=1 read client-2
                170000644 select=1 eof /10.0.0.1:42252
                170000784 select=1 eof /10.0.0.1:59956
                170000924 select=1 eof /10.0.0.1:33240
                """, server.stdout().text());
        long[] replyAt = {160000512, 160000652, 160000792};
        for (int i = 0; i < 3; i++) {
            assertOk(clients[i]);
            assertEquals("CLIENT-" + i + " at " + replyAt[i] + "\n", clients[i].stdout().text());
        }
    }

    @Test
    void selectTimeoutElapsesInVirtualTime() {
        SimProcess p = run(h1, 100 * MS, "idle", ctx -> {
            try (Selector selector = Selector.open(); DatagramChannel quiet = DatagramChannel.open()) {
                quiet.bind(new InetSocketAddress(6000));
                quiet.configureBlocking(false);
                quiet.register(selector, SelectionKey.OP_READ);
                long start = ctx.now();
                int n = selector.select(500);
                ctx.out().println(n + " after " + (ctx.now() - start) + " at " + ctx.now());
                ctx.out().println(selector.selectNow() + " now at " + ctx.now());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(p);
        assertEquals("0 after " + 500 * MS + " at " + 600 * MS + "\n0 now at " + 600 * MS + "\n", p.stdout().text());
    }

    @Test
    void wakeupFromAnotherSimulatedThread() {
        SimProcess p = run(h1, 100 * MS, "waker", ctx -> {
            try (Selector selector = Selector.open(); DatagramChannel quiet = DatagramChannel.open()) {
                quiet.bind(new InetSocketAddress(6000));
                quiet.configureBlocking(false);
                quiet.register(selector, SelectionKey.OP_READ);
                Thread waker = ctx.startThread("waker", () -> {
                    try {
                        ctx.sleep(250 * MS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    ctx.out().println("wakeup at " + ctx.now());
                    selector.wakeup();
                });
                int n = selector.select();
                ctx.out().println("select() returned " + n + " at " + ctx.now());
                waker.join();
                // A wakeup before select makes the next select return at once, and only that one.
                selector.wakeup();
                ctx.out().println("select(10000) returned " + selector.select(10_000) + " at " + ctx.now());
                ctx.out().println("select(20) returned " + selector.select(20) + " at " + ctx.now());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(p);
        assertEquals("wakeup at " + 350 * MS + "\nselect() returned 0 at " + 350 * MS
                + "\nselect(10000) returned 0 at " + 350 * MS
                + "\nselect(20) returned 0 at " + 370 * MS + "\n", p.stdout().text());
    }

    @Test
    void connectionRefused() {
        SimProcess p = run(h1, 100 * MS, "refused", ctx -> {
            try (SocketChannel c = SocketChannel.open()) {
                c.connect(new InetSocketAddress("10.0.0.2", 9));
            } catch (ConnectException e) {
                ctx.out().println("blocking: " + e.getClass().getName() + ": " + e.getMessage() + " at " + ctx.now());
            }
            SocketChannel c = SocketChannel.open();
            try (Selector selector = Selector.open()) {
                c.configureBlocking(false);
                ctx.out().println("connect " + c.connect(new InetSocketAddress("10.0.0.2", 9)) + " pending " + c.isConnectionPending());
                c.register(selector, SelectionKey.OP_CONNECT);
                int n = selector.select();
                SelectionKey key = selector.selectedKeys().iterator().next();
                ctx.out().println("select " + n + " connectable " + key.isConnectable() + " at " + ctx.now());
                c.finishConnect();
            } catch (ConnectException e) {
                ctx.out().println("finishConnect: " + e.getMessage() + " open " + c.isOpen());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(p);
        // ARP (42 + 42), SYN (74) answered by RST (54); the second attempt finds h2's address cached.
        long refused = 100 * MS + 4 * DELAY + 42 + 42 + 74 + 54;
        assertEquals("blocking: java.net.ConnectException: Connection refused at " + refused + "\n"
                + "connect false pending true\n"
                + "select 1 connectable true at " + (refused + 2 * DELAY + 74 + 54) + "\n"
                + "finishConnect: Connection refused open false\n", p.stdout().text());
    }

    @Test
    void readReturnsMinusOneWhenThePeerCloses() {
        SimProcess server = run(h2, 0, "bye", ctx -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(7000));
                 SocketChannel c = listener.accept()) {
                c.write(ascii("bye"));
            }
            return 0;
        });
        SimProcess client = run(h1, 100 * MS, "reader", ctx -> {
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("10.0.0.2", 7000))) {
                ByteBuffer in = ByteBuffer.allocate(16);
                int first = c.read(in);
                ctx.out().println(first + " " + ascii(in));
                ctx.out().println(c.read(in) + " " + c.read(in));
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(server);
        assertOk(client);
        assertEquals("3 bye\n-1 -1\n", client.stdout().text());
    }

    @Test
    void udpPingPong() {
        SimProcess server = run(h2, 0, "pongd", ctx -> {
            try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(5000))) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                ctx.out().println(ascii(buf) + " from " + from + " to " + ch.getLocalAddress() + " at " + ctx.now());
                ch.send(ascii("pong"), from);
            }
            return 0;
        });
        SimProcess client = run(h1, 100 * MS, "ping", ctx -> {
            try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("10.0.0.1", 4000))) {
                ch.connect(new InetSocketAddress("10.0.0.2", 5000));
                ch.write(ascii("ping"));
                ByteBuffer buf = ByteBuffer.allocateDirect(64);
                int n = ch.read(buf);
                ctx.out().println(n + " " + ascii(buf) + " local " + ch.getLocalAddress() + " remote "
                        + ch.getRemoteAddress() + " at " + ctx.now());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(server);
        assertOk(client);
        // ARP (42 + 42) then a 46-byte frame each way (14 Ethernet + 20 IP + 8 UDP + 4 payload).
        long pingAt = 100 * MS + 3 * DELAY + 42 + 42 + 46;
        assertEquals("ping from /10.0.0.1:4000 to /0.0.0.0:5000 at " + pingAt + "\n", server.stdout().text());
        assertEquals("4 pong local /10.0.0.1:4000 remote /10.0.0.2:5000 at " + (pingAt + DELAY + 46) + "\n",
                client.stdout().text());
    }

    @Test
    void socketAdaptorsBindAcceptAndTimeOutInVirtualTime() {
        SimProcess server = run(h2, 0, "adaptor", ctx -> {
            ServerSocketChannel ssc = ServerSocketChannel.open();
            ServerSocket ss = ssc.socket();
            ss.bind(new InetSocketAddress(8080), 10);
            ctx.out().println("bound " + ss.isBound() + " port " + ss.getLocalPort() + " " + ss);
            try (SocketChannel c = ss.getChannel().accept()) {
                java.net.Socket s = c.socket();
                ctx.out().println("peer " + s.getInetAddress() + ":" + s.getPort() + " local port " + s.getLocalPort()
                        + " connected " + s.isConnected());
                s.setSoTimeout(1000);
                s.setTcpNoDelay(true);
                long start = ctx.now();
                try {
                    s.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    ctx.out().println(e.getMessage() + " after " + (ctx.now() - start) + " nodelay " + s.getTcpNoDelay());
                }
            }
            ss.close();
            ctx.out().println("closed " + ss.isClosed() + " " + ssc.isOpen());
            return 0;
        });
        SimProcess client = run(h1, 100 * MS, "silent", ctx -> {
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("10.0.0.2", 8080))) {
                ctx.sleep(5000 * MS);
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(server);
        assertOk(client);
        assertEquals("""
                bound true port 8080 ServerSocket[addr=/0.0.0.0,localport=8080]
                peer /10.0.0.1:42252 local port 8080 connected true
                Read timed out after 1000000000 nodelay true
                closed true false
                """, server.stdout().text());
    }

    @Test
    void interruptingABlockedReadClosesTheChannel() {
        SimProcess server = echoServer(1);
        SimProcess client = run(h1, 100 * MS, "interrupted", ctx -> {
            SocketChannel c = SocketChannel.open(H2_ECHO);
            Thread main = Thread.currentThread();
            ctx.startThread("interrupter", () -> {
                try {
                    ctx.sleep(500 * MS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                main.interrupt();
            });
            try {
                c.read(ByteBuffer.allocate(10));
            } catch (ClosedByInterruptException e) {
                ctx.out().println("ClosedByInterruptException at " + ctx.now() + " open " + c.isOpen()
                        + " interrupted " + Thread.currentThread().isInterrupted());
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(client);
        assertOk(server);
        // The interrupter starts once connected (ARP and handshake: 140 ms + 232 ns) and sleeps 500 ms.
        long connected = 100 * MS + 4 * DELAY + 42 + 42 + 74 + 74;
        assertEquals("ClosedByInterruptException at " + (connected + 500 * MS) + " open false interrupted true\n",
                client.stdout().text());
    }

    @Test
    void optionsMapToTheKernelAndUnsupportedOnesNameThemselves() {
        SimProcess p = run(h1, 0, "options", ctx -> {
            try (SocketChannel c = SocketChannel.open(); DatagramChannel d = DatagramChannel.open()) {
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.setOption(StandardSocketOptions.SO_RCVBUF, 10_000);
                c.setOption(StandardSocketOptions.SO_LINGER, 5);
                c.setOption(StandardSocketOptions.IP_TOS, 0x10);
                ctx.out().println(c.getOption(StandardSocketOptions.TCP_NODELAY) + " " + c.getOption(StandardSocketOptions.SO_RCVBUF)
                        + " " + c.getOption(StandardSocketOptions.SO_LINGER) + " " + c.getOption(StandardSocketOptions.IP_TOS)
                        + " " + c.getOption(StandardSocketOptions.SO_KEEPALIVE));
                try {
                    c.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 3);
                } catch (UnsupportedOperationException e) {
                    ctx.out().println(e.getMessage());
                }
                d.setOption(StandardSocketOptions.SO_BROADCAST, true);
                ctx.out().println("broadcast " + d.getOption(StandardSocketOptions.SO_BROADCAST));
                try {
                    d.join(java.net.InetAddress.getByName("239.1.1.1"), null);
                } catch (UnsupportedOperationException e) {
                    ctx.out().println(e.getMessage());
                }
            }
            return 0;
        });
        sim.runUntilIdle();
        assertOk(p);
        assertEquals("true 20000 5 16 false\n"
                + "SocketChannel: socket option IP_MULTICAST_TTL is not supported by the simulated kernel\n"
                + "broadcast true\nDatagramChannel.join\n", p.stdout().text());
    }
}
