package org.jlibos.sim.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.host.KernelHost;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;
import org.jlibos.sim.thread.NodeScheduler;
import org.jlibos.sim.units.ShellWords;

/**
 * A simulated host: one kernel instance and the processes running on it.
 *
 * <p>Nodes are cheap until used: the simulated-thread scheduler is created with the first
 * process, and programs are looked up in the simulation's shared registry unless this node
 * has its own installed.
 */
public final class Node {

    private final Simulation simulation;
    private final String name;
    private final int index;
    private final SimKernelHost host;
    private final Kernel kernel;
    private NodeScheduler scheduler;
    private final List<SimProcess> processes = new ArrayList<>(2);
    private Map<String, Program> localPrograms;
    private FrameSink frameSink;
    private long framesWithoutLink;
    private int nextPid = 1;

    private HostsTable hosts;

    public Node(Simulation simulation, String name, int index) {
        this.simulation = simulation;
        this.name = name;
        this.index = index;
        this.host = new SimKernelHost(this);
        this.kernel = new Kernel(host, name);
    }

    public Simulation simulation() {
        return simulation;
    }

    public String name() {
        return name;
    }

    /** Creation index in the simulation (0-based). */
    public int index() {
        return index;
    }

    public Kernel kernel() {
        return kernel;
    }

    public KernelHost host() {
        return host;
    }

    /** The node's /etc/hosts, created empty on first use. */
    public HostsTable hosts() {
        if (hosts == null) {
            hosts = new HostsTable(name);
        }
        return hosts;
    }

    /** The hosts table if one was created, else null (lookups allocate nothing). */
    public HostsTable hostsIfCreated() {
        return hosts;
    }

    /** The node's simulated-thread scheduler, created on first use. */
    public NodeScheduler scheduler() {
        if (scheduler == null) {
            scheduler = new NodeScheduler(simulation.simulator(), name);
            scheduler.bindCarrier(simulation.carrierThread());
            if (simulation.monitorHandoffs() != null) {
                scheduler.mergeForeignSubmissionsWith(simulation.monitorHandoffs());
            }
        }
        return scheduler;
    }

    /** The scheduler if one was created, else null. */
    public NodeScheduler schedulerIfCreated() {
        return scheduler;
    }

    /** Installs a program on this node only (overrides the shared one of the same name). */
    public void install(String programName, Program program) {
        if (localPrograms == null) {
            localPrograms = new TreeMap<>();
        }
        localPrograms.put(programName, program);
    }

    /** The program {@code programName} as installed on this node, or null. */
    public Program program(String programName) {
        if (localPrograms != null) {
            Program p = localPrograms.get(programName);
            if (p != null) {
                return p;
            }
        }
        return simulation.programs().lookup(programName);
    }

    /**
     * Starts {@code commandLine} (split like a POSIX shell) at virtual time {@code atNanos}.
     *
     * @throws IllegalArgumentException when the program is not installed on this node
     */
    public SimProcess spawn(String id, long atNanos, String commandLine) {
        return spawn(id, atNanos, ShellWords.split(commandLine), Map.of());
    }

    public SimProcess spawn(String id, long atNanos, List<String> argv, Map<String, String> env) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        Program program = program(argv.get(0));
        if (program == null) {
            throw new IllegalArgumentException(argv.get(0) + ": command not found on node " + name);
        }
        int pid = nextPid++;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("HOSTNAME", name);
        environment.put("HOME", "/root");
        environment.putAll(env);
        SimProcess p = new SimProcess(this, pid, id == null ? name + "-" + argv.get(0) + "-" + pid : id,
                argv, environment, program, atNanos);
        processes.add(p);
        return p;
    }

    /** All processes ever started here, in pid order. */
    public List<SimProcess> processes() {
        return Collections.unmodifiableList(processes);
    }

    /** Called by a process when it exits. */
    public void onProcessExit(SimProcess process) {
        // Reserved for the socket layer: closing the process's file descriptors.
    }

    /** Connects the node's devices to the world (set once, by the network layer). */
    public void setFrameSink(FrameSink sink) {
        if (frameSink != null && sink != frameSink) {
            throw new IllegalStateException("node " + name + " is already attached to a network");
        }
        this.frameSink = sink;
    }

    /** The sink frames leave through, or null before the node joined a network. */
    public FrameSink frameSink() {
        return frameSink;
    }

    void transmit(int ifindex, PacketBuffer frame) {
        if (frameSink == null) {
            framesWithoutLink++;
            return;
        }
        frameSink.transmit(ifindex, frame);
    }

    /** Frames the kernel sent while no link was attached (dropped, like a device with no carrier). */
    public long framesWithoutLink() {
        return framesWithoutLink;
    }

    @Override
    public String toString() {
        return "node " + name;
    }
}
