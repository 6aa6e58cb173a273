package org.jlibos.apps.ss;

/**
 * Socket states as ss names them, in Linux's {@code TCP_*} numbering (ESTABLISHED = 1 ...
 * CLOSING = 11), which ss uses for every protocol: an unconnected UDP or raw socket is in
 * CLOSE ("UNCONN"), a connected one in ESTABLISHED.
 */
enum SocketState {
    UNKNOWN("UNKNOWN"),
    ESTABLISHED("ESTAB"),
    SYN_SENT("SYN-SENT"),
    SYN_RECV("SYN-RECV"),
    FIN_WAIT1("FIN-WAIT-1"),
    FIN_WAIT2("FIN-WAIT-2"),
    TIME_WAIT("TIME-WAIT"),
    CLOSE("UNCONN"),
    CLOSE_WAIT("CLOSE-WAIT"),
    LAST_ACK("LAST-ACK"),
    LISTEN("LISTEN"),
    CLOSING("CLOSING");

    /** All states (ss's SS_ALL). */
    static final int ALL = (1 << 12) - 2;
    /** ss's SS_CONN: what {@code ss -t} shows without -a or -l. */
    static final int CONNECTED = ALL & ~(bit(LISTEN) | bit(CLOSE) | bit(TIME_WAIT) | bit(SYN_RECV));

    final String ssName;

    SocketState(String ssName) {
        this.ssName = ssName;
    }

    static int bit(SocketState s) {
        return 1 << s.ordinal();
    }
}
