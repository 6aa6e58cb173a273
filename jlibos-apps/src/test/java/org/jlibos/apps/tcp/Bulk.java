package org.jlibos.apps.tcp;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.util.zip.CRC32C;

import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.sim.process.SimProcess;

/**
 * A bulk transfer from a to b over one connection: b runs a sink that reads until EOF and
 * checksums what it got; a writes a deterministic byte stream (or, for a timed run, until the
 * deadline). Results land in the fields once the processes are done.
 */
final class Bulk {

    /** Byte {@code pos} of the stream: cheap to compute, different in every position of a 4 GiB range. */
    static byte streamByte(long pos) {
        long x = pos * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ x >>> 29);
    }

    static void fill(byte[] buf, int len, long pos) {
        for (int i = 0; i < len; i++) {
            buf[i] = streamByte(pos + i);
        }
    }

    final TcpNet net;
    final int port;
    String congestion = null;
    long sent;
    long received;
    long senderCrc;
    long receiverCrc;
    long receiverDoneAt = -1;
    long senderDoneAt = -1;
    boolean zeros;
    /** Bytes the sink had read at each whole second since the sender started (for goodput windows). */
    final long[] receivedAtSecond = new long[400];
    TcpInfo senderInfo;
    TcpSocket senderSocket;
    /** The sink's accepted connection, set once b's end is established (accept() returned). */
    TcpSocket receiverSocket;
    SimProcess sink;
    SimProcess source;

    Bulk(TcpNet net, int port) {
        this.net = net;
        this.port = port;
    }

    /** Starts the sink at {@code at} and the source at {@code start}: {@code bytes} bytes, or until {@code until} when bytes < 0. */
    Bulk start(long at, long start, long bytes, long until) {
        sink = TcpNet.run(net.b, "sink" + port, at, ctx -> {
            Syscalls sys = ctx.sys();
            int l = sys.socket(AF_INET, SOCK_STREAM, 0);
            sys.setsockopt(l, SOL_SOCKET, SO_REUSEADDR, 1);
            sys.bind(l, new InetSockAddr(0, port));
            sys.listen(l, 16);
            int c = sys.accept(l, null);
            receiverSocket = TcpSocket.of(sys, c);
            byte[] buf = new byte[131072];
            CRC32C crc = new CRC32C();
            int n;
            long total = 0;
            while ((n = sys.read(c, buf, 0, buf.length)) > 0) {
                if (!zeros) {
                    crc.update(buf, 0, n);
                }
                total += n;
                long sec = (ctx.now() - start) / TcpNet.S;
                if (sec >= 0 && sec < receivedAtSecond.length) {
                    receivedAtSecond[(int) sec] = total;
                }
            }
            received = total;
            receiverCrc = crc.getValue();
            receiverDoneAt = ctx.now();
            sys.close(c);
            sys.close(l);
            return 0;
        });
        source = TcpNet.run(net.a, "source" + port, start, ctx -> {
            Syscalls sys = ctx.sys();
            int s = sys.socket(AF_INET, SOCK_STREAM, 0);
            if (congestion != null) {
                sys.setsockopt(s, SOL_TCP, TCP_CONGESTION, congestion);
            }
            sys.connect(s, new InetSockAddr(TcpNet.B, port));
            senderSocket = TcpSocket.of(sys, s);
            byte[] buf = new byte[131072];
            CRC32C crc = new CRC32C();
            long pos = 0;
            while (bytes < 0 ? ctx.now() < until : pos < bytes) {
                int len = (int) (bytes < 0 ? buf.length : Math.min(buf.length, bytes - pos));
                if (!zeros) {
                    fill(buf, len, pos);
                }
                int w = sys.write(s, buf, 0, len);
                if (!zeros) {
                    crc.update(buf, 0, w);
                }
                pos += w;
                if (w < len && !zeros) {
                    // a partial write: the rest of buf is rewritten from pos next time
                }
            }
            sent = pos;
            senderCrc = crc.getValue();
            senderInfo = senderSocket.info();
            senderDoneAt = ctx.now();
            sys.close(s);
            return 0;
        });
        return this;
    }

    /** Goodput in Mbit/s over whole seconds [from, to) after the source started. */
    double goodputMbps(int from, int to) {
        long bytes = receivedAtSecond[to - 1] - (from == 0 ? 0 : receivedAtSecond[from - 1]);
        return bytes * 8.0 / (to - from) / 1e6;
    }
}
