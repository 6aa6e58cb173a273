/**
 * Point-to-point links: two devices joined by a full-duplex cable with, per direction, a data
 * rate, a propagation delay and an MTU. Timing follows ns-3's PointToPoint model so results
 * compare: a frame of S bytes whose transmission starts at t keeps the sender busy until
 * {@code t + S*8/rate} and arrives at {@code t + S*8/rate + delay}.
 */
package org.jlibos.net.link;
