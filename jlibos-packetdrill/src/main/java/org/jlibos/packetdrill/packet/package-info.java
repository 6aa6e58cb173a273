/**
 * Packets as the interpreter sees them: building the segments a script injects
 * ({@link org.jlibos.packetdrill.packet.InboundPackets}), options in script order
 * ({@link org.jlibos.packetdrill.packet.TcpOptionCodec}), the packets the host sent
 * ({@link org.jlibos.packetdrill.packet.LivePacket}) and the field-by-field comparison with a
 * script line ({@link org.jlibos.packetdrill.packet.OutboundMatcher}). Wire formats themselves
 * come from the kernel's {@code org.jlibos.kernel.wire}.
 */
package org.jlibos.packetdrill.packet;
