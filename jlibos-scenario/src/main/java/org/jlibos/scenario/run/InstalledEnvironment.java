package org.jlibos.scenario.run;

import java.util.Collection;

import org.jlibos.kernel.sysctl.SysctlDefaults;
import org.jlibos.kernel.sysctl.SysctlDefinition;
import org.jlibos.scenario.model.ScenarioEnvironment;
import org.jlibos.sim.process.ProgramRegistry;

/** Validates scenarios against the programs really installed and the sysctls the kernel knows. */
public final class InstalledEnvironment implements ScenarioEnvironment {

    private final ProgramRegistry programs;

    public InstalledEnvironment(ProgramRegistry programs) {
        this.programs = programs;
    }

    @Override
    public boolean hasProgram(String programName) {
        return programs.contains(programName);
    }

    @Override
    public Collection<String> programNames() {
        return programs.all().keySet();
    }

    @Override
    public String checkSysctl(String name, String value) {
        SysctlDefinition d = SysctlDefaults.lookup(name);
        if (d == null) {
            return "unknown sysctl '" + name + "'";
        }
        if (d.kind() == SysctlDefinition.Kind.TEXT) {
            return "sysctl '" + name + "' is read-only";
        }
        if (d.normalize(value) == null) {
            return switch (d.kind()) {
                case INTEGERS -> "invalid value '" + value + "' for sysctl '" + name + "': expected "
                        + (d.fields() == 1 ? "an integer" : d.fields() + " integers") + " in [" + d.min() + ", " + d.max() + "]";
                case CHOICE -> "invalid value '" + value + "' for sysctl '" + name + "': expected one of " + String.join(", ", d.choices());
                default -> "invalid value '" + value + "' for sysctl '" + name + "'";
            };
        }
        return null;
    }
}
