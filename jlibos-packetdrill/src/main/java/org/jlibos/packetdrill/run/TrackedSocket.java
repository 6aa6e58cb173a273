package org.jlibos.packetdrill.run;

import java.util.HashMap;
import java.util.Map;

/**
 * What the interpreter knows about one socket of the script (packetdrill's {@code struct socket}):
 * its state as far as the script has driven it, its script and live 4-tuples, the ISNs that map
 * script sequence numbers to live ones (README §5.6), and the outbound TSval mapping.
 */
final class TrackedSocket {

    /** packetdrill's {@code socket_state_t}. */
    enum State {
        NEW, PASSIVE_LISTENING, PASSIVE_PACKET_RECEIVED, PASSIVE_SYNACK_SENT, PASSIVE_SYNACK_ACKED,
        ACTIVE_CONNECTING, ACTIVE_SYN_SENT, ACTIVE_SYN_ACKED
    }

    State state = State.NEW;
    /** IPPROTO_TCP, IPPROTO_UDP, ... */
    int protocol;
    int scriptFd = -1;

    int liveLocalIp;
    int liveLocalPort;
    int liveRemoteIp;
    int liveRemotePort;

    /**
     * ISNs as unsigned 32-bit values: the stack's, as the script writes it and as learned from
     * its SYN or SYN-ACK, and the peer's (the script's own, so script and live are the same).
     */
    long scriptLocalIsn;
    long liveLocalIsn;
    long liveRemoteIsn;

    /** script TSval → live TSval, learned from outbound packets. */
    final Map<Long, Long> tsValMap = new HashMap<>();
    boolean foundFirstTs;
    long firstScriptTsVal;
    long firstLiveTsVal;

    TrackedSocket(int protocol) {
        this.protocol = protocol;
    }

    /** Inbound seq: absolute in SYNs, relative to the remote ISN otherwise. */
    long remoteSeqScriptToLive(boolean syn) {
        return syn ? 0 : liveRemoteIsn;
    }

    /** Inbound ack and SACK edges; outbound seq is the inverse. */
    long localSeqScriptToLive(boolean syn) {
        return syn ? liveLocalIsn - scriptLocalIsn : liveLocalIsn;
    }

    /** Whether an outbound packet with these addresses belongs to this socket. */
    boolean isOutbound(int src, int srcPort, int dst, int dstPort) {
        return liveLocalPort != 0 && src == liveLocalIp && srcPort == liveLocalPort && dst == liveRemoteIp
                && dstPort == liveRemotePort;
    }

    @Override
    public String toString() {
        return "socket fd " + scriptFd + " (" + state + ")";
    }
}
