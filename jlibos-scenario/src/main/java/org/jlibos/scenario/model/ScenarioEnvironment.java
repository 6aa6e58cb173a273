package org.jlibos.scenario.model;

import java.util.Collection;
import java.util.List;

/**
 * What a scenario may refer to outside itself: programs that can be started on a node and the
 * sysctls a node's kernel knows. The model does not depend on the kernel or the program registry;
 * the runner passes an environment backed by them, so that a misspelt program or sysctl is
 * reported with its file position before anything runs.
 */
public interface ScenarioEnvironment {

    /** Accepts every program and sysctl: for building scenarios before (or without) a runner. */
    ScenarioEnvironment PERMISSIVE = new ScenarioEnvironment() {
        @Override
        public boolean hasProgram(String programName) {
            return true;
        }

        @Override
        public String checkSysctl(String name, String value) {
            return null;
        }

        @Override
        public String toString() {
            return "ScenarioEnvironment.PERMISSIVE";
        }
    };

    /** Whether {@code programName} (the first word of a {@code cmd}) can be started on a node. */
    boolean hasProgram(String programName);

    /**
     * Checks one sysctl setting of a node.
     *
     * @return {@code null} if the setting is fine, else a message for the user such as
     *     {@code "unknown sysctl 'net.ipv4.foo'"}
     */
    String checkSysctl(String name, String value);

    /**
     * The known program names, used only to suggest a correction for a misspelt one. Empty (the
     * default) means the environment cannot list its programs and no suggestion is made.
     */
    default Collection<String> programNames() {
        return List.of();
    }
}
