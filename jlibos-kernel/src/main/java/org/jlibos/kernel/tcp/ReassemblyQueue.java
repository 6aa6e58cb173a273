package org.jlibos.kernel.tcp;

import org.jlibos.kernel.buffer.PacketBuffer;

/**
 * The out-of-order queue ({@code tp->out_of_order_queue}): segments that arrived above
 * rcv_nxt, kept as the received packet buffers (head at the payload, no copy) in sequence
 * order, never overlapping. An arriving segment is trimmed against what is already queued:
 * a segment wholly covered is a duplicate, one covering others replaces them, partial overlaps
 * are cut off the new segment. The first overlap is reported so the receiver can send a
 * D-SACK (RFC 2883).
 */
final class ReassemblyQueue {

    private int[] start = new int[16];
    private int[] end = new int[16];
    private boolean[] fin = new boolean[16];
    private PacketBuffer[] data = new PacketBuffer[16];
    private int count;
    private int bytes;

    /** First duplicate range found by the last {@link #insert}, valid when {@link #dupFound}. */
    int dupStart;
    int dupEnd;
    boolean dupFound;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Payload bytes queued. */
    int bytes() {
        return bytes;
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    boolean fin(int i) {
        return fin[i];
    }

    /** Right edge of the highest queued segment (FIN not counted). */
    int lastEnd() {
        return end[count - 1];
    }

    /**
     * Queues the segment {@code [seq, seq + payload.length())} (plus a FIN after it when
     * {@code hasFin}). Returns false when nothing of it was new.
     */
    boolean insert(int seq, PacketBuffer payload, boolean hasFin) {
        dupFound = false;
        int segEnd = seq + payload.length();
        // First entry that ends after seq.
        int i;
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.after(end[mid], seq)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        i = lo;
        if (i < count && Seq.beforeOrEqual(start[i], seq)) {
            if (Seq.afterOrEqual(end[i], segEnd)) {
                // Wholly covered.
                duplicate(seq, segEnd);
                if (hasFin && end[i] == segEnd && !fin[i]) {
                    fin[i] = true;
                    return true;
                }
                return false;
            }
            // Overlaps the head of the new segment: cut it off.
            duplicate(seq, end[i]);
            payload.pull(end[i] - seq);
            seq = end[i];
            i++;
        }
        // Entries wholly covered by the new segment go.
        int j = i;
        while (j < count && Seq.beforeOrEqual(end[j], segEnd)) {
            duplicate(start[j], end[j]);
            if (fin[j] && end[j] == segEnd) {
                hasFin = true;
            }
            bytes -= end[j] - start[j];
            j++;
        }
        if (j > i) {
            remove(i, j - i);
        }
        if (i < count && Seq.before(start[i], segEnd)) {
            duplicate(start[i], segEnd);
            payload.trim(start[i] - seq);
            segEnd = start[i];
            hasFin = false;
        }
        if (segEnd == seq && !hasFin) {
            return false;
        }
        if (count == start.length) {
            grow();
        }
        System.arraycopy(start, i, start, i + 1, count - i);
        System.arraycopy(end, i, end, i + 1, count - i);
        System.arraycopy(fin, i, fin, i + 1, count - i);
        System.arraycopy(data, i, data, i + 1, count - i);
        start[i] = seq;
        end[i] = segEnd;
        fin[i] = hasFin;
        data[i] = payload;
        count++;
        bytes += segEnd - seq;
        return true;
    }

    private void duplicate(int s, int e) {
        if (!dupFound && Seq.before(s, e)) {
            dupFound = true;
            dupStart = s;
            dupEnd = e;
        }
    }

    private void remove(int from, int n) {
        System.arraycopy(start, from + n, start, from, count - from - n);
        System.arraycopy(end, from + n, end, from, count - from - n);
        System.arraycopy(fin, from + n, fin, from, count - from - n);
        System.arraycopy(data, from + n, data, from, count - from - n);
        count -= n;
        for (int k = count; k < count + n; k++) {
            data[k] = null;
        }
    }

    private void grow() {
        int n = start.length * 2;
        start = java.util.Arrays.copyOf(start, n);
        end = java.util.Arrays.copyOf(end, n);
        fin = java.util.Arrays.copyOf(fin, n);
        data = java.util.Arrays.copyOf(data, n);
    }

    /** Whether the first queued segment starts at or below {@code rcvNxt}. */
    boolean hasInOrder(int rcvNxt) {
        return count > 0 && Seq.beforeOrEqual(start[0], rcvNxt);
    }

    /** FIN flag of the first segment (read before {@link #pollFirst}). */
    boolean firstHasFin() {
        return fin[0];
    }

    int firstEnd() {
        return end[0];
    }

    /**
     * Removes the first segment and returns its payload trimmed to start at {@code rcvNxt}
     * (empty when it lies wholly below).
     */
    PacketBuffer pollFirst(int rcvNxt) {
        PacketBuffer p = data[0];
        int s = start[0];
        int e = end[0];
        bytes -= e - s;
        remove(0, 1);
        if (Seq.before(s, rcvNxt)) {
            int cut = Math.min(rcvNxt - s, p.length());
            p.pull(cut);
        }
        return p;
    }

    void clear() {
        for (int k = 0; k < count; k++) {
            data[k] = null;
        }
        count = 0;
        bytes = 0;
    }
}
