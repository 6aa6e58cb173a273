package org.jlibos.apps.iperf;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;

import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Socket;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.tcp.TcpInfo;
import org.jlibos.kernel.tcp.TcpSocket;
import org.jlibos.sim.process.ProcessContext;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The measured part of an iperf3 test: the data streams are written (sender) or read
 * (receiver) through non-blocking sockets and poll(2), as iperf3's select loop does, with a
 * report per interval. It ends when the client's time or byte budget is spent, or, on the
 * server, when the client says TEST_END on the control connection.
 */
final class DataPhase {

    static final String SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -";
    private static final long SECOND = 1_000_000_000L;

    private final ProcessContext ctx;
    private final Syscalls sys;
    private final int ctrl;
    private final int[] fds;
    private final boolean sending;
    private final boolean clientSide;
    private final long durationNanos;
    private final long byteLimit;
    private final long intervalNanos;
    private final PrintStream out;
    private final ArrayNode jsonIntervals;

    final long[] totalBytes;
    final long[] retransmits;
    private final long[] intervalBytes;
    private final long[] retransBase;
    long startNanos;
    long endNanos;

    DataPhase(ProcessContext ctx, int ctrl, int[] fds, boolean sending, boolean clientSide, long durationNanos,
              long byteLimit, long intervalNanos, PrintStream out, ArrayNode jsonIntervals) {
        this.ctx = ctx;
        this.sys = ctx.sys();
        this.ctrl = ctrl;
        this.fds = fds;
        this.sending = sending;
        this.clientSide = clientSide;
        this.durationNanos = durationNanos;
        this.byteLimit = byteLimit;
        this.intervalNanos = intervalNanos;
        this.out = out;
        this.jsonIntervals = jsonIntervals;
        this.totalBytes = new long[fds.length];
        this.retransmits = new long[fds.length];
        this.intervalBytes = new long[fds.length];
        this.retransBase = new long[fds.length];
    }

