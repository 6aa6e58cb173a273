package org.jlibos.sim.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({
        "10s, 10000000000",
        "250ms, 250000000",
        "1.5us, 1500",
        "2m, 120000000000",
        "1h, 3600000000000",
        "100ns, 100",
        "0, 0",
        "0s, 0",
        "0.0, 0",
        "1.1s, 1100000000",
        "0.000000001s, 1",
        "2.5h, 9000000000000",
        "9223372036854775807ns, 9223372036854775807",
    })
    void parsesDurations(String text, long nanos) {
        assertEquals(nanos, Units.parseDurationNanos(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "5       | duration needs a unit (ns, us, ms, s, m, h): '5'",
        "1.5     | duration needs a unit (ns, us, ms, s, m, h): '1.5'",
        "-1s     | negative duration: -1s",
        "1.5ns   | duration is not a whole number of nanoseconds: '1.5ns'",
        "0.1ns   | duration is not a whole number of nanoseconds: '0.1ns'",
        "5x      | unknown duration unit 'x' in '5x' (expected ns, us, ms, s, m, h)",
        "10S     | unknown duration unit 'S' in '10S' (expected ns, us, ms, s, m, h)",
        "abc     | invalid duration 'abc': expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 10s or 250ms",
        "\"\"      | invalid duration '': expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 10s or 250ms",
        "\"10 s\"  | invalid duration '10 s': expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 10s or 250ms",
        ".5s     | invalid duration '.5s': expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 10s or 250ms",
        "1e3s    | invalid duration '1e3s': expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 10s or 250ms",
        "9223372036854775808ns | duration too large: '9223372036854775808ns' (more than 9223372036854775807 nanoseconds)",
        "3000000h | duration too large: '3000000h' (more than 9223372036854775807 nanoseconds)",
    })
    void rejectsBadDurations(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseDurationNanos(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "100Mbps, 100000000",
        "1Gbps, 1000000000",
        "64kbps, 64000",
        "64Kbps, 64000",
        "1.5Mbps, 1500000",
        "9600bps, 9600",
        "1Tbps, 1000000000000",
        "0bps, 0",
    })
    void parsesRates(String text, long bps) {
        assertEquals(bps, Units.parseRateBitsPerSecond(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "100      | rate needs a unit (bps, kbps, Mbps, Gbps, Tbps): '100'",
        "0        | rate needs a unit (bps, kbps, Mbps, Gbps, Tbps): '0'",
        "-1Mbps   | negative rate: -1Mbps",
        "1.5bps   | rate is not a whole number of bits per second: '1.5bps'",
        "10mbps   | unknown rate unit 'mbps' in '10mbps' (expected bps, kbps, Mbps, Gbps, Tbps)",
        "10MB     | unknown rate unit 'MB' in '10MB' (expected bps, kbps, Mbps, Gbps, Tbps)",
        "fast     | invalid rate 'fast': expected a number followed by a unit (bps, kbps, Mbps, Gbps, Tbps), e.g. 100Mbps",
        "10000000Tbps | rate too large: '10000000Tbps' (more than 9223372036854775807 bits per second)",
    })
    void rejectsBadRates(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseRateBitsPerSecond(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "1500, 1500",
        "0, 0",
        "1500B, 1500",
        "64KiB, 65536",
        "64KB, 64000",
        "64kB, 64000",
        "1MB, 1000000",
        "1MiB, 1048576",
        "1.5KiB, 1536",
        "2GB, 2000000000",
        "2GiB, 2147483648",
        "1TB, 1000000000000",
        "1TiB, 1099511627776",
    })
    void parsesSizes(String text, long bytes) {
        assertEquals(bytes, Units.parseSizeBytes(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1.5      | size is not a whole number of bytes: '1.5'",
        "1.5B     | size is not a whole number of bytes: '1.5B'",
        "-1KiB    | negative size: -1KiB",
        "1kiB     | unknown size unit 'kiB' in '1kiB' (expected B, KB, kB, KiB, MB, MiB, GB, GiB, TB, TiB)",
        "1Mb      | unknown size unit 'Mb' in '1Mb' (expected B, KB, kB, KiB, MB, MiB, GB, GiB, TB, TiB)",
        "big      | invalid size 'big': expected a number of bytes, optionally followed by a unit (B, KB, kB, KiB, MB, MiB, GB, GiB, TB, TiB), e.g. 1500 or 64KiB",
        "9000000TiB | size too large: '9000000TiB' (more than 9223372036854775807 bytes)",
    })
    void rejectsBadSizes(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1500000, 1.5ms",
        "30000000000, 30s",
        "90000000000, 90s",
        "3600000000000, 3600s",
        "1000000000, 1s",
        "1500000000, 1.5s",
        "1234000000, 1.234s",
        "1234500000, 1234.5ms",
        "1000000001, 1000000.001us",
        "1000, 1us",
        "1, 1ns",
        "999, 999ns",
        "1001, 1.001us",
        "-1500000, -1.5ms",
        "9223372036854775807, 9223372036854775.807us",
        "-1, -1ns",
    })
    void formatsDurations(long nanos, String text) {
        assertEquals(text, Units.formatDuration(nanos));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "1500000", "1000000001", "90000000000", "9223372036854775807", "123456789"})
    void formattedDurationsParseBack(long nanos) {
        assertEquals(nanos, Units.parseDurationNanos(Units.formatDuration(nanos)));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0bps",
        "100000000, 100Mbps",
        "1500000, 1.5Mbps",
        "64000, 64kbps",
        "9600, 9.6kbps",
        "1, 1bps",
        "1000000000, 1Gbps",
        "2500000000000, 2.5Tbps",
        "1000001, 1000.001kbps",
    })
    void formatsRates(long bps, String text) {
        assertEquals(text, Units.formatRate(bps));
    }

    @org.junit.jupiter.api.Test
    void formatSecondsRoundsToTheMillisecond() {
        org.junit.jupiter.api.Assertions.assertEquals("5.051s", Units.formatSeconds(5_051_195_162L));
        org.junit.jupiter.api.Assertions.assertEquals("9.2s", Units.formatSeconds(9_200_000_000L));
        org.junit.jupiter.api.Assertions.assertEquals("16s", Units.formatSeconds(16_000_000_000L));
        org.junit.jupiter.api.Assertions.assertEquals("0s", Units.formatSeconds(0));
        org.junit.jupiter.api.Assertions.assertEquals("0.001s", Units.formatSeconds(500_001));
    }
}
