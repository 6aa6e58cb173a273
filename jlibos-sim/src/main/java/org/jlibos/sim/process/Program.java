package org.jlibos.sim.process;

/**
 * A program that can be installed on simulated nodes: the equivalent of an executable.
 *
 * <p>{@code run} is the program's {@code main}: it runs on the process's main simulated thread,
 * may block (sockets, {@link ProcessContext#sleep(long)}), and its return value is the exit
 * status. An exception escaping it ends the process with status 1 and its stack trace on
 * stderr. Programs are stateless and shared by all processes: keep per-run state in locals.
 */
@FunctionalInterface
public interface Program {

    int run(ProcessContext ctx) throws Exception;
}
