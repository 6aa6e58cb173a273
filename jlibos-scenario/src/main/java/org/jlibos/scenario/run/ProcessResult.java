package org.jlibos.scenario.run;

/**
 * What became of one scenario process.
 *
 * @param exit       exit status, or null when still running at the end of the run
 * @param endedAtNs  virtual time it exited, or null
 */
public record ProcessResult(String id, String node, String cmd, int pid, Integer exit, Long endedAtNs,
                            String stdout, String stderr) {
}
