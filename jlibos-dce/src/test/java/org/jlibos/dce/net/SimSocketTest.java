package org.jlibos.dce.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.jlibos.dce.net.TwoHosts.ACK_FRAME;
import static org.jlibos.dce.net.TwoHosts.ARP_FRAME;
import static org.jlibos.dce.net.TwoHosts.MS;
import static org.jlibos.dce.net.TwoHosts.RST_FRAME;
import static org.jlibos.dce.net.TwoHosts.START;
import static org.jlibos.dce.net.TwoHosts.SYN_FRAME;
import static org.jlibos.dce.net.TwoHosts.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;

import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** java.net.Socket / ServerSocket of simulated programs, on two simulated kernels. */
class SimSocketTest {

    @BeforeAll
    static void install() {
        DceNet.install();
    }

    /** Handshake after ARP: ARP request + reply, SYN + SYN-ACK. Connect returns then. */
    private static final long CONNECTED = oneWay(ARP_FRAME) * 2 + oneWay(SYN_FRAME) * 2;

    @Test
    void echoByNodeNameWithExactReplyTime() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess server = t.run(t.h2, 0, "echo-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(7)) {
                Socket s = listener.accept();
                ctx.out().println("accepted " + s.getInetAddress().getHostAddress() + ":" + s.getPort()
                        + " local " + s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort() + " at " + ctx.now());
                byte[] request = s.getInputStream().readNBytes(4);
                ctx.out().println("request " + new String(request, US_ASCII) + " at " + ctx.now());
                s.getOutputStream().write("pong".getBytes(US_ASCII));
                ctx.out().println("eof " + s.getInputStream().read());
                s.close();
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, START, "echo-client", ctx -> {
            try (Socket s = new Socket("h2", 7)) {
                ctx.out().println("connected to " + s.getInetAddress() + ":" + s.getPort() + " from port "
                        + s.getLocalPort() + " at " + ctx.now());
                s.getOutputStream().write("ping".getBytes(US_ASCII));
                InputStream in = s.getInputStream();
                byte[] reply = in.readNBytes(4);
                ctx.out().println("reply " + new String(reply, US_ASCII) + " at " + ctx.now());
            }
            return 0;
        });
        t.sim.runUntilIdle();

