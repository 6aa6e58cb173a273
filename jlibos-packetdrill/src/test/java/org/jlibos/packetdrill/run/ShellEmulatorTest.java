package org.jlibos.packetdrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.device.FifoQdisc;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.packetdrill.Corpus;
import org.junit.jupiter.api.Test;

/** The shell commands of the corpus, emulated on a simulated host (README §6.3). */
class ShellEmulatorTest {

    private final List<String> notes = new ArrayList<>();
    private final TunHost host = new TunHost(1, 0, new ScriptConfig());

    private ShellEmulator shell(Path dir) throws ScriptFailure {
        host.start();
        return new ShellEmulator(host, dir, notes::add);
    }

    private String sysctl(String name) throws SysctlException {
        return host.kernel().sysctl().get(name);
    }

    @Test
    void splitsLinesSemicolonsAndContinuations() {
        assertEquals(List.of("a b", "c", "d   e", "f 'x;y'", "g"),
                ShellEmulator.commands("a b\n c; d \\\n e && f 'x;y'\n# comment\ng # trailing"));
    }

    @Test
    void valuesExpandArithmeticAndHex() {
        assertEquals("4096 540000 15728640", ShellEmulator.normalizeValue("4096 540000 $((15*1024*1024))"));
        assertEquals("4096 262144 4194304", ShellEmulator.normalizeValue("4096\t$((256*1024))  4194304"));
        assertEquals("459779", ShellEmulator.normalizeValue("0x70403"));
        assertEquals("7", ShellEmulator.normalizeValue("$(( (1+2)*3 - 4/2 ))"));
    }

    @Test
    void builtInDefaultsWhenTheFileIsMissing() throws Exception {
        ShellEmulator sh = shell(null);
        sh.run("../common/defaults.sh", 3);
        assertEquals("4096\t540000\t15728640", sysctl("net.ipv4.tcp_rmem"));
        assertEquals("4096\t262144\t4194304", sysctl("net.ipv4.tcp_wmem"));
        assertEquals("5", sysctl("net.ipv4.tcp_syn_retries"));
        assertEquals("4", sysctl("net.ipv4.tcp_early_retrans"));
        assertEquals("0", sysctl("net.ipv4.tcp_slow_start_after_idle"));
        assertEquals("0", sysctl("net.ipv4.tcp_ecn"));
        assertEquals("459779", sysctl("net.ipv4.tcp_fastopen"));
        assertTrue(notes.get(0).startsWith("../common/defaults.sh not found next to the script"), notes.toString());
        assertInstanceOf(FifoQdisc.class, host.tun().qdisc());
        assertEquals("limit 500p", host.tun().qdisc().limitText());
    }

    @Test
    void corpusDefaultsFileIsParsed() throws Exception {
        Path corpus = Corpus.find();
        assumeTrue(corpus != null, "the starter corpus is not next to this checkout");
        ShellEmulator sh = shell(corpus.resolve("google-packetdrill/gtests/net/tcp/blocking"));
        sh.run("../common/defaults.sh\n ../common/set_sysctls.py /proc/sys/net/ipv4/tcp_min_tso_segs=10 \\\n"
                + "  /proc/sys/net/ipv4/tcp_timestamps=0\n", 4);
        assertEquals("4096\t540000\t15728640", sysctl("net.ipv4.tcp_rmem"));
        assertEquals("0", sysctl("net.ipv4.tcp_timestamps"), "set_sysctls.py after defaults.sh wins");
        assertTrue(notes.get(0).startsWith("applying "), notes.toString());
        assertTrue(notes.contains("`ip tcp_metrics flush all > /dev/null 2>&1`: a fresh host has no TCP metrics"),
                notes.toString());
        assertTrue(notes.contains("sysctl net.ipv4.tcp_fack=0: not in the simulated kernel's table; ignored"), notes.toString());
    }

    @Test
    void sysctlForms() throws Exception {
        ShellEmulator sh = shell(null);
        sh.run("sysctl -q net.ipv4.tcp_sack=0 net/ipv4/tcp_dsack=0", 1);
        sh.run("sysctl -e -q net.ipv4.tcp_wmem=\"4096 50000 4194304\"", 2);
        assertEquals("0", sysctl("net.ipv4.tcp_sack"));
        assertEquals("0", sysctl("net.ipv4.tcp_dsack"));
        assertEquals("4096\t50000\t4194304", sysctl("net.ipv4.tcp_wmem"));
        sh.run("sysctl -q net.ipv4.no_such_thing=1", 3);
        assertTrue(notes.contains("sysctl net.ipv4.no_such_thing=1: not in the simulated kernel's table; ignored"),
                notes.toString());
        ScriptFailure bad = assertThrows(ScriptFailure.class, () -> sh.run("sysctl -q net.ipv4.tcp_sack=7", 9));
        assertEquals(9, bad.line());
        assertEquals("sysctl net.ipv4.tcp_sack=7: invalid value for the simulated kernel", bad.getMessage());
    }

    @Test
    void qdiscAndOffloadCommands() throws Exception {
        ShellEmulator sh = shell(null);
        sh.run("tc qdisc replace dev tun0 root pfifo limit 0", 1);
        assertEquals("limit 0p", host.tun().qdisc().limitText());
        sh.run("tc qdisc add dev tun0 root pfifo limit 20", 2);
        assertEquals("limit 20p", host.tun().qdisc().limitText());
        sh.run("ethtool -K tun0 tso off gso off", 3);
        sh.run("/tmp/sysctl_restore_${PPID}.sh", 4);
        assertEquals("unsupported command `tc qdisc replace dev tun0 root fq`: only the pfifo qdisc is modelled "
                + "(fq pacing is not)", assertThrows(ScriptFailure.class,
                () -> sh.run("tc qdisc replace dev tun0 root fq", 5)).getMessage());
        assertEquals("unsupported command `echo 3 > /sys/module/tcp_cubic/parameters/hystart_detect`",
                assertThrows(ScriptFailure.class,
                        () -> sh.run("echo 3 > /sys/module/tcp_cubic/parameters/hystart_detect", 6)).getMessage());
        assertEquals("unsupported command `ip route change 192.0.2.0/24 via 192.168.0.1 dev tun0 advmss 1200`",
                assertThrows(ScriptFailure.class,
                        () -> sh.run("ip route change 192.0.2.0/24 via 192.168.0.1 dev tun0 advmss 1200", 7)).getMessage());
    }
}
