package org.jlibos.dce.runtime;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jlibos.dce.boot.DceHooks;
import org.jlibos.sim.process.SimProcess;

/**
 * The JVM-wide part of Direct Code Execution, installed once: the bridge that answers the
 * agent's hooks, the dispatching {@code System.out}/{@code System.err}, and the registry of
 * simulated JVM processes. The JVM must have been started with the settings of {@link DceJvm}
 * (the {@code jlibos} command does that).
 */
public final class DceRuntime {

    private static DceRuntime instance;

    private DceRuntime() {
    }

    /** Installs DCE in this JVM (idempotent); fails with what is missing from the JVM's setup. */
    public static synchronized DceRuntime install() {
        if (instance != null) {
            return instance;
        }
        String missing = DceJvm.missingSetup();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        DceRuntime rt = new DceRuntime();
        DceJvm.installGlobalFactories();
        // The JDK picks its name resolver once, with ServiceLoader on the calling thread's context
        // loader; a program's loader cannot see ours, so make the choice here.
        Thread self = Thread.currentThread();
        ClassLoader tccl = self.getContextClassLoader();
        self.setContextClassLoader(DceRuntime.class.getClassLoader());
        try {
            InetAddress.getAllByName("localhost");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot install the simulated name resolver", e);
        } finally {
            self.setContextClassLoader(tccl);
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(ProcessStreams.dispatching(out, false));
        System.setErr(ProcessStreams.dispatching(err, true));
        DceHooks.install(new SimulationBridge(rt));
        instance = rt;
        return rt;
    }

    DceProcess register(SimProcess process, ProcessClassLoader loader, JavaCommandLine cmd) {
        DceProcess dp = new DceProcess(process, loader, cmd);
        process.attach(dp);
        return dp;
    }

    /** The DCE state of {@code process}, or null when it is not a JVM program. */
    public DceProcess process(SimProcess process) {
        return process.attachment() instanceof DceProcess dp ? dp : null;
    }

    InetAddress localHost(SimProcess process) throws UnknownHostException {
        return DceJvm.localHost();
    }
}
