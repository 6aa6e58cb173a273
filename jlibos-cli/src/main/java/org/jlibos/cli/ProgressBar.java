package org.jlibos.cli;

import java.io.PrintStream;

import org.jlibos.sim.Simulation;
import org.jlibos.sim.units.Units;

/**
 * A one-line progress display on stderr while a run is in progress: virtual time against the
 * stop time and events per wall second. Shown only when stderr is a terminal; the launcher
 * tells us with {@code -Djlibos.stderr.tty=true} since the JDK cannot ask about stderr alone.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long stopNanos;
    private final Thread thread;
    private volatile Simulation simulation;
    private volatile boolean done;

    private ProgressBar(PrintStream err, long stopNanos) {
        this.err = err;
        this.stopNanos = stopNanos;
        this.thread = new Thread(this::loop, "jlibos-progress");
        thread.setDaemon(true);
    }

    static boolean enabled() {
        return Boolean.getBoolean("jlibos.stderr.tty");
    }

    /** A started progress bar, or null when stderr is not a terminal. */
    static ProgressBar startIfTerminal(PrintStream err, long stopNanos, boolean quiet) {
        if (quiet || !enabled()) {
            return null;
        }
        ProgressBar bar = new ProgressBar(err, stopNanos);
        bar.thread.start();
        return bar;
    }

    void attach(Simulation sim) {
        this.simulation = sim;
    }

    private void loop() {
        long lastEvents = 0;
        long lastWall = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            Simulation sim = simulation;
            if (sim == null || done) {
                continue;
            }
            long events = sim.simulator().eventsDispatched();
            long wall = System.nanoTime();
            double rate = (events - lastEvents) / ((wall - lastWall) / 1e9);
            lastEvents = events;
            lastWall = wall;
            long now = Math.min(sim.now(), stopNanos);
            int filled = (int) (WIDTH * (double) now / stopNanos);
            String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
            err.print("\r[" + bar + "] " + Units.formatSeconds(now) + " / " + Units.formatDuration(stopNanos)
                    + String.format("  %.2fM events/s   ", rate / 1e6));
            err.flush();
        }
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        err.flush();
    }
}
