package org.jlibos.dce.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's built-in HTTP server: {@code /echo} answers "echo:" + the request body,
 * {@code /slow} answers after 5 s, {@code /stop} stops the server, which ends the program.
 * Usage: HttpEchoServer port
 */
public final class HttpEchoServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch stop = new CountDownLatch(1);
        server.createContext("/echo", ex -> {
            byte[] body = readAll(ex.getRequestBody());
            requests.incrementAndGet();
            respond(ex, 200, ("echo:" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "slow".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/stop", ex -> {
            respond(ex, 200, "bye".getBytes(StandardCharsets.UTF_8));
            stop.countDown();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("listening on " + server.getAddress());
        stop.await();
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
        System.out.println("stopped after " + requests.get() + " echo requests");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
