package org.jlibos.kernel.raw;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.wire.Ipv4Header;

/** All raw sockets of a kernel, and the delivery of packet copies to them ({@code raw_v4_input}). */
public final class RawSockets implements Ipv4.RawDelivery {

    private final Kernel kernel;
    private final Ipv4 ipv4;
    private final List<RawSocket> sockets = new ArrayList<>();

    public RawSockets(Kernel kernel, Ipv4 ipv4) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
    }

    Ipv4 ipv4() {
        return ipv4;
    }

    public RawSocket newSocket(int protocol) {
        RawSocket s = new RawSocket(kernel, this, protocol);
        sockets.add(s);
        return s;
    }

    void remove(RawSocket s) {
        sockets.remove(s);
    }

    public List<RawSocket> sockets() {
        return List.copyOf(sockets);
    }

    @Override
    public boolean deliver(NetDevice dev, PacketBuffer packet, int protocol) {
        if (sockets.isEmpty()) {
            return false;
        }
        byte[] b = packet.array();
        int off = packet.head();
        int src = Ipv4Header.src(b, off);
        int dst = Ipv4Header.dst(b, off);
        int ttl = Ipv4Header.ttl(b, off);
        boolean any = false;
        for (int i = 0; i < sockets.size(); i++) {
            RawSocket s = sockets.get(i);
            if (s.protocol() == protocol && s.accepts(src, dst, dev.ifindex())) {
                s.receive(packet.copy(), src, dst, ttl, dev.ifindex());
                any = true;
            }
        }
        return any;
    }
}
