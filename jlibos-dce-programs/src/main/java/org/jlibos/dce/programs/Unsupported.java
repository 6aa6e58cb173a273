package org.jlibos.dce.programs;

import java.net.InetAddress;
import java.net.MulticastSocket;
import java.nio.channels.AsynchronousSocketChannel;

/**
 * Uses an API jlibos does not offer on simulated hosts; it must fail naming it.
 * Usage: Unsupported [multicast|exec|async]
 */
public final class Unsupported {

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "multicast";
        switch (what) {
            case "exec" -> Runtime.getRuntime().exec(new String[] {"true"});
            case "async" -> AsynchronousSocketChannel.open();
            default -> {
                try (MulticastSocket s = new MulticastSocket(5000)) {
                    s.joinGroup(new java.net.InetSocketAddress(InetAddress.getByName("239.1.2.3"), 0), null);
                }
            }
        }
    }
}
