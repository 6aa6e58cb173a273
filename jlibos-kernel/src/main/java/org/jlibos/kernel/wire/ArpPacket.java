package org.jlibos.kernel.wire;

/**
 * ARP packet (RFC 826) for IPv4 over Ethernet, the only kind the kernel speaks: hardware
 * addresses are 6-byte MACs ({@code long}), protocol addresses 4-byte IPv4 addresses
 * ({@code int}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware Type (HTYPE)     |     Protocol Type (PTYPE)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    HLEN (6)   |    PLEN (4)   |        Operation (OPER)       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Sender Hardware Address (SHA), bytes 0-3             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        SHA bytes 4-5          | Sender Protocol Address (SPA) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        SPA bytes 2-3          | Target Hardware Address (THA) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       THA bytes 2-5                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Target Protocol Address (TPA)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpPacket {

    public static final int HTYPE_OFFSET = 0;
    public static final int PTYPE_OFFSET = 2;
    public static final int HLEN_OFFSET = 4;
    public static final int PLEN_OFFSET = 5;
    public static final int OPER_OFFSET = 6;
    public static final int SHA_OFFSET = 8;
    public static final int SPA_OFFSET = 14;
    public static final int THA_OFFSET = 18;
    public static final int TPA_OFFSET = 24;
    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;

    /** Hardware type Ethernet (ARPHRD_ETHER). */
    public static final int HTYPE_ETHERNET = 1;
    /** Protocol type IPv4 (the EtherType). */
    public static final int PTYPE_IPV4 = EthernetHeader.ETHERTYPE_IPV4;
    public static final int HLEN_ETHERNET = 6;
    public static final int PLEN_IPV4 = 4;

    /** Operation: request (ARPOP_REQUEST). */
    public static final int REQUEST = 1;
    /** Operation: reply (ARPOP_REPLY). */
    public static final int REPLY = 2;

    private ArpPacket() {
    }

    /**
     * True when the {@code len} bytes at {@code off} hold a whole ARP packet for Ethernet and
     * IPv4 (the fixed part and the address lengths); the operation is not checked, as Linux
     * counts an unknown operation separately from a malformed packet.
     */
    public static boolean isValidEthernetIpv4(byte[] b, int off, int len) {
        return len >= LENGTH
                && htype(b, off) == HTYPE_ETHERNET
                && ptype(b, off) == PTYPE_IPV4
                && hlen(b, off) == HLEN_ETHERNET
                && plen(b, off) == PLEN_IPV4;
    }

    public static int htype(byte[] b, int off) {
        return Bytes.getU16(b, off + HTYPE_OFFSET);
    }

    public static void setHtype(byte[] b, int off, int v) {
        Bytes.put16(b, off + HTYPE_OFFSET, v);
    }

    public static int ptype(byte[] b, int off) {
        return Bytes.getU16(b, off + PTYPE_OFFSET);
    }

    public static void setPtype(byte[] b, int off, int v) {
        Bytes.put16(b, off + PTYPE_OFFSET, v);
    }

    public static int hlen(byte[] b, int off) {
        return Bytes.getU8(b, off + HLEN_OFFSET);
    }

    public static void setHlen(byte[] b, int off, int v) {
        Bytes.put8(b, off + HLEN_OFFSET, v);
    }

    public static int plen(byte[] b, int off) {
        return Bytes.getU8(b, off + PLEN_OFFSET);
    }

    public static void setPlen(byte[] b, int off, int v) {
        Bytes.put8(b, off + PLEN_OFFSET, v);
    }

    /** Operation: {@link #REQUEST} or {@link #REPLY}. */
    public static int oper(byte[] b, int off) {
        return Bytes.getU16(b, off + OPER_OFFSET);
    }

    public static void setOper(byte[] b, int off, int v) {
        Bytes.put16(b, off + OPER_OFFSET, v);
    }

    /** Sender hardware address. */
    public static long sha(byte[] b, int off) {
        return Bytes.getU48(b, off + SHA_OFFSET);
    }

    public static void setSha(byte[] b, int off, long mac) {
        Bytes.putU48(b, off + SHA_OFFSET, mac);
    }

    /** Sender protocol (IPv4) address. */
    public static int spa(byte[] b, int off) {
        return Bytes.getI32(b, off + SPA_OFFSET);
    }

    public static void setSpa(byte[] b, int off, int addr) {
        Bytes.put32(b, off + SPA_OFFSET, addr);
    }

    /** Target hardware address (zero in a request). */
    public static long tha(byte[] b, int off) {
        return Bytes.getU48(b, off + THA_OFFSET);
    }

    public static void setTha(byte[] b, int off, long mac) {
        Bytes.putU48(b, off + THA_OFFSET, mac);
    }

    /** Target protocol (IPv4) address. */
    public static int tpa(byte[] b, int off) {
        return Bytes.getI32(b, off + TPA_OFFSET);
    }

    public static void setTpa(byte[] b, int off, int addr) {
        Bytes.put32(b, off + TPA_OFFSET, addr);
    }

    /** True for a gratuitous ARP: sender and target protocol addresses are equal (RFC 5227). */
    public static boolean isGratuitous(byte[] b, int off) {
        return spa(b, off) == tpa(b, off);
    }

    /** Writes a whole Ethernet/IPv4 ARP packet ({@link #LENGTH} bytes). */
    public static void writeEthernetIpv4(byte[] b, int off, int oper, long sha, int spa, long tha, int tpa) {
        setHtype(b, off, HTYPE_ETHERNET);
        setPtype(b, off, PTYPE_IPV4);
        setHlen(b, off, HLEN_ETHERNET);
        setPlen(b, off, PLEN_IPV4);
        setOper(b, off, oper);
        setSha(b, off, sha);
        setSpa(b, off, spa);
        setTha(b, off, tha);
        setTpa(b, off, tpa);
    }
}
