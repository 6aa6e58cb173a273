package org.jlibos.packetdrill.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jlibos.packetdrill.Corpus;
import org.jlibos.packetdrill.script.PacketSpec.Direction;
import org.jlibos.packetdrill.script.PacketSpec.IpInfo;
import org.junit.jupiter.api.Test;

/**
 * Every script of the shared starter corpus parses, and a few parse to exactly the expected
 * syntax trees. The corpus lives next to the repository ({@code shared/conformance/packetdrill});
 * without it these tests are skipped.
 */
class CorpusParseTest {

    private static final Map<String, String> DEFINES = Map.of("TFO_COOKIE", "3021b9d889017eeb", "CODE", "host_unreachable");

    private static Script parse(String relative) throws IOException, ScriptParseException {
        Path c = Corpus.find();
        assumeTrue(c != null, "the starter corpus (shared/conformance/packetdrill) is not next to this checkout");
        return Parser.parse(c.resolve(relative), DEFINES);
    }

    private static List<String> lines(Script s) {
        List<String> out = new ArrayList<>();
        for (Event e : s.events()) {
            out.add(e.line() + ": " + e);
        }
        return out;
    }

    @Test
    void everyCorpusScriptParses() throws IOException {
        Path c = Corpus.find();
        assumeTrue(c != null, "the starter corpus (shared/conformance/packetdrill) is not next to this checkout");
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(c)) {
            scripts = s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList();
        }
        assertEquals(43, scripts.size(), "40 conformance scripts and 3 self-tests");
        List<String> failures = new ArrayList<>();
        int events = 0;
        for (Path p : scripts) {
            try {
                Script s = Parser.parse(p, DEFINES);
                assertTrue(!s.events().isEmpty(), p.toString());
                events += s.events().size();
            } catch (ScriptParseException e) {
                failures.add(c.relativize(p) + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(events > 600, "events parsed: " + events);
    }

    @Test
    void sanityTest() throws IOException, ScriptParseException {
        Script s = parse("gvisor/test/packetdrill/sanity_test.pkt");
        assertEquals(List.of(new Event.Syscall(7, EventTime.absolute(0), -1, "socket",
                List.of(new Expression.Ellipsis(), new Expression.Symbol("SOCK_STREAM"), new Expression.Symbol("IPPROTO_TCP")),
                new Expression.IntegerValue(3), null)), s.events());
        assertEquals(null, s.initCommand());
        assertEquals(List.of(), s.options());
    }

    @Test
    void blockingConnect() throws IOException, ScriptParseException {
        Script s = parse("google-packetdrill/gtests/net/tcp/blocking/blocking-connect.pkt");
        assertEquals(new Script.Command("../common/defaults.sh", 3), s.initCommand());
        assertEquals(List.of(
                "6: 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                "8: +0.1...0.2 connect(3, ..., ...) = 0",
                "10: +0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>",
                "11: +0.1 < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2,nop,nop,sackOK>",
                "12: +0 > . 1:1(0) ack 1"), lines(s));
        assertEquals(new Event.Packet(11, EventTime.relative(100_000), new PacketSpec.Tcp(Direction.INBOUND, IpInfo.NONE,
                null, null, "S.", 0, 0, 0, 1L, 5792, null, List.of(new TcpOption.Mss(1460), new TcpOption.Nop(),
                new TcpOption.WindowScale(2), new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.SackPermitted()),
                false)), s.events().get(3));
    }

    @Test
    void packetTimeoutSelfTest() throws IOException, ScriptParseException {
        Script s = parse("google-packetdrill/gtests/net/packetdrill/tests/packet-timeout.pkt");
        assertEquals(new Script.Command("../../common/defaults.sh\n ../../tcp/common/set_sysctls.py  "
                + "/proc/sys/net/ipv4/tcp_syn_retries=1", 4), s.initCommand());
        assertEquals(List.of(
                "7: +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                "8: +0...30 connect(3, ..., ...) = -1 ETIMEDOUT",
                "10: +0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>",
                "11: +1 > S 0:0(0) <mss 1460,sackOK,TS val 1100 ecr 0,nop,wscale 8>",
                "13: +2 > S 0:0(0) <mss 1460,sackOK,TS val 3100 ecr 0,nop,wscale 8>"), lines(s));
        assertEquals(new Script.Command("/tmp/sysctl_restore_${PPID}.sh", 15), s.cleanupCommand());
        assertEquals(13, s.expectedFailureLine());
        assertEquals("error handling packet: Timed out waiting for packet", s.expectedFailure());
    }

    @Test
    void selfTestsAnnounceTheirFailingLine() throws IOException, ScriptParseException {
        assertEquals(6, parse("google-packetdrill/gtests/net/packetdrill/tests/linux/packetdrill/socket_err.pkt")
                .expectedFailureLine());
        assertEquals(4, parse("google-packetdrill/gtests/net/packetdrill/tests/linux/packetdrill/socket_wrong_err.pkt")
                .expectedFailureLine());
        assertEquals(0, parse("google-packetdrill/gtests/net/tcp/blocking/blocking-write.pkt").expectedFailureLine());
    }

    @Test
    void userTimeoutRangesAndOptionsInHeader() throws IOException, ScriptParseException {
        Script s = parse("google-packetdrill/gtests/net/tcp/user_timeout/user_timeout.pkt");
        List<String> l = lines(s);
        assertEquals("20: +2 setsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [3000], 4) = 0", l.get(8));
        assertEquals("24: +0.3~+0.4 > F. 1:1(0) ack 1", l.get(11));
        assertEquals("30: +0 < . 1:2(1) ack 1 win 32792", l.get(14));
        Script f = parse("google-packetdrill/gtests/net/tcp/ts_recent/fin_tsval.pkt");
        assertEquals(List.of(new Script.ScriptOption("tcp_ts_tick_usecs", "1000", 2),
                new Script.ScriptOption("tolerance_usecs", "7000", 3)), f.options());
    }

    @Test
    void inqServerRecvmsg() throws IOException, ScriptParseException {
        Script s = parse("google-packetdrill/gtests/net/tcp/inq/server.pkt");
        assertEquals("24: +0 recvmsg(4, {msg_name(...)=..., msg_iov(1)=[{..., 2000}], msg_flags=0, msg_control="
                + "[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=8000}]}, 0) = 2000", lines(s).get(11));
        assertEquals("38: +0 < F. 10001:20001(10000) ack 1 win 514", lines(s).get(13));
    }
}
