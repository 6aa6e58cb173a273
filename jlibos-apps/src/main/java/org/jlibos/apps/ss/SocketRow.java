package org.jlibos.apps.ss;

/**
 * One socket as ss lists it, whatever its protocol: the row model every socket table of the
 * kernel is read into (see {@link SocketTables}).
 *
 * @param netid        which table it came from
 * @param state        its state
 * @param recvQ        bytes waiting to be read (for UDP and raw: receive memory in use)
 * @param sendQ        bytes not yet sent or acknowledged
 * @param localAddress local address, 0 for any
 * @param localPort    local port (for raw sockets: the protocol number)
 * @param peerAddress  remote address, 0 when not connected
 * @param peerPort     remote port, 0 when not connected
 * @param socket       the kernel object, to find the processes holding it ({@code -p})
 */
record SocketRow(Netid netid, SocketState state, long recvQ, long sendQ, int localAddress, int localPort,
                 int peerAddress, int peerPort, Object socket) {

    /** The socket tables ss knows, in the order it dumps them. */
    enum Netid {
        RAW("raw"), UDP("udp"), TCP("tcp");

        final String ssName;

        Netid(String ssName) {
            this.ssName = ssName;
        }

        /** ss's default state filter for this table (without -a or -l). */
        int defaultStates() {
            return this == TCP ? SocketState.CONNECTED : SocketState.bit(SocketState.ESTABLISHED);
        }
    }
}
