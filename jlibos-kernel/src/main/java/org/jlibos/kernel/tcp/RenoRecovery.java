package org.jlibos.kernel.tcp;

import org.jlibos.kernel.tcp.cc.CongestionControl;

/**
 * Loss recovery towards a peer without SACK: NewReno (RFC 6582), as Linux emulates it. Each
 * duplicate ACK counts as one packet "SACKed" ({@code tcp_add_reno_sack}), which keeps the
 * in-flight estimate right and gives limited transmit (RFC 3042) for free: a duplicate ACK
 * lowers in-flight by one, so one new segment may go out. After {@code tcp_reordering}
 * duplicate ACKs the first unacknowledged segment is marked lost; in recovery, each partial
 * ACK marks the new first segment lost, so one hole is repaired per round trip
 * ({@code tcp_newreno_mark_lost}).
 */
final class RenoRecovery {

    private final TcpSocket s;

    RenoRecovery(TcpSocket s) {
        this.s = s;
    }

    /** {@code tcp_add_reno_sack}: {@code dupacks} duplicate ACKs arrived. */
    void addSacks(int dupacks) {
        if (dupacks <= 0) {
            return;
        }
        SackScoreboard b = s.snd.board;
        int prior = b.sackedOut;
        b.sackedOut += dupacks;
        limitSacked();
        int newly = b.sackedOut - prior;
        if (newly > 0) {
            s.snd.delivered += newly;
        }
    }

    /** {@code tcp_remove_reno_sacks}: a cumulative ACK covered {@code acked} packets. */
    void removeSacks(int acked) {
        SackScoreboard b = s.snd.board;
        if (acked > 0) {
            // One ACK acked the hole; the rest had been counted by duplicate ACKs.
            s.snd.delivered += Math.max(acked - b.sackedOut, 1);
            if (acked - 1 >= b.sackedOut) {
                b.sackedOut = 0;
            } else {
                b.sackedOut -= acked - 1;
            }
        }
        limitSacked();
    }

    void resetSacks() {
        s.snd.board.sackedOut = 0;
    }

    /** {@code tcp_limit_reno_sacked}: duplicate ACKs can account for at most packets_out - holes. */
    private void limitSacked() {
        SackScoreboard b = s.snd.board;
        int holes = Math.max(b.lostOut, 1);
        holes = Math.min(holes, b.size());
        if (b.sackedOut + holes > b.size()) {
            b.sackedOut = Math.max(0, b.size() - holes);
        }
    }

    /** {@code tcp_newreno_mark_lost}. */
    boolean markLost(boolean sndUnaAdvanced) {
        SackScoreboard b = s.snd.board;
        int ca = s.recovery.caState;
        if ((ca < CongestionControl.CA_RECOVERY && b.sackedOut >= s.snd.reordering)
                || (ca == CongestionControl.CA_RECOVERY && sndUnaAdvanced)) {
            if (b.isEmpty() || (b.flags(0) & SackScoreboard.LOST) != 0) {
                return false;
            }
            int mss = s.mssCache;
            if (b.dataLength(0) > mss) {
                b.split(0, b.start(0) + mss);
            }
            return b.markLost(0);
        }
        return false;
    }
}
