package org.jlibos.kernel.tcp.cc;

/**
 * A congestion control module: Linux's {@code struct tcp_congestion_ops}, in Java.
 *
 * <p><b>Lifecycle.</b> One instance per connection, made by the factory registered in
 * {@link CongestionControls} under {@link #name()}. TCP calls {@link #init} when the connection
 * is established (or when TCP_CONGESTION switches modules), then the hooks below from its ACK
 * and timer processing. An instance is used by one connection only and may keep state.
 *
 * <p><b>Units.</b> Windows are packets; times come in the {@link CongestionWindow} as
 * microseconds ({@code nowUs}) and jiffies (milliseconds). All hooks run in kernel context and
 * must not block or allocate per call.
 *
 * <p><b>What TCP does itself</b> (as Linux's tcp_input.c does around the module): loss
 * detection, fast recovery with PRR (cwnd during Recovery and CWR is set by PRR, not by the
 * module), the loss window of 1 after an RTO, restoring cwnd to ssthresh at the end of
 * recovery, and undo.
 *
 * <p><b>Adding a module.</b> Implement this interface and register a factory:
 * <pre>{@code
 * CongestionControls.register("mine", Mine::new);
 * sysctl -w net.ipv4.tcp_congestion_control=mine   (or setsockopt TCP_CONGESTION "mine")
 * }</pre>
 * (the sysctl only accepts names listed in {@code SysctlDefaults.CONGESTION_CONTROLS}).
 */
public interface CongestionControl {

    /** {@code TCP_CA_Open}: normal state, no loss suspected. */
    int CA_OPEN = 0;
    /** {@code TCP_CA_Disorder}: duplicate ACKs or SACKs seen, no loss detected yet. */
    int CA_DISORDER = 1;
    /** {@code TCP_CA_CWR}: reducing cwnd after ECN-Echo or a local congestion signal. */
    int CA_CWR = 2;
    /** {@code TCP_CA_Recovery}: fast recovery after a loss detected by (S)ACKs. */
    int CA_RECOVERY = 3;
    /** {@code TCP_CA_Loss}: after a retransmission timeout. */
    int CA_LOSS = 4;

    /** {@code CA_EVENT_TX_START}: first transmission when nothing was in flight. */
    int EVENT_TX_START = 0;
    /** {@code CA_EVENT_CWND_RESTART}: congestion window restart after idle. */
    int EVENT_CWND_RESTART = 1;
    /** {@code CA_EVENT_COMPLETE_CWR}: the end of a cwnd reduction (recovery or CWR). */
    int EVENT_COMPLETE_CWR = 2;
    /** {@code CA_EVENT_LOSS}: a retransmission timeout. */
    int EVENT_LOSS = 3;

    /** The name used by net.ipv4.tcp_congestion_control and TCP_CONGESTION ("cubic", "reno"). */
    String name();

    /** Resets the module's per-connection state ({@code init}). */
    void init(CongestionWindow w);

    /** The slow-start threshold after a loss or ECN signal, packets ({@code ssthresh}). */
    int ssthresh(CongestionWindow w);

    /**
     * Grows cwnd on an ACK that acknowledged {@code acked} packets outside recovery
     * ({@code cong_avoid}); slow start included. {@code ack} is the acknowledgment number.
     */
    void congestionAvoidance(CongestionWindow w, int ack, int acked);

    /** The connection's congestion state changed to {@code state} ({@code set_state}). */
    default void setState(CongestionWindow w, int state) {
    }

    /** An event ({@code cwnd_event}): one of the {@code EVENT_*} constants. */
    default void onEvent(CongestionWindow w, int event) {
    }

    /**
     * An ACK acknowledged {@code ackedPackets} packets; {@code rttUs} is the RTT of the newest
     * one, or -1 when no valid sample exists ({@code pkts_acked}).
     */
    default void onPacketsAcked(CongestionWindow w, int ackedPackets, long rttUs) {
    }

    /** The cwnd to return to when a reduction turns out to be spurious ({@code undo_cwnd}). */
    default int undoCwnd(CongestionWindow w) {
        return Math.max(w.cwnd, w.priorCwnd);
    }
}
