package org.jlibos.kernel.wire;

/**
 * Known frames shared by the wire tests. Each was built byte by byte as the Linux tool named
 * would send it (10.0.0.1 / 02:00:00:00:00:01 to 10.0.0.2 / 02:00:00:00:00:02) and its
 * checksums were confirmed with Wireshark 4.0 ({@code tshark -o ip.check_checksum:TRUE
 * -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE -V}, all reported "correct"), so they
 * are independent of the code under test.
 */
final class TestPackets {

    /**
     * {@code ping -c1 10.0.0.2} (iputils): Ethernet + IPv4 (id 0x4c7a, DF, TTL 64, checksum
     * 0xda2c) + ICMP echo request (id 0x0bb8, seq 1, checksum 0x973b) with 56 bytes of data:
     * a 16-byte timeval then 0x10..0x37.
     */
    static final String ICMP_ECHO_REQUEST_FRAME =
            "020000000002 020000000001 0800"
            + "4500 0054 4c7a 4000 4001 da2c 0a00 0001 0a00 0002"
            + "0800 973b 0bb8 0001"
            + "00f1536500000000 40e2010000000000"
            + "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637";

    /**
     * A Linux SYN 10.0.0.1:43210 to 10.0.0.2:80: IPv4 id 0x1f2e, DF, checksum 0x078c; TCP seq
     * 0x9a3b1c2d, window 64240, checksum 0x5f71, options
     * {@code mss 1460,sackOK,TS val 2849261 ecr 0,nop,wscale 7}.
     */
    static final String TCP_SYN_FRAME =
            "020000000002 020000000001 0800"
            + "4500 003c 1f2e 4000 4006 078c 0a00 0001 0a00 0002"
            + "a8ca 0050 9a3b1c2d 00000000 a002 faf0 5f71 0000"
            + "020405b4 0402080a 002b79ed 00000000 01030307";

    /**
     * The next segment of that connection: PSH|ACK, seq 0x9a3b1c2e, ack 0x11223345, window 502,
     * {@code nop,nop,TS val 2849361 ecr 3735928559}, 5 data bytes "hello" (odd length); IPv4
     * checksum 0x078e, TCP checksum 0x60e0.
     */
    static final String TCP_DATA_FRAME =
            "020000000002 020000000001 0800"
            + "4500 0039 1f2f 4000 4006 078e 0a00 0001 0a00 0002"
            + "a8ca 0050 9a3b1c2e 11223345 8018 01f6 60e0 0000"
            + "0101080a 002b7a51 deadbeef"
            + "68656c6c6f";

    /**
     * A DNS query "A example.com" from 10.0.0.1:53124 to 10.0.0.53:53: IPv4 id 0x9d01, no DF,
     * checksum 0xc97d; UDP length 37 (odd), checksum 0x21eb.
     */
    static final String UDP_DNS_QUERY_FRAME =
            "020000000002 020000000001 0800"
            + "4500 0039 9d01 0000 4011 c97d 0a00 0001 0a00 0035"
            + "cf84 0035 0025 21eb"
            + "2a5c 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001";

    /** {@code who-has 10.0.0.2 tell 10.0.0.1}, broadcast. */
    static final String ARP_REQUEST_FRAME =
            "ffffffffffff 020000000001 0806"
            + "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002";

    /**
     * The IPv4 header example of Wikipedia's "Internet checksum" / IPv4 articles:
     * 192.168.0.1 to 192.168.0.199, UDP, total length 115, checksum 0xb861.
     */
    static final String WIKIPEDIA_IPV4_HEADER = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    private TestPackets() {
    }

    static byte[] bytes(String hex) {
        return Bytes.fromHex(hex);
    }
}
