package org.jlibos.apps.iperf;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import org.jlibos.apps.resolve.HostResolver;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code iperf3} for TCP, speaking iperf3's control protocol (cookie, state bytes, JSON
 * parameter and result exchange) and printing its text or {@code -J} JSON output.
 *
 * <pre>
 * iperf3 -s [-p port] [-1] [-i secs] [-J]
 * iperf3 -c host [-p port] [-t secs | -n bytes] [-P streams] [-R] [-i secs] [-l len] [-C algo] [-J]
 * iperf3 -c host -u [-b rate] [-l len] [-t secs] [-R] [-J]
 * </pre>
 * UDP tests ({@code -u [-b rate] [-l len]}, one stream) pace datagrams at the bit rate and
 * report jitter and loss. Time runs in virtual seconds. Not implemented yet: -O omit, -w window,
 * -Z; they are refused with their name.
 */
public final class Iperf3 implements Program {

    private static final long SECOND = 1_000_000_000L;

    static final class Options {
        boolean server;
        String host;
        int port = IperfProtocol.DEFAULT_PORT;
        long durationNanos = 10 * SECOND;
        long bytes;
        int parallel = 1;
        boolean reverse;
        long intervalNanos = SECOND;
        int blockSize = IperfProtocol.DEFAULT_BLOCK;
        String congestion;
        boolean json;
        boolean oneOff;
        boolean udp;
        long bitsPerSecond = 1_000_000;
        boolean lengthGiven;
    }

    /** iperf3's UDP stream set-up datagrams: "6789" from the client, "9876" back. */
    static final int UDP_CONNECT_MSG = 0x36373839;
    static final int UDP_CONNECT_REPLY = 0x39383736;
    /** iperf3's default UDP datagram payload for a 1500-byte MTU. */
    static final int DEFAULT_UDP_BLOCK = 1460;

    @Override
    public int run(ProcessContext ctx) throws Exception {
        Options o = new Options();
        String problem = parse(ctx.args(), o);
        if (problem != null) {
            ctx.err().println("iperf3: " + problem);
            ctx.err().println("Usage: iperf3 [-s|-c host] [options]");
            return 1;
        }
        return o.server ? server(ctx, o) : client(ctx, o);
    }

    // ---- client ----------------------------------------------------------------------------

