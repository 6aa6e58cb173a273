package org.jlibos.kernel.tcp;

import org.jlibos.kernel.stats.SnmpCounter;

/**
 * Loss detection from SACK information by counting (RFC 6675), used when RACK is off
 * ({@code net.ipv4.tcp_recovery=0}; see {@link Rack}): a segment is lost once
 * {@code tcp_reordering} (DupThresh, 3) SACKed segments lie above it (IsLost, as Linux's
 * {@code tcp_mark_head_lost}), and recovery starts early when SACKed data reaches that far
 * past snd_una ({@code tcp_force_fast_retransmit}). Retransmissions are chosen by
 * {@link SackScoreboard#nextToRetransmit()} (NextSeg rule 1: the lowest lost, un-SACKed,
 * un-retransmitted segment) and new data follows when cwnd allows (rule 2).
 *
 * <p>RFC 6675 cannot see a retransmission that is lost again; like RACK (RFC 8985) a
 * retransmission is declared lost when a segment sent after it by more than a quarter of the
 * minimum RTT has been delivered.
 */
final class SackRecovery {

    private final TcpSocket s;

    SackRecovery(TcpSocket s) {
        this.s = s;
    }

    /** {@code tcp_force_fast_retransmit}: the highest SACK lies more than DupThresh segments past snd_una. */
    boolean forceFastRetransmit() {
        SackScoreboard b = s.snd.board;
        return b.sackedOut > 0 && Seq.after(b.highestSackEnd(), s.snd.una + s.snd.reordering * s.mssCache);
    }

    /** {@code tcp_update_scoreboard}: marks the holes RFC 6675 considers lost; returns how many. */
    int updateScoreboard(boolean fastRexmit) {
        SackScoreboard b = s.snd.board;
        int reordering = s.snd.reordering;
        if (b.sackedOut - reordering >= 0) {
            return b.markLostByDupThresh(reordering);
        }
        if (fastRexmit) {
            return b.markHeadLost() ? 1 : 0;
        }
        return 0;
    }

    /** Retransmissions overtaken by later deliveries are lost again; returns how many. */
    int detectLostRetransmissions() {
        SackScoreboard b = s.snd.board;
        if (b.retransOut == 0) {
            return 0;
        }
        long reorderWindow = s.rtt.minRttUs() * 1000 / 4;
        int n = b.markLostRetransmissions(s.snd.rackSentAt, reorderWindow);
        if (n > 0) {
            s.tcp.snmp.add(SnmpCounter.TCP_EXT_TCP_LOST_RETRANSMIT, n);
        }
        return n;
    }
}
