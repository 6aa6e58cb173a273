package org.jlibos.kernel.sysctl;

import java.util.List;

/**
 * One entry of {@code /proc/sys}: its name, its Linux default and what values it accepts.
 *
 * <p>Integer vectors ({@code tcp_rmem}, {@code ip_local_port_range}) are stored as Linux
 * prints them: fields separated by a tab.
 */
public record SysctlDefinition(String name, String defaultValue, Kind kind, int fields,
                               long min, long max, List<String> choices) {

    public enum Kind {
        /** One or more integers within [min, max]. */
        INTEGERS,
        /** One word from {@code choices}. */
        CHOICE,
        /** Free text (read-only lists such as tcp_available_congestion_control). */
        TEXT
    }

    /** The value in canonical form, or {@code null} when Linux would answer EINVAL. */
    public String normalize(String value) {
        String trimmed = value.strip();
        switch (kind) {
            case INTEGERS -> {
                String[] parts = trimmed.split("\\s+");
                if (parts.length != fields) {
                    return null;
                }
                StringBuilder canonical = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    long v;
                    try {
                        v = Long.parseLong(parts[i]);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (v < min || v > max) {
                        return null;
                    }
                    if (i > 0) {
                        canonical.append('\t');
                    }
                    canonical.append(v);
                }
                return canonical.toString();
            }
            case CHOICE -> {
                return choices.contains(trimmed) ? trimmed : null;
            }
            default -> {
                return trimmed;
            }
        }
    }

    /** The {@code /proc/sys} path of this entry, as Linux error messages show it. */
    public static String procPath(String name) {
        return "/proc/sys/" + name.replace('.', '/');
    }
}
