package org.jlibos.kernel.sysctl;

import java.util.Map;
import java.util.TreeMap;

/**
 * One kernel's view of {@code /proc/sys/net}: the shared Linux defaults plus this node's
 * overrides. Only overrides are stored, and the map is created on the first one, so an
 * untouched node costs one null field.
 */
public final class SysctlTable {

    private TreeMap<String, String> overrides;

    /** The value as {@code sysctl -n} prints it (vector fields separated by tabs). */
    public String get(String name) throws SysctlException {
        SysctlDefinition d = definition(name);
        if (overrides != null) {
            String v = overrides.get(name);
            if (v != null) {
                return v;
            }
        }
        return d.defaultValue();
    }

    /** Writes {@code value}; Linux accepts any whitespace between vector fields. */
    public void set(String name, String value) throws SysctlException {
        SysctlDefinition d = definition(name);
        if (d.kind() == SysctlDefinition.Kind.TEXT) {
            throw new SysctlException(name, SysctlException.Reason.READ_ONLY);
        }
        String canonical = d.normalize(value);
        if (canonical == null) {
            throw new SysctlException(name, SysctlException.Reason.INVALID_VALUE);
        }
        if (canonical.equals(d.defaultValue())) {
            if (overrides != null) {
                overrides.remove(name);
            }
            return;
        }
        if (overrides == null) {
            overrides = new TreeMap<>();
        }
        overrides.put(name, canonical);
    }

    /** A single-integer entry, for kernel code. Unknown names are programming errors. */
    public long getLong(String name) {
        return Long.parseLong(getUnchecked(name));
    }

    /** Field {@code index} of an integer vector such as tcp_rmem. */
    public long getLong(String name, int index) {
        return Long.parseLong(getUnchecked(name).split("\t")[index]);
    }

    public boolean getBoolean(String name) {
        return getLong(name) != 0;
    }

    public String getString(String name) {
        return getUnchecked(name);
    }

    /** This node's overrides, in name order. */
    public Map<String, String> overrides() {
        return overrides == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(overrides);
    }

    private String getUnchecked(String name) {
        try {
            return get(name);
        } catch (SysctlException e) {
            throw new IllegalArgumentException("kernel read unknown sysctl " + name, e);
        }
    }

    private static SysctlDefinition definition(String name) throws SysctlException {
        SysctlDefinition d = SysctlDefaults.lookup(name);
        if (d == null) {
            throw new SysctlException(name, SysctlException.Reason.NO_SUCH_ENTRY);
        }
        return d;
    }
}
