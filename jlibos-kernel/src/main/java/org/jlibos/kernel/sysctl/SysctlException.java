package org.jlibos.kernel.sysctl;

/**
 * A failed sysctl read or write, with the errno Linux would give: ENOENT for an unknown
 * name, EINVAL for a value the entry does not accept, EPERM for a read-only entry.
 */
public final class SysctlException extends Exception {

    public enum Reason { NO_SUCH_ENTRY, INVALID_VALUE, READ_ONLY }

    private final String sysctlName;
    private final Reason reason;

    public SysctlException(String sysctlName, Reason reason) {
        super(switch (reason) {
            case NO_SUCH_ENTRY -> "cannot stat " + SysctlDefinition.procPath(sysctlName) + ": No such file or directory";
            case INVALID_VALUE -> "setting key \"" + sysctlName + "\": Invalid argument";
            case READ_ONLY -> "setting key \"" + sysctlName + "\": Operation not permitted";
        });
        this.sysctlName = sysctlName;
        this.reason = reason;
    }

    public String sysctlName() {
        return sysctlName;
    }

    public Reason reason() {
        return reason;
    }
}
