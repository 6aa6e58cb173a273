/**
 * The pieces every frame path is made of.
 *
 * <p>A path is a chain of {@link org.jlibos.net.channel.FrameStage}s. A
 * {@link org.jlibos.net.channel.Channel} is one direction of a full-duplex cable: a
 * {@link org.jlibos.net.channel.Transmitter} that serialises one frame at a time at the data
 * rate, followed by a {@link org.jlibos.net.channel.DelayLine} for the propagation delay. Fault
 * injectors and capture taps are further stages placed in a
 * {@link org.jlibos.net.channel.StageChain} around a port, so neither the channel nor the port
 * knows they are there.
 *
 * <p>The packet path allocates nothing per frame: events are owned by the stages and re-armed,
 * frames in flight wait in rings.
 */
package org.jlibos.net.channel;
