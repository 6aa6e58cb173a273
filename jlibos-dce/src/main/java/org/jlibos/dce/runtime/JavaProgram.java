package org.jlibos.dce.runtime;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jlibos.dce.launch.ClassPathResolutionException;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.ProcessExit;
import org.jlibos.sim.process.Program;
import org.jlibos.sim.process.SimProcess;

/**
 * The {@code java} program of every simulated host: runs an unmodified JVM program's
 * {@code main} in its own class loader on the process's main simulated thread, and ends the
 * process like a JVM ends: when {@code main} and every non-daemon thread have finished, or at
 * {@code System.exit}. An exception escaping {@code main} is printed as the JVM prints it and
 * gives status 1.
 */
public final class JavaProgram implements Program {

    @Override
    public int run(ProcessContext ctx) throws Exception {
        JavaCommandLine cmd;
        try {
            cmd = JavaCommandLine.parse(ctx.args());
        } catch (IllegalArgumentException | ClassPathResolutionException e) {
            ctx.err().println(e.getMessage());
            return 1;
        }
        DceRuntime runtime;
        try {
            runtime = DceRuntime.install();
        } catch (IllegalStateException e) {
            ctx.err().println("java: " + e.getMessage());
            return 1;
        }
        SimProcess process = ctx.process();
        process.node().simulation().enableDeterministicMonitorHandoffs();
        ProcessClassLoader loader;
        try {
            loader = new ProcessClassLoader(process.id(), cmd.classPathUrls());
        } catch (IllegalArgumentException e) {
            ctx.err().println(e.getMessage());
            return 1;
        }
        DceProcess dp = runtime.register(process, loader, cmd);
        Thread.currentThread().setContextClassLoader(loader);
        int status = 0;
        try {
            invokeMain(loader, cmd);
        } catch (ProcessExit e) {
            throw e;
        } catch (MainClassException e) {
            ctx.err().println(e.getMessage());
            return 1;
        } catch (Throwable t) {
            if (!process.isAlive()) {
                // System.exit in another thread ended the process; main only unwinds.
                throw new ProcessExit(process.exitStatus());
            }
            status = 1;
            Thread.UncaughtExceptionHandler handler = dp.defaultUncaughtExceptionHandler();
            if (handler != null) {
                handler.uncaughtException(Thread.currentThread(), t);
            } else {
                PrintStream err = ctx.err();
                err.print("Exception in thread \"main\" ");
                t.printStackTrace(err);
            }
        }
        dp.awaitNonDaemonThreads();
        dp.runShutdownHooks();
        return status;
    }

    private static void invokeMain(ClassLoader loader, JavaCommandLine cmd) throws Throwable {
        Class<?> main;
        try {
            main = Class.forName(cmd.mainClass(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new MainClassException("Error: Could not find or load main class " + cmd.mainClass()
                    + "\nCaused by: java.lang.ClassNotFoundException: " + cmd.mainClass());
        }
        Method m;
        Object[] args;
        try {
            m = main.getMethod("main", String[].class);
            args = new Object[] {cmd.args().toArray(new String[0])};
        } catch (NoSuchMethodException e) {
            try {
                m = main.getMethod("main");
                args = new Object[0];
            } catch (NoSuchMethodException e2) {
                throw new MainClassException("Error: Main method not found in class " + cmd.mainClass()
                        + ", please define the main method as:\n   public static void main(String[] args)");
            }
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new MainClassException("Error: main method of " + cmd.mainClass()
                    + " is not static (instance main methods are not supported by jlibos yet)");
        }
        try {
            Class.forName(cmd.mainClass(), true, loader);
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (ExceptionInInitializerError e) {
            throw e;
        }
    }

    private static final class MainClassException extends Exception {
        MainClassException(String message) {
            super(message, null, false, false);
        }
    }
}
