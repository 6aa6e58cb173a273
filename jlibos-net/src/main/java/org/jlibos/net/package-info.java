/**
 * The world between kernels: everything a frame meets after a simulated host's device hands it
 * over and before another host's device receives it.
 *
 * <pre>
 *   kernel device ──FrameSink──▶ port egress chain ──▶ channel (transmitter ▶ delay line) ──▶
 *        peer port ingress chain (faults ▶ taps) ──▶ peer kernel.receive
 * </pre>
 *
 * <ul>
 *   <li>{@code channel}: the composable pieces of a frame path ({@code FrameStage},
 *       {@code StageChain}) and one direction of a cable ({@code Channel}: serialisation at a
 *       data rate, then propagation delay), with its counters.</li>
 *   <li>{@code port}: a kernel device attached to the world, and the per-node frame sink that
 *       dispatches transmitted frames by ifindex.</li>
 *   <li>{@code link}: point-to-point links (the ns-3 PointToPoint model).</li>
 *   <li>{@code lan}: Ethernet LANs built around a store-and-forward learning switch.</li>
 *   <li>{@code fault}: error and fault models (loss, burst loss, duplication, corruption,
 *       jitter) as stages that wrap a port, after smoltcp's {@code phy/fault_injector}.</li>
 *   <li>{@code capture}: pcap taps, after smoltcp's {@code phy/pcap_writer}.</li>
 *   <li>{@code topology}: the helper users call to build all of the above.</li>
 * </ul>
 *
 * <p>Models know nothing of helpers: links, switches, faults and taps are wired together by
 * {@code topology.Network}, never by each other.
 */
package org.jlibos.net;
