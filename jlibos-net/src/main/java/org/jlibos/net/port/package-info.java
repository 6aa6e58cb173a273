/**
 * Kernel devices attached to the world.
 *
 * <p>A {@link org.jlibos.net.port.DevicePort} is one device of one node plugged into a channel,
 * with an egress chain (device to cable) and an ingress chain (cable to device) that fault
 * injectors and capture taps wrap. A {@link org.jlibos.net.port.NodeFrameSink} is the one
 * {@code FrameSink} of a node; it finds the port of a transmitting device by ifindex in an
 * array.
 */
package org.jlibos.net.port;
