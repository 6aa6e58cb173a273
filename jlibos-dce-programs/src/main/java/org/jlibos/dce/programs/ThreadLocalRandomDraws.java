package org.jlibos.dce.programs;

import java.util.concurrent.ThreadLocalRandom;

/** Several ThreadLocalRandom draws through one reference, in two threads. */
public final class ThreadLocalRandomDraws {

    public static void main(String[] args) throws Exception {
        Runnable draws = () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            StringBuilder sb = new StringBuilder(Thread.currentThread().getName()).append(':');
            for (int i = 0; i < 5; i++) {
                sb.append(' ').append(r.nextInt(1000));
            }
            sb.append(' ').append(r.nextLong(10, 20)).append(' ').append(r.nextBoolean());
            byte[] b = new byte[4];
            r.nextBytes(b);
            sb.append(' ').append(b[0]).append(',').append(b[3]);
            System.out.println(sb);
        };
        Thread t = new Thread(draws, "worker");
        t.start();
        t.join();
        draws.run();
    }
}
