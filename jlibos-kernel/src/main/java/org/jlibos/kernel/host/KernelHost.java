package org.jlibos.kernel.host;

import java.util.random.RandomGenerator;

/**
 * Everything the kernel may ask of the world it runs in, and nothing more.
 *
 * <p>This is the LibOS "imported interface" ({@code event_schedule_ns}, {@code current_ns},
 * {@code task_*}, {@code dev_xmit}): the same kernel code runs on virtual time inside the
 * simulator and on real time behind a TAP device (NUSE) because it only ever sees time,
 * timers, randomness, waiting and device transmit through this interface.
 *
 * <p>Kernel code runs only in two contexts: a system call made by a process thread (which
 * may block on a {@link WaitQueue}), or a host callback (timer expiry, frame arrival), which
 * must never block.
 */
public interface KernelHost {

    /** Current time in nanoseconds: virtual in simulation, monotonic real time in NUSE. */
    long nowNanos();

    /**
     * A re-armable timer that runs {@code action} in host-callback context when it expires.
     * Timers are created once per owner (a socket, a neighbour entry) and re-armed many times,
     * so arming must not allocate.
     */
    KernelTimer newTimer(String name, Runnable action);

    /**
     * A named random stream, derived from the run's root seed and the name only, so adding a
     * stream elsewhere never shifts this one (DESIGN.md, "Time, events and determinism").
     * Names are scoped by the host (a node), e.g. {@code "tcp:isn"}.
     */
    RandomGenerator random(String streamName);

    /** A queue on which system calls block until a kernel event wakes them. */
    WaitQueue newWaitQueue();

    /**
     * Hands a frame to the world outside this kernel through device {@code ifindex}. The host
     * owns the buffer afterwards.
     */
    void transmit(int ifindex, org.jlibos.kernel.buffer.PacketBuffer frame);
}
