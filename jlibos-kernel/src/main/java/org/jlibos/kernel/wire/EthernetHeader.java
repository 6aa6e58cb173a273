package org.jlibos.kernel.wire;

/**
 * Ethernet II frame header (IEEE 802.3 with an EtherType, RFC 894), without preamble and FCS,
 * which the simulated links do not carry.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Destination MAC address, bytes 0-3               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Destination bytes 4-5      |   Source MAC address, 0-1     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Source bytes 2-5                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           EtherType           |  payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * MAC addresses are the low 48 bits of a {@code long}, as in
 * {@link org.jlibos.kernel.device.MacAddress}.
 */
public final class EthernetHeader {

    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int ETHERTYPE_OFFSET = 12;
    /** Header length in bytes. */
    public static final int LENGTH = 14;
    /** Length of one MAC address in bytes. */
    public static final int ADDRESS_LENGTH = 6;
    /** Shortest frame on the wire without FCS (64 with it); shorter frames are padded with zeros. */
    public static final int MIN_FRAME_LENGTH = 60;
    /** Default Ethernet MTU: the largest payload. */
    public static final int MTU = 1500;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_IPV6 = 0x86dd;

    private EthernetHeader() {
    }

    public static long dst(byte[] b, int off) {
        return Bytes.getU48(b, off + DST_OFFSET);
    }

    public static void setDst(byte[] b, int off, long mac) {
        Bytes.putU48(b, off + DST_OFFSET, mac);
    }

    public static long src(byte[] b, int off) {
        return Bytes.getU48(b, off + SRC_OFFSET);
    }

    public static void setSrc(byte[] b, int off, long mac) {
        Bytes.putU48(b, off + SRC_OFFSET, mac);
    }

    public static int etherType(byte[] b, int off) {
        return Bytes.getU16(b, off + ETHERTYPE_OFFSET);
    }

    public static void setEtherType(byte[] b, int off, int etherType) {
        Bytes.put16(b, off + ETHERTYPE_OFFSET, etherType);
    }

    /** Offset of the payload (the network-layer header). */
    public static int payloadOffset(int off) {
        return off + LENGTH;
    }

    /** Writes a whole header. */
    public static void write(byte[] b, int off, long dst, long src, int etherType) {
        setDst(b, off, dst);
        setSrc(b, off, src);
        setEtherType(b, off, etherType);
    }
}
