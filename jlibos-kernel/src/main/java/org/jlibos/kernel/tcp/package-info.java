/**
 * TCP for the simulated kernel, written to behave like Linux on the wire (the packetdrill
 * corpus is the yardstick) in virtual time. One file per concern, after gVisor's netstack,
 * each naming the Linux functions it follows:
 *
 * <ul>
 *   <li>{@link org.jlibos.kernel.tcp.Tcp}: the protocol (demultiplexing, ports, RSTs for
 *       unknown segments, ICMP errors, TCP small queues); {@link org.jlibos.kernel.tcp.TcpSocket}:
 *       the socket API and one connection's state;</li>
 *   <li>{@code Connect}, {@code Accept} (SYN and accept queues, SYN cookies in
 *       {@code SynCookies}), {@code TcpInput} (segment validation, RFC 5961, PAWS, the state
 *       machine, TIME_WAIT), {@code TcpOutput} (segments and options in Linux's layout);</li>
 *   <li>{@code Sender} (send buffer, Nagle/cork, transmission, ACK processing, RTO, tail loss
 *       probes, zero-window probes) over {@code SendBuffer} and {@code SackScoreboard};
 *       {@code Receiver} (in-order queue, {@code ReassemblyQueue}, window selection and
 *       autotuning, delayed/quick ACKs, SACK and D-SACK blocks);</li>
 *   <li>{@code Recovery} (the congestion state machine) with {@code Rack} (RFC 8985),
 *       {@code SackRecovery} (RFC 6675), {@code RenoRecovery} (RFC 6582) and
 *       {@code ProportionalRateReduction} (RFC 6937); {@code RttEstimator} (RFC 6298 with
 *       Linux's arithmetic); {@code TcpTimers};</li>
 *   <li>{@link org.jlibos.kernel.tcp.cc}: pluggable congestion control (CUBIC, Reno);
 *       {@link org.jlibos.kernel.tcp.TcpInfo} ({@code TCP_INFO}) and
 *       {@link org.jlibos.kernel.tcp.TcpTimeSeries} (per-connection cwnd, ssthresh, SRTT and
 *       bytes in flight, recorded on change) for results.</li>
 * </ul>
 *
 * <p>Sequence numbers are {@code int}s compared with {@link org.jlibos.kernel.tcp.Seq}. The
 * per-segment path allocates nothing but the packet buffer: no boxing, lambdas or iterators.
 */
package org.jlibos.kernel.tcp;
