package org.jlibos.dce.programs;

import java.util.concurrent.locks.LockSupport;

/**
 * Checks what a program may assume about the threads it creates: inside a thread,
 * Thread.currentThread() is the Thread object that was started; LockSupport.unpark on that
 * object wakes it; its context class loader is the one set through it.
 */
public final class ThreadIdentity {

    public static void main(String[] args) throws Exception {
        Thread[] self = new Thread[1];
        StringBuilder log = new StringBuilder();
        Thread t = new Thread(() -> {
            log.append("same=").append(Thread.currentThread() == self[0]);
            log.append(" name=").append(Thread.currentThread().getName());
            LockSupport.park();
            log.append(" unparked at +").append(System.nanoTime() / 1_000_000 % 100_000);
            ClassLoader mine = new ClassLoader() { };
            Thread.currentThread().setContextClassLoader(mine);
            log.append(" ccl=").append(Thread.currentThread().getContextClassLoader() == mine);
        }, "worker");
        self[0] = t;
        t.start();
        Thread.sleep(250);
        LockSupport.unpark(t);
        t.join();
        System.out.println(log);
        System.out.println("after join: alive=" + t.isAlive() + " state=" + t.getState());
        try {
            t.start();
            System.out.println("started twice");
        } catch (IllegalThreadStateException e) {
            System.out.println("second start: " + e.getClass().getSimpleName());
        }
        System.out.println("main is main: " + Thread.currentThread().getName());
    }
}
