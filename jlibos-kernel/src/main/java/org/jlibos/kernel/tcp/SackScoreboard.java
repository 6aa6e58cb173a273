package org.jlibos.kernel.tcp;

/**
 * The retransmission queue and SACK scoreboard (RFC 6675 §3; Linux's rtx queue, whose skbs
 * carry {@code TCPCB_SACKED_ACKED}, {@code TCPCB_LOST} and {@code TCPCB_SACKED_RETRANS}).
 *
 * <p>One record per transmitted segment covers {@code [start, end)}; the records are
 * contiguous and in sequence order from snd_una to snd_nxt (a SYN and a FIN take one sequence
 * number each and are records too). They live in a ring of parallel primitive arrays that
 * grows by doubling, so sending, acknowledging and SACK-tagging allocate nothing. Each record
 * counts as one packet, like an skb of one MSS in Linux, which keeps {@code packets_out},
 * {@code sacked_out}, {@code lost_out} and {@code retrans_out} (and so cwnd) in packets.
 *
 * <p>A SACK block that covers part of a record splits it (Linux's {@code tcp_fragment}), so
 * a record is always either wholly SACKed or not at all.
 */
final class SackScoreboard {

    /** Selectively acknowledged by the receiver. */
    static final int SACKED = 1;
    /** Considered lost: to be retransmitted. */
    static final int LOST = 2;
    /** Retransmitted and not yet acknowledged or declared lost again. */
    static final int RETRANS = 4;
    /** Retransmitted at least once (Karn's rule: no RTT sample from it). */
    static final int EVER_RETRANS = 8;
    static final int SYN = 16;
    static final int FIN = 32;

    /**
     * What one ACK delivered, filled by {@link #ackTo} and {@link #sack}; the caller owns one
     * instance and resets it per ACK.
     */
    static final class Delivery {
        /** Packets removed by the cumulative ACK. */
        int ackedPackets;
        /** Of those, packets that had been SACKed before (already counted as delivered). */
        int ackedWereSacked;
        /** Packets SACKed for the first time by this ACK. */
        int newlySacked;
        /** Send time of the oldest / newest cumulatively acked never-retransmitted record, or -1. */
        long firstAckedSentAt = -1;
        long lastAckedSentAt = -1;
        /** Send time of the oldest / newest newly SACKed never-retransmitted record, or -1. */
        long firstSackedSentAt = -1;
        long lastSackedSentAt = -1;
        /** A retransmitted record was cumulatively acked (FLAG_RETRANS_DATA_ACKED). */
        boolean retransAcked;
        boolean synAcked;
        boolean finAcked;
        /** Latest send time among everything delivered (for lost-retransmission detection), or -1. */
        long latestSentAt = -1;
        /** Rate-sample state of the most recently sent delivered record (tcp_rate.c). */
        long rateSentAt = -1;
        int rateDelivered;
        long rateDeliveredAt;
        long rateFirstSentAt;
        /** Inputs for RACK, set by the caller after {@link #reset()}: now and the min RTT, ns. */
        long now;
        long minRtt;
        /**
         * RACK ({@code tcp_rack_advance}): something was delivered unambiguously; the RTT of the
         * last such record, and the send time / end of the most recently sent one.
         */
        boolean rackAdvanced;
        long rackRtt;
        long rackSentAt = -1;
        int rackEnd;
        /** Lowest never-retransmitted record delivered below the highest SACK (reordering), if any. */
        boolean sackReordValid;
        int sackReord;
        boolean ackReordValid;
        int ackReord;

        void reset() {
            rackAdvanced = false;
            rackSentAt = -1;
            sackReordValid = false;
            ackReordValid = false;
            ackedPackets = 0;
            ackedWereSacked = 0;
            newlySacked = 0;
            firstAckedSentAt = -1;
            lastAckedSentAt = -1;
            firstSackedSentAt = -1;
            lastSackedSentAt = -1;
            retransAcked = false;
            synAcked = false;
            finAcked = false;
            latestSentAt = -1;
            rateSentAt = -1;
        }
    }

