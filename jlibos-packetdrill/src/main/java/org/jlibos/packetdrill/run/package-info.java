/**
 * Running scripts: {@link org.jlibos.packetdrill.run.PacketdrillRunner} gives each script a
 * fresh simulated host (a tun-like device, the script's process, one simulation) and executes
 * its events in virtual time aligned with script time; system calls go through the kernel's
 * socket API on simulated threads, shell commands are emulated, never run.
 */
package org.jlibos.packetdrill.run;