    private int client(ProcessContext ctx, Options o) throws Exception {
        PrintStream out = o.json ? null : ctx.out();
        long resolved = HostResolver.resolve(ctx, o.host);
        if (resolved < 0) {
            ctx.err().println("iperf3: error - unable to connect to server - server may have stopped running or use a different port, firewall issue, etc.: Name or service not known");
            return 1;
        }
        int dst = (int) resolved;
        Syscalls sys = ctx.sys();
        if (out != null) {
            out.printf("Connecting to host %s, port %d%n", o.host, o.port);
        }
        int ctrl = sys.socket(AF_INET, SOCK_STREAM, 0);
        try {
            sys.connect(ctrl, new InetSockAddr(dst, o.port));
        } catch (ErrnoException e) {
            ctx.err().println("iperf3: error - unable to connect to server - server may have stopped running or use a different port, firewall issue, etc.: " + e.errno().message);
            return 1;
        }
        byte[] cookie = IperfProtocol.cookie(ctx.random("iperf3:cookie"));
        IperfProtocol.writeFully(sys, ctrl, cookie);
        IperfProtocol.expectState(sys, ctrl, IperfProtocol.PARAM_EXCHANGE);
        ObjectNode params = IperfProtocol.JSON.createObjectNode();
        if (o.udp) {
            params.put("udp", true);
            params.put("bandwidth", o.bitsPerSecond);
        } else {
            params.put("tcp", true);
        }
        params.put("omit", 0);
        params.put("time", o.bytes > 0 ? 0 : o.durationNanos / SECOND);
        params.put("num", o.bytes);
        params.put("parallel", o.parallel);
        params.put("len", o.blockSize);
        if (o.reverse) {
            params.put("reverse", true);
        }
        if (o.congestion != null) {
            params.put("congestion", o.congestion);
        }
        params.put("client_version", "3.12 (jlibos)");
        IperfProtocol.writeJson(sys, ctrl, params);
        IperfProtocol.expectState(sys, ctrl, IperfProtocol.CREATE_STREAMS);
        int[] fds = new int[o.parallel];
        ObjectNode json = IperfProtocol.JSON.createObjectNode();
        ArrayNode connected = json.putObject("start").putArray("connected");
        for (int i = 0; i < o.parallel && o.udp; i++) {
            fds[i] = sys.socket(AF_INET, SOCK_DGRAM, 0);
            sys.connect(fds[i], new InetSockAddr(dst, o.port));
            byte[] hello = intBytes(UDP_CONNECT_MSG);
            sys.send(fds[i], hello, 0, 4, 0);
            sys.recv(fds[i], new byte[4], 0, 4, 0);
            describeConnection(out, connected, fds[i], (InetSockAddr) sys.getsockname(fds[i]), new InetSockAddr(dst, o.port));
        }
        for (int i = 0; i < o.parallel && !o.udp; i++) {
            fds[i] = sys.socket(AF_INET, SOCK_STREAM, 0);
            if (o.congestion != null) {
                sys.setsockopt(fds[i], SOL_TCP, TCP_CONGESTION, o.congestion);
            }
            sys.connect(fds[i], new InetSockAddr(dst, o.port));
            IperfProtocol.writeFully(sys, fds[i], cookie);
            InetSockAddr local = (InetSockAddr) sys.getsockname(fds[i]);
            describeConnection(out, connected, fds[i], local, new InetSockAddr(dst, o.port));
        }
        IperfProtocol.expectState(sys, ctrl, IperfProtocol.TEST_START);
        IperfProtocol.expectState(sys, ctrl, IperfProtocol.TEST_RUNNING);
        ObjectNode testStart = ((ObjectNode) json.get("start")).putObject("test_start");
        testStart.put("protocol", o.udp ? "UDP" : "TCP");
        testStart.put("num_streams", o.parallel);
        testStart.put("blksize", o.blockSize);
        testStart.put("omit", 0);
        testStart.put("duration", o.bytes > 0 ? 0 : o.durationNanos / SECOND);
        testStart.put("bytes", o.bytes);
        testStart.put("reverse", o.reverse ? 1 : 0);
        if (out != null && o.reverse) {
            out.printf("Reverse mode, remote host %s is sending%n", o.host);
        }
        ArrayNode intervals = json.putArray("intervals");
        if (o.udp) {
            UdpPhase udp = new UdpPhase(ctx, ctrl, fds[0], !o.reverse, true, o.durationNanos, o.bitsPerSecond,
                    o.intervalNanos, out, intervals);
            udp.run(o.blockSize);
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.TEST_END);
            IperfProtocol.expectState(sys, ctrl, IperfProtocol.EXCHANGE_RESULTS);
            IperfProtocol.writeJson(sys, ctrl, udpResults(udp));
            ObjectNode remote = IperfProtocol.readJson(sys, ctrl);
            IperfProtocol.expectState(sys, ctrl, IperfProtocol.DISPLAY_RESULTS);
            udpSummary(out, json, udp, remote, !o.reverse);
        } else {
            DataPhase data = new DataPhase(ctx, ctrl, fds, !o.reverse, true, o.durationNanos, o.bytes, o.intervalNanos,
                    out, intervals);
            data.run(o.blockSize);
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.TEST_END);
            IperfProtocol.expectState(sys, ctrl, IperfProtocol.EXCHANGE_RESULTS);
            IperfProtocol.writeJson(sys, ctrl, results(data, !o.reverse));
            ObjectNode remote = IperfProtocol.readJson(sys, ctrl);
            IperfProtocol.expectState(sys, ctrl, IperfProtocol.DISPLAY_RESULTS);
            summary(out, json, data, remote, !o.reverse, o);
        }
        IperfProtocol.writeState(sys, ctrl, IperfProtocol.IPERF_DONE);
        for (int fd : fds) {
            sys.close(fd);
        }
        sys.close(ctrl);
        if (out != null) {
            out.println();
            out.println("iperf Done.");
        } else {
            ctx.out().println(IperfProtocol.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return 0;
    }

    // ---- server ----------------------------------------------------------------------------

    private int server(ProcessContext ctx, Options o) throws Exception {
        Syscalls sys = ctx.sys();
        int listener = sys.socket(AF_INET, SOCK_STREAM, 0);
        sys.setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, 1);
        try {
            sys.bind(listener, new InetSockAddr(0, o.port));
        } catch (ErrnoException e) {
            ctx.err().println("iperf3: error - unable to start listener for connections: " + e.errno().message);
            return 1;
        }
        sys.listen(listener, 5);
        for (int test = 1; ; test++) {
            PrintStream out = o.json ? null : ctx.out();
            if (out != null) {
                out.println("-----------------------------------------------------------");
                out.printf("Server listening on %d (test #%d)%n", o.port, test);
                out.println("-----------------------------------------------------------");
            }
            MessageInfo peer = new MessageInfo();
            int ctrl = sys.accept(listener, peer);
            if (out != null) {
                out.printf("Accepted connection from %s, port %d%n", Ipv4Address.format(peer.srcAddress), peer.srcPort);
            }
            byte[] cookie = new byte[IperfProtocol.COOKIE_SIZE];
            IperfProtocol.readFully(sys, ctrl, cookie);
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.PARAM_EXCHANGE);
            ObjectNode params = IperfProtocol.readJson(sys, ctrl);
            int parallel = params.path("parallel").asInt(1);
            boolean reverse = params.path("reverse").asBoolean(false);
            int block = params.path("len").asInt(IperfProtocol.DEFAULT_BLOCK);
            boolean udp = params.path("udp").asBoolean(false);
            int udpFd = -1;
            if (udp) {
                udpFd = sys.socket(AF_INET, SOCK_DGRAM, 0);
                sys.bind(udpFd, new InetSockAddr(0, o.port));
            }
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.CREATE_STREAMS);
            int[] fds = new int[parallel];
            ObjectNode json = IperfProtocol.JSON.createObjectNode();
            ArrayNode connected = json.putObject("start").putArray("connected");
            if (udp) {
                MessageInfo from = new MessageInfo();
                sys.recvFrom(udpFd, new byte[4], 0, 4, 0, from);
                sys.connect(udpFd, new InetSockAddr(from.srcAddress, from.srcPort));
                sys.send(udpFd, intBytes(UDP_CONNECT_REPLY), 0, 4, 0);
                fds[0] = udpFd;
                describeConnection(out, connected, udpFd, (InetSockAddr) sys.getsockname(udpFd),
                        new InetSockAddr(from.srcAddress, from.srcPort));
            }
            for (int i = 0; i < parallel && !udp; i++) {
                MessageInfo from = new MessageInfo();
                fds[i] = sys.accept(listener, from);
                IperfProtocol.readFully(sys, fds[i], new byte[IperfProtocol.COOKIE_SIZE]);
                if (params.has("congestion")) {
                    sys.setsockopt(fds[i], SOL_TCP, TCP_CONGESTION, params.get("congestion").asText());
                }
                describeConnection(out, connected, fds[i], (InetSockAddr) sys.getsockname(fds[i]),
                        new InetSockAddr(from.srcAddress, from.srcPort));
            }
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.TEST_START);
            IperfProtocol.writeState(sys, ctrl, IperfProtocol.TEST_RUNNING);
            ArrayNode intervals = json.putArray("intervals");
            if (udp) {
                UdpPhase phase = new UdpPhase(ctx, ctrl, udpFd, reverse, false, 0, params.path("bandwidth").asLong(1_000_000),
                        o.intervalNanos, out, intervals);
                phase.run(block);
                IperfProtocol.writeState(sys, ctrl, IperfProtocol.EXCHANGE_RESULTS);
                ObjectNode remote = IperfProtocol.readJson(sys, ctrl);
                IperfProtocol.writeJson(sys, ctrl, udpResults(phase));
                IperfProtocol.writeState(sys, ctrl, IperfProtocol.DISPLAY_RESULTS);
                awaitDone(sys, ctrl);
                udpSummary(out, json, phase, remote, reverse);
            } else {
                DataPhase data = new DataPhase(ctx, ctrl, fds, reverse, false, 0, 0, o.intervalNanos, out, intervals);
                data.run(block);
                IperfProtocol.writeState(sys, ctrl, IperfProtocol.EXCHANGE_RESULTS);
                ObjectNode remote = IperfProtocol.readJson(sys, ctrl);
                IperfProtocol.writeJson(sys, ctrl, results(data, reverse));
                IperfProtocol.writeState(sys, ctrl, IperfProtocol.DISPLAY_RESULTS);
                awaitDone(sys, ctrl);
                summary(out, json, data, remote, reverse, o);
            }
            for (int fd : fds) {
                sys.close(fd);
            }
            sys.close(ctrl);
            if (o.json) {
                ctx.out().println(IperfProtocol.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            }
            if (o.oneOff) {
                sys.close(listener);
                return 0;
            }
        }
    }

    private static void awaitDone(Syscalls sys, int ctrl) {
        try {
            IperfProtocol.readState(sys, ctrl);
        } catch (ErrnoException e) {
            // the client may close without IPERF_DONE
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static ObjectNode udpResults(UdpPhase u) {
        ObjectNode r = IperfProtocol.JSON.createObjectNode();
        r.put("cpu_util_total", 0.0);
        r.put("sender_has_retransmits", 0);
        ObjectNode s = r.putArray("streams").addObject();
        s.put("id", 1);
        s.put("bytes", u.bytes);
        s.put("retransmits", -1);
        s.put("jitter", u.jitterSeconds);
        s.put("errors", u.lost);
        s.put("packets", u.packets);
        s.put("start_time", 0.0);
        s.put("end_time", u.seconds());
        return r;
    }

    /** The UDP summary: bytes, rate, jitter and loss as the sender and the receiver saw them. */
    private static void udpSummary(PrintStream out, ObjectNode json, UdpPhase local, ObjectNode remote, boolean localSends) {
        ObjectNode r = (ObjectNode) remote.path("streams").path(0);
        long senderBytes = localSends ? local.bytes : r.path("bytes").asLong();
        double senderSeconds = localSends ? local.seconds() : r.path("end_time").asDouble();
        long senderPackets = localSends ? local.packets : r.path("packets").asLong();
        long receiverBytes = localSends ? r.path("bytes").asLong() : local.bytes;
        double receiverSeconds = localSends ? r.path("end_time").asDouble() : local.seconds();
        long lost = localSends ? r.path("errors").asLong() : local.lost;
        double jitterMs = (localSends ? r.path("jitter").asDouble() : local.jitterSeconds) * 1000;
        int id = json.path("start").path("connected").path(0).path("socket").asInt();
        if (out != null) {
            out.println(DataPhase.SEPARATOR);
            out.println("[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams");
            out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %.3f ms  %d/%d (%s%%)  sender%n", id, 0.0, senderSeconds,
                    IperfUnits.bytes(senderBytes), IperfUnits.bitsPerSecond(rate(senderBytes, senderSeconds)), 0.0, 0,
                    senderPackets, "0");
            out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %.3f ms  %d/%d (%s%%)  receiver%n", id, 0.0, receiverSeconds,
                    IperfUnits.bytes(receiverBytes), IperfUnits.bitsPerSecond(rate(receiverBytes, receiverSeconds)), jitterMs,
                    lost, senderPackets, UdpPhase.percent(lost, senderPackets));
        }
        ObjectNode sum = json.putObject("end").putObject("sum");
        sum.put("start", 0.0);
        sum.put("end", receiverSeconds);
        sum.put("seconds", receiverSeconds);
        sum.put("bytes", receiverBytes);
        sum.put("bits_per_second", rate(receiverBytes, receiverSeconds));
        sum.put("jitter_ms", jitterMs);
        sum.put("lost_packets", lost);
        sum.put("packets", senderPackets);
        sum.put("lost_percent", senderPackets == 0 ? 0.0 : 100.0 * lost / senderPackets);
    }

    // ---- reports ---------------------------------------------------------------------------

    private static void describeConnection(PrintStream out, ArrayNode connected, int fd, InetSockAddr local, InetSockAddr remote) {
        if (out != null) {
            out.printf("[%3d] local %s port %d connected to %s port %d%n", fd, Ipv4Address.format(local.address()),
                    local.port(), Ipv4Address.format(remote.address()), remote.port());
        }
        ObjectNode c = connected.addObject();
        c.put("socket", fd);
        c.put("local_host", Ipv4Address.format(local.address()));
        c.put("local_port", local.port());
        c.put("remote_host", Ipv4Address.format(remote.address()));
        c.put("remote_port", remote.port());
    }

    /** This side's results, as iperf3 exchanges them. */
    private static ObjectNode results(DataPhase data, boolean sending) {
        ObjectNode r = IperfProtocol.JSON.createObjectNode();
        r.put("cpu_util_total", 0.0);
        r.put("sender_has_retransmits", sending ? 1 : 0);
        ArrayNode streams = r.putArray("streams");
        for (int i = 0; i < data.totalBytes.length; i++) {
            ObjectNode s = streams.addObject();
            s.put("id", i + 1);
            s.put("bytes", data.totalBytes[i]);
            s.put("retransmits", sending ? data.retransmits[i] : -1);
            s.put("start_time", 0.0);
            s.put("end_time", data.seconds());
        }
        return r;
    }

    /** The summary block: the sender's and the receiver's totals for each stream. */
    private static void summary(PrintStream out, ObjectNode json, DataPhase local, ObjectNode remote, boolean localSends,
                                Options o) {
        ArrayNode remoteStreams = (ArrayNode) remote.path("streams");
        if (out != null) {
            out.println(DataPhase.SEPARATOR);
            out.println("[ ID] Interval           Transfer     Bitrate         Retr");
        }
        ObjectNode end = json.putObject("end");
        ArrayNode streams = end.putArray("streams");
        long sentBytes = 0;
        long receivedBytes = 0;
        long retrans = 0;
        double sentSeconds = 0;
        double receivedSeconds = 0;
        for (int i = 0; i < local.totalBytes.length; i++) {
            long localBytes = local.totalBytes[i];
            double localSeconds = local.seconds();
            long remoteBytes = remoteStreams.path(i).path("bytes").asLong();
            double remoteSeconds = remoteStreams.path(i).path("end_time").asDouble();
            long senderBytes = localSends ? localBytes : remoteBytes;
            double senderSeconds = localSends ? localSeconds : remoteSeconds;
            long receiverBytes = localSends ? remoteBytes : localBytes;
            double receiverSeconds = localSends ? remoteSeconds : localSeconds;
            long retr = localSends ? local.retransmits[i] : remoteStreams.path(i).path("retransmits").asLong();
            int id = local.totalBytes.length == 0 ? 0 : fdOf(json, i);
            if (out != null) {
                out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %3d             sender%n", id, 0.0, senderSeconds,
                        IperfUnits.bytes(senderBytes), IperfUnits.bitsPerSecond(rate(senderBytes, senderSeconds)), retr);
                out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s                  receiver%n", id, 0.0, receiverSeconds,
                        IperfUnits.bytes(receiverBytes), IperfUnits.bitsPerSecond(rate(receiverBytes, receiverSeconds)));
            }
            ObjectNode s = streams.addObject();
            ObjectNode snd = s.putObject("sender");
            snd.put("socket", id);
            snd.put("start", 0.0);
            snd.put("end", senderSeconds);
            snd.put("seconds", senderSeconds);
            snd.put("bytes", senderBytes);
            snd.put("bits_per_second", rate(senderBytes, senderSeconds));
            snd.put("retransmits", retr);
            snd.put("sender", true);
            ObjectNode rcv = s.putObject("receiver");
            rcv.put("socket", id);
            rcv.put("start", 0.0);
            rcv.put("end", receiverSeconds);
            rcv.put("seconds", receiverSeconds);
            rcv.put("bytes", receiverBytes);
            rcv.put("bits_per_second", rate(receiverBytes, receiverSeconds));
            rcv.put("sender", false);
            sentBytes += senderBytes;
            receivedBytes += receiverBytes;
            retrans += retr;
            sentSeconds = Math.max(sentSeconds, senderSeconds);
            receivedSeconds = Math.max(receivedSeconds, receiverSeconds);
        }
        if (out != null && local.totalBytes.length > 1) {
            out.printf("[SUM] %6.2f-%-6.2f sec  %s  %s  %3d             sender%n", 0.0, sentSeconds,
                    IperfUnits.bytes(sentBytes), IperfUnits.bitsPerSecond(rate(sentBytes, sentSeconds)), retrans);
            out.printf("[SUM] %6.2f-%-6.2f sec  %s  %s                  receiver%n", 0.0, receivedSeconds,
                    IperfUnits.bytes(receivedBytes), IperfUnits.bitsPerSecond(rate(receivedBytes, receivedSeconds)));
        }
        ObjectNode sumSent = end.putObject("sum_sent");
        sumSent.put("start", 0.0);
        sumSent.put("end", sentSeconds);
        sumSent.put("seconds", sentSeconds);
        sumSent.put("bytes", sentBytes);
        sumSent.put("bits_per_second", rate(sentBytes, sentSeconds));
        sumSent.put("retransmits", retrans);
        sumSent.put("sender", true);
        ObjectNode sumReceived = end.putObject("sum_received");
        sumReceived.put("start", 0.0);
        sumReceived.put("end", receivedSeconds);
        sumReceived.put("seconds", receivedSeconds);
        sumReceived.put("bytes", receivedBytes);
        sumReceived.put("bits_per_second", rate(receivedBytes, receivedSeconds));
        sumReceived.put("sender", false);
        ObjectNode cpu = end.putObject("cpu_utilization_percent");
        cpu.put("host_total", 0.0);
        cpu.put("remote_total", 0.0);
        if (o.congestion != null) {
            end.put("sender_tcp_congestion", o.congestion);
        }
    }

    private static int fdOf(ObjectNode json, int stream) {
        return json.path("start").path("connected").path(stream).path("socket").asInt();
    }

    private static double rate(long bytes, double seconds) {
        return seconds > 0 ? bytes * 8 / seconds : 0;
    }

    // ---- options ---------------------------------------------------------------------------

    static String parse(List<String> args, Options o) {
        boolean roleGiven = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "-s", "--server" -> {
                        o.server = true;
                        roleGiven = true;
                    }
                    case "-c", "--client" -> {
                        o.host = args.get(++i);
                        roleGiven = true;
                    }
                    case "-p", "--port" -> o.port = Integer.parseInt(args.get(++i));
                    case "-t", "--time" -> o.durationNanos = seconds(args.get(++i));
                    case "-n", "--bytes" -> o.bytes = size(args.get(++i));
                    case "-P", "--parallel" -> o.parallel = Integer.parseInt(args.get(++i));
                    case "-R", "--reverse" -> o.reverse = true;
                    case "-i", "--interval" -> o.intervalNanos = seconds(args.get(++i));
                    case "-l", "--length" -> {
                        o.blockSize = (int) size(args.get(++i));
                        o.lengthGiven = true;
                    }
                    case "-C", "--congestion" -> o.congestion = args.get(++i);
                    case "-J", "--json" -> o.json = true;
                    case "-1", "--one-off" -> o.oneOff = true;
                    case "-u", "--udp" -> o.udp = true;
                    case "-b", "--bitrate", "--bandwidth" -> o.bitsPerSecond = bits(args.get(++i));
                    case "-O", "--omit", "-w", "--window", "-Z", "--zerocopy" -> {
                        return "option '" + a + "' is not supported by the jlibos iperf3 yet";
                    }
                    default -> {
                        return "parameter error - unknown option '" + a + "'";
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                return "option '" + a + "' requires an argument";
            } catch (NumberFormatException e) {
                return "bad value for option '" + a + "'";
            }
        }
        if (!roleGiven) {
            return "parameter error - must either be a client (-c) or server (-s)";
        }
        if (o.udp && !o.lengthGiven) {
            o.blockSize = DEFAULT_UDP_BLOCK;
        }
        if (o.udp && o.parallel != 1) {
            return "parameter error - the jlibos iperf3 runs one UDP stream (-P 1)";
        }
        if (o.parallel < 1 || o.parallel > 128) {
            return "parameter error - number of parallel streams too large (maximum = 128)";
        }
        return null;
    }

    private static long seconds(String text) {
        return new BigDecimal(text).multiply(BigDecimal.valueOf(SECOND)).longValue();
    }

    /** iperf3's bit rates: 10M = 10,000,000 bit/s (powers of 1000). */
    private static long bits(String text) {
        char unit = Character.toUpperCase(text.charAt(text.length() - 1));
        long multiplier = switch (unit) {
            case 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G' -> 1_000_000_000L;
            default -> 1L;
        };
        String number = multiplier == 1 ? text : text.substring(0, text.length() - 1);
        return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).longValue();
    }

    /** iperf3's sizes: 10K, 10M, 1G (powers of 1024). */
    private static long size(String text) {
        char unit = Character.toUpperCase(text.charAt(text.length() - 1));
        long multiplier = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String number = multiplier == 1 ? text : text.substring(0, text.length() - 1);
        return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).longValue();
    }
}
