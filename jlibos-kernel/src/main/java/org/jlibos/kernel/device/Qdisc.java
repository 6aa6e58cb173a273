package org.jlibos.kernel.device;

import org.jlibos.kernel.buffer.PacketBuffer;

/**
 * A device's transmit queue discipline. The device dequeues whenever its transmitter is free
 * (Linux's {@code qdisc_run}); a full queue drops at enqueue (tail drop) and counts it.
 */
public interface Qdisc {

    /** Queues {@code packet}; returns false (and counts a drop) when full. */
    boolean enqueue(PacketBuffer packet);

    /** The next packet to send, or null when empty. */
    PacketBuffer dequeue();

    /** Packets queued now. */
    int length();

    /** Bytes queued now. */
    long backlogBytes();

    /** Packets dropped because the queue was full. */
    long drops();

    /** Packets ever dequeued for transmission. */
    long sent();

    /** The tc name: "pfifo" or "bfifo". */
    String kind();

    /** The limit as tc shows it ("limit 1000p" or "limit 65536b"). */
    String limitText();
}
