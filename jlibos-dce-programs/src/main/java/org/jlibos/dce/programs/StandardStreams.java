package org.jlibos.dce.programs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * Redirects System.out for a while (as CLIs and test harnesses do), installs a default
 * uncaught-exception handler, and lets a thread fail.
 */
public final class StandardStreams {

    public static void main(String[] args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        System.out.println("captured line");
        System.setOut(original);
        System.out.println("captured: " + captured.toString().trim());
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("handler saw " + e.getMessage() + " in " + t.getName()));
        Thread t = new Thread(() -> {
            throw new IllegalStateException("boom");
        }, "failing");
        t.start();
        t.join();
        System.out.println("default handler set: " + (Thread.getDefaultUncaughtExceptionHandler() != null));
    }
}
