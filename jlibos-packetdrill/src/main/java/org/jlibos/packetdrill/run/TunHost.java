package org.jlibos.packetdrill.run;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.FifoQdisc;
import org.jlibos.kernel.device.MacAddress;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.ArpPacket;
import org.jlibos.kernel.wire.EthernetHeader;
import org.jlibos.packetdrill.packet.LivePacket;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.ProcessExit;
import org.jlibos.sim.process.ProgramRegistry;
import org.jlibos.sim.process.SimProcess;

/**
 * The host under test and its tun device (README §6.1, §6.2): one simulated node running our
 * kernel, one process whose simulated threads make the script's system calls, and a device
 * whose far end is the interpreter. Everything the stack routes to the remote prefix lands in a
 * capture FIFO with its virtual send time; injected packets arrive as if received on the tun.
 *
 * <p>The kernel has Ethernet devices only, so the "tun" is an Ethernet device whose peer (the
 * gateway, with a permanent neighbour entry) is the interpreter: frames are unwrapped on capture
 * and wrapped on injection, and ARP requests, should any come, are answered. Transmission takes
 * no time, as on a tun.
 *
 * <p>All work on the simulation happens in events on its carrier; the interpreter's thread only
 * schedules them and runs the clock ({@link #runUntil}).
 */
final class TunHost {

    static final String NODE = "host";
    private static final long TUN_MAC = MacAddress.local(1);
    private static final long PEER_MAC = MacAddress.local(2);

    private final Simulation sim;
    private final Node node;
    private final Kernel kernel;
    private final NetDevice tun;
    private final ScriptConfig config;
    private final ArrayDeque<LivePacket> captured = new ArrayDeque<>();
    private SimProcess process;
    private ProcessContext context;
    private boolean stopOnCapture;

    TunHost(long seed, long watchdogNanos, ScriptConfig config) {
        this.config = config;
        SimulationConfig sc = SimulationConfig.withSeed(seed).withWatchdog(watchdogNanos).withMaxEventsPerInstant(2_000_000);
        this.sim = new Simulation(sc, new ProgramRegistry());
        this.node = sim.addNode(NODE);
        this.kernel = node.kernel();
        this.tun = kernel.addEthernetDevice(TUN_MAC, config.mtu, FifoQdisc.packets(ShellEmulator.TUN_TX_QUEUE_LEN));
        node.setFrameSink(this::transmitted);
    }

