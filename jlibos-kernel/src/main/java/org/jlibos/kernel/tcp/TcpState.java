package org.jlibos.kernel.tcp;

/**
 * TCP connection states (RFC 9293 §3.3.2) with Linux's numbering ({@code TCP_ESTABLISHED = 1}
 * ... {@code TCP_CLOSING = 11}, as {@code tcpi_state} and {@code /proc/net/tcp} report them)
 * and the names {@code ss} prints.
 */
public enum TcpState {
    ESTABLISHED(1, "ESTAB"),
    SYN_SENT(2, "SYN-SENT"),
    SYN_RECV(3, "SYN-RECV"),
    FIN_WAIT1(4, "FIN-WAIT-1"),
    FIN_WAIT2(5, "FIN-WAIT-2"),
    TIME_WAIT(6, "TIME-WAIT"),
    CLOSE(7, "UNCONN"),
    CLOSE_WAIT(8, "CLOSE-WAIT"),
    LAST_ACK(9, "LAST-ACK"),
    LISTEN(10, "LISTEN"),
    CLOSING(11, "CLOSING");

    /** Linux's {@code TCP_*} state number. */
    public final int linux;
    /** The name {@code ss} shows in its State column. */
    public final String ssName;

    TcpState(int linux, String ssName) {
        this.linux = linux;
        this.ssName = ssName;
    }

    /** Sequence numbers are synchronized: every state after the handshake. */
    public boolean isSynchronized() {
        return this != SYN_SENT && this != LISTEN && this != CLOSE && this != SYN_RECV;
    }
}
