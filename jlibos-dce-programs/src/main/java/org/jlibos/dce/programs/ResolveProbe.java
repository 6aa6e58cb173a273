package org.jlibos.dce.programs;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Prints how names resolve on the host it runs on. */
public final class ResolveProbe {

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            try {
                System.out.println(name + " -> " + InetAddress.getByName(name) + " isa unresolved="
                        + new InetSocketAddress(name, 80).isUnresolved());
            } catch (Exception e) {
                System.out.println(name + " -> " + e);
            }
        }
        System.out.println("localhost " + InetAddress.getLocalHost());
    }
}
