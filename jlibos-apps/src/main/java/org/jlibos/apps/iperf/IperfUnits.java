package org.jlibos.apps.iperf;

/**
 * iperf3's {@code unit_snprintf} in adaptive mode: bytes in powers of 1024 ("11.5 MBytes"),
 * bits in powers of 1000 ("96.4 Mbits"), three significant digits.
 */
final class IperfUnits {

    private static final String[] BYTE_UNITS = {"Bytes", "KBytes", "MBytes", "GBytes", "TBytes"};
    private static final String[] BIT_UNITS = {"bits", "Kbits", "Mbits", "Gbits", "Tbits"};

    private IperfUnits() {
    }

    static String bytes(double n) {
        return scaled(n, 1024.0, BYTE_UNITS);
    }

    static String bitsPerSecond(double bitsPerSecond) {
        return scaled(bitsPerSecond, 1000.0, BIT_UNITS) + "/sec";
    }

    private static String scaled(double n, double base, String[] units) {
        int u = 0;
        while (n >= base && u < units.length - 1) {
            n /= base;
            u++;
        }
        String number;
        if (n < 9.995) {
            number = String.format("%4.2f", n);
        } else if (n < 99.95) {
            number = String.format("%4.1f", n);
        } else {
            number = String.format("%4.0f", n);
        }
        return number + " " + units[u];
    }
}
