package org.jlibos.dce.programs;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * Receives through a DatagramChannel's socket adaptor as the JDK's own adaptor does: into a
 * reused packet a long datagram after a short one arrives whole, and a packet's length bounds
 * what a receive writes (the rest of the datagram is cut).
 */
public final class DatagramAdaptorReuse {

    public static void main(String[] args) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(); DatagramSocket sender = new DatagramSocket()) {
            DatagramSocket s = ch.socket();
            s.bind(new InetSocketAddress(6000));
            InetAddress self = InetAddress.getLoopbackAddress();
            for (String msg : new String[] {"hi", "a much longer datagram", "a much longer datagram"}) {
                byte[] b = msg.getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(b, b.length, self, 6000));
            }
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            for (int i = 0; i < 2; i++) {
                s.receive(p);
                System.out.println(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8) + " (" + p.getLength() + ")");
            }
            // A packet's own length bounds what a receive may write into its buffer.
            DatagramPacket small = new DatagramPacket(new byte[100], 5);
            s.receive(small);
            System.out.println(new String(small.getData(), 0, small.getLength(), StandardCharsets.UTF_8) + " (" + small.getLength() + ")");
        }
    }
}
