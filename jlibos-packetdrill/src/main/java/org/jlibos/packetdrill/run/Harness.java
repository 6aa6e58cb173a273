package org.jlibos.packetdrill.run;

import java.nio.file.Path;
import java.util.List;

import org.jlibos.packetdrill.script.Script;

/**
 * The command line a corpus's own test harness gives packetdrill, for scripts that were written
 * against it. packetdrill's command-line options override in-script ones, and an
 * {@code --init_scripts} script runs before the script's own init command.
 *
 * <p>gVisor's {@code test/packetdrill/packetdrill_test.sh} (at the corpus snapshot) runs every
 * script with {@code --tolerance_usecs=100000} and {@code --init_scripts=packetdrill_setup.sh},
 * which sets {@code tcp_sack=1} and {@code tcp_rmem}/{@code tcp_wmem} to
 * {@code 4096 2097152 8388608}; its scripts' timings assume that tolerance (a TIME_WAIT ACK
 * expected {@code +0.01} after the FIN that Linux acknowledges at once, for instance). The
 * google corpus is run by {@code run_all.py} with no such options.
 */
record Harness(String name, List<Script.ScriptOption> options, String initCommand) {

    static final Harness NONE = new Harness(null, List.of(), null);

    static final Harness GVISOR = new Harness("gVisor packetdrill_test.sh",
            List.of(new Script.ScriptOption("tolerance_usecs", "100000", 0)),
            "sysctl -q net.ipv4.tcp_sack=1\n"
                    + "sysctl -q net.ipv4.tcp_rmem=\"4096 2097152 $((8*1024*1024))\"\n"
                    + "sysctl -q net.ipv4.tcp_wmem=\"4096 2097152 $((8*1024*1024))\"\n");

    /** The harness of the corpus {@code script} comes from, by its place in the corpus tree. */
    static Harness of(Path script) {
        String p = script.toAbsolutePath().normalize().toString().replace('\\', '/');
        if (p.contains("/gvisor/test/packetdrill/")) {
            return GVISOR;
        }
        return NONE;
    }
}