    /** Brings the device and addresses up and starts the process whose threads make the calls. */
    void start() throws ScriptFailure {
        tun.setUp(true);
        try {
            kernel.ipv4().addAddress(tun, config.localIp, config.localPrefix, -2);
            kernel.ipv4().arp().addPermanent(tun.ifindex(), config.gatewayIp, PEER_MAC);
            kernel.ipv4().fib().main().add(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, config.remoteIp,
                    config.remotePrefix, config.gatewayIp, tun.ifindex(), 0, Route.Scope.UNIVERSE,
                    Route.Protocol.STATIC, 0, 0));
        } catch (RouteException e) {
            throw new ScriptFailure(0, "cannot set up the tun addresses: " + e.getMessage());
        }
        node.install("packetdrill", ctx -> {
            context = ctx;
            // The process lives as long as the script; its main thread only keeps it alive.
            ctx.kernel().host().newWaitQueue().await(org.jlibos.kernel.host.WaitQueue.NO_DEADLINE);
            return 0;
        });
        process = node.spawn("packetdrill", sim.now(), List.of("packetdrill"), Map.of());
        sim.runUntil(sim.now());
        if (context == null) {
            throw new ScriptFailure(0, "the packetdrill process did not start");
        }
    }

    Kernel kernel() {
        return kernel;
    }

    NetDevice tun() {
        return tun;
    }

    long now() {
        return sim.now();
    }

    /** Runs the world until virtual time {@code nanos} (or just settles the current instant). */
    void runUntil(long nanos) {
        sim.runUntil(Math.max(nanos, sim.now()));
    }

    /** Runs until the stack sends a packet or {@code deadlineNanos}, whichever comes first. */
    void runUntilCaptureOr(long deadlineNanos) {
        stopOnCapture = true;
        try {
            runUntil(deadlineNanos);
        } finally {
            stopOnCapture = false;
        }
    }

    /** True when nothing is scheduled any more: the stack will never send again on its own. */
    boolean isIdle() {
        return sim.simulator().nextEventTime() == Long.MAX_VALUE;
    }

    /** The oldest captured packet not yet taken, or null. */
    LivePacket pollCaptured() {
        return captured.poll();
    }

    /** Delivers {@code ipPacket} to the stack now, as received on the tun, and settles the instant. */
    void inject(byte[] ipPacket) {
        byte[] frame = new byte[EthernetHeader.LENGTH + ipPacket.length];
        EthernetHeader.write(frame, 0, TUN_MAC, PEER_MAC, EthernetHeader.ETHERTYPE_IPV4);
        System.arraycopy(ipPacket, 0, frame, EthernetHeader.LENGTH, ipPacket.length);
        int ifindex = tun.ifindex();
        sim.simulator().schedule(sim.now(), "packetdrill: inject", () -> kernel.receive(ifindex, PacketBuffer.copyOf(frame, 0, frame.length)));
        runUntil(sim.now());
    }

    /** A system call made by a simulated thread of the script's process. */
    interface Body {
        long call(Syscalls sys) throws ErrnoException;
    }

    /** The state of one system call; written on the carrier, read between runs. */
    static final class Call {
        final String name;
        boolean done;
        long result;
        Errno errno;
        Throwable crash;
        long endNanos;
        boolean stopWhenDone;

        Call(String name) {
            this.name = name;
        }
    }

    /** Starts {@code body} on a new simulated thread now and settles the instant. */
    Call startCall(String name, Body body) {
        Call call = new Call(name);
        Syscalls sys = process.syscalls();
        sim.simulator().schedule(sim.now(), "packetdrill: " + name, () -> context.startThread(name, () -> {
            try {
                call.result = body.call(sys);
            } catch (ErrnoException e) {
                call.result = -1;
                call.errno = e.errno();
            } catch (ProcessExit e) {
                throw e;
            } catch (RuntimeException | Error e) {
                call.crash = e;
            }
            call.endNanos = sim.now();
            call.done = true;
            if (call.stopWhenDone) {
                sim.simulator().stop();
            }
        }));
        runUntil(sim.now());
        return call;
    }

    /** Ends the process (closing its sockets) and lets its threads unwind. */
    void shutdown() {
        if (process != null && process.isAlive()) {
            sim.simulator().schedule(sim.now(), "packetdrill: end", () -> process.kill(SimProcess.SIGKILL));
            runUntil(sim.now());
        }
    }

    private void transmitted(int ifindex, PacketBuffer frame) {
        int ifx = ifindex;
        sim.simulator().schedule(sim.now(), "tun: transmit complete", () -> kernel.transmitComplete(ifx));
        byte[] b = frame.array();
        int off = frame.head();
        int len = frame.length();
        if (len < EthernetHeader.LENGTH) {
            return;
        }
        int type = EthernetHeader.etherType(b, off);
        if (type == EthernetHeader.ETHERTYPE_IPV4) {
            byte[] ip = new byte[len - EthernetHeader.LENGTH];
            System.arraycopy(b, off + EthernetHeader.LENGTH, ip, 0, ip.length);
            captured.add(new LivePacket(sim.now(), ip));
            if (stopOnCapture) {
                sim.simulator().stop();
            }
        } else if (type == EthernetHeader.ETHERTYPE_ARP) {
            answerArp(b, off + EthernetHeader.LENGTH, len - EthernetHeader.LENGTH);
        }
    }

    /** The interpreter plays every host on the far side, so it answers any ARP request but our own. */
    private void answerArp(byte[] b, int off, int len) {
        if (!ArpPacket.isValidEthernetIpv4(b, off, len) || ArpPacket.oper(b, off) != ArpPacket.REQUEST
                || ArpPacket.isGratuitous(b, off) || ArpPacket.tpa(b, off) == config.localIp) {
            return;
        }
        byte[] reply = new byte[EthernetHeader.LENGTH + ArpPacket.LENGTH];
        EthernetHeader.write(reply, 0, ArpPacket.sha(b, off), PEER_MAC, EthernetHeader.ETHERTYPE_ARP);
        ArpPacket.writeEthernetIpv4(reply, EthernetHeader.LENGTH, ArpPacket.REPLY, PEER_MAC, ArpPacket.tpa(b, off),
                ArpPacket.sha(b, off), ArpPacket.spa(b, off));
        int ifindex = tun.ifindex();
        sim.simulator().schedule(sim.now(), "tun: ARP reply", () -> kernel.receive(ifindex, PacketBuffer.copyOf(reply, 0, reply.length)));
    }
}
