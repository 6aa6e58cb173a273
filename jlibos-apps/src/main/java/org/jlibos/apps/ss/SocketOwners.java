package org.jlibos.apps.ss;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.socket.FileTable;
import org.jlibos.kernel.socket.OpenFile;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;

/**
 * Who holds each socket, for {@code ss -p}: ss scans {@code /proc/PID/fd}; we scan the
 * descriptor tables of the node's live processes. The text is ss's
 * {@code  users:(("name",pid=P,fd=F),...)}, the most recently found holder first as in ss's
 * hash chains, the name being the program's base name cut to 15 characters like
 * {@code /proc/PID/comm}.
 */
final class SocketOwners {

    private final Map<OpenFile, String> users = new IdentityHashMap<>();

    SocketOwners(Node node) {
        Map<OpenFile, StringBuilder> found = new IdentityHashMap<>();
        List<SimProcess> processes = node.processes();
        for (SimProcess p : processes) {
            if (!p.isAlive() || p.state() != SimProcess.State.RUNNING) {
                continue;
            }
            FileTable files = p.syscalls().files();
            for (int fd : files.openDescriptors()) {
                OpenFile f = files.peek(fd);
                if (f == null) {
                    continue;
                }
                String entry = "(\"" + comm(p) + "\",pid=" + p.pid() + ",fd=" + fd + ")";
                StringBuilder sb = found.get(f);
                if (sb == null) {
                    found.put(f, new StringBuilder(entry));
                } else {
                    sb.insert(0, entry + ",");
                }
            }
        }
        for (Map.Entry<OpenFile, StringBuilder> e : found.entrySet()) {
            users.put(e.getKey(), " users:(" + e.getValue() + ")");
        }
    }

    /**
     * The users text of {@code socket}, or "" when no process holds it. Like ss's
     * {@code proc_ctx_print} it starts with a space, which is why the Process column of
     * {@code ss -p} sits one space from the peer port while its header does not.
     */
    String of(Object socket) {
        String u = users.get(socket);
        return u == null ? "" : u;
    }

    private static String comm(SimProcess p) {
        String name = p.argv().get(0);
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.length() > 15 ? name.substring(0, 15) : name;
    }
}