    private int[] start;
    private int[] end;
    private byte[] flags;
    /** Time of the last (re)transmission, ns. */
    private long[] sentAt;
    /** Rate sampling: the connection's delivered count and its timestamp when sent, and first_tx time. */
    private int[] txDelivered;
    private long[] txDeliveredAt;
    private long[] txFirstSentAt;
    private int mask;
    private int head;
    private int count;

    /** Packets SACKed, lost and in flight again ({@code sacked_out}, {@code lost_out}, {@code retrans_out}). */
    int sackedOut;
    int lostOut;
    int retransOut;
    /** Right edge of the highest SACK seen ({@code highest_sack}); meaningful while sackedOut > 0. */
    private int highestSackEnd;
    private int highestSackStart;
    /** The longest wait left after {@link #rackDetectLoss} for a record not yet overdue, ns (0: none). */
    long reoTimeout;
    /** Records ending at or below this were already examined by {@link #markLostByDupThresh}. */
    private int lostScanSeq;
    private boolean lostScanValid;
    /** No record starting below this needs retransmission ({@code retransmit_skb_hint}). */
    private int retransmitHintSeq;
    private boolean hintValid;

    SackScoreboard() {
        allocate(64);
    }

    private void allocate(int capacity) {
        start = new int[capacity];
        end = new int[capacity];
        flags = new byte[capacity];
        sentAt = new long[capacity];
        txDelivered = new int[capacity];
        txDeliveredAt = new long[capacity];
        txFirstSentAt = new long[capacity];
        mask = capacity - 1;
    }

    // ---- access by logical index 0..size()-1 (0 is the oldest record, at snd_una) ---------

    /** Packets outstanding ({@code packets_out}). */
    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int start(int i) {
        return start[(head + i) & mask];
    }

    int end(int i) {
        return end[(head + i) & mask];
    }

    int flags(int i) {
        return flags[(head + i) & mask];
    }

    long sentAt(int i) {
        return sentAt[(head + i) & mask];
    }

    /** Data bytes of record {@code i} (SYN and FIN excluded). */
    int dataLength(int i) {
        int p = (head + i) & mask;
        int len = end[p] - start[p];
        if ((flags[p] & SYN) != 0) {
            len--;
        }
        if ((flags[p] & FIN) != 0) {
            len--;
        }
        return len;
    }

    /** Right edge of the last record (snd_nxt when records exist). */
    int lastEnd() {
        return end(count - 1);
    }

    int highestSackEnd() {
        return highestSackEnd;
    }

    /** {@code tcp_highest_sack_seq}: start of the highest SACKed record, or {@code una} when none. */
    int fack(int una) {
        return sackedOut == 0 ? una : highestSackStart;
    }

