package org.jlibos.dce.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;

import org.jlibos.sim.process.SimProcess;

/**
 * {@code System.out} and {@code System.err} are JVM-wide; these streams send each call to the
 * stream of the simulated process whose thread makes it (its captured stdout/stderr, or what
 * the program itself set with {@code System.setOut}), and to the JVM's own stream for every
 * other thread. Every method delegates before taking any lock: a lock shared by simulated and
 * real threads (a test runner printing) would hand simulated threads wake-ups from outside
 * the simulation at times no seed decides.
 */
final class ProcessStreams {

    private ProcessStreams() {
    }

    static PrintStream dispatching(PrintStream jvmStream, boolean stderr) {
        return new Dispatching(jvmStream, stderr);
    }

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private static final class Dispatching extends PrintStream {
        private final PrintStream jvmStream;
        private final boolean stderr;

        Dispatching(PrintStream jvmStream, boolean stderr) {
            super(OutputStream.nullOutputStream());
            this.jvmStream = jvmStream;
            this.stderr = stderr;
        }

        private PrintStream target() {
            SimProcess p = SimProcess.current();
            if (p == null) {
                return jvmStream;
            }
            if (!p.isAlive()) {
                return DISCARD; // an exited process writes nothing more
            }
            if (p.attachment() instanceof DceProcess dp) {
                PrintStream own = stderr ? dp.errOverride() : dp.outOverride();
                if (own != null) {
                    return own;
                }
            }
            return stderr ? p.err() : p.out();
        }

        @Override public void write(int b) { target().write(b); }
        @Override public void write(byte[] b, int off, int len) { target().write(b, off, len); }
        @Override public void write(byte[] b) throws java.io.IOException { target().write(b); }
        @Override public void writeBytes(byte[] b) { target().writeBytes(b); }
        @Override public void flush() { target().flush(); }
        @Override public void close() { target().flush(); } // closing System.out must not close a process's capture
        @Override public boolean checkError() { return target().checkError(); }
        @Override public void print(boolean b) { target().print(b); }
        @Override public void print(char c) { target().print(c); }
        @Override public void print(int i) { target().print(i); }
        @Override public void print(long l) { target().print(l); }
        @Override public void print(float f) { target().print(f); }
        @Override public void print(double d) { target().print(d); }
        @Override public void print(char[] s) { target().print(s); }
        @Override public void print(String s) { target().print(s); }
        @Override public void print(Object obj) { target().print(obj); }
        @Override public void println() { target().println(); }
        @Override public void println(boolean x) { target().println(x); }
        @Override public void println(char x) { target().println(x); }
        @Override public void println(int x) { target().println(x); }
        @Override public void println(long x) { target().println(x); }
        @Override public void println(float x) { target().println(x); }
        @Override public void println(double x) { target().println(x); }
        @Override public void println(char[] x) { target().println(x); }
        @Override public void println(String x) { target().println(x); }
        @Override public void println(Object x) { target().println(x); }
        @Override public PrintStream printf(String format, Object... args) { target().printf(format, args); return this; }
        @Override public PrintStream printf(Locale l, String format, Object... args) { target().printf(l, format, args); return this; }
        @Override public PrintStream format(String format, Object... args) { target().format(format, args); return this; }
        @Override public PrintStream format(Locale l, String format, Object... args) { target().format(l, format, args); return this; }
        @Override public PrintStream append(CharSequence csq) { target().append(csq); return this; }
        @Override public PrintStream append(CharSequence csq, int start, int end) { target().append(csq, start, end); return this; }
        @Override public PrintStream append(char c) { target().append(c); return this; }
        @Override public Charset charset() { return target().charset(); }
    }

    /** Whether {@code stream} is one of these dispatchers (a program restoring System.out). */
    static boolean isDispatcher(PrintStream stream) {
        return stream instanceof Dispatching;
    }
}
