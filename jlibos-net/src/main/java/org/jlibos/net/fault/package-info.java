/**
 * Error and fault models for one direction of a link, as frame stages that wrap a port's
 * ingress path (smoltcp's {@code phy/fault_injector}; ns-3's receive error models): the channel
 * carrying the frames does not know they are there.
 *
 * <p>{@link org.jlibos.net.fault.FaultInjector} turns a {@link org.jlibos.net.fault.FaultSpec}
 * into stages, in this order: random loss, burst loss, corruption, duplication, jitter. Each
 * model draws from its own random stream, named after the link direction and the model
 * ({@code link:h1-r1:h1>r1:loss}), so enabling one model or adding a link never changes the
 * pattern another one produces.
 */
package org.jlibos.net.fault;
