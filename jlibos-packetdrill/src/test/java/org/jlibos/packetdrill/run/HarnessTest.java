package org.jlibos.packetdrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gVisor's scripts run with the options and init script of gVisor's own packetdrill harness. */
class HarnessTest {

    @TempDir
    Path tmp;

    private Path write(String relative, String text) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void harnessIsChosenByTheScriptsPlaceInTheCorpus() {
        assertEquals(Harness.GVISOR, Harness.of(Path.of("/c/gvisor/test/packetdrill/sanity_test.pkt")));
        assertEquals(Harness.NONE, Harness.of(Path.of("/c/google-packetdrill/gtests/net/tcp/close/x.pkt")));
    }

    @Test
    void gvisorToleranceAndSysctls() throws IOException {
        String script = """
                0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
                +0   bind(3, ..., ...) = 0
                +0   connect(3, ..., ...) = 0
                +0   write(3, ..., 20) = 20
                +.05 > udp (20)
                """;
        PacketdrillRunner runner = new PacketdrillRunner(RunOptions.defaults());
        ScriptResult plain = runner.run(write("google/late.pkt", script));
        assertEquals(ScriptResult.Status.FAIL, plain.status());
        assertTrue(plain.message().contains("timing error: expected outbound packet at 0.050000 sec but happened at "
                + "0.000000 sec; tolerance 0.006250 sec"), plain.message());
        ScriptResult gvisor = runner.run(write("gvisor/test/packetdrill/late.pkt", script));
        assertEquals(ScriptResult.Status.PASS, gvisor.status(), gvisor.reportLine());
        assertTrue(gvisor.notes().get(0).startsWith("run as gVisor packetdrill_test.sh runs it: [--tolerance_usecs=100000]"),
                gvisor.notes().toString());
        assertTrue(gvisor.notes().contains("sysctl net.ipv4.tcp_rmem=4096 2097152 8388608"), gvisor.notes().toString());
    }
}
