package org.jlibos.kernel.device;

import org.jlibos.kernel.wire.Bytes;

/**
 * 48-bit IEEE MAC addresses, kept as the low 48 bits of a {@code long} so the packet path never
 * allocates for them. Static helpers only; {@link #format(long)} gives the usual text form.
 */
public final class MacAddress {

    public static final long BROADCAST = 0xffff_ffff_ffffL;
    public static final long ZERO = 0L;

    private MacAddress() {
    }

    /** Reads 6 bytes at {@code offset}. */
    public static long read(byte[] b, int offset) {
        return Bytes.getU48(b, offset);
    }

    /** Writes 6 bytes at {@code offset}. */
    public static void write(byte[] b, int offset, long mac) {
        Bytes.putU48(b, offset, mac);
    }

    /** Group bit (multicast or broadcast). */
    public static boolean isMulticast(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    public static boolean isBroadcast(long mac) {
        return mac == BROADCAST;
    }

    /** "02:00:00:00:00:01" */
    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (mac >>> shift) & 0xff;
            sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** Parses "aa:bb:cc:dd:ee:ff". */
    public static long parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (String p : parts) {
            if (p.length() != 2) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac = (mac << 8) | Integer.parseInt(p, 16);
        }
        return mac;
    }

    /**
     * A locally administered unicast address from a number: 02:00:xx:xx:xx:xx. Topology builders
     * number devices in creation order, so addresses are deterministic.
     */
    public static long local(long serial) {
        return 0x0200_0000_0000L | (serial & 0xffff_ffffL);
    }
}
