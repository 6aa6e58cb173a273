/**
 * Packet capture: a classic pcap file per device, written by taps on the device side of a
 * port's paths (smoltcp's {@code phy/pcap_writer}), so a capture shows what the device sent
 * and what it received, as {@code tcpdump -i} would on the host. Timestamps are virtual time,
 * so identical runs give byte-identical files.
 */
package org.jlibos.net.capture;
