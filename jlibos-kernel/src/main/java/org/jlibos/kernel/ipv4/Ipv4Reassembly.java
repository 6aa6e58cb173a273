package org.jlibos.kernel.ipv4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.host.KernelTimer;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.stats.SnmpCounter;
import org.jlibos.kernel.wire.Ipv4Header;

/**
 * IPv4 reassembly ({@code net/ipv4/ip_fragment.c}), built so it cannot be abused:
 * <ul>
 * <li>fragments are keyed by (src, dst, id, protocol) and complete after ipfrag_time seconds
 *     or never (then IpReasmTimeout, and ICMP time exceeded if the first fragment came);</li>
 * <li>all queues together hold at most ipfrag_high_thresh bytes; beyond that new fragments are
 *     dropped (IpReasmFails), so memory stays bounded whatever arrives;</li>
 * <li>an exact duplicate fragment is ignored; any other overlap discards the whole datagram, as
 *     Linux has done since 2018 (RFC 5722's rule, applied to IPv4 too);</li>
 * <li>inconsistent lengths (a second "last" fragment, data past the end, a datagram over
 *     65535 bytes, a non-final fragment not a multiple of 8) discard the datagram.</li>
 * </ul>
 */
public final class Ipv4Reassembly {

    private record Key(int src, int dst, int id, int protocol) {
    }

    private static final class Fragment {
        final int offset;
        final int end;
        final PacketBuffer data;

        Fragment(int offset, int end, PacketBuffer data) {
            this.offset = offset;
            this.end = end;
            this.data = data;
        }
    }

    private final class Queue {
        final Key key;
        final List<Fragment> fragments = new ArrayList<>(4);
        int totalLength = -1;
        int received;
        int memory;
        byte[] firstHeader;
        NetDevice device;
        final KernelTimer timer;

        Queue(Key key) {
            this.key = key;
            this.timer = kernel.host().newTimer("ipfrag", () -> expire(this));
        }
    }

    /** Per-fragment bookkeeping charged on top of the data, like skb truesize. */
    static final int OVERHEAD = 256;

    private final Kernel kernel;
    private final Snmp snmp;
    private final Map<Key, Queue> queues = new LinkedHashMap<>();
    private long memory;
    /** Fragments that overlapped others (Linux's ReasmOverlaps). */
    public long overlaps;

    /** Called when a reassembly times out and the first fragment was seen. */
    public interface TimeoutReporter {
        void reassemblyTimedOut(NetDevice device, byte[] firstFragmentHeader);
    }

    private final TimeoutReporter reporter;

    public Ipv4Reassembly(Kernel kernel, Snmp snmp, TimeoutReporter reporter) {
        this.kernel = kernel;
        this.snmp = snmp;
        this.reporter = reporter;
    }

    /** Bytes held by incomplete datagrams. */
    public long memory() {
        return memory;
    }

    public int queueCount() {
        return queues.size();
    }

