package org.jlibos.dce.programs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * java.net.http.HttpClient: {@code count} POSTs with bodies to {@code base}/echo, checks each
 * answer, then a request to /slow that must time out after 1 s, then /stop, then close.
 * Usage: HttpLoadClient base-url count
 */
public final class HttpLoadClient {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int count = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        int ok = 0;
        long bytes = 0;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < count; i++) {
                String body = "request-" + i + "-" + "x".repeat(i % 100);
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().equals("echo:" + body)) {
                    ok++;
                    bytes += r.body().length();
                } else {
                    System.out.println("bad response " + r.statusCode() + " " + r.body());
                }
                if (i == 0) {
                    System.out.println("first response after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                }
            }
            System.out.println(ok + "/" + count + " responses ok, " + bytes + " bytes, after "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            long s0 = System.nanoTime();
            try {
                client.send(HttpRequest.newBuilder(URI.create(base + "/slow")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("slow request did not time out");
            } catch (HttpTimeoutException e) {
                System.out.println("timed out after " + (System.nanoTime() - s0) / 1_000_000 + " ms: " + e.getMessage());
            }
            HttpResponse<String> bye = client.send(HttpRequest.newBuilder(URI.create(base + "/stop")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("stop: " + bye.body());
        }
        System.out.println("client closed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
