package org.jlibos.apps.ss;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.raw.RawSocket;
import org.jlibos.kernel.udp.UdpSocket;

/**
 * Reads the kernel's socket tables into {@link SocketRow}s, one method per table, as ss
 * reads them over sock_diag. TCP has no table yet: when the kernel gains one, its rows are
 * added in {@link #tcp}.
 */
final class SocketTables {

    private SocketTables() {
    }

    static List<SocketRow> rows(Kernel kernel, SocketRow.Netid netid) {
        return switch (netid) {
            case RAW -> raw(kernel);
            case UDP -> udp(kernel);
            case TCP -> tcp(kernel);
        };
    }

    /** UDP sockets in port order; Recv-Q is the receive memory charged, as {@code sk_rmem_alloc}. */
    private static List<SocketRow> udp(Kernel kernel) {
        List<SocketRow> rows = new ArrayList<>();
        for (UdpSocket s : kernel.udp().sockets()) {
            rows.add(new SocketRow(SocketRow.Netid.UDP,
                    s.isConnected() ? SocketState.ESTABLISHED : SocketState.CLOSE,
                    s.receiveQueueBytes(), 0, s.localAddressValue(), s.localPort(),
                    s.isConnected() ? s.remoteAddressValue() : 0, s.isConnected() ? s.remotePortValue() : 0, s));
        }
        return rows;
    }

    /** Raw sockets in creation order; the "port" is the protocol number, as ss shows it. */
    private static List<SocketRow> raw(Kernel kernel) {
        List<SocketRow> rows = new ArrayList<>();
        for (RawSocket s : kernel.raw().sockets()) {
            boolean connected = s.remoteAddressValue() != 0;
            rows.add(new SocketRow(SocketRow.Netid.RAW, connected ? SocketState.ESTABLISHED : SocketState.CLOSE,
                    s.queuedBytes(), 0, s.localAddressValue(), s.protocol(), s.remoteAddressValue(), 0, s));
        }
        return rows;
    }

    /** TCP sockets in creation order; Recv-Q and Send-Q as Linux reports them (backlog for listeners). */
    private static List<SocketRow> tcp(Kernel kernel) {
        List<SocketRow> rows = new ArrayList<>();
        for (org.jlibos.kernel.tcp.TcpSocket s : kernel.tcp().sockets()) {
            rows.add(new SocketRow(SocketRow.Netid.TCP, SocketState.values()[s.state().linux], s.receiveQueue(),
                    s.sendQueue(), s.localAddressValue(), s.localPort(), s.remoteAddressValue(), s.remotePort(), s));
        }
        return rows;
    }
}
