package org.jlibos.packetdrill.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.wire.IcmpV4Header;
import org.jlibos.kernel.wire.IpProtocol;
import org.jlibos.kernel.wire.TcpHeader;
import org.jlibos.packetdrill.packet.InboundPackets;
import org.jlibos.packetdrill.packet.LivePacket;
import org.jlibos.packetdrill.packet.OutboundMatcher;
import org.jlibos.packetdrill.packet.PacketText;
import org.jlibos.packetdrill.packet.TcpFlags;
import org.jlibos.packetdrill.packet.TcpOptionCodec;
import org.jlibos.packetdrill.script.Event;
import org.jlibos.packetdrill.script.EventTime;
import org.jlibos.packetdrill.script.PacketSpec;
import org.jlibos.packetdrill.script.Script;
import org.jlibos.packetdrill.script.TcpOption;
import org.jlibos.sim.SimulationException;
import org.jlibos.sim.WatchdogException;

/**
 * Runs one parsed script against a fresh simulated host, in virtual time aligned with script
 * time (README §6.4): script time 0 is the virtual time the host is ready; inbound packets,
 * system calls, commands and code blocks happen exactly at their scheduled time; outbound
 * packets are taken from the capture FIFO in order and checked against the line, field by field
 * and in time.
 *
 * <p>Timing follows packetdrill's {@code run.c}: a relative time counts from the previous
 * event's scheduled time when both are inbound packets, otherwise from the moment the previous
 * event finished (for an outbound packet, when it was sent; for a blocking call, when it
 * started). A blocking call runs on its own simulated thread while later events go on; its
 * result and return time are checked when the interpreter is between events, as packetdrill's
 * system-call thread can only report while the main thread waits for the next event.
 */
final class ScriptExecution {

    /** packetdrill waits this long past an outbound packet's window before "timed out". */
    private static final long OUTBOUND_GRACE_MICROS = 2_000_000;
    /** How long a new call waits for an outstanding blocking call (packetdrill's MAX_WAIT_SECS). */
    private static final long AWAIT_IDLE_MICROS = 1_000_000;
    /** A bound for {@code *} outbound packets, which packetdrill waits for forever. */
    private static final long ANY_TIME_LIMIT_MICROS = 3_600_000_000L;
    private static final int FIRST_REMOTE_PORT = 40000;

    private final Script script;
    private final RunOptions options;
    private final List<String> notes = new ArrayList<>();
    private ScriptConfig config;
    private TunHost host;
    private ShellEmulator shell;
    private final SyscallInvoker invoker = new SyscallInvoker(this);

    private final List<TrackedSocket> sockets = new ArrayList<>();
    private final Map<Integer, Integer> liveFds = new LinkedHashMap<>();
    private final Map<Integer, TrackedSocket> socketsByScriptFd = new LinkedHashMap<>();
    private TrackedSocket socketUnderTest;
    private int nextRemotePort = FIRST_REMOTE_PORT;

    private long startNanos;
    private Event lastEvent;
    private long lastEventMicros;
    private int currentLine;
    private Pending pending;

    /** A blocking call still in progress. */
    private record Pending(Event.Syscall event, SyscallInvoker.Prepared prepared, TunHost.Call call, long startMicros,
                           long endMicros) {
    }

    /** Applied to the host's kernel once it is up, before the init command (tests plug in stand-ins here). */
    private final Consumer<Kernel> hostSetup;

    ScriptExecution(Script script, RunOptions options) {
        this(script, options, kernel -> { });
    }

    ScriptExecution(Script script, RunOptions options, Consumer<Kernel> hostSetup) {
        this.script = script;
        this.options = options;
        this.hostSetup = hostSetup;
    }

