package org.jlibos.kernel.neighbour;

import java.util.ArrayDeque;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.host.KernelTimer;

/** One neighbour ({@code struct neighbour}): an IPv4 address on a device and its MAC. */
public final class NeighbourEntry {

    final int ifindex;
    final int address;
    long mac;
    NeighbourState state;
    /** Last time reachability was confirmed (reply received, upper-layer confirmation). */
    long confirmedNanos;
    /** Last time the entry was used to send. */
    long usedNanos;
    long updatedNanos;
    int probes;
    KernelTimer timer;
    /** Packets waiting for resolution ({@code arp_queue}), bounded by unres_qlen_bytes. */
    final ArrayDeque<PacketBuffer> pending = new ArrayDeque<>(2);
    int pendingBytes;

    NeighbourEntry(int ifindex, int address, NeighbourState state) {
        this.ifindex = ifindex;
        this.address = address;
        this.state = state;
    }

    public int ifindex() {
        return ifindex;
    }

    public int address() {
        return address;
    }

    public long mac() {
        return mac;
    }

    public NeighbourState state() {
        return state;
    }

    public long confirmedNanos() {
        return confirmedNanos;
    }

    public long usedNanos() {
        return usedNanos;
    }

    public int pendingPackets() {
        return pending.size();
    }
}
