package org.jlibos.dce.programs;

import java.net.InetAddress;
import java.net.MulticastSocket;

/** Uses an API the simulated kernel does not offer (multicast): it must fail naming it. */
public final class Unsupported {

    public static void main(String[] args) throws Exception {
        try (MulticastSocket s = new MulticastSocket(5000)) {
            s.joinGroup(new java.net.InetSocketAddress(InetAddress.getByName("239.1.2.3"), 0), null);
        }
    }
}
