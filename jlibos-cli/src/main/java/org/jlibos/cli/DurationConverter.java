package org.jlibos.cli;

import org.jlibos.sim.units.Units;

import picocli.CommandLine;

/** {@code --stop 30s}: durations on the command line use the scenario files' units. */
final class DurationConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            long nanos = Units.parseDurationNanos(value);
            if (nanos <= 0) {
                throw new CommandLine.TypeConversionException("duration must be positive: '" + value + "'");
            }
            return nanos;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
