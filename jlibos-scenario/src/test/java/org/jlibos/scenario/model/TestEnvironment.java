package org.jlibos.scenario.model;

import java.util.Collection;
import java.util.List;

/** A small environment like the runner's: a few programs, two sysctls with value checks. */
public final class TestEnvironment implements ScenarioEnvironment {

    public static final TestEnvironment INSTANCE = new TestEnvironment();

    private static final List<String> PROGRAMS = List.of("echo", "sleep", "cat", "ping", "java");

    @Override
    public boolean hasProgram(String programName) {
        return PROGRAMS.contains(programName);
    }

    @Override
    public String checkSysctl(String name, String value) {
        return switch (name) {
            case "net.ipv4.ip_forward" -> value.equals("0") || value.equals("1")
                    ? null
                    : "invalid value '" + value + "' for net.ipv4.ip_forward: expected 0 or 1";
            case "net.ipv4.tcp_rmem" -> null;
            default -> "unknown sysctl '" + name + "'";
        };
    }

    @Override
    public Collection<String> programNames() {
        return PROGRAMS;
    }
}
