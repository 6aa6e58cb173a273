package org.jlibos.sim.process;

/**
 * Unwinds a simulated thread whose process has exited or was killed. It is an {@link Error}
 * so that ordinary {@code catch (Exception e)} blocks in programs do not swallow it, as
 * {@code exit(2)} cannot be caught in C.
 */
public final class ProcessExit extends Error {

    private final int status;

    public ProcessExit(int status) {
        super("process exited with status " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
