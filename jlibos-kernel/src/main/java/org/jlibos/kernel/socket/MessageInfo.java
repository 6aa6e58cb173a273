package org.jlibos.kernel.socket;

/**
 * What {@code recvmsg} reports besides the data (source address and ancillary data). The
 * caller owns one and reuses it, so receiving does not allocate.
 */
public final class MessageInfo {
    /** Source address and port. */
    public int srcAddress;
    public int srcPort;
    /** Local (destination) address the datagram was sent to. */
    public int dstAddress;
    /** Time to live of the received IP packet. */
    public int ttl;
    /** Device it arrived on. */
    public int ifindex;
    /** Full length of the datagram (larger than returned when truncated, cf. MSG_TRUNC). */
    public int fullLength;
    /** Virtual time the datagram arrived at the socket (SO_TIMESTAMPNS). */
    public long timestampNanos;

    public InetSockAddr source() {
        return new InetSockAddr(srcAddress, srcPort);
    }
}
