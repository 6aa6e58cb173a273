package org.jlibos.net.channel;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;

/**
 * The sending end of a channel: serialises one frame at a time at the data rate (ns-3's
 * {@code PointToPointNetDevice::TransmitStart}/{@code TransmitComplete}).
 *
 * <p>A frame of S bytes keeps the transmitter busy for {@code ceil(S * 8 * 1e9 / rate)} ns
 * ({@link #serializationNanos}). S is {@code frame.length()}: the Ethernet header and payload as
 * the device built them, without preamble, FCS, padding or inter-frame gap (ns-3's
 * PointToPoint likewise counts only the packet it sends). When serialisation ends the frame
 * goes to the next stage (the propagation delay line) and the {@link IdleListener} is told the
 * transmitter is free; for a kernel device that is {@code Kernel.transmitComplete}, which makes
 * the device dequeue the next frame from its qdisc.
 *
 * <p>While the channel is down, a frame handed over is dropped at once and counted, and the
 * transmitter reports itself free at the same virtual instant (through its event, never by a
 * nested call): like Linux, where a device without carrier drops what it is given. Frames larger
 * than the MTU plus the Ethernet header are dropped the same way.
 */
public final class Transmitter extends FrameStage {

    /** Told when the transmitter can take the next frame. */
    public interface IdleListener {
        void transmitterIdle();
    }

    private final Simulator simulator;
    private final DirectionStats stats;
    private final Done done;
    private IdleListener listener;
    private long rateBps;
    private int maxFrameBytes;
    private boolean up = true;
    private boolean downIsPartition;
    private boolean busy;
    private PacketBuffer sending;

    public Transmitter(Simulator simulator, String name, DirectionStats stats, long rateBps, int maxFrameBytes) {
        this.simulator = simulator;
        this.stats = stats;
        this.done = new Done("tx-done " + name);
        setRate(rateBps);
        setMaxFrameBytes(maxFrameBytes);
    }

    public void setIdleListener(IdleListener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(PacketBuffer frame) {
        if (busy) {
            throw new IllegalStateException(done.description + ": frame handed over while still sending the previous one");
        }
        busy = true;
        int len = frame.length();
        stats.framesSent++;
        stats.bytesSent += len;
        if (!up) {
            if (downIsPartition) {
                stats.lostPartition++;
            } else {
                stats.lostLinkDown++;
            }
            simulator.schedule(done, simulator.now());
            return;
        }
        if (len > maxFrameBytes) {
            stats.lostOversize++;
            simulator.schedule(done, simulator.now());
            return;
        }
        sending = frame;
        simulator.scheduleAfter(done, serializationNanos(len, rateBps));
    }

    /** True while a frame is being serialised (or a dropped one is being reported). */
    public boolean isBusy() {
        return busy;
    }

    public long rateBps() {
        return rateBps;
    }

    /** Changes the data rate; a frame already being serialised keeps its finishing time. */
    public void setRate(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("data rate must be positive: " + bitsPerSecond + " bit/s");
        }
        this.rateBps = bitsPerSecond;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public void setMaxFrameBytes(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maximum frame size must be positive: " + bytes);
        }
        this.maxFrameBytes = bytes;
    }

    /**
     * Sets whether frames may pass. Going down does not by itself drop the frame being sent;
     * the channel calls {@link #discardHeld()} for that. {@code partition} chooses the counter
     * frames dropped while down go to.
     */
    void setUp(boolean up, boolean partition) {
        this.up = up;
        this.downIsPartition = partition;
    }

    /** Drops the frame being serialised, if any; the device still hears "done" at the scheduled time. */
    @Override
    public int discardHeld() {
        int n = 0;
        if (sending != null) {
            sending = null;
            n = 1;
        }
        return n + super.discardHeld();
    }

    /**
     * Time to serialise {@code bytes} bytes at {@code rateBps}, rounded up to whole nanoseconds
     * (integer arithmetic, so every run and every platform agrees).
     */
    public static long serializationNanos(long bytes, long rateBps) {
        long bits = bytes * 8;
        if (bits <= Long.MAX_VALUE / 1_000_000_000L) {
            return Math.ceilDiv(bits * 1_000_000_000L, rateBps);
        }
        return java.math.BigInteger.valueOf(bits).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(rateBps - 1)).divide(java.math.BigInteger.valueOf(rateBps))
                .longValueExact();
    }

    private final class Done extends Event {
        final String description;

        Done(String description) {
            this.description = description;
        }

        @Override
        protected void fire() {
            busy = false;
            PacketBuffer f = sending;
            if (f != null) {
                sending = null;
                pass(f);
            }
            listener.transmitterIdle();
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