    /** Logical index of the record containing {@code seq}, or -1 when none does. */
    int indexOf(int seq) {
        if (count == 0 || Seq.before(seq, start(0)) || !Seq.before(seq, end(count - 1))) {
            return -1;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Seq.beforeOrEqual(start(mid), seq)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    // ---- adding and removing ----------------------------------------------------------------

    /** Appends a newly transmitted segment {@code [s, e)} sent at {@code now}. */
    void add(int s, int e, int recordFlags, long now, int delivered, long deliveredAt, long firstSentAt) {
        if (count == start.length) {
            grow();
        }
        int p = (head + count) & mask;
        start[p] = s;
        end[p] = e;
        flags[p] = (byte) recordFlags;
        sentAt[p] = now;
        txDelivered[p] = delivered;
        txDeliveredAt[p] = deliveredAt;
        txFirstSentAt[p] = firstSentAt;
        count++;
    }

    private void grow() {
        int[] s = start;
        int[] e = end;
        byte[] f = flags;
        long[] t = sentAt;
        int[] td = txDelivered;
        long[] tda = txDeliveredAt;
        long[] tfs = txFirstSentAt;
        int oldMask = mask;
        int oldHead = head;
        allocate(s.length * 2);
        for (int i = 0; i < count; i++) {
            int q = (oldHead + i) & oldMask;
            start[i] = s[q];
            end[i] = e[q];
            flags[i] = f[q];
            sentAt[i] = t[q];
            txDelivered[i] = td[q];
            txDeliveredAt[i] = tda[q];
            txFirstSentAt[i] = tfs[q];
        }
        head = 0;
    }

    /**
     * Removes everything below {@code ack} (Linux's {@code tcp_clean_rtx_queue}), trimming a
     * partly acknowledged head record, and records what was delivered in {@code d}. Returns the
     * number of whole records removed.
     */
    int ackTo(int ack, Delivery d) {
        int removed = 0;
        while (count > 0) {
            int p = head;
            if (Seq.after(end[p], ack)) {
                if (Seq.after(ack, start[p])) {
                    // Partly acknowledged: keep the rest, as tcp_trim_head does.
                    if ((flags[p] & SYN) != 0) {
                        flags[p] &= ~SYN;
                        d.synAcked = true;
                    }
                    start[p] = ack;
                }
                break;
            }
            int f = flags[p];
            if ((f & RETRANS) != 0) {
                retransOut--;
            }
            if ((f & EVER_RETRANS) != 0) {
                d.retransAcked = true;
            } else if ((f & SACKED) == 0) {
                if (!d.ackReordValid || Seq.before(start[p], d.ackReord)) {
                    d.ackReord = start[p];
                    d.ackReordValid = true;
                }
                long t = sentAt[p];
                d.lastAckedSentAt = t;
                if (d.firstAckedSentAt < 0) {
                    d.firstAckedSentAt = t;
                }
            }
            if ((f & SACKED) != 0) {
                sackedOut--;
                d.ackedWereSacked++;
            } else {
                delivered(p, d);
            }
            if ((f & LOST) != 0) {
                lostOut--;
            }
            if ((f & SYN) != 0) {
                d.synAcked = true;
            }
            if ((f & FIN) != 0) {
                d.finAcked = true;
            }
            head = (head + 1) & mask;
            count--;
            removed++;
        }
        d.ackedPackets += removed;
        if (count == 0) {
            sackedOut = 0;
            lostOut = 0;
            retransOut = 0;
        }
        return removed;
    }

    private void delivered(int p, Delivery d) {
        long t = sentAt[p];
        long rtt = d.now - t;
        if ((flags[p] & EVER_RETRANS) == 0 || rtt >= d.minRtt) {
            // tcp_rack_advance: a retransmitted record acked within min_rtt was the original.
            d.rackAdvanced = true;
            d.rackRtt = rtt;
            if (d.rackSentAt < 0 || t > d.rackSentAt || (t == d.rackSentAt && Seq.after(end[p], d.rackEnd))) {
                d.rackSentAt = t;
                d.rackEnd = end[p];
            }
        }
        if (d.latestSentAt < t && (flags[p] & EVER_RETRANS) == 0) {
            d.latestSentAt = t;
        }
        if (d.rateSentAt < 0 || t >= d.rateSentAt) {
            d.rateSentAt = t;
            d.rateDelivered = txDelivered[p];
            d.rateDeliveredAt = txDeliveredAt[p];
            d.rateFirstSentAt = txFirstSentAt[p];
        }
    }

    /**
     * Tags the records in SACK block {@code [left, right)} as SACKed, splitting records the
     * block covers only partly. Returns the number of records newly SACKed.
     */
    int sack(int left, int right, Delivery d) {
        return sack(left, right, d, 0);
    }

    /**
     * Like {@link #sack(int, int, Delivery)}, with Linux's {@code tcp_match_skb_to_sack} when
     * {@code mss > 0}: a record of one MSS or less counts only when the block covers all of it,
     * and a longer record is split only at whole MSS multiples.
     */
    int sack(int left, int right, Delivery d, int mss) {
        if (count == 0) {
            return 0;
        }
        if (Seq.before(left, start(0))) {
            left = start(0);
        }
        int last = end(count - 1);
        if (Seq.after(right, last)) {
            right = last;
        }
        if (!Seq.before(left, right)) {
            return 0;
        }
        int i = indexOf(left);
        if (i < 0) {
            return 0;
        }
        if (start(i) != left) {
            // The block starts inside record i: its lower part stays un-SACKed.
            if ((flags(i) & SACKED) == 0) {
                int at = left;
                boolean cut = true;
                if (mss > 0) {
                    int len = end(i) - start(i);
                    int pkt = left - start(i);
                    pkt = pkt <= mss ? mss : (pkt + mss - 1) / mss * mss;
                    cut = pkt < len; // else too little of it is covered: untouched
                    at = start(i) + pkt;
                }
                if (cut) {
                    split(i, at);
                }
            }
            i++;
        }
        int newly = 0;
        while (i < count && Seq.before(start(i), right)) {
            int p = (head + i) & mask;
            if ((flags[p] & SACKED) == 0) {
                if (Seq.after(end[p], right)) {
                    int at = right;
                    if (mss > 0) {
                        int pkt = right - start[p];
                        if (pkt < mss) {
                            break; // the block covers less than a segment of it
                        }
                        at = start[p] + pkt / mss * mss;
                    }
                    if (!split(i, at)) {
                        break;
                    }
                    p = (head + i) & mask;
                }
                int f = flags[p];
                if ((f & LOST) != 0) {
                    lostOut--;
                }
                if ((f & RETRANS) != 0) {
                    retransOut--;
                }
                flags[p] = (byte) ((f | SACKED) & ~(LOST | RETRANS));
                sackedOut++;
                newly++;
                if ((f & EVER_RETRANS) == 0) {
                    if (sackedOut > 1 && Seq.before(start[p], highestSackStart)
                            && (!d.sackReordValid || Seq.before(start[p], d.sackReord))) {
                        d.sackReord = start[p];
                        d.sackReordValid = true;
                    }
                    long t = sentAt[p];
                    d.lastSackedSentAt = Math.max(d.lastSackedSentAt, t);
                    if (d.firstSackedSentAt < 0 || t < d.firstSackedSentAt) {
                        d.firstSackedSentAt = t;
                    }
                }
                delivered(p, d);
                if (sackedOut == 1 || Seq.after(end[p], highestSackEnd)) {
                    highestSackEnd = end[p];
                    highestSackStart = start[p];
                }
            }
            i++;
        }
        d.newlySacked += newly;
        return newly;
    }

    /**
     * Splits record {@code i} at {@code seq} (strictly inside it) into two records with the same
     * state. Returns false when the record cannot be split (a lone SYN).
     */
    boolean split(int i, int seq) {
        int p = (head + i) & mask;
        if (!Seq.after(seq, start[p]) || !Seq.before(seq, end[p])) {
            return false;
        }
        if ((flags[p] & SYN) != 0 && seq == start[p] + 1 && end[p] == start[p] + 1) {
            return false;
        }
        if (count == start.length) {
            grow();
            p = (head + i) & mask;
        }
        // Shift records i+1.. up by one.
        for (int k = count; k > i + 1; k--) {
            int to = (head + k) & mask;
            int from = (head + k - 1) & mask;
            copy(from, to);
        }
        int q = (head + i + 1) & mask;
        copy(p, q);
        end[p] = seq;
        start[q] = seq;
        flags[p] &= ~FIN;
        flags[q] &= ~SYN;
        count++;
        int f = flags[p];
        if ((f & SACKED) != 0) {
            sackedOut++;
        }
        if ((f & LOST) != 0) {
            lostOut++;
        }
        if ((f & RETRANS) != 0) {
            retransOut++;
        }
        return true;
    }

    private void copy(int from, int to) {
        start[to] = start[from];
        end[to] = end[from];
        flags[to] = flags[from];
        sentAt[to] = sentAt[from];
        txDelivered[to] = txDelivered[from];
        txDeliveredAt[to] = txDeliveredAt[from];
        txFirstSentAt[to] = txFirstSentAt[from];
    }

    // ---- loss marking -----------------------------------------------------------------------

    /** Marks record {@code i} lost ({@code tcp_mark_skb_lost}); returns true when newly lost. */
    boolean markLost(int i) {
        int p = (head + i) & mask;
        int f = flags[p];
        if ((f & SACKED) != 0) {
            return false;
        }
        lowerHint(start[p]);
        if ((f & LOST) != 0) {
            if ((f & RETRANS) != 0) {
                // A retransmission that was lost again.
                flags[p] = (byte) (f & ~RETRANS);
                retransOut--;
            }
            return false;
        }
        flags[p] = (byte) (f | LOST);
        lostOut++;
        return true;
    }

    private void lowerHint(int seq) {
        if (!hintValid || Seq.before(seq, retransmitHintSeq)) {
            retransmitHintSeq = seq;
            hintValid = true;
        }
    }

    /**
     * RFC 6675 IsLost (Linux's {@code tcp_mark_head_lost} without RACK): a hole is lost once at
     * least {@code dupThresh} SACKed records lie above it. Returns the number of records newly
     * marked lost.
     */
    int markLostByDupThresh(int dupThresh) {
        if (sackedOut < dupThresh || count == 0) {
            return 0;
        }
        int top = indexOf(highestSackEnd - 1);
        if (top < 0) {
            top = count - 1;
        }
        int seen = 0;
        int boundary = -1;
        for (int i = top; i >= 0; i--) {
            if ((flags(i) & SACKED) != 0 && ++seen == dupThresh) {
                boundary = i;
                break;
            }
        }
        if (boundary <= 0) {
            return 0;
        }
        int from = 0;
        if (lostScanValid) {
            int k = indexOf(lostScanSeq);
            from = k < 0 ? (Seq.afterOrEqual(lostScanSeq, lastEnd()) ? count : 0) : k;
        }
        int newly = 0;
        for (int i = from; i < boundary; i++) {
            int f = flags(i);
            if ((f & (SACKED | LOST)) == 0 && markLost(i)) {
                newly++;
            }
        }
        int b = start(boundary);
        if (!lostScanValid || Seq.after(b, lostScanSeq)) {
            lostScanSeq = b;
            lostScanValid = true;
        }
        return newly;
    }

    /**
     * RACK's loss detection ({@code tcp_rack_detect_loss}, RFC 8985 §6.2): a record not SACKed,
     * and not already lost and waiting for retransmission, that was sent before the most
     * recently sent delivered one ({@code rackSentAt}, ties broken by sequence) is lost once
     * {@code rackRtt + reoWnd} has passed since its (re)transmission; a lost retransmission
     * becomes retransmittable again. Sets {@link #reoTimeout} to the longest remaining wait.
     * Returns the number of records newly marked lost.
     */
    int rackDetectLoss(long rackSentAt, int rackEnd, long rackRtt, long reoWnd, long now) {
        reoTimeout = 0;
        if (rackSentAt < 0) {
            return 0;
        }
        int newly = 0;
        for (int i = 0; i < count; i++) {
            int p = (head + i) & mask;
            int f = flags[p];
            if ((f & SACKED) != 0 || (f & (LOST | RETRANS)) == LOST) {
                continue;
            }
            long t = sentAt[p];
            if (!(rackSentAt > t || (rackSentAt == t && Seq.after(rackEnd, end[p])))) {
                continue;
            }
            long remaining = rackRtt + reoWnd - (now - t);
            if (remaining <= 0) {
                if (markLost(i)) {
                    newly++;
                }
            } else if (remaining > reoTimeout) {
                reoTimeout = remaining;
            }
        }
        return newly;
    }

    /** Marks the first record lost (NewReno, RFC 6582 §3.2 step 4). */
    boolean markHeadLost() {
        return count > 0 && (flags(0) & LOST) == 0 && markLost(0);
    }

    /**
     * RTO ({@code tcp_timeout_mark_lost}): every record not SACKed is lost and no retransmission
     * is considered in flight. If the head was SACKed the receiver reneged: forget all SACKs.
     */
    void markAllLost() {
        boolean reneged = count > 0 && (flags(0) & SACKED) != 0;
        for (int i = 0; i < count; i++) {
            int p = (head + i) & mask;
            int f = flags[p];
            if (reneged) {
                f &= ~SACKED;
            }
            if ((f & SACKED) == 0) {
                f |= LOST;
            }
            f &= ~RETRANS;
            flags[p] = (byte) f;
        }
        if (reneged) {
            sackedOut = 0;
        }
        retransOut = 0;
        lostOut = count - sackedOut;
        hintValid = false;
        lostScanValid = false;
    }

    /**
     * RTO with RACK ({@code tcp_timeout_mark_lost}): as {@link #markAllLost()}, except that
     * records after the head sent less than {@code rackRtt} ago are left alone (in flight).
     */
    void markAllLost(long rackRtt, long now) {
        boolean reneged = count > 0 && (flags(0) & SACKED) != 0;
        if (reneged) {
            markAllLost();
            return;
        }
        int retrans = 0;
        int lost = 0;
        for (int i = 0; i < count; i++) {
            int p = (head + i) & mask;
            int f = flags[p];
            if ((f & SACKED) == 0 && (i == 0 || rackRtt - (now - sentAt[p]) <= 0)) {
                f = (f | LOST) & ~RETRANS;
                flags[p] = (byte) f;
            }
            if ((f & RETRANS) != 0) {
                retrans++;
            }
            if ((f & LOST) != 0) {
                lost++;
            }
        }
        retransOut = retrans;
        lostOut = lost;
        hintValid = false;
        lostScanValid = false;
    }

    /** Forgets SACK information of every record (non-SACK peers never send any). */
    void clearSacks() {
        for (int i = 0; i < count; i++) {
            flags[(head + i) & mask] &= ~SACKED;
        }
        sackedOut = 0;
    }

    /**
     * Lost-retransmission detection (the part of RACK, RFC 8985, that RFC 6675 lacks): a
     * retransmission sent more than {@code reorderWindow} before something that has since been
     * delivered is lost again. Returns the number found.
     */
    int markLostRetransmissions(long deliveredSentAt, long reorderWindow) {
        if (retransOut == 0 || deliveredSentAt < 0) {
            return 0;
        }
        int found = 0;
        int left = retransOut;
        for (int i = 0; i < count && left > 0; i++) {
            int p = (head + i) & mask;
            int f = flags[p];
            if ((f & RETRANS) == 0) {
                continue;
            }
            left--;
            if (sentAt[p] + reorderWindow < deliveredSentAt) {
                flags[p] = (byte) ((f & ~RETRANS) | LOST);
                retransOut--;
                if ((f & LOST) == 0) {
                    lostOut++;
                }
                lowerHint(start[p]);
                found++;
            }
        }
        return found;
    }

    // ---- retransmission -----------------------------------------------------------------------

    /**
     * The next record to retransmit: the lowest one LOST, not SACKed and not already
     * retransmitted; -1 when none ({@code tcp_xmit_retransmit_queue}'s walk).
     */
    int nextToRetransmit() {
        if (retransOut >= lostOut || count == 0) {
            return -1;
        }
        int i = 0;
        if (hintValid) {
            i = indexOf(retransmitHintSeq);
            if (i < 0) {
                i = Seq.before(retransmitHintSeq, start(0)) ? 0 : count;
            }
        }
        for (; i < count; i++) {
            int f = flags(i);
            if ((f & LOST) != 0 && (f & (SACKED | RETRANS)) == 0) {
                retransmitHintSeq = start(i);
                hintValid = true;
                return i;
            }
        }
        retransmitHintSeq = count > 0 ? lastEnd() : 0;
        hintValid = count > 0;
        return -1;
    }

    /** Record {@code i} was retransmitted at {@code now}. */
    void retransmitted(int i, long now, int delivered, long deliveredAt, long firstSentAt) {
        int p = (head + i) & mask;
        int f = flags[p];
        if ((f & RETRANS) == 0) {
            retransOut++;
        }
        flags[p] = (byte) (f | RETRANS | EVER_RETRANS);
        sentAt[p] = now;
        txDelivered[p] = delivered;
        txDeliveredAt[p] = deliveredAt;
        txFirstSentAt[p] = firstSentAt;
    }

    /** Splits every data record longer than {@code mss} (path MTU went down). */
    void splitLongerThan(int mss) {
        for (int i = 0; i < count; i++) {
            while (dataLength(i) > mss && (flags(i) & SYN) == 0) {
                if (!split(i, start(i) + mss)) {
                    break;
                }
                i++;
            }
        }
    }

    /** Drops every record ({@code tcp_write_queue_purge}). */
    void clear() {
        head = 0;
        count = 0;
        sackedOut = 0;
        lostOut = 0;
        retransOut = 0;
        hintValid = false;
        lostScanValid = false;
    }
}