    void run(int blockSize) throws Exception {
        for (int fd : fds) {
            sys.fcntl(fd, F_SETFL, O_NONBLOCK);
        }
        byte[] block = new byte[blockSize];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('0' + i % 10);
        }
        PollFd[] set = new PollFd[fds.length + 1];
        for (int i = 0; i < fds.length; i++) {
            set[i] = new PollFd(fds[i], sending ? POLLOUT : POLLIN);
        }
        set[fds.length] = new PollFd(ctrl, POLLIN);
        if (out != null) {
            out.println(sending ? "[ ID] Interval           Transfer     Bitrate         Retr  Cwnd"
                    : "[ ID] Interval           Transfer     Bitrate");
        }
        startNanos = ctx.now();
        long intervalStart = startNanos;
        long nextReport = intervalNanos > 0 ? startNanos + intervalNanos : Long.MAX_VALUE;
        long deadline = clientSide && byteLimit <= 0 ? startNanos + durationNanos : Long.MAX_VALUE;
        boolean done = false;
        while (!done) {
            long now = ctx.now();
            if (now >= nextReport) {
                report(intervalStart, now);
                intervalStart = now;
                nextReport += intervalNanos;
                continue;
            }
            if (clientSide && (now >= deadline || (byteLimit > 0 && sum(totalBytes) >= byteLimit))) {
                break;
            }
            long wait = Math.min(nextReport, deadline) - now;
            if (sys.poll(set, wait) == 0) {
                continue;
            }
            for (int i = 0; i < fds.length; i++) {
                if (set[i].revents == 0) {
                    continue;
                }
                try {
                    int len = block.length;
                    if (sending && byteLimit > 0) {
                        // -n: exactly byteLimit bytes in all, the last block cut short.
                        len = (int) Math.min(len, byteLimit - sum(totalBytes));
                        if (len <= 0) {
                            continue;
                        }
                    }
                    int n = sending ? sys.write(fds[i], block, 0, len) : sys.read(fds[i], block, 0, len);
                    if (n > 0) {
                        totalBytes[i] += n;
                        intervalBytes[i] += n;
                    } else if (!sending && n == 0) {
                        set[i].fd = -1; // the peer closed this stream
                    }
                } catch (ErrnoException e) {
                    if (e.errno() != org.jlibos.kernel.socket.Errno.EAGAIN) {
                        set[i].fd = -1;
                    }
                }
            }
            if (set[fds.length].revents != 0) {
                if (clientSide) {
                    set[fds.length].fd = -1; // the server has nothing to say before TEST_END
                } else {
                    int state = IperfProtocol.readState(sys, ctrl);
                    if (state == IperfProtocol.TEST_END) {
                        done = true;
                    }
                }
            }
        }
        if (sending && clientSide && byteLimit > 0) {
            drain();
        }
        endNanos = ctx.now();
        if (endNanos - intervalStart > intervalNanos / 10 && intervalNanos > 0) {
            report(intervalStart, endNanos);
        }
        for (int i = 0; i < fds.length; i++) {
            retransmits[i] = info(fds[i]) == null ? 0 : info(fds[i]).totalRetrans;
        }
    }

    /**
     * With -n the user asked for a transfer of exactly that many bytes: wait (in virtual time)
     * until the peer has acknowledged all of it before the test ends, so the receiver counts
     * every byte.
     */
    private void drain() throws ErrnoException, InterruptedException {
        for (int fd : fds) {
            while (sys.ioctl(fd, SIOCOUTQ) > 0) {
                ctx.sleep(SECOND / 1000);
            }
        }
    }

    private void report(long from, long to) {
        for (int i = 0; i < fds.length; i++) {
            TcpInfo info = sending ? info(fds[i]) : null;
            long retr = info == null ? 0 : info.totalRetrans - retransBase[i];
            if (info != null) {
                retransBase[i] = info.totalRetrans;
            }
            double seconds = (to - from) / (double) SECOND;
            double bps = seconds > 0 ? intervalBytes[i] * 8 / seconds : 0;
            double a = (from - startNanos) / (double) SECOND;
            double b = (to - startNanos) / (double) SECOND;
            if (out != null) {
                if (sending) {
                    long cwnd = info == null ? 0 : (long) info.sndCwnd * info.sndMss;
                    out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %3d   %s       %n", fds[i], a, b,
                            IperfUnits.bytes(intervalBytes[i]), IperfUnits.bitsPerSecond(bps), retr, IperfUnits.bytes(cwnd));
                } else {
                    out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s                  %n", fds[i], a, b,
                            IperfUnits.bytes(intervalBytes[i]), IperfUnits.bitsPerSecond(bps));
                }
            }
            if (jsonIntervals != null) {
                ObjectNode interval = jsonIntervals.addObject();
                ObjectNode stream = interval.putArray("streams").addObject();
                stream.put("socket", fds[i]);
                stream.put("start", a);
                stream.put("end", b);
                stream.put("seconds", b - a);
                stream.put("bytes", intervalBytes[i]);
                stream.put("bits_per_second", bps);
                if (info != null) {
                    stream.put("retransmits", retr);
                    stream.put("snd_cwnd", (long) info.sndCwnd * info.sndMss);
                    stream.put("rtt", info.rttUs);
                    stream.put("rttvar", info.rttvarUs);
                    stream.put("pmtu", info.pmtu);
                }
                stream.put("omitted", false);
                stream.put("sender", sending);
                ObjectNode sum = interval.putObject("sum");
                sum.put("start", a);
                sum.put("end", b);
                sum.put("seconds", b - a);
                sum.put("bytes", intervalBytes[i]);
                sum.put("bits_per_second", bps);
                sum.put("omitted", false);
                sum.put("sender", sending);
            }
            intervalBytes[i] = 0;
        }
    }

    TcpInfo info(int fd) {
        try {
            Socket s = sys.files().socket("getsockopt", fd);
            return s instanceof TcpSocket t ? t.info() : null;
        } catch (ErrnoException e) {
            return null;
        }
    }

    static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    double seconds() {
        return (endNanos - startNanos) / (double) SECOND;
    }
}