    ScriptResult run() {
        long wallStart = System.nanoTime(); // wall time for the report only
        ScriptResult.Status status = ScriptResult.Status.PASS;
        int line = 0;
        String message = null;
        boolean internal = false;
        try {
            execute();
        } catch (ScriptFailure f) {
            status = ScriptResult.Status.FAIL;
            line = f.line();
            message = f.getMessage();
        } catch (WatchdogException e) {
            status = ScriptResult.Status.FAIL;
            line = currentLine;
            message = "the simulation hung: " + firstLine(e.getMessage());
        } catch (SimulationException e) {
            status = ScriptResult.Status.FAIL;
            line = currentLine;
            message = "the simulated kernel failed: " + firstLine(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            status = ScriptResult.Status.FAIL;
            line = currentLine;
            message = "internal error in the packetdrill runner: " + e;
            internal = true;
        } finally {
            shutdown();
        }
        long simulated = host == null ? 0 : host.now() - startNanos;
        return new ScriptResult(script.path(), status, line, message, notes, internal, simulated,
                System.nanoTime() - wallStart);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void shutdown() {
        if (host != null) {
            try {
                host.shutdown();
            } catch (RuntimeException e) {
                // The verdict is already made; a failing teardown must not replace it.
                note("teardown: " + e);
            }
        }
    }

    private void execute() throws ScriptFailure {
        Harness harness = Harness.of(Path.of(script.path()));
        List<Script.ScriptOption> scriptOptions = new ArrayList<>(script.options());
        scriptOptions.addAll(harness.options());
        config = ScriptConfig.from(scriptOptions, this::note);
        host = new TunHost(options.seed(), options.watchdogNanos(), config);
        host.start();
        hostSetup.accept(host.kernel());
        startNanos = host.now();
        Path dir = Path.of(script.path()).toAbsolutePath().getParent();
        shell = new ShellEmulator(host, dir, this::note);
        if (harness.name() != null) {
            note("run as " + harness.name() + " runs it: " + harness.options().stream()
                    .map(o -> "--" + o.name() + "=" + o.value()).toList() + ", init script `"
                    + harness.initCommand().strip().replace('\n', ';') + "`");
            shell.run(harness.initCommand(), 0);
        }
        if (script.initCommand() != null) {
            currentLine = script.initCommand().line();
            log(0, currentLine, "init command `" + script.initCommand().text().strip() + "`");
            shell.run(script.initCommand().text(), script.initCommand().line());
        }
        for (Event e : script.events()) {
            currentLine = e.line();
            runEvent(e);
        }
        if (pending != null) {
            awaitPending();
            if (pending != null) {
                throw new ScriptFailure(pending.event().line(), "runtime error: exiting while a blocking system call is "
                        + "in progress: " + pending.event().call());
            }
        }
        int unchecked = 0;
        while (host.pollCaptured() != null) {
            unchecked++;
        }
        if (unchecked > 0) {
            note(unchecked + " outbound packet" + (unchecked == 1 ? " was" : "s were") + " sent but not checked by the "
                    + "script (not an error)");
        }
        if (script.cleanupCommand() != null) {
            currentLine = script.cleanupCommand().line();
            log(nowMicros(), currentLine, "cleanup command `" + script.cleanupCommand().text().strip() + "`");
            shell.run(script.cleanupCommand().text(), script.cleanupCommand().line());
        }
    }

    // ---- event timing -------------------------------------------------------------------------

    private void runEvent(Event e) throws ScriptFailure {
        EventTime time = e.time();
        if (lastEvent == null && time.startMicros() != 0) {
            throw new ScriptFailure(e.line(), "first event should be at time 0");
        }
        if (lastEvent != null && isAbsolute(lastEvent.time()) && isAbsolute(time) && time.startMicros() < lastEventMicros) {
            throw new ScriptFailure(e.line(), "time goes backward in script from " + lastEventMicros + " usec to "
                    + time.startMicros() + " usec");
        }
        long offset = 0;
        if (time.isRelative() || time.type() == EventTime.Type.ANY) {
            offset = lastEvent != null && isInbound(lastEvent) && isInbound(e) ? lastEventMicros : nowMicros();
        }
        long t = time.startMicros() + offset;
        long tEnd = time.type() == EventTime.Type.RELATIVE_RANGE ? time.endMicros() + offset
                : time.isRange() ? time.endMicros() : t;
        long previous = lastEvent == null ? t : lastEventMicros;
        switch (e) {
            case Event.Packet p when p.packet().direction() == PacketSpec.Direction.INBOUND -> {
                advanceTo(t);
                log(t, e.line(), "inject " + p.packet());
                inbound(e.line(), p.packet());
            }
            case Event.Packet p -> outbound(e.line(), time, p.packet(), t, tEnd, previous, offset);
            case Event.Syscall s -> {
                long end = !s.isBlocking() ? -1
                        : time.type() == EventTime.Type.RELATIVE ? s.blockingEndMicros() + offset : s.blockingEndMicros();
                syscall(s, t, end);
            }
            case Event.ShellCommand c -> {
                advanceTo(t);
                log(t, e.line(), "command `" + c.command().strip() + "`");
                shell.run(c.command(), c.line());
            }
            case Event.Code c -> {
                advanceTo(t);
                log(t, e.line(), "%{ }% block skipped");
                note("line " + e.line() + ": Python block not evaluated (tcp_info asserts are optional): "
                        + c.code().replaceAll("\\s+", " "));
            }
        }
        lastEvent = e;
        lastEventMicros = t;
    }

    private static boolean isAbsolute(EventTime t) {
        return t.type() == EventTime.Type.ABSOLUTE || t.type() == EventTime.Type.ABSOLUTE_RANGE;
    }

    private static boolean isInbound(Event e) {
        return e instanceof Event.Packet p && p.packet().direction() == PacketSpec.Direction.INBOUND;
    }

    private long nowMicros() {
        return (host.now() - startNanos) / 1000;
    }

    private long toNanos(long scriptMicros) {
        return startNanos + scriptMicros * 1000;
    }

    /** Runs the host until script time {@code t}; a blocking call that returned meanwhile is checked. */
    private void advanceTo(long t) throws ScriptFailure {
        host.runUntil(toNanos(t));
        checkPending();
    }

    /**
     * packetdrill's timing check (run.c {@code verify_time}): the tolerance is the larger of
     * --tolerance_usecs and --tolerance_percent of the time since the previous event. Returns
     * null when on time.
     */
    private String timingError(EventTime.Type type, long expected, long expectedEnd, long actual, long previous,
                               long offset, String what) {
        if (type == EventTime.Type.ANY) {
            return null;
        }
        long tol = config.toleranceMicros(expected, previous);
        if (type == EventTime.Type.ABSOLUTE_RANGE || type == EventTime.Type.RELATIVE_RANGE) {
            if (actual >= expected - tol && actual <= expectedEnd + tol) {
                return null;
            }
            if (type == EventTime.Type.ABSOLUTE_RANGE) {
                return String.format(Locale.ROOT, "timing error: expected %s in time range %.6f~%.6f sec but happened "
                        + "at %.6f sec", what, expected / 1e6, expectedEnd / 1e6, actual / 1e6);
            }
            return String.format(Locale.ROOT, "timing error: expected %s in relative time range +%.6f~+%.6f sec but "
                    + "happened at %+.6f sec", what, (expected - offset) / 1e6, (expectedEnd - offset) / 1e6,
                    (actual - offset) / 1e6);
        }
        if (actual >= expected - tol && actual <= expected + tol) {
            return null;
        }
        return String.format(Locale.ROOT, "timing error: expected %s at %.6f sec but happened at %.6f sec; "
                + "tolerance %.6f sec", what, expected / 1e6, actual / 1e6, tol / 1e6);
    }

    // ---- inbound packets -----------------------------------------------------------------------

    private void inbound(int line, PacketSpec spec) throws ScriptFailure {
        switch (spec) {
            case PacketSpec.Tcp tcp -> host.inject(inboundTcp(line, tcp));
            case PacketSpec.Udp udp -> {
                TrackedSocket s = socketForScriptPacket(line, spec);
                InboundPackets.IpFields ip = ipFields(spec.ip(), s);
                host.inject(InboundPackets.udp(ip, udp.srcPort() != null ? udp.srcPort() : s.liveRemotePort,
                        udp.dstPort() != null ? udp.dstPort() : localPort(s), udp.length()));
            }
            case PacketSpec.Icmp icmp -> host.inject(inboundIcmp(line, icmp));
        }
    }

    private byte[] inboundTcp(int line, PacketSpec.Tcp spec) throws ScriptFailure {
        int flags;
        try {
            flags = TcpFlags.parse(spec.flags()) & ~TcpFlags.ACE_MODE;
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(line, e.getMessage());
        }
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        TrackedSocket s = socketForScriptPacket(line, spec);
        if (s.state == TrackedSocket.State.PASSIVE_SYNACK_SENT && ack) {
            s.state = TrackedSocket.State.PASSIVE_SYNACK_ACKED;
        } else if (s.state == TrackedSocket.State.ACTIVE_SYN_SENT && syn && ack) {
            s.state = TrackedSocket.State.ACTIVE_SYN_ACKED;
            s.liveRemoteIsn = spec.seqStart();
        }
        long seq = spec.seqStart() + s.remoteSeqScriptToLive(syn);
        long ackOffset = s.localSeqScriptToLive(syn);
        long ackValue = spec.ack() == null ? 0 : spec.ack();
        if (ack) {
            ackValue += ackOffset;
        }
        List<TcpOption> opts = spec.options() == null ? List.of() : new ArrayList<>(spec.options());
        for (int i = 0; i < opts.size(); i++) {
            TcpOption o = opts.get(i);
            if (o instanceof TcpOption.Sack sack) {
                List<long[]> mapped = new ArrayList<>();
                for (long[] b : sack.blocks()) {
                    mapped.add(new long[] {(b[0] + ackOffset) & 0xffffffffL, (b[1] + ackOffset) & 0xffffffffL});
                }
                opts.set(i, new TcpOption.Sack(mapped));
            } else if (o instanceof TcpOption.Timestamp ts && ack) {
                Long live = s.tsValMap.get(ts.ecr());
                long ecr;
                if (live != null) {
                    ecr = live;
                } else if (config.tsEcrScaled && s.foundFirstTs) {
                    ecr = (ts.ecr() - s.firstScriptTsVal + s.firstLiveTsVal) & 0xffffffffL;
                } else {
                    throw new ScriptFailure(line, "unable to infer live TS ecr for script TS ecr " + ts.ecr()
                            + "; no matching or preceding outbound TS val");
                }
                opts.set(i, new TcpOption.Timestamp(ts.val(), ecr));
            }
        }
        byte[] optionBytes = encodeOptions(line, opts);
        InboundPackets.IpFields ip = ipFields(spec.ip(), s);
        int srcPort = spec.srcPort() != null ? spec.srcPort() : s.liveRemotePort;
        int dstPort = spec.dstPort() != null ? spec.dstPort() : localPort(s);
        return InboundPackets.tcp(ip, srcPort, dstPort, flags, seq & 0xffffffffL, ackValue & 0xffffffffL, spec.window(),
                spec.urgent() == null ? 0 : spec.urgent(), optionBytes, spec.payloadLength());
    }

    private int localPort(TrackedSocket s) {
        return s.liveLocalPort != 0 ? s.liveLocalPort : config.bindPort;
    }

    private InboundPackets.IpFields ipFields(PacketSpec.IpInfo info, TrackedSocket s) throws ScriptFailure {
        int tos = info.tos() != null ? info.tos() : 0;
        if (info.ecn() != null) {
            if (info.ecn().equals("ect01")) {
                throw new ScriptFailure(currentLine, "[ect01] is only allowed for outbound packets");
            }
            tos = (tos & ~3) | OutboundMatcher.ecnCodepoint(info.ecn());
        }
        int ttl = info.ttl() != null ? info.ttl() : InboundPackets.TTL;
        int src = s != null && s.liveRemoteIp != 0 ? s.liveRemoteIp : config.remoteIp;
        int dst = s != null && s.liveLocalIp != 0 ? s.liveLocalIp : config.localIp;
        return new InboundPackets.IpFields(src, dst, tos, ttl);
    }

    private static byte[] encodeOptions(int line, List<TcpOption> opts) throws ScriptFailure {
        int len = TcpOptionCodec.encodedLength(opts);
        if (len % 4 != 0) {
            throw new ScriptFailure(line, "TCP options are " + len + " bytes, not a multiple of 4 (pad with nop)");
        }
        if (len > TcpHeader.MAX_OPTIONS_LENGTH) {
            throw new ScriptFailure(line, "TCP options are " + len + " bytes, more than the 40 that fit");
        }
        return TcpOptionCodec.encode(opts);
    }

    private byte[] inboundIcmp(int line, PacketSpec.Icmp spec) throws ScriptFailure {
        int[] tc = IcmpNames.typeAndCode(spec.type(), spec.code());
        if (tc == null) {
            throw new ScriptFailure(line, "unknown ICMP type/code '" + spec.type() + (spec.code() == null ? "" : " " + spec.code()) + "'");
        }
        int rest = 0;
        if (spec.mtu() != null) {
            if (tc[0] != IcmpV4Header.DEST_UNREACHABLE || tc[1] != IcmpV4Header.UNREACH_FRAG_NEEDED) {
                throw new ScriptFailure(line, "mtu is only allowed with unreachable frag_needed");
            }
            rest = (int) (spec.mtu() & 0xffff);
        } else if (spec.id() != null) {
            rest = (int) ((spec.id() & 0xffff) << 16);
        }
        TrackedSocket s = socketUnderTest;
        byte[] quoted = null;
        if (spec.echoed() != null) {
            if (s == null) {
                throw new ScriptFailure(line, "no socket under test to quote in the ICMP error");
            }
            PacketSpec.Echoed e = spec.echoed();
            int localPort = localPort(s);
            quoted = switch (e.protocol()) {
                case "tcp" -> InboundPackets.quotedHeader(s.liveLocalIp != 0 ? s.liveLocalIp : config.localIp,
                        s.liveRemoteIp, IpProtocol.TCP, localPort, s.liveRemotePort,
                        (e.seqStart() + s.localSeqScriptToLive(false)) & 0xffffffffL, e.length());
                case "udp" -> InboundPackets.quotedHeader(s.liveLocalIp != 0 ? s.liveLocalIp : config.localIp,
                        s.liveRemoteIp, IpProtocol.UDP, localPort, s.liveRemotePort, 0, e.length());
                default -> throw new ScriptFailure(line, "unsupported: quoting a raw packet in an ICMP error");
            };
        }
        return InboundPackets.icmp(ipFields(spec.ip(), s), tc[0], tc[1], rest, quoted);
    }

    /**
     * The socket a script packet belongs to (packetdrill's {@code find_or_create_socket_for_script_packet}):
     * an inbound TCP packet while the socket under test listens (or there is none) creates a
     * passive child that becomes the socket under test; otherwise the socket under test.
     */
    private TrackedSocket socketForScriptPacket(int line, PacketSpec spec) throws ScriptFailure {
        if (spec instanceof PacketSpec.Tcp tcp) {
            if (tcp.direction() == PacketSpec.Direction.INBOUND && (socketUnderTest == null
                    || socketUnderTest.state == TrackedSocket.State.PASSIVE_LISTENING)) {
                TrackedSocket child = new TrackedSocket(SocketConstants.IPPROTO_TCP);
                child.state = TrackedSocket.State.PASSIVE_PACKET_RECEIVED;
                child.liveRemoteIsn = tcp.seqStart();
                child.liveRemoteIp = config.remoteIp;
                child.liveRemotePort = nextRemotePort++;
                child.liveLocalIp = config.localIp;
                child.liveLocalPort = config.bindPort;
                sockets.add(child);
                socketUnderTest = child;
                return child;
            }
            int flags = TcpFlags.parse(tcp.flags());
            if (tcp.direction() == PacketSpec.Direction.OUTBOUND && (flags & TcpHeader.SYN) != 0
                    && (flags & TcpHeader.ACK) == 0 && socketUnderTest != null
                    && socketUnderTest.state == TrackedSocket.State.ACTIVE_CONNECTING) {
                socketUnderTest.state = TrackedSocket.State.ACTIVE_SYN_SENT;
                socketUnderTest.scriptLocalIsn = tcp.seqStart();
                return socketUnderTest;
            }
        }
        if (socketUnderTest == null) {
            throw new ScriptFailure(line, "no matching socket for script packet");
        }
        return socketUnderTest;
    }

    // ---- outbound packets ----------------------------------------------------------------------

    private void outbound(int line, EventTime time, PacketSpec spec, long t, long tEnd, long previous, long offset)
            throws ScriptFailure {
        log(t, line, "expect " + spec);
        TrackedSocket s = socketForScriptPacket(line, spec);
        long tol = config.toleranceMicros(t, previous);
        boolean anyTime = time.type() == EventTime.Type.ANY;
        Wait wait = new Wait(t, anyTime ? t + ANY_TIME_LIMIT_MICROS : tEnd + tol + OUTBOUND_GRACE_MICROS, anyTime);
        switch (spec) {
            case PacketSpec.Tcp tcp -> outboundTcp(line, time, tcp, s, t, tEnd, previous, offset, wait);
            case PacketSpec.Udp udp -> {
                LivePacket p = sniff(line, s, wait, spec);
                String m = OutboundMatcher.compareUdp(udp, p);
                finishOutbound(line, time, spec, p, p, m, t, tEnd, previous, offset);
            }
            case PacketSpec.Icmp icmp -> {
                int[] tc = IcmpNames.typeAndCode(icmp.type(), icmp.code());
                if (tc == null) {
                    throw new ScriptFailure(line, "unknown ICMP type/code '" + icmp.type() + "'");
                }
                LivePacket p = sniffIcmp(line, s, wait, spec);
                String m = OutboundMatcher.compareIcmp(tc[0], tc[1], p);
                finishOutbound(line, time, spec, p, p, m, t, tEnd, previous, offset);
            }
        }
    }

    private void outboundTcp(int line, EventTime time, PacketSpec.Tcp spec, TrackedSocket s, long t, long tEnd,
                             long previous, long offset, Wait wait) throws ScriptFailure {
        int scriptFlags;
        try {
            scriptFlags = TcpFlags.parse(spec.flags());
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(line, e.getMessage());
        }
        boolean synAck = (scriptFlags & TcpHeader.SYN) != 0 && (scriptFlags & TcpHeader.ACK) != 0;
        if (s.state == TrackedSocket.State.PASSIVE_PACKET_RECEIVED && synAck) {
            s.scriptLocalIsn = spec.seqStart();
        }
        byte[] scriptOptions = spec.anyOptions() || spec.options() == null ? new byte[0]
                : encodeOptions(line, spec.options());
        int expected = spec.payloadLength();
        List<LivePacket> fragments = new ArrayList<>();
        int sniffed = 0;
        LivePacket first = null;
        do {
            LivePacket live = sniff(line, s, wait, spec);
            if (first == null) {
                first = live;
            }
            if (s.state == TrackedSocket.State.PASSIVE_PACKET_RECEIVED && synAck) {
                s.state = TrackedSocket.State.PASSIVE_SYNACK_SENT;
                s.liveLocalIsn = live.tcpSeq();
            }
            if (!live.isTcp()) {
                failPacket(line, spec, live, "live packet header layers: expected tcp, actual protocol " + live.protocol());
            }
            LivePacket mapped = live.copy();
            boolean syn = mapped.hasTcpFlag(TcpHeader.SYN);
            mapped.setTcpSeq((mapped.tcpSeq() - s.localSeqScriptToLive(syn)) & 0xffffffffL);
            long remote = s.remoteSeqScriptToLive(syn);
            if (mapped.hasTcpFlag(TcpHeader.ACK)) {
                mapped.setTcpAck((mapped.tcpAck() - remote) & 0xffffffffL);
            }
            mapped.addToSackBlocks(-remote);
            if (!fragments.isEmpty()) {
                String f = OutboundMatcher.compareFragments(fragments.get(fragments.size() - 1), mapped, sniffed, expected);
                if (f != null) {
                    failPacket(line, spec, mapped, "aggregate candidate " + f);
                }
            }
            fragments.add(mapped);
            sniffed += mapped.payloadLength();
            if (fragments.size() > 1 || sniffed < expected) {
                log((mapped.timeNanos() - startNanos) / 1000, line, "sniffed segment " + PacketText.format(mapped));
            }
        } while (sniffed < expected && !config.strictSegments);
        LivePacket actual = fragments.size() == 1 ? fragments.get(0) : LivePacket.aggregate(fragments);
        if (sniffed != expected) {
            failPacket(line, spec, actual, "live packet payload: expected " + expected + " bytes vs actual " + sniffed
                    + " bytes");
        }
        mapTimestamp(s, spec, actual);
        long tsTolerance = Math.max(config.toleranceMicros, (long) (config.tolerancePercent / 100.0 * t));
        String m = OutboundMatcher.compareTcp(spec, scriptOptions, actual,
                new OutboundMatcher.TimestampCheck(config.tsTickMicros, tsTolerance));
        finishOutbound(line, time, spec, first, actual, m, t, tEnd, previous, offset);
    }

    /** Learns script↔live TSval pairs and rewrites the live TSval into script space (README §5.6). */
    private static void mapTimestamp(TrackedSocket s, PacketSpec.Tcp spec, LivePacket actual) {
        if (spec.options() == null || spec.anyOptions()) {
            return;
        }
        TcpOption.Timestamp scriptTs = null;
        for (TcpOption o : spec.options()) {
            if (o instanceof TcpOption.Timestamp ts) {
                scriptTs = ts;
            }
        }
        int at = actual.tsValOffset();
        if (scriptTs == null || at < 0) {
            return;
        }
        long liveVal = org.jlibos.kernel.wire.Bytes.getU32(actual.bytes(), at);
        s.tsValMap.put(scriptTs.val(), liveVal);
        if (!s.foundFirstTs) {
            s.foundFirstTs = true;
            s.firstScriptTsVal = scriptTs.val();
            s.firstLiveTsVal = liveVal;
        }
        org.jlibos.kernel.wire.Bytes.put32(actual.bytes(), at, (int) (s.firstScriptTsVal + (liveVal - s.firstLiveTsVal)));
    }

    private void finishOutbound(int line, EventTime time, PacketSpec spec, LivePacket first, LivePacket actual,
                                String mismatch, long t, long tEnd, long previous, long offset) throws ScriptFailure {
        long sentMicros = (actual.timeNanos() - startNanos) / 1000;
        if (mismatch != null) {
            failPacket(line, spec, actual, mismatch);
        }
        String timing = timingError(time.type(), t, tEnd, sentMicros, previous, offset, "outbound packet");
        if (timing != null) {
            failPacket(line, spec, actual, timing);
        }
        log(sentMicros, line, "sent " + PacketText.format(actual) + " (matches)");
    }

    private void failPacket(int line, PacketSpec spec, LivePacket actual, String detail) throws ScriptFailure {
        String message = "expected outbound " + spec.toString().substring(2) + ", got " + PacketText.format(actual)
                + String.format(Locale.ROOT, " sent at %.6f sec", (actual.timeNanos() - startNanos) / 1e9)
                + " (" + detail + ")";
        if (config.nonFatalPacket) {
            note("line " + line + ": warning: " + message);
            return;
        }
        throw new ScriptFailure(line, message);
    }

    /**
     * The next captured packet of socket {@code s} (packetdrill's {@code sniff_outbound_live_packet}):
     * packets of other sockets are dropped; a SYN to the remote port after connect() teaches
     * the socket its local address and ISN. Runs the host until one arrives or the deadline.
     */
    private LivePacket sniff(int line, TrackedSocket s, Wait wait, PacketSpec spec) throws ScriptFailure {
        while (true) {
            LivePacket p = nextCaptured(line, wait, spec);
            if (!p.isWellFormed()) {
                note("line " + line + ": dropped a malformed outbound packet of " + p.bytes().length + " bytes");
                continue;
            }
            if (!p.ipChecksumValid()) {
                throw new ScriptFailure(line, "bad outbound IP checksum in " + PacketText.format(p));
            }
            if ((p.isTcp() || p.isUdp()) && s.isOutbound(p.src(), p.srcPort(), p.dst(), p.dstPort())) {
                return p;
            }
            if (isConnectPacket(s, p)) {
                s.liveLocalIp = p.src();
                s.liveLocalPort = p.srcPort();
                if (p.isTcp()) {
                    s.liveLocalIsn = p.tcpSeq();
                }
                return p;
            }
            log(nowMicros(), line, "ignored outbound packet of another socket: " + p.addresses() + " "
                    + PacketText.format(p));
        }
    }

    private LivePacket sniffIcmp(int line, TrackedSocket s, Wait wait, PacketSpec spec) throws ScriptFailure {
        while (true) {
            LivePacket p = nextCaptured(line, wait, spec);
            if (p.isWellFormed() && p.isIcmp() && p.dst() == (s.liveRemoteIp != 0 ? s.liveRemoteIp : config.remoteIp)) {
                return p;
            }
            if (p.isWellFormed() && (p.isTcp() || p.isUdp()) && s.isOutbound(p.src(), p.srcPort(), p.dst(), p.dstPort())) {
                return p;
            }
        }
    }

    /**
     * The oldest captured packet, running the host until one is sent; fails as "timed out" at the
     * deadline ({@code *} lines: as soon as nothing is scheduled any more).
     */
    private LivePacket nextCaptured(int line, Wait wait, PacketSpec spec) throws ScriptFailure {
        while (true) {
            LivePacket p = host.pollCaptured();
            if (p != null) {
                return p;
            }
            if (nowMicros() >= wait.deadlineMicros() || (wait.anyTime() && host.isIdle())) {
                throw new ScriptFailure(line, "timed out waiting for outbound packet " + spec.toString().substring(2)
                        + (wait.anyTime() ? "" : String.format(Locale.ROOT, " expected at %.6f sec", wait.expectedMicros() / 1e6))
                        + String.format(Locale.ROOT, " (nothing sent by %.6f sec)", nowMicros() / 1e6));
            }
            host.runUntilCaptureOr(toNanos(wait.deadlineMicros()));
        }
    }

    /** How long an outbound line waits: until packetdrill's grace after its window, or for {@code *} until idle. */
    private record Wait(long expectedMicros, long deadlineMicros, boolean anyTime) {
    }

    /** packetdrill's {@code find_connect_for_live_packet}: the first SYN (or UDP datagram) after connect(). */
    private static boolean isConnectPacket(TrackedSocket s, LivePacket p) {
        if (p.dst() != s.liveRemoteIp || p.dstPort() != s.liveRemotePort) {
            return false;
        }
        if (p.isTcp()) {
            return s.protocol == SocketConstants.IPPROTO_TCP && s.state == TrackedSocket.State.ACTIVE_SYN_SENT
                    && p.hasTcpFlag(TcpHeader.SYN) && !p.hasTcpFlag(TcpHeader.ACK);
        }
        return p.isUdp() && s.protocol == SocketConstants.IPPROTO_UDP && s.state == TrackedSocket.State.ACTIVE_CONNECTING;
    }

    // ---- system calls --------------------------------------------------------------------------

    private void syscall(Event.Syscall ev, long t, long end) throws ScriptFailure {
        // As packetdrill: first wait (up to a second) for an outstanding blocking call, then for
        // the event's time; a blocking call may not start while another one is in progress.
        if (pending != null) {
            awaitPending();
            if (pending != null && ev.isBlocking()) {
                throw new ScriptFailure(ev.line(), "runtime error in " + ev.name() + " call: blocking system call "
                        + "while another blocking system call is already in progress (line " + pending.event().line() + ")");
            }
        }
        advanceTo(t);
        SyscallInvoker.Prepared p = invoker.prepare(ev);
        long startMicros = nowMicros();
        if (ev.isBlocking()) {
            log(startMicros, ev.line(), ev.call() + " (may block until " + EventTime.formatSeconds(end) + " s)");
        }
        p.before().run();
        TunHost.Call call = host.startCall(ev.name() + " (line " + ev.line() + ")", p.body());
        // The dynamic tolerance of a blocking call's return counts from its scheduled start.
        if (call.done) {
            complete(ev, p, call, t, end);
        } else if (ev.isBlocking()) {
            pending = new Pending(ev, p, call, t, end);
        } else {
            throw new ScriptFailure(ev.line(), ev.call() + " blocked, but a call written without '...' must return "
                    + "at once (non-blocking system call blocked)");
        }
    }

    /** Lets an outstanding blocking call finish, for up to a second of virtual time. */
    private void awaitPending() throws ScriptFailure {
        Pending pd = pending;
        pd.call().stopWhenDone = true;
        try {
            if (!pd.call().done) {
                host.runUntil(host.now() + AWAIT_IDLE_MICROS * 1000);
            }
        } finally {
            pd.call().stopWhenDone = false;
        }
        checkPending();
    }

    private void checkPending() throws ScriptFailure {
        if (pending != null && pending.call().done) {
            Pending pd = pending;
            pending = null;
            complete(pd.event(), pd.prepared(), pd.call(), pd.startMicros(), pd.endMicros());
        }
    }

    private void complete(Event.Syscall ev, SyscallInvoker.Prepared p, TunHost.Call call, long startMicros, long end)
            throws ScriptFailure {
        long endMicros = (call.endNanos - startNanos) / 1000;
        if (call.crash != null) {
            throw new ScriptFailure(ev.line(), ev.call() + ": the kernel threw " + call.crash);
        }
        String outcome = call.errno == null ? Long.toString(call.result)
                : call.result + " " + call.errno.name() + " (" + call.errno.message + ")";
        log(endMicros, ev.line(), (ev.isBlocking() ? ev.name() + "(...) returned " : ev.call() + " = ") + outcome);
        String mismatch = checkResult(ev, p, call);
        if (mismatch != null) {
            if (config.nonFatalSyscall) {
                note("line " + ev.line() + ": warning: " + mismatch);
            } else {
                throw new ScriptFailure(ev.line(), mismatch);
            }
        }
        p.after().run(call);
        if (ev.isBlocking()) {
            String timing = timingError(EventTime.Type.ABSOLUTE, end, end, endMicros, startMicros, 0, "system call return");
            if (timing != null) {
                throw new ScriptFailure(ev.line(), ev.call() + ": " + timing);
            }
        }
    }

    /** packetdrill's {@code end_syscall}: the return value, then the errno if the script names one. */
    private String checkResult(Event.Syscall ev, SyscallInvoker.Prepared p, TunHost.Call call) throws ScriptFailure {
        long expected = invoker.integer(ev, ev.result());
        String got = call.errno == null ? Long.toString(call.result)
                : call.result + " " + call.errno.name() + " (" + call.errno.message + ")";
        if (p.check() == SyscallInvoker.Check.FD && expected >= 0) {
            if (call.result < 0) {
                return ev.call() + ": expected a non-negative result (" + ev.result() + "), got " + got;
            }
        } else if (call.result != expected) {
            return ev.call() + ": expected result " + ev.result() + (ev.errno() != null ? " " + ev.errno() : "")
                    + ", got " + got;
        }
        if (ev.errno() != null) {
            Long want = Symbols.value(ev.errno());
            if (want == null) {
                throw SyscallInvoker.runtime(ev, "unknown errno name '" + ev.errno() + "'");
            }
            int actual = call.errno == null ? 0 : call.errno.value;
            if (actual != want) {
                return ev.call() + ": expected errno " + ev.errno() + " (" + Symbols.strerror(want.intValue()) + "), got "
                        + (call.errno == null ? "no error" : call.errno.name() + " (" + call.errno.message + ")");
            }
        }
        return null;
    }

    // ---- descriptors and sockets (for SyscallInvoker) ------------------------------------------

    ScriptConfig config() {
        return config;
    }

    Integer liveFd(int scriptFd) {
        return liveFds.get(scriptFd);
    }

    TrackedSocket socketForScriptFd(int scriptFd) {
        return socketsByScriptFd.get(scriptFd);
    }

    /** The passive child whose live remote end is {@code ip:port}, as accept() reports it. */
    TrackedSocket socketForPeer(int ip, int port) {
        for (TrackedSocket s : sockets) {
            if (s.liveRemoteIp == ip && s.liveRemotePort == port && s.scriptFd < 0) {
                return s;
            }
        }
        return null;
    }

    /** Records the descriptor an fd-returning call gave, under the script's number for it. */
    void mapFd(Event.Syscall ev, TunHost.Call call, TrackedSocket s) throws ScriptFailure {
        if (call.errno != null || call.result < 0) {
            return;
        }
        int scriptFd = (int) invoker.integer(ev, ev.result());
        if (scriptFd < 0) {
            return;
        }
        if (liveFds.containsKey(scriptFd)) {
            throw SyscallInvoker.runtime(ev, "duplicate fd " + scriptFd + " in script");
        }
        liveFds.put(scriptFd, (int) call.result);
        if (s != null) {
            s.scriptFd = scriptFd;
            socketsByScriptFd.put(scriptFd, s);
        }
    }

    /** socket() made a new socket: later packets map to it. */
    void newSocketUnderTest(TrackedSocket s) {
        s.liveRemoteIp = config.remoteIp;
        s.liveRemotePort = config.connectPort;
        sockets.add(s);
        socketUnderTest = s;
    }

    void closeScriptFd(int scriptFd) {
        liveFds.remove(scriptFd);
        socketsByScriptFd.remove(scriptFd);
    }

    // ---- logging ------------------------------------------------------------------------------

    private void log(long micros, int line, String text) {
        if (options.verbose() != null) {
            options.verbose().accept(String.format(Locale.ROOT, "%10.6f line %d: %s", micros / 1e6, line, text));
        }
    }

    private void note(String text) {
        notes.add(text);
        if (options.verbose() != null) {
            options.verbose().accept("      note: " + text);
        }
    }
}