        long connected = START + CONNECTED;
        // The client's handshake ACK and its request leave back to back. The server, still in
        // quick-ACK mode at the start of the connection, ACKs the request at once, and its reply
        // leaves right behind that ACK.
        long acceptedAt = connected + oneWay(ACK_FRAME);
        long requestAt = connected + ACK_FRAME + oneWay(ACK_FRAME + 4);
        long replyAt = requestAt + ACK_FRAME + oneWay(ACK_FRAME + 4);
        assertEquals("", client.stderr().text());
        int clientPort = Integer.parseInt(client.stdout().text().replaceAll("(?s).*from port (\\d+).*", "$1"));
        assertEquals("connected to h2/10.0.0.2:7 from port " + clientPort + " at " + connected + "\n"
                + "reply pong at " + replyAt + "\n", client.stdout().text());
        assertEquals("", server.stderr().text());
        assertEquals("accepted 10.0.0.1:" + clientPort + " local 10.0.0.2:7 at " + acceptedAt + "\n"
                + "request ping at " + requestAt + "\n"
                + "eof -1\n", server.stdout().text());
        assertEquals(0, client.exitStatus());
        assertEquals(0, server.exitStatus());
    }

    @Test
    void soTimeoutReadTimesOutAtExactlyTheTimeout() throws Exception {
        TwoHosts t = new TwoHosts();
        t.run(t.h2, 0, "silent-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(7)) {
                Socket s = listener.accept();
                ctx.sleep(10_000 * MS);
                s.close();
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, START, "client", ctx -> {
            try (Socket s = new Socket("h2", 7)) {
                s.setSoTimeout(250);
                ctx.out().println("timeout " + s.getSoTimeout() + " connected at " + ctx.now());
                try {
                    s.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    ctx.out().println(e.getMessage() + " at " + ctx.now() + " closed " + s.isClosed());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        long connected = START + CONNECTED;
        assertEquals("timeout 250 connected at " + connected + "\n"
                + "Read timed out at " + (connected + 250 * MS) + " closed false\n", client.stdout().text());
    }

    @Test
    void connectToAClosedPortIsRefused() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess client = t.run(t.h1, START, "client", ctx -> {
            try (Socket s = new Socket("h2", 9)) {
                ctx.out().println("connected?!");
            } catch (ConnectException e) {
                ctx.out().println(e.getClass().getSimpleName() + ": " + e.getMessage() + " at " + ctx.now());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        long refusedAt = START + oneWay(ARP_FRAME) * 2 + oneWay(SYN_FRAME) + oneWay(RST_FRAME);
        assertEquals("ConnectException: Connection refused at " + refusedAt + "\n", client.stdout().text());
    }

    @Test
    void connectTimeoutToASilentAddressInVirtualTime() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess client = t.run(t.h1, 5 * MS, "client", ctx -> {
            Socket s = new Socket();
            try {
                // Nobody answers ARP for .99: the SYN never leaves, the connect times out.
                s.connect(new InetSocketAddress("10.0.0.99", 80), 300);
                ctx.out().println("connected?!");
            } catch (SocketTimeoutException e) {
                ctx.out().println(e.getMessage() + " at " + ctx.now() + " closed " + s.isClosed());
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("Connect timed out at " + (305 * MS) + " closed true\n", client.stdout().text());
    }

    @Test
    void interruptingABlockedReadClosesTheSocket() throws Exception {
        TwoHosts t = new TwoHosts();
        t.run(t.h2, 0, "silent-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(7)) {
                Socket s = listener.accept();
                ctx.sleep(10_000 * MS);
                s.close();
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, START, "client", ctx -> {
            Socket s = new Socket("h2", 7);
            Thread reader = ctx.startThread("reader", () -> {
                try {
                    s.getInputStream().read();
                    ctx.out().println("read returned?!");
                } catch (Exception e) {
                    ctx.out().println(e.getClass().getSimpleName() + ": " + e.getMessage() + " at " + ctx.now()
                            + " closed " + s.isClosed() + " interrupted " + Thread.currentThread().isInterrupted());
                }
            });
            ctx.sleep(100 * MS);
            reader.interrupt();
            reader.join();
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("SocketException: Closed by interrupt at " + (START + CONNECTED + 100 * MS)
                + " closed true interrupted true\n", client.stdout().text());
    }

    @Test
    void acceptTimesOutAtExactlyTheTimeout() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h2, 3 * MS, "lonely-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(7)) {
                listener.setSoTimeout(1500);
                try {
                    listener.accept();
                } catch (SocketTimeoutException e) {
                    ctx.out().println(e.getMessage() + " at " + ctx.now() + " closed " + listener.isClosed());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("Accept timed out at " + 1503 * MS + " closed false\n", p.stdout().text());
    }

    @Test
    void aResetConnectionReadsAsConnectionResetAndWritesAsBrokenPipe() throws Exception {
        TwoHosts t = new TwoHosts();
        t.run(t.h2, 0, "rude-server", ctx -> {
            try (ServerSocket listener = new ServerSocket(7)) {
                Socket s = listener.accept();
                ctx.sleep(50 * MS);
                // An abortive close: SO_LINGER 0 makes close send a RST and no FIN (a plain
                // close, as the JDK does it, would send a FIN first and the peer would read EOF).
                s.setSoLinger(true, 0);
                s.close();
            }
            return 0;
        });
        SimProcess client = t.run(t.h1, START, "client", ctx -> {
            try (Socket s = new Socket("h2", 7)) {
                s.getOutputStream().write("unread".getBytes(US_ASCII));
                ctx.sleep(200 * MS);
                for (int i = 0; i < 2; i++) {
                    try {
                        s.getInputStream().read();
                    } catch (SocketException e) {
                        ctx.out().println("read: " + e.getMessage());
                    }
                }
                try {
                    s.getOutputStream().write(1);
                } catch (SocketException e) {
                    ctx.out().println("write: " + e.getMessage());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", client.stderr().text());
        assertEquals("read: Connection reset\nread: Connection reset\nwrite: Broken pipe\n", client.stdout().text());
    }

    @Test
    void optionsReachTheKernelAndUnknownOnesFailByName() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h1, 0, "options", ctx -> {
            try (Socket s = new Socket(); ServerSocket ss = new ServerSocket()) {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.setSoLinger(true, 7);
                s.setReceiveBufferSize(10_000);
                s.setTrafficClass(0x10);
                ctx.out().println("nodelay " + s.getTcpNoDelay() + " keepalive " + s.getKeepAlive()
                        + " linger " + s.getSoLinger() + " rcvbuf " + s.getReceiveBufferSize()
                        + " tos " + s.getTrafficClass() + " oobinline " + s.getOOBInline()
                        + " reuseaddr " + s.getReuseAddress() + " server-reuseaddr " + ss.getReuseAddress());
                s.setOption(StandardSocketOptions.SO_LINGER, -1);
                s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                ctx.out().println("linger " + s.getOption(StandardSocketOptions.SO_LINGER)
                        + " reuseport " + s.getOption(StandardSocketOptions.SO_REUSEPORT));
                try {
                    s.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 3);
                } catch (UnsupportedOperationException e) {
                    ctx.out().println(e.getMessage());
                }
                try {
                    s.setOOBInline(true);
                } catch (SocketException e) {
                    ctx.out().println(e.getMessage());
                }
                try {
                    s.sendUrgentData(1);
                } catch (UnsupportedOperationException e) {
                    ctx.out().println(e.getMessage());
                }
            }
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("", p.stderr().text());
        assertEquals("nodelay true keepalive true linger 7 rcvbuf 20000 tos 16 oobinline false reuseaddr false"
                        + " server-reuseaddr true\n"
                        + "linger -1 reuseport true\n"
                        + "'IP_MULTICAST_TTL' not supported by a simulated TCP socket\n"
                        + "SO_OOBINLINE: TCP urgent data is not implemented by the simulated kernel\n"
                        + "Socket.sendUrgentData: TCP urgent data (MSG_OOB) is not implemented by the simulated kernel\n",
                p.stdout().text());
    }

    @Test
    void processExitClosesItsSockets() throws Exception {
        TwoHosts t = new TwoHosts();
        SimProcess p = t.run(t.h1, 0, "leaky", ctx -> {
            ServerSocket ss = new ServerSocket(7);
            Socket s = new Socket();
            // Socket creates its kernel socket lazily, on the first call that needs it.
            s.setTcpNoDelay(true);
            ctx.out().println("open " + java.util.Arrays.toString(ctx.sys().files().openDescriptors()));
            return 0;
        });
        t.sim.runUntilIdle();
        assertEquals("open [3, 4]\n", p.stdout().text());
        assertEquals(0, p.syscalls().files().openDescriptors().length);
    }

    @Test
    void realSocketsOnTheJUnitThreadUseTheRealStack() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofPlatform().start(() -> {
                try (Socket s = listener.accept()) {
                    byte[] b = s.getInputStream().readNBytes(5);
                    s.getOutputStream().write(b);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket s = new Socket()) {
                s.connect(listener.getLocalSocketAddress(), 5_000);
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                out.write("hello".getBytes(US_ASCII));
                assertEquals("hello", new String(s.getInputStream().readNBytes(5), US_ASCII));
                assertEquals("127.0.0.1", s.getInetAddress().getHostAddress());
                assertEquals(listener.getLocalPort(), s.getPort());
            }
            echo.join(5_000);
        }
    }
}
