package org.jlibos.dce.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.jlibos.sim.process.SimProcess;

/**
 * {@code System.out} and {@code System.err} are JVM-wide; these streams route each write to the
 * stdout/stderr of the simulated process whose thread makes it, and to the JVM's own stream for
 * every other thread. PrintStream hands each print's bytes to the underlying stream before it
 * returns, so the caller's thread identifies the process.
 */
final class ProcessStreams {

    private ProcessStreams() {
    }

    static PrintStream dispatching(PrintStream jvmStream, boolean stderr) {
        return new PrintStream(new Dispatcher(jvmStream, stderr), true, StandardCharsets.UTF_8);
    }

    private static final class Dispatcher extends OutputStream {
        private final PrintStream jvmStream;
        private final boolean stderr;

        Dispatcher(PrintStream jvmStream, boolean stderr) {
            this.jvmStream = jvmStream;
            this.stderr = stderr;
        }

        private OutputStream target() {
            SimProcess p = Thread.currentThread().isVirtual() ? SimProcess.current() : null;
            if (p == null) {
                return jvmStream;
            }
            if (!p.isAlive()) {
                return OutputStream.nullOutputStream(); // an exited process writes nothing more
            }
            return stderr ? p.stderr() : p.stdout();
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() {
            if (!Thread.currentThread().isVirtual() || SimProcess.current() == null) {
                jvmStream.flush();
            }
        }
    }
}
