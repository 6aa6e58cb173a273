package org.jlibos.dce.programs;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * DatagramSocket ping-pong: {@code pong port n} answers n datagrams; {@code ping host port n}
 * sends n and prints each reply's round-trip time, then one that times out.
 */
public final class UdpPingPong {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("pong")) {
            try (DatagramSocket s = new DatagramSocket(Integer.parseInt(args[1]))) {
                byte[] buf = new byte[1500];
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    byte[] reply = ("pong " + msg).getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                }
            }
            System.out.println("pong done");
        } else {
            InetAddress host = InetAddress.getByName(args[1]);
            int port = Integer.parseInt(args[2]);
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(2000);
                byte[] buf = new byte[1500];
                for (int i = 0; i <= Integer.parseInt(args[3]); i++) {
                    byte[] msg = ("ping " + i).getBytes(StandardCharsets.UTF_8);
                    long t = System.nanoTime();
                    s.send(new DatagramPacket(msg, msg.length, host, port));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                        System.out.println(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8) + " from "
                                + p.getAddress().getHostAddress() + ":" + p.getPort() + " rtt=" + (System.nanoTime() - t) / 1000 + " us");
                    } catch (SocketTimeoutException e) {
                        System.out.println("timeout after " + (System.nanoTime() - t) / 1_000_000 + " ms");
                    }
                }
            }
        }
    }
}
