package org.jlibos.dce.programs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * java.net.Socket echo: {@code server port n} echoes n lines per connection for one connection;
 * {@code client host port n} sends n lines and prints the replies with their round-trip times.
 */
public final class SocketEcho {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            try (ServerSocket ss = new ServerSocket(Integer.parseInt(args[1]))) {
                System.out.println("listening on " + ss.getLocalPort());
                try (Socket s = ss.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    System.out.println("accepted " + s.getInetAddress().getHostAddress());
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.println(line.toUpperCase());
                    }
                }
            }
            System.out.println("server done");
        } else {
            int n = Integer.parseInt(args[3]);
            try (Socket s = new Socket(args[1], Integer.parseInt(args[2]));
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    out.println("hello " + i);
                    String reply = in.readLine();
                    System.out.println(reply + " rtt=" + (System.nanoTime() - t) / 1000 + " us");
                }
            }
        }
    }
}
