/**
 * The helper side (ns-3's {@code helper/}): {@link org.jlibos.net.topology.Network} builds
 * links, LANs, faults and captures on the nodes of a simulation, names them, and changes them
 * at run time (link down/up, partitions, rate changes), immediately or at a virtual time.
 *
 * <pre>{@code
 * Network net = new Network(sim);
 * PointToPointLink l = net.pointToPoint(h1, r1, LinkSpec.of("100Mbps", "1ms")
 *         .withFaults(FaultSpec.NONE.withLoss(0.01)));
 * EthernetLan lan = net.lan("lan1", List.of(r1, h2, h3), 1_000_000_000L, 5_000, 1500);
 * net.capture(outputDir, List.of());          // pcap/<node>-<device>.pcap for every device
 * net.at(2_000_000_000L).partition(List.of(List.of(h1), List.of(r1, h2, h3)));
 * net.at(3_000_000_000L).heal();
 * sim.runUntil(5_000_000_000L);
 * net.close();
 * }</pre>
 */
package org.jlibos.net.topology;
