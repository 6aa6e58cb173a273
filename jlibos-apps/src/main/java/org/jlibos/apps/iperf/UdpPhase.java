package org.jlibos.apps.iperf;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.io.PrintStream;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.sim.process.ProcessContext;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data phase of an iperf3 UDP test: the sender paces datagrams at the target bit rate,
 * each carrying iperf3's header (send time in seconds and microseconds, then a 64-bit packet
 * number); the receiver counts datagrams, losses (gaps in the numbers), reordering, and the
 * RFC 1889 interarrival jitter, as iperf3's {@code iperf_udp_recv} does.
 */
final class UdpPhase {

    private static final long SECOND = 1_000_000_000L;

    private final ProcessContext ctx;
    private final Syscalls sys;
    private final int ctrl;
    private final int fd;
    private final boolean sending;
    private final boolean clientSide;
    private final long durationNanos;
    private final long bitsPerSecond;
    private final long intervalNanos;
    private final PrintStream out;
    private final ArrayNode jsonIntervals;

    long bytes;
    long packets;
    long lost;
    long outOfOrder;
    double jitterSeconds;
    long startNanos;
    long endNanos;
    private long intervalBytes;
    private long intervalPackets;
    private long intervalLost;
    private long nextExpected = 1;
    private double lastTransit = Double.NaN;

    UdpPhase(ProcessContext ctx, int ctrl, int fd, boolean sending, boolean clientSide, long durationNanos,
             long bitsPerSecond, long intervalNanos, PrintStream out, ArrayNode jsonIntervals) {
        this.ctx = ctx;
        this.sys = ctx.sys();
        this.ctrl = ctrl;
        this.fd = fd;
        this.sending = sending;
        this.clientSide = clientSide;
        this.durationNanos = durationNanos;
        this.bitsPerSecond = bitsPerSecond;
        this.intervalNanos = intervalNanos;
        this.out = out;
        this.jsonIntervals = jsonIntervals;
    }

    void run(int length) throws Exception {
        if (out != null) {
            out.println(sending ? "[ ID] Interval           Transfer     Bitrate         Total Datagrams"
                    : "[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams");
        }
        byte[] buf = new byte[Math.max(length, 65536)];
        PollFd[] set = {new PollFd(fd, POLLIN), new PollFd(ctrl, POLLIN)};
        long gap = Math.max(1, length * 8L * SECOND / Math.max(1, bitsPerSecond));
        startNanos = ctx.now();
        long intervalStart = startNanos;
        long nextReport = intervalNanos > 0 ? startNanos + intervalNanos : Long.MAX_VALUE;
        long deadline = clientSide ? startNanos + durationNanos : Long.MAX_VALUE;
        long nextSend = startNanos;
        MessageInfo info = new MessageInfo();
        while (true) {
            long now = ctx.now();
            if (now >= nextReport) {
                report(intervalStart, now);
                intervalStart = now;
                nextReport += intervalNanos;
                continue;
            }
            if (now >= deadline) {
                break;
            }
            if (sending && now >= nextSend) {
                packets++;
                long usec = (now - startNanos) / 1000;
                putInt(buf, 0, (int) (usec / 1_000_000));
                putInt(buf, 4, (int) (usec % 1_000_000));
                putInt(buf, 8, (int) (packets >>> 32));
                putInt(buf, 12, (int) packets);
                try {
                    sys.send(fd, buf, 0, length, 0);
                    bytes += length;
                    intervalBytes += length;
                    intervalPackets++;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOBUFS && e.errno() != Errno.EAGAIN) {
                        throw e;
                    }
                }
                nextSend += gap;
                continue;
            }
            long wakeAt = Math.min(nextReport, deadline);
            if (sending) {
                wakeAt = Math.min(wakeAt, nextSend);
            }
            set[0].fd = sending ? -1 : fd;
            set[1].fd = clientSide ? -1 : ctrl;
            if (sys.poll(set, Math.max(0, wakeAt - now)) == 0) {
                continue;
            }
            if (set[1].revents != 0 && IperfProtocol.readState(sys, ctrl) == IperfProtocol.TEST_END) {
                break;
            }
            if (set[0].revents != 0) {
                int n = sys.recvFrom(fd, buf, 0, buf.length, 0, info);
                received(buf, n, ctx.now());
            }
        }
        endNanos = ctx.now();
        if (intervalNanos > 0 && endNanos - intervalStart > intervalNanos / 10) {
            report(intervalStart, endNanos);
        }
    }

    private void received(byte[] b, int n, long arrival) {
        if (n < 16) {
            return;
        }
        long sentUsec = (getInt(b, 0) & 0xffffffffL) * 1_000_000L + (getInt(b, 4) & 0xffffffffL);
        long number = ((long) getInt(b, 8) << 32) | (getInt(b, 12) & 0xffffffffL);
        bytes += n;
        intervalBytes += n;
        packets++;
        intervalPackets++;
        if (number >= nextExpected) {
            long gapCount = number - nextExpected;
            lost += gapCount;
            intervalLost += gapCount;
            nextExpected = number + 1;
        } else {
            // A late packet was counted lost when the gap was seen: take it back.
            outOfOrder++;
            if (lost > 0) {
                lost--;
                intervalLost--;
            }
        }
        // RFC 1889 jitter, with both times relative to the test start as iperf3 does.
        double transit = (arrival - startNanos) / 1e9 - sentUsec / 1e6;
        if (!Double.isNaN(lastTransit)) {
            double d = Math.abs(transit - lastTransit);
            jitterSeconds += (d - jitterSeconds) / 16.0;
        }
        lastTransit = transit;
    }

    private void report(long from, long to) {
        double a = (from - startNanos) / (double) SECOND;
        double b = (to - startNanos) / (double) SECOND;
        double bps = b > a ? intervalBytes * 8 / (b - a) : 0;
        if (out != null) {
            if (sending) {
                out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %d  %n", fd, a, b, IperfUnits.bytes(intervalBytes),
                        IperfUnits.bitsPerSecond(bps), intervalPackets);
            } else {
                long total = intervalPackets + intervalLost;
                out.printf("[%3d] %6.2f-%-6.2f sec  %s  %s  %.3f ms  %d/%d (%s%%)  %n", fd, a, b,
                        IperfUnits.bytes(intervalBytes), IperfUnits.bitsPerSecond(bps), jitterSeconds * 1000, intervalLost,
                        total, percent(intervalLost, total));
            }
        }
        if (jsonIntervals != null) {
            ObjectNode interval = jsonIntervals.addObject();
            ObjectNode s = interval.putArray("streams").addObject();
            s.put("socket", fd);
            s.put("start", a);
            s.put("end", b);
            s.put("seconds", b - a);
            s.put("bytes", intervalBytes);
            s.put("bits_per_second", bps);
            s.put("packets", intervalPackets);
            if (!sending) {
                s.put("jitter_ms", jitterSeconds * 1000);
                s.put("lost_packets", intervalLost);
            }
            s.put("omitted", false);
            s.put("sender", sending);
            interval.set("sum", s.deepCopy());
        }
        intervalBytes = 0;
        intervalPackets = 0;
        intervalLost = 0;
    }

    /** iperf3 prints loss as %g of a percentage: 0, 1.2, 33.3333. */
    static String percent(long lostPackets, long total) {
        if (total == 0 || lostPackets == 0) {
            return "0";
        }
        return org.jlibos.apps.text.CFormat.g(100.0 * lostPackets / total);
    }

    double seconds() {
        return (endNanos - startNanos) / (double) SECOND;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
