package org.jlibos.dce.programs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 server: {@code /hello?n=..} answers a greeting, POST {@code /sum} answers the byte
 * sum of the body, {@code /stop} stops the server (which ends the program). Usage: JettyServer port
 */
public final class JettyServer {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        AtomicInteger served = new AtomicInteger();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                served.incrementAndGet();
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                switch (path) {
                    case "/hello" -> {
                        String n = Request.extractQueryParameters(request).getValue("n");
                        Content.Sink.write(response, true, "hello " + n + " from jetty", callback);
                    }
                    case "/sum" -> {
                        long sum = 0;
                        try (var in = Content.Source.asInputStream(request)) {
                            int b;
                            while ((b = in.read()) >= 0) {
                                sum += b;
                            }
                        }
                        response.write(true, ByteBuffer.wrap(("sum " + sum).getBytes(StandardCharsets.UTF_8)), callback);
                    }
                    case "/stop" -> {
                        Content.Sink.write(response, true, "stopping", callback);
                        new Thread(() -> {
                            try {
                                server.stop();
                            } catch (Exception e) {
                                e.printStackTrace();
                            }
                        }, "stopper").start();
                    }
                    default -> {
                        response.setStatus(404);
                        Content.Sink.write(response, true, "no " + path, callback);
                    }
                }
                return true;
            }
        });
        server.start();
        System.out.println("jetty listening on " + connector.getLocalPort());
        server.join();
        System.out.println("jetty stopped after " + served.get() + " requests");
    }
}
