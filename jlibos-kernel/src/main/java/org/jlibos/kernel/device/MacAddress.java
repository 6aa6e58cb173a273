package org.jlibos.kernel.device;

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
        return ((long) (b[offset] & 0xff) << 40) | ((long) (b[offset + 1] & 0xff) << 32)
                | ((long) (b[offset + 2] & 0xff) << 24) | ((long) (b[offset + 3] & 0xff) << 16)
                | ((long) (b[offset + 4] & 0xff) << 8) | (b[offset + 5] & 0xff);
    }

    /** Writes 6 bytes at {@code offset}. */
    public static void write(byte[] b, int offset, long mac) {
        b[offset] = (byte) (mac >>> 40);
        b[offset + 1] = (byte) (mac >>> 32);
        b[offset + 2] = (byte) (mac >>> 24);
        b[offset + 3] = (byte) (mac >>> 16);
        b[offset + 4] = (byte) (mac >>> 8);
        b[offset + 5] = (byte) mac;
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
