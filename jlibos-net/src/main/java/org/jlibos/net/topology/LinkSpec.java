package org.jlibos.net.topology;

import org.jlibos.kernel.device.FifoQdisc;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.net.fault.FaultSpec;
import org.jlibos.sim.units.Units;

/**
 * How to build a link (or the cables of a LAN).
 *
 * @param rateBps      data rate in bits per second
 * @param delayNanos   one-way propagation delay
 * @param mtu          device MTU (default 1500); the link carries frames up to MTU + 14 bytes
 * @param queuePackets transmit queue limit in packets (pfifo; default 1000, Linux txqueuelen),
 *                     0 when the queue is limited in bytes
 * @param queueBytes   transmit queue limit in bytes (bfifo), 0 when limited in packets
 * @param faults       faults applied to each direction (each with its own random streams)
 */
public record LinkSpec(long rateBps, long delayNanos, int mtu, int queuePackets, long queueBytes, FaultSpec faults) {

    public static final int DEFAULT_MTU = 1500;

    public LinkSpec {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("data rate must be positive: " + rateBps + " bit/s");
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos + " ns");
        }
        if (mtu < 68 || mtu > 65536) {
            throw new IllegalArgumentException("mtu " + mtu + " out of range 68..65536");
        }
        if ((queuePackets > 0) == (queueBytes > 0) || queuePackets < 0 || queueBytes < 0) {
            throw new IllegalArgumentException("exactly one positive queue limit expected, packets " + queuePackets
                    + " or bytes " + queueBytes);
        }
        if (faults == null) {
            faults = FaultSpec.NONE;
        }
    }

    /** {@code rate} bit/s, {@code delay} ns, MTU 1500, pfifo of 1000 packets, no faults. */
    public static LinkSpec of(long rateBps, long delayNanos) {
        return new LinkSpec(rateBps, delayNanos, DEFAULT_MTU, FifoQdisc.DEFAULT_PACKET_LIMIT, 0, FaultSpec.NONE);
    }

    /** Like {@link #of(long, long)} from text: {@code of("100Mbps", "1ms")}. */
    public static LinkSpec of(String rate, String delay) {
        return of(Units.parseRateBitsPerSecond(rate), Units.parseDurationNanos(delay));
    }

    public LinkSpec withRate(long bitsPerSecond) {
        return new LinkSpec(bitsPerSecond, delayNanos, mtu, queuePackets, queueBytes, faults);
    }

    public LinkSpec withDelay(long nanos) {
        return new LinkSpec(rateBps, nanos, mtu, queuePackets, queueBytes, faults);
    }

    public LinkSpec withMtu(int bytes) {
        return new LinkSpec(rateBps, delayNanos, bytes, queuePackets, queueBytes, faults);
    }

    /** A pfifo transmit queue of {@code packets} packets. */
    public LinkSpec withQueuePackets(int packets) {
        return new LinkSpec(rateBps, delayNanos, mtu, packets, 0, faults);
    }

    /** A bfifo transmit queue of {@code bytes} bytes. */
    public LinkSpec withQueueBytes(long bytes) {
        return new LinkSpec(rateBps, delayNanos, mtu, 0, bytes, faults);
    }

    public LinkSpec withFaults(FaultSpec faultSpec) {
        return new LinkSpec(rateBps, delayNanos, mtu, queuePackets, queueBytes, faultSpec);
    }

    /** A new, empty queue with this spec's limit. */
    public Qdisc newQueue() {
        return queueBytes > 0 ? FifoQdisc.bytes(queueBytes) : FifoQdisc.packets(queuePackets);
    }

    @Override
    public String toString() {
        return Units.formatRate(rateBps) + " " + Units.formatDuration(delayNanos) + " mtu " + mtu + " queue "
                + (queueBytes > 0 ? queueBytes + "b" : queuePackets + "p") + (faults.isNone() ? "" : " " + faults);
    }
}
