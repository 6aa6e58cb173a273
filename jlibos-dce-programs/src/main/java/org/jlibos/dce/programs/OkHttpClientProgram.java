package org.jlibos.dce.programs;

import java.util.concurrent.TimeUnit;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An OkHttp 5 client: {@code count} GETs of /hello and POSTs of /sum against {@code base}, then
 * /stop. Usage: OkHttpClientProgram base-url count
 */
public final class OkHttpClientProgram {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int count = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
        int ok = 0;
        for (int i = 0; i < count; i++) {
            try (Response r = client.newCall(new Request.Builder().url(base + "/hello?n=" + i).build()).execute()) {
                if (r.code() == 200 && r.body().string().equals("hello " + i + " from jetty")) {
                    ok++;
                }
            }
            byte[] body = new byte[1000 + i];
            long expected = 0;
            for (int k = 0; k < body.length; k++) {
                body[k] = (byte) (k * 7 + i);
                expected += body[k] & 0xff;
            }
            try (Response r = client.newCall(new Request.Builder().url(base + "/sum")
                    .post(RequestBody.create(body, MediaType.get("application/octet-stream"))).build()).execute()) {
                if (r.code() == 200 && r.body().string().equals("sum " + expected)) {
                    ok++;
                }
            }
        }
        System.out.println(ok + "/" + (2 * count) + " responses ok after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        try (Response r = client.newCall(new Request.Builder().url(base + "/stop").build()).execute()) {
            System.out.println("stop: " + r.body().string());
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        System.out.println("client done after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
