package org.jlibos.net.channel;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.Simulator;

/**
 * Frames in flight, delivered first-in first-out after a delay: a ring of (frame, arrival
 * time) and one arrival event re-armed to the head's time, so propagation allocates nothing
 * per frame.
 *
 * <p>Order is kept: a frame never arrives before the one accepted ahead of it (its arrival time
 * is raised to its predecessor's if needed). With a constant delay that never happens; it
 * matters when the delay changes at run time and for jitter without reordering, which is this
 * class with a random per-frame delay.
 */
public class DelayLine extends FrameStage {

    private final Simulator simulator;
    private final Arrival arrival;
    private long delayNanos;
    private PacketBuffer[] frames = new PacketBuffer[16];
    private long[] times = new long[16];
    private int head;
    private int count;

    public DelayLine(Simulator simulator, String name, long delayNanos) {
        this.simulator = simulator;
        this.arrival = new Arrival("arrive " + name);
        setDelay(delayNanos);
    }

    @Override
    public void accept(PacketBuffer frame) {
        acceptAt(frame, simulator.now() + delayNanos);
    }

    /** Queues {@code frame} for delivery at {@code time} (or at its predecessor's time, if later). */
    protected final void acceptAt(PacketBuffer frame, long time) {
        if (count == frames.length) {
            grow();
        }
        if (count > 0) {
            long last = times[(head + count - 1) & (frames.length - 1)];
            if (time < last) {
                time = last;
            }
        }
        int slot = (head + count) & (frames.length - 1);
        frames[slot] = frame;
        times[slot] = time;
        count++;
        if (count == 1) {
            simulator.schedule(arrival, time);
        }
    }

    protected final Simulator simulator() {
        return simulator;
    }

    public long delayNanos() {
        return delayNanos;
    }

    /** Changes the delay of frames accepted from now on. */
    public void setDelay(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative delay: " + nanos + " ns");
        }
        this.delayNanos = nanos;
    }

    /** Frames in flight now. */
    public int inFlight() {
        return count;
    }

    @Override
    public int discardHeld() {
        int n = count;
        for (int i = 0; i < count; i++) {
            frames[(head + i) & (frames.length - 1)] = null;
        }
        head = 0;
        count = 0;
        simulator.cancel(arrival);
        return n + super.discardHeld();
    }

    private void grow() {
        int n = frames.length;
        PacketBuffer[] f = new PacketBuffer[n * 2];
        long[] t = new long[n * 2];
        for (int i = 0; i < count; i++) {
            f[i] = frames[(head + i) & (n - 1)];
            t[i] = times[(head + i) & (n - 1)];
        }
        frames = f;
        times = t;
        head = 0;
    }

    private final class Arrival extends Event {
        private final String description;

        Arrival(String description) {
            this.description = description;
        }

        @Override
        protected void fire() {
            long now = simulator.now();
            // One frame at a time: passing a frame on may, through a kernel, feed this line again.
            while (count > 0 && times[head] <= now) {
                PacketBuffer f = frames[head];
                frames[head] = null;
                head = (head + 1) & (frames.length - 1);
                count--;
                pass(f);
            }
            if (count > 0) {
                simulator.schedule(this, times[head]);
            }
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
