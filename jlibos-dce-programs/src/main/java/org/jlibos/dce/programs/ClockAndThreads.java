package org.jlibos.dce.programs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Timer;
import java.util.TimerTask;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary JVM program (no jlibos API): clocks, sleeps, platform threads, executors, timers,
 * CompletableFuture, contended monitors, randomness and System.exit. Run on a simulated host,
 * everything timed happens in virtual time and the output is identical in every run.
 */
public final class ClockAndThreads {

    private static final Object LOCK = new Object();
    private static final List<String> ORDER = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        System.out.println("start " + Instant.now() + " millis=" + System.currentTimeMillis());
        Thread.sleep(1500);
        System.out.println("slept " + (System.nanoTime() - t0) / 1_000_000 + " ms, now " + Instant.now());

        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            System.out.println("worker " + Thread.currentThread().getName() + " done at +" + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }, "worker-1");
        worker.start();
        System.out.println("worker alive=" + worker.isAlive());
        worker.join();
        System.out.println("joined; alive=" + worker.isAlive());

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                Thread.sleep(100L * (6 - n));
                synchronized (LOCK) {
                    ORDER.add("task" + n);
                }
                return "task" + n + "@" + (System.nanoTime() - t0) / 1_000_000;
            }));
        }
        for (Future<String> f : results) {
            System.out.println(f.get());
        }
        pool.shutdown();
        System.out.println("pool terminated=" + pool.awaitTermination(1, TimeUnit.SECONDS) + " order=" + ORDER);

        CountDownLatch ticks = new CountDownLatch(3);
        Timer timer = new Timer("ticker");
        timer.scheduleAtFixedRate(new TimerTask() {
            @Override
            public void run() {
                System.out.println("tick at +" + (System.nanoTime() - t0) / 1_000_000 + " ms");
                ticks.countDown();
            }
        }, 100, 200);
        System.out.println("latch " + ticks.await(10, TimeUnit.SECONDS));
        timer.cancel();

        String async = CompletableFuture.supplyAsync(() -> "async on " + Thread.currentThread().isVirtual())
                .thenApplyAsync(s -> s + " then")
                .get(5, TimeUnit.SECONDS);
        System.out.println(async);

        CountDownLatch never = new CountDownLatch(1);
        long w0 = System.nanoTime();
        System.out.println("await timeout " + never.await(2, TimeUnit.SECONDS) + " after " + (System.nanoTime() - w0) / 1_000_000 + " ms");

        // Contended monitor: four threads increment under one lock with sleeps inside.
        int[] counter = new int[1];
        List<Thread> contenders = new ArrayList<>();
        StringBuilder handoffs = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int id = i;
            Thread c = new Thread(() -> {
                for (int k = 0; k < 3; k++) {
                    synchronized (counter) {
                        counter[0]++;
                        handoffs.append(id);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            contenders.add(c);
            c.start();
        }
        for (Thread c : contenders) {
            c.join();
        }
        System.out.println("counter " + counter[0] + " handoffs " + handoffs + " at +" + (System.nanoTime() - t0) / 1_000_000 + " ms");

        System.out.println("random " + new Random().nextInt(1000) + " " + Math.round(Math.random() * 1000) + " "
                + ThreadLocalRandom.current().nextInt(1000) + " " + UUID.randomUUID());

        Thread exiter = new Thread(() -> {
            System.out.println("exiting with 3");
            System.exit(3);
        });
        exiter.start();
        Thread.sleep(60_000);
        System.out.println("not reached");
    }
}
