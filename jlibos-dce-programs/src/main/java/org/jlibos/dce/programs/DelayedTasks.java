package org.jlibos.dce.programs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Delayed and timed tasks of java.util.concurrent, each printing when it ran. */
public final class DelayedTasks {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try {
            new CompletableFuture<String>().orTimeout(1, TimeUnit.SECONDS).get();
        } catch (ExecutionException e) {
            System.out.println("orTimeout: " + e.getCause().getClass().getSimpleName() + " at +" + ms(t0));
        }
        System.out.println("completeOnTimeout: " + new CompletableFuture<String>()
                .completeOnTimeout("fallback", 500, TimeUnit.MILLISECONDS).get() + " at +" + ms(t0));
        CompletableFuture.runAsync(() -> System.out.println("delayedExecutor ran at +" + ms(t0)),
                CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).get();
        System.out.println("ForkJoinPool.schedule: " + ForkJoinPool.commonPool().schedule(() -> "done at +" + ms(t0),
                100, TimeUnit.MILLISECONDS).get());
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
        ses.scheduleAtFixedRate(() -> System.out.println("fixed rate tick at +" + ms(t0)), 0, 300, TimeUnit.MILLISECONDS);
        Thread.sleep(1000);
        ses.shutdownNow();
        try {
            ForkJoinPool.commonPool().scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.SECONDS);
        } catch (UnsupportedOperationException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    private static String ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000 + " ms";
    }
}
