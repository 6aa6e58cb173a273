package org.jlibos.dce.socket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.DatagramPacket;

/**
 * Access to {@code DatagramPacket}'s buffer length, as the JDK's own datagram sockets have it
 * (sun.nio.ch.DatagramPackets): a receive may fill up to {@code bufLength} bytes, and setting
 * the received length must not shrink {@code bufLength} the way {@code setLength} does, or a
 * packet reused for receiving would accept ever shorter datagrams.
 */
public final class DatagramPackets {

    private static final VarHandle LENGTH;
    private static final VarHandle BUF_LENGTH;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(DatagramPacket.class, MethodHandles.lookup());
            LENGTH = l.findVarHandle(DatagramPacket.class, "length", int.class);
            BUF_LENGTH = l.findVarHandle(DatagramPacket.class, "bufLength", int.class);
        } catch (ReflectiveOperationException | IllegalAccessError | IllegalArgumentException e) {
            throw new IllegalStateException("DatagramPacket internals not accessible: run the JVM with "
                    + "--add-opens java.base/java.net=ALL-UNNAMED", e);
        }
    }

    private DatagramPackets() {
    }

    public static int bufLength(DatagramPacket p) {
        synchronized (p) {
            return (int) BUF_LENGTH.get(p);
        }
    }

    public static void setLength(DatagramPacket p, int length) {
        synchronized (p) {
            LENGTH.set(p, length);
        }
    }
}
