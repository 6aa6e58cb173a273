package org.jlibos.kernel.device;

import org.jlibos.kernel.buffer.PacketBuffer;

/**
 * First-in first-out tail-drop queue, limited in packets (Linux {@code pfifo}, and the
 * {@code txqueuelen} of a device, default 1000) or in bytes ({@code bfifo}).
 * A ring buffer of packets, so enqueue and dequeue never allocate.
 */
public final class FifoQdisc implements Qdisc {

    /** Linux's default txqueuelen. */
    public static final int DEFAULT_PACKET_LIMIT = 1000;

    private final boolean byteLimited;
    private final long limit;
    private PacketBuffer[] ring;
    private int head;
    private int count;
    private long bytes;
    private long drops;
    private long sent;

    private FifoQdisc(boolean byteLimited, long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("queue limit must be positive: " + limit);
        }
        this.byteLimited = byteLimited;
        this.limit = limit;
        this.ring = new PacketBuffer[byteLimited ? 64 : (int) Math.min(limit, 64)];
    }

    /** pfifo: at most {@code packets} packets. */
    public static FifoQdisc packets(int packets) {
        return new FifoQdisc(false, packets);
    }

    /** bfifo: at most {@code bytes} bytes. */
    public static FifoQdisc bytes(long bytes) {
        return new FifoQdisc(true, bytes);
    }

    @Override
    public boolean enqueue(PacketBuffer packet) {
        int len = packet.length();
        if (byteLimited ? bytes + len > limit : count >= limit) {
            drops++;
            return false;
        }
        if (count == ring.length) {
            grow();
        }
        ring[(head + count) % ring.length] = packet;
        count++;
        bytes += len;
        return true;
    }

    @Override
    public PacketBuffer dequeue() {
        if (count == 0) {
            return null;
        }
        PacketBuffer p = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        bytes -= p.length();
        sent++;
        return p;
    }

    @Override
    public int length() {
        return count;
    }

    @Override
    public long backlogBytes() {
        return bytes;
    }

    @Override
    public long drops() {
        return drops;
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public String kind() {
        return byteLimited ? "bfifo" : "pfifo";
    }

    @Override
    public String limitText() {
        return "limit " + limit + (byteLimited ? "b" : "p");
    }

    private void grow() {
        PacketBuffer[] bigger = new PacketBuffer[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }
}
