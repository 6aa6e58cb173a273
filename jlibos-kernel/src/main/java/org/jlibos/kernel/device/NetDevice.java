package org.jlibos.kernel.device;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.host.KernelHost;

/**
 * A network interface of one kernel ({@code struct net_device}): name, index, MTU, MAC,
 * administrative and carrier state, counters, and its transmit queue.
 *
 * <p>Transmit follows Linux's flow control: packets go into the {@link Qdisc}; whenever the
 * transmitter is idle the device dequeues one and hands it to the host
 * ({@link KernelHost#transmit}), then stays busy until the host reports
 * {@link #transmitComplete()} (the driver's {@code netif_wake_queue}). The link model beyond
 * the host decides how long that takes.
 */
public class NetDevice {

    public enum Type { LOOPBACK, ETHERNET }

    private final KernelHost host;
    private final int ifindex;
    private final String name;
    private final Type type;
    private final long mac;
    private int mtu;
    private boolean adminUp;
    private boolean carrier = true;
    private boolean txBusy;
    private Qdisc qdisc;
    private final DeviceStats stats = new DeviceStats();

    public NetDevice(KernelHost host, int ifindex, String name, Type type, long mac, int mtu, Qdisc qdisc) {
        this.host = host;
        this.ifindex = ifindex;
        this.name = name;
        this.type = type;
        this.mac = mac;
        this.mtu = mtu;
        this.qdisc = qdisc;
    }

    public int ifindex() {
        return ifindex;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public long mac() {
        return mac;
    }

    public int mtu() {
        return mtu;
    }

    public void setMtu(int mtu) {
        if (mtu < 68 || mtu > 65536) {
            throw new IllegalArgumentException("mtu " + mtu + " out of range 68..65536");
        }
        this.mtu = mtu;
    }

    /** {@code ip link set up|down}. */
    public boolean isUp() {
        return adminUp;
    }

    public void setUp(boolean up) {
        this.adminUp = up;
    }

    /** Link-layer carrier: false while the link is down (NO-CARRIER). */
    public boolean hasCarrier() {
        return carrier;
    }

    public void setCarrier(boolean carrier) {
        this.carrier = carrier;
    }

    /** Operationally up: administratively up with carrier. */
    public boolean isRunning() {
        return adminUp && carrier;
    }

    public DeviceStats stats() {
        return stats;
    }

    public Qdisc qdisc() {
        return qdisc;
    }

    public void setQdisc(Qdisc qdisc) {
        this.qdisc = qdisc;
    }

    /**
     * Queues a complete frame for transmission ({@code dev_queue_xmit}). Returns false when the
     * device is down or its queue is full; the frame is then dropped and counted.
     */
    public boolean queueTransmit(PacketBuffer frame) {
        if (!adminUp) {
            stats.txDropped++;
            return false;
        }
        if (!carrier) {
            // Linux swaps in the noop qdisc while the carrier is off: packets are dropped.
            stats.txDropped++;
            stats.txCarrierErrors++;
            return false;
        }
        if (!qdisc.enqueue(frame)) {
            stats.txDropped++;
            return false;
        }
        if (!txBusy) {
            transmitNext();
        }
        return true;
    }

    /** The host finished sending the previous frame: send the next one, if any. */
    public void transmitComplete() {
        txBusy = false;
        transmitNext();
    }

    /** True while the host is sending a frame. */
    public boolean isTransmitting() {
        return txBusy;
    }

    private void transmitNext() {
        PacketBuffer next = qdisc.dequeue();
        if (next == null) {
            return;
        }
        txBusy = true;
        stats.txPackets++;
        stats.txBytes += next.length();
        transmitToHost(next);
    }

    /** Hands a frame to the world; the loopback device overrides this to receive it itself. */
    protected void transmitToHost(PacketBuffer frame) {
        host.transmit(ifindex, frame);
    }

    @Override
    public String toString() {
        return name;
    }
}
