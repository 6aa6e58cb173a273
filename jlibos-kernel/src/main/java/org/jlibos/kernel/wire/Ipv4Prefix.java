package org.jlibos.kernel.wire;

/**
 * An IPv4 address with a prefix length, "10.0.1.1/24". The address keeps its host bits, so the
 * same value describes an interface address ({@code ip addr add 10.0.1.1/24}) and, through
 * {@link #network()}, the subnet it is on.
 *
 * @param address the address, an int as in {@link Ipv4Address}
 * @param length  prefix length 0..32
 */
public record Ipv4Prefix(int address, int length) {

    public Ipv4Prefix {
        Ipv4Address.checkPrefixLength(length);
    }

    /**
     * Parses "10.0.1.1/24"; without "/len" the length is 32.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid prefix
     */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        long address = Ipv4Address.tryParse(addressText);
        int length = 32;
        if (slash >= 0) {
            length = parseLength(text, slash + 1);
        }
        if (address < 0 || length < 0) {
            throw new IllegalArgumentException("invalid IPv4 prefix: '" + text + "'");
        }
        return new Ipv4Prefix((int) address, length);
    }

    private static int parseLength(String text, int from) {
        int digits = text.length() - from;
        if (digits < 1 || digits > 2 || (digits == 2 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 32 ? value : -1;
    }

    /** The netmask, 255.255.255.0 for /24. */
    public int mask() {
        return Ipv4Address.mask(length);
    }

    /** The address with host bits cleared: 10.0.1.0 for 10.0.1.1/24. */
    public int network() {
        return address & mask();
    }

    /** The subnet's directed broadcast: 10.0.1.255 for 10.0.1.1/24. */
    public int broadcast() {
        return address | ~mask();
    }

    /** This prefix with host bits cleared: 10.0.1.0/24 for 10.0.1.1/24. */
    public Ipv4Prefix networkPrefix() {
        int network = network();
        return network == address ? this : new Ipv4Prefix(network, length);
    }

    /** True when {@code addr} lies in this subnet. */
    public boolean contains(int addr) {
        return ((addr ^ address) & mask()) == 0;
    }

    /** True when all of {@code other} lies in this subnet. */
    public boolean contains(Ipv4Prefix other) {
        return other.length >= length && contains(other.address);
    }

    /** True when the host bits are clear (a route destination rather than an interface address). */
    public boolean isNetwork() {
        return network() == address;
    }

    /** "10.0.1.1/24" */
    public String format() {
        return Ipv4Address.format(address) + "/" + length;
    }

    @Override
    public String toString() {
        return format();
    }
}
