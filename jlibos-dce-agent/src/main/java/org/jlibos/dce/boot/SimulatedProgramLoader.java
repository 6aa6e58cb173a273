package org.jlibos.dce.boot;

/**
 * Marks the class loader of a simulated JVM process: classes it defines get the program-only
 * rewrites (System.exit, unseeded randomness, properties, local host name).
 */
public interface SimulatedProgramLoader {
}
