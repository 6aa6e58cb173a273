package org.jlibos.dce.boot;

/**
 * Marks the class loader of a simulated process. The agent applies the program-only rewrites
 * (exit, randomness, local host name) exactly to classes whose defining loader implements this
 * interface; JDK classes and the simulator's own classes keep those calls untouched.
 *
 * <p>The interface lives on the boot class path so that the agent's transformer (boot loader)
 * and the per-process loader of jlibos-dce (application loader) see the same type.
 */
public interface SimulatedProgramLoader {
}
