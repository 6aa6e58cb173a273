package org.jlibos.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** The standard programs on a real simulated node, checked against the real tools' output. */
class StandardProgramsTest {

    private final Simulation sim = new Simulation(1);
    private final Node h1 = sim.addNode("h1");

    private SimProcess run(String cmd) {
        SimProcess p = h1.spawn(null, sim.now(), cmd);
        sim.runUntilIdle();
        return p;
    }

    @Test
    void echo() {
        assertEquals("hello world\n", run("echo hello   world").stdout().text());
        assertEquals("a b", run("echo -n a b").stdout().text());
        assertEquals("x\ty\n", run("echo -e 'x\\ty'").stdout().text());
        assertEquals("x\\ty\n", run("echo 'x\\ty'").stdout().text());
        assertEquals("-z\n", run("echo -z").stdout().text());
        assertEquals("ab", run("echo -e 'ab\\cde'").stdout().text());
        assertEquals("\n", run("echo").stdout().text());
    }

    @Test
    void trueAndFalse() {
        assertEquals(0, run("true").exitStatus());
        assertEquals(1, run("false").exitStatus());
    }

    @Test
    void sleepTakesVirtualTime() {
        SimProcess p = h1.spawn(null, 1_000_000_000L, "sleep 1.5 2m 0.25s");
        sim.runUntilIdle();
        assertEquals(0, p.exitStatus());
        assertEquals(1_000_000_000L + 121_750_000_000L, p.endedAtNanos());
    }

    @Test
    void sleepRejectsBadIntervals() {
        SimProcess p = run("sleep 5x");
        assertEquals(1, p.exitStatus());
        assertEquals("sleep: invalid time interval '5x'\nTry 'sleep --help' for more information.\n", p.stderr().text());
        SimProcess missing = run("sleep");
        assertEquals("sleep: missing operand\nTry 'sleep --help' for more information.\n", missing.stderr().text());
    }

    @Test
    void sysctlReadsAndWritesLikeProcps() {
        assertEquals("net.ipv4.ip_forward = 0\n", run("sysctl net.ipv4.ip_forward").stdout().text());
        assertEquals("net.ipv4.ip_forward = 1\n", run("sysctl -w net.ipv4.ip_forward=1").stdout().text());
        assertEquals("1\n", run("sysctl -n net.ipv4.ip_forward").stdout().text());
        assertEquals("", run("sysctl -qw 'net.ipv4.tcp_rmem=4096 87380 6291456'").stdout().text());
        assertEquals("4096\t87380\t6291456\n1\n", run("sysctl -n net.ipv4.tcp_rmem net.ipv4.ip_forward").stdout().text());
        assertEquals("net.ipv4.tcp_sack\n", run("sysctl -N net.ipv4.tcp_sack").stdout().text());
        String all = run("sysctl -a").stdout().text();
        assertTrue(all.contains("net.ipv4.ip_forward = 1\nnet.ipv4.ip_local_port_range = 32768\t60999\n"), all);
        assertTrue(all.contains("net.ipv4.tcp_congestion_control = cubic\n"), all);
    }

    @Test
    void sysctlErrorsLikeProcps() {
        SimProcess unknown = run("sysctl net.ipv4.foo");
        assertEquals(1, unknown.exitStatus());
        assertEquals("sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory\n", unknown.stderr().text());
        SimProcess invalid = run("sysctl -w net.ipv4.ip_forward=abc");
        assertEquals(1, invalid.exitStatus());
        assertEquals("sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument\n", invalid.stderr().text());
        SimProcess none = run("sysctl");
        assertEquals("sysctl: no variables specified\nTry `sysctl --help' for more information.\n", none.stderr().text());
        SimProcess noValue = run("sysctl -w net.ipv4.ip_forward");
        assertEquals("sysctl: command line(0): invalid syntax, continuing...\n", noValue.stderr().text());
        assertEquals(0, run("sysctl -e net.ipv4.foo").exitStatus());
    }

    @Test
    void sysctlChangesAreLocalToTheNode() {
        Node h2 = sim.addNode("h2");
        run("sysctl -w net.ipv4.ip_forward=1");
        SimProcess other = h2.spawn(null, sim.now(), "sysctl -n net.ipv4.ip_forward");
        sim.runUntilIdle();
        assertEquals("0\n", other.stdout().text());
    }
}
