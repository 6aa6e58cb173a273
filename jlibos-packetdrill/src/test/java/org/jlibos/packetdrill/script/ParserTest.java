package org.jlibos.packetdrill.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.jlibos.packetdrill.script.PacketSpec.Direction;
import org.jlibos.packetdrill.script.PacketSpec.IpInfo;
import org.junit.jupiter.api.Test;

/** The grammar on hand-written snippets: times, packets, options, expressions, errors with lines. */
class ParserTest {

    private static Script parse(String source) throws ScriptParseException {
        return Parser.parse("test.pkt", source);
    }

    private static Event only(String source) throws ScriptParseException {
        List<Event> events = parse(source).events();
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    @Test
    void timesFollowPacketdrillsLexer() throws ScriptParseException {
        assertEquals(EventTime.absolute(0), only("0 close(3) = 0").time());
        assertEquals(EventTime.relative(100_000), only("+.1 close(3) = 0").time());
        assertEquals(EventTime.relative(0), only("+0.000 close(3) = 0").time());
        assertEquals(new EventTime(EventTime.Type.RELATIVE_RANGE, 100_000, 105_000),
                only("+.1~+.105 > . 1:1(0) ack 1").time());
        assertEquals(new EventTime(EventTime.Type.ABSOLUTE_RANGE, 1_500_000, 2_000_000),
                only("1.5~2 > . 1:1(0) ack 1").time());
        assertEquals(EventTime.any(), only("* > . 1:1(0) ack 1").time());
        // (long)(seconds * 1e6), as packetdrill converts: 1.001 s is 1000999 us.
        assertEquals(1_000_999, only("1.001 close(3) = 0").time().startMicros());
    }

    @Test
    void blockingCallsCarryTheirEndTime() throws ScriptParseException {
        Event.Syscall s = (Event.Syscall) only("+0...0.200 accept(3, ..., ...) = 4");
        assertEquals(EventTime.relative(0), s.time());
        assertEquals(200_000, s.blockingEndMicros());
        Event.Syscall t = (Event.Syscall) only("+.1...0.200 connect(3, ..., ...) = 0");
        assertEquals(100_000, t.time().startMicros());
        assertEquals(200_000, t.blockingEndMicros());
        Event.Syscall u = (Event.Syscall) only("+.002 ... 0.004 read(4, ..., 1000) = 1000");
        assertEquals(4_000, u.blockingEndMicros());
        Event.Syscall v = (Event.Syscall) only("+0 read(4, ..., 1000) = 1000");
        assertEquals(-1, v.blockingEndMicros());
    }

    @Test
    void tcpPacketWithEverything() throws ScriptParseException {
        Event e = only("+0 < [ect0] FP. 1001:2001(1000) ack 1 win 257 urg 3 <nop,nop,TS val 4294967295 ecr 1,"
                + "sack 1:2 3:4,eol,md5 00112233445566778899aabbccddeeff,FO 3021b9d889017eeb,FOEXP,mss 536,wscale 14,sackOK>");
        PacketSpec.Tcp expected = new PacketSpec.Tcp(Direction.INBOUND, new IpInfo("ect0", null, null, null), null, null,
                "FP.", 1001, 2001, 1000, 1L, 257, 3, List.of(new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.Timestamp(4294967295L, 1), new TcpOption.Sack(List.of(new long[] {1, 2}, new long[] {3, 4})),
                new TcpOption.Eol(), new TcpOption.Md5("00112233445566778899aabbccddeeff"),
                new TcpOption.FastOpen("3021b9d889017eeb", false), new TcpOption.FastOpen("", true),
                new TcpOption.Mss(536), new TcpOption.WindowScale(14), new TcpOption.SackPermitted()), false);
        assertEquals(new Event.Packet(1, EventTime.relative(0), expected), e);
    }

    @Test
    void flagForms() throws ScriptParseException {
        for (String f : List.of("S", "S.", ".", "P.", "F.", "FP.", "R", "R.", "SEW", "SE.", "E.", "U.", "-")) {
            PacketSpec.Tcp p = (PacketSpec.Tcp) ((Event.Packet) only("0 > " + f + " 0:0(0)")).packet();
            assertEquals(f, p.flags());
        }
    }

    @Test
    void outboundExtras() throws ScriptParseException {
        PacketSpec.Tcp p = (PacketSpec.Tcp) ((Event.Packet) only("0 > (tos 0x10, ttl 64) 8080>40000 R 2:2(0) win 0 <...>")).packet();
        assertEquals(new IpInfo(null, 0x10, 64, null), p.ip());
        assertEquals(8080, p.srcPort());
        assertEquals(40000, p.dstPort());
        assertEquals(true, p.anyOptions());
        assertNull(p.options());
        assertEquals("> [tos 0x10, ttl 64] 8080>40000 R 2:2(0) win 0 <...>", p.toString());
        PacketSpec.Tcp none = (PacketSpec.Tcp) ((Event.Packet) only("0 > . 1:1(0) ack 1")).packet();
        assertNull(none.options(), "no <...> part: no options expected");
        assertNull(none.window(), "no win: the window is not checked");
    }

    @Test
    void udpAndIcmpLines() throws ScriptParseException {
        assertEquals("< udp (100)", ((Event.Packet) only("0 < udp (100)")).packet().toString());
        assertEquals("> udp 8080>9 (20)", ((Event.Packet) only("0 > udp 8080>9 (20)")).packet().toString());
        PacketSpec.Icmp icmp = (PacketSpec.Icmp) ((Event.Packet) only("0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]"))
                .packet();
        assertEquals(new PacketSpec.Icmp(Direction.INBOUND, IpInfo.NONE, "unreachable", "frag_needed", 1200L, null,
                new PacketSpec.Echoed("tcp", 1, 1461, 1460)), icmp);
        assertEquals("< icmp unreachable port_unreachable [udp (10)]",
                ((Event.Packet) only("0 < icmp unreachable port_unreachable [udp (10)]")).packet().toString());
    }

    @Test
    void syscallExpressions() throws ScriptParseException {
        Event.Syscall s = (Event.Syscall) only("+0 recvmsg(4, {msg_name(...)=...,\n msg_iov(1)=[{..., 2000}],\n msg_flags=0,\n"
                + " msg_control=[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=8000}]}, 0) = 2000");
        Expression.StructValue msg = (Expression.StructValue) s.args().get(1);
        assertEquals(new Expression.Field("msg_name", new Expression.Ellipsis(), new Expression.Ellipsis()),
                msg.fields().get(0));
        assertEquals("msg_iov(1)=[{..., 2000}]", msg.fields().get(1).toString());
        assertEquals("[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=8000}]", msg.field("msg_control").toString());
        assertEquals(new Expression.IntegerValue(2000), s.result());

        Event.Syscall f = (Event.Syscall) only("+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0x2 (flags O_RDWR)");
        assertEquals(new Expression.BitwiseOr(new Expression.Symbol("O_RDWR"), new Expression.Symbol("O_NONBLOCK")),
                f.args().get(2));
        assertEquals(new Expression.IntegerValue(2, "0x2"), f.result());
        assertNull(f.errno());

        Event.Syscall c = (Event.Syscall) only("+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)");
        assertEquals(new Expression.IntegerValue(-1), c.result());
        assertEquals("EINPROGRESS", c.errno());

        Event.Syscall o = (Event.Syscall) only("+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0");
        assertEquals("setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8)", o.call());

        Event.Syscall k = (Event.Syscall) only("+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN_KEY, \"\\xf7\\x63\" \"ab\", 4) = 0");
        assertEquals(new Expression.StringValue("\u00f7cab"), k.args().get(3));

        Event.Syscall w = (Event.Syscall) only("+0 writev(4, [{..., 100}, {..., 200}], 2) = 300");
        assertEquals("[{..., 100}, {..., 200}]", w.args().get(1).toString());

        Event.Syscall p = (Event.Syscall) only("+0 poll([{fd=4, events=POLLOUT, revents=POLLOUT}], 1, 1000) = 1");
        assertEquals("[{fd=4, events=POLLOUT, revents=POLLOUT}]", p.args().get(0).toString());
        Event.Syscall n = (Event.Syscall) only("+0 write(4, NULL, 1000) = -1 EFAULT (Bad address)");
        assertEquals(new Expression.Symbol("NULL"), n.args().get(1));
    }

    @Test
    void structureOptionsCommandsAndCode() throws ScriptParseException {
        Script s = parse("// header\n--tolerance_usecs=10000\n--strict_segments\n`init\n cmd`\n0 close(3) = 0\n"
                + "+0 `sysctl -q a=1`\n+.1 %{\nassert tcpi_state == 1\n}%\n/* block\n comment */\n`cleanup`\n");
        assertEquals(List.of(new Script.ScriptOption("tolerance_usecs", "10000", 2),
                new Script.ScriptOption("strict_segments", null, 3)), s.options());
        assertEquals(new Script.Command("init\n cmd", 4), s.initCommand());
        assertEquals(new Event.ShellCommand(7, EventTime.relative(0), "sysctl -q a=1"), s.events().get(1));
        assertEquals(new Event.Code(8, EventTime.relative(100_000), "assert tcpi_state == 1"), s.events().get(2));
        assertEquals(new Script.Command("cleanup", 13), s.cleanupCommand());
        assertEquals(0, s.expectedFailureLine());
    }

    @Test
    void failureCommentMarksTheNextEvent() throws ScriptParseException {
        Script s = parse("0 close(3) = 0\n\n// Failure: error handling packet\n\n+1 close(4) = 0\n+1 close(5) = 0\n");
        assertEquals(5, s.expectedFailureLine());
        assertEquals("error handling packet", s.expectedFailure());
    }

    @Test
    void definesReplaceWords() throws ScriptParseException {
        Script s = Parser.parse("d.pkt", "0 < S 0:0(0) win 100 <FO TFO_COOKIE,nop,nop>\n+0 x(CODE, NUM, STR) = 0",
                Map.of("TFO_COOKIE", "3021b9d889017eeb", "CODE", "host_unreachable", "NUM", "42", "STR", "\"s\""));
        assertEquals("< S 0:0(0) win 100 <FO 3021b9d889017eeb,nop,nop>", ((Event.Packet) s.events().get(0)).packet().toString());
        assertEquals("x(host_unreachable, 42, \"s\")", ((Event.Syscall) s.events().get(1)).call());
        Script d = parse("--define=SYM=7\n0 close(SYM) = 0");
        assertEquals("close(7)", ((Event.Syscall) d.events().get(0)).call());
    }

    @Test
    void errorsNameTheLineAndWhatWasExpected() {
        ScriptParseException e = assertThrows(ScriptParseException.class, () -> parse("0 close(3) = 0\n+0 > S 0:0(0) ack"));
        assertEquals("line 2: expected the ack number, got end of file", e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 close(3) = 0\n\n+0 < S 0:0(0) <mss 1460>"));
        assertEquals("line 3: inbound TCP packets need a window (win N)", e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 > X 0:0(0)"));
        assertEquals("line 1: unknown TCP flag 'X' in 'X' (flags are F S R P . E W A U, ACE digits 0-7, or - for none), got 'X'",
                e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 close(3) = 0\n`unterminated\n"));
        assertEquals("line 2: unterminated ` command", e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0~1 close(3) = 0"));
        assertEquals("line 1: time ranges and '*' are only allowed for outbound packets, not system calls", e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 < S 0:0(0) win 1 <...>"));
        assertEquals("line 1: <...> (any options) is only allowed for outbound packets", e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 close(3) = 0\n--late_option=1"));
        assertEquals("line 2: options (--late_option=1) must come before the first event, got option --late_option=1",
                e.getMessage());
        e = assertThrows(ScriptParseException.class, () -> parse("0 > S 0:0(0) <mss 1460,ECN e0b 1>"));
        assertEquals("line 1: unsupported TCP option 'ECN', got 'ECN'", e.getMessage());
    }
}