    /**
     * Adds a fragment (head at its IP header, trimmed to its total length). Returns the whole
     * datagram (head at a fresh IP header) once complete, else null.
     */
    public PacketBuffer add(NetDevice dev, PacketBuffer p) {
        snmp.inc(SnmpCounter.IP_REASM_REQDS);
        byte[] b = p.array();
        int off = p.head();
        int hl = Ipv4Header.headerLength(b, off);
        int offset = Ipv4Header.fragmentOffset(b, off);
        int len = Ipv4Header.totalLength(b, off) - hl;
        int end = offset + len;
        boolean more = Ipv4Header.moreFragments(b, off);
        Key key = new Key(Ipv4Header.src(b, off), Ipv4Header.dst(b, off), Ipv4Header.identification(b, off),
                Ipv4Header.protocol(b, off));
        Queue q = queues.get(key);
        if (end > Ipv4Header.MAX_TOTAL_LENGTH || (more && (len & 7) != 0) || (more && len == 0)) {
            if (q != null) {
                kill(q);
            }
            snmp.inc(SnmpCounter.IP_REASM_FAILS);
            return null;
        }
        if (q == null) {
            if (memory + len + OVERHEAD > kernel.sysctl().getLong("net.ipv4.ipfrag_high_thresh")) {
                snmp.inc(SnmpCounter.IP_REASM_FAILS);
                return null;
            }
            q = new Queue(key);
            q.device = dev;
            queues.put(key, q);
            q.timer.armAfter(kernel.sysctl().getLong("net.ipv4.ipfrag_time") * 1_000_000_000L);
        } else if (memory + len + OVERHEAD > kernel.sysctl().getLong("net.ipv4.ipfrag_high_thresh")) {
            kill(q);
            snmp.inc(SnmpCounter.IP_REASM_FAILS);
            return null;
        }
        if (!more) {
            if ((q.totalLength >= 0 && q.totalLength != end) || lastEnd(q) > end) {
                kill(q);
                snmp.inc(SnmpCounter.IP_REASM_FAILS);
                return null;
            }
            q.totalLength = end;
        } else if (q.totalLength >= 0 && end > q.totalLength) {
            kill(q);
            snmp.inc(SnmpCounter.IP_REASM_FAILS);
            return null;
        }
        int insertAt = 0;
        for (Fragment f : q.fragments) {
            if (f.offset == offset && f.end == end) {
                return null; // exact duplicate: ignore
            }
            if (offset < f.end && f.offset < end) {
                overlaps++;
                kill(q);
                snmp.inc(SnmpCounter.IP_REASM_FAILS);
                return null;
            }
            if (f.offset < offset) {
                insertAt++;
            }
        }
        if (offset == 0) {
            q.firstHeader = new byte[hl];
            System.arraycopy(b, off, q.firstHeader, 0, hl);
        }
        p.pull(hl);
        q.fragments.add(insertAt, new Fragment(offset, end, p));
        q.received += len;
        q.memory += len + OVERHEAD;
        memory += len + OVERHEAD;
        if (q.totalLength >= 0 && q.received == q.totalLength && q.firstHeader != null) {
            return complete(q);
        }
        return null;
    }

    private static int lastEnd(Queue q) {
        return q.fragments.isEmpty() ? 0 : q.fragments.get(q.fragments.size() - 1).end;
    }

    private PacketBuffer complete(Queue q) {
        remove(q);
        int hl = q.firstHeader.length;
        PacketBuffer whole = new PacketBuffer(PacketBuffer.DEFAULT_HEADROOM, PacketBuffer.DEFAULT_HEADROOM + hl + q.totalLength);
        int off = whole.put(hl + q.totalLength);
        byte[] w = whole.array();
        System.arraycopy(q.firstHeader, 0, w, off, hl);
        for (Fragment f : q.fragments) {
            System.arraycopy(f.data.array(), f.data.head(), w, off + hl + f.offset, f.end - f.offset);
        }
        Ipv4Header.setTotalLength(w, off, hl + q.totalLength);
        Ipv4Header.setFlagsAndFragmentOffset(w, off, Ipv4Header.flagsAndFragmentOffset(w, off) & Ipv4Header.DF_BIT);
        Ipv4Header.fillChecksum(w, off);
        snmp.inc(SnmpCounter.IP_REASM_OKS);
        return whole;
    }

    private void expire(Queue q) {
        if (queues.get(q.key) != q) {
            return;
        }
        remove(q);
        snmp.inc(SnmpCounter.IP_REASM_TIMEOUT);
        snmp.inc(SnmpCounter.IP_REASM_FAILS);
        if (q.firstHeader != null && reporter != null) {
            reporter.reassemblyTimedOut(q.device, firstFragmentQuote(q));
        }
    }

    /** The first fragment's header and up to 8 bytes of its data, for the ICMP error quote. */
    private static byte[] firstFragmentQuote(Queue q) {
        Fragment first = q.fragments.get(0);
        int data = Math.min(8, first.end - first.offset);
        byte[] quote = new byte[q.firstHeader.length + data];
        System.arraycopy(q.firstHeader, 0, quote, 0, q.firstHeader.length);
        System.arraycopy(first.data.array(), first.data.head(), quote, q.firstHeader.length, data);
        return quote;
    }

    private void kill(Queue q) {
        remove(q);
    }

    private void remove(Queue q) {
        queues.remove(q.key);
        q.timer.cancel();
        memory -= q.memory;
    }
}
