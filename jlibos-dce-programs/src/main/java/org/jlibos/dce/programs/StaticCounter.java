package org.jlibos.dce.programs;

/**
 * Counts its runs in a static field and keeps a busy background thread: each process must
 * see its own static (its own class loader) and, once killed, lose all its threads.
 */
public final class StaticCounter {

    static int runs;

    public static void main(String[] args) throws Exception {
        runs++;
        System.out.println("runs=" + runs);
        Thread ticker = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    // a stubborn program: ignores interrupts and keeps ticking
                }
            }
        }, "ticker");
        ticker.setDaemon(false);
        ticker.start();
        ticker.join();
    }
}
