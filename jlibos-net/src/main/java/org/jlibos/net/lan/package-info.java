/**
 * Ethernet LANs: N nodes, one device each, joined by a store-and-forward learning switch.
 *
 * <p>Every node-to-switch cable is full duplex with its own rate and delay (two channels). The
 * switch receives a whole frame, learns its source address on the input port, then forwards
 * it: a known unicast destination to its one port, broadcast, multicast (group bit) and
 * unknown unicast to every other port in port order. Each output port has a FIFO queue
 * (default 1000 frames, like a device's txqueuelen) in front of its transmitter.
 */
package org.jlibos.net.lan;
