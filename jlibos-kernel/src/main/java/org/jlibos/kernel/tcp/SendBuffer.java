package org.jlibos.kernel.tcp;

/**
 * The bytes of the send queue: everything written by the application from snd_una up to
 * write_seq, both the part in flight (kept for retransmission) and the part not sent yet.
 * A byte ring that grows by doubling up to what the send buffer allows; acknowledged bytes are
 * dropped from the front. Application data is copied in once on write and copied out into each
 * transmitted segment.
 *
 * <p>It also remembers the sequence numbers where the PSH flag belongs: the end of each
 * write() (Linux's {@code tcp_mark_push} on the tail skb) and forced pushes in long writes. A
 * segment carries PSH when a mark falls inside it, so a segment split off the front of a
 * write never does.
 */
final class SendBuffer {

    private byte[] data = new byte[0];
    private int head;
    private int size;
    /** Sequence number of the byte at {@code head}. */
    private int startSeq;
    private int[] marks = new int[16];
    private int markHead;
    private int markCount;

    /** Resets to empty with the first data byte at {@code seq} (ISS + 1). */
    void reset(int seq) {
        startSeq = seq;
        head = 0;
        size = 0;
        markCount = 0;
        markHead = 0;
    }

    int startSeq() {
        return startSeq;
    }

    /** write_seq: the sequence number after the last written byte. */
    int endSeq() {
        return startSeq + size;
    }

    /** Bytes held (in flight and unsent). */
    int size() {
        return size;
    }

    /** Appends {@code len} bytes; the caller has checked the room. */
    void append(byte[] src, int off, int len) {
        ensureCapacity(size + len);
        int cap = data.length;
        int tail = (head + size) & (cap - 1);
        int first = Math.min(len, cap - tail);
        System.arraycopy(src, off, data, tail, first);
        if (first < len) {
            System.arraycopy(src, off + first, data, 0, len - first);
        }
        size += len;
    }

    private void ensureCapacity(int needed) {
        if (needed <= data.length) {
            return;
        }
        int cap = Math.max(4096, data.length);
        while (cap < needed) {
            cap <<= 1;
        }
        byte[] bigger = new byte[cap];
        if (size > 0) {
            int oldCap = data.length;
            int first = Math.min(size, oldCap - head);
            System.arraycopy(data, head, bigger, 0, first);
            if (first < size) {
                System.arraycopy(data, 0, bigger, first, size - first);
            }
        }
        data = bigger;
        head = 0;
    }

    /** Copies {@code len} bytes starting at sequence {@code seq} to {@code dst}. */
    void copyOut(int seq, byte[] dst, int dstOff, int len) {
        int offset = seq - startSeq;
        if (offset < 0 || offset + len > size) {
            throw new IllegalStateException("send buffer holds [" + Seq.unsigned(startSeq) + ", "
                    + Seq.unsigned(endSeq()) + "), asked for " + Seq.unsigned(seq) + "+" + len);
        }
        int cap = data.length;
        int from = (head + offset) & (cap - 1);
        int first = Math.min(len, cap - from);
        System.arraycopy(data, from, dst, dstOff, first);
        if (first < len) {
            System.arraycopy(data, 0, dst, dstOff + first, len - first);
        }
    }

    /** Drops the bytes below {@code seq} (they were acknowledged). */
    void ackTo(int seq) {
        int n = seq - startSeq;
        if (n <= 0) {
            return;
        }
        if (n > size) {
            n = size;
        }
        size -= n;
        head = size == 0 ? 0 : (head + n) & (data.length - 1);
        startSeq += n;
        while (markCount > 0 && Seq.beforeOrEqual(marks[markHead], startSeq)) {
            markHead = (markHead + 1) & (marks.length - 1);
            markCount--;
        }
        if (size == 0 && data.length > 65536) {
            // An idle connection gives back a big buffer.
            data = new byte[0];
            head = 0;
        }
    }

    /** Discards everything (abort). */
    void clear() {
        startSeq += size;
        size = 0;
        head = 0;
        markCount = 0;
    }

    /** Marks {@code seq} (the end of a write) as a PSH point. */
    void markPush(int seq) {
        if (markCount > 0 && marks[(markHead + markCount - 1) & (marks.length - 1)] == seq) {
            return;
        }
        if (markCount == marks.length) {
            int[] bigger = new int[marks.length * 2];
            for (int i = 0; i < markCount; i++) {
                bigger[i] = marks[(markHead + i) & (marks.length - 1)];
            }
            marks = bigger;
            markHead = 0;
        }
        marks[(markHead + markCount) & (marks.length - 1)] = seq;
        markCount++;
    }

    /** Whether a PSH mark lies in {@code (seq, end]}. */
    boolean pushIn(int seq, int end) {
        int lo = 0;
        int hi = markCount;
        // First mark after seq (marks ascend).
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.after(marks[(markHead + mid) & (marks.length - 1)], seq)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < markCount && Seq.beforeOrEqual(marks[(markHead + lo) & (marks.length - 1)], end);
    }
}
