package org.jlibos.dce.testprograms;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jlibos.dce.agent.DceAgent;
import org.jlibos.dce.boot.DceBridge;
import org.jlibos.dce.boot.DceHooks;

/**
 * Main class of the forked JVM in {@code AgentEndToEndTest} (run with the agent and no
 * {@code --add-opens}). Prints {@code key=value} lines; any failed check throws, so the exit
 * status is non-zero.
 */
public final class AgentProbe {

    static final long FAKE_EPOCH_MILLIS = 946_684_800_000L; // 2000-01-01T00:00:00Z

    private AgentProbe() {
    }

    /** Fake time for one designated thread; takes over threads named "taken-over". */
    static final class ProbeBridge extends DceBridge {
        volatile Thread simulated;
        volatile long fakeNanos;
        final List<Thread> startedThreads = new ArrayList<>();
        volatile Thread takenOver;
        volatile Thread proxy;

        @Override
        public long nanoTime() {
            return Thread.currentThread() == simulated ? fakeNanos : NOT_SIMULATED;
        }

        @Override
        public long currentTimeMillis() {
            return Thread.currentThread() == simulated ? FAKE_EPOCH_MILLIS + fakeNanos / 1_000_000 : NOT_SIMULATED;
        }

        @Override
        public long nanoTimeAdjustment(long offsetInSeconds) {
            if (Thread.currentThread() != simulated) {
                return NOT_SIMULATED;
            }
            long nanos = (FAKE_EPOCH_MILLIS / 1000 - offsetInSeconds) * 1_000_000_000L + fakeNanos;
            return Math.abs(nanos / 1_000_000_000L) > 0xFFFF_FFFFL ? -1 : nanos; // VM's range rule
        }

        @Override
        public boolean startThread(Thread thread) {
            if (!thread.getName().equals("taken-over")) {
                return false;
            }
            synchronized (startedThreads) {
                startedThreads.add(thread);
            }
            Thread p = Thread.ofVirtual().name("proxy").unstarted(thread);
            proxy = p;
            takenOver = thread;
            p.start();
            return true;
        }

        @Override
        public Thread proxyOf(Thread thread) {
            return thread == takenOver ? proxy : null;
        }

        @Override
        public boolean exit(int status) {
            return true;
        }

        @Override
        public long randomSeed() {
            return NOT_SIMULATED;
        }

        @Override
        public java.security.SecureRandom secureRandom() {
            return null;
        }

        @Override
        public void seedThreadLocalRandom() {
        }

        @Override
        public java.net.InetAddress localHost() {
            return null;
        }
    }

    public static void main(String[] args) throws Throwable {
        print("agentActive", DceHooks.agentActive());
        print("ttl", Security.getProperty("networkaddress.cache.ttl"));
        print("negativeTtl", Security.getProperty("networkaddress.cache.negative.ttl"));
        print("retransformedThread", DceAgent.retransformedClasses().contains("java/lang/Thread"));

        ProbeBridge bridge = new ProbeBridge();
        DceHooks.install(bridge);
        fakeClock(bridge);
        threadTakeOver(bridge);
        virtualThreadBlockPermit();
        contendedMonitor();

        print("premainMillis", DceAgent.premainNanos() / 1_000_000);
        print("loadedAtPremain", DceAgent.loadedClassesAtPremain());
        print("retransformed", DceAgent.retransformedClasses().size());
        print("retransformedClasses", DceAgent.retransformedClasses());
        print("rewrittenClasses", DceAgent.rewrittenClasses());
        print("done", true);
    }

    private static void fakeClock(ProbeBridge bridge) throws Throwable {
        bridge.fakeNanos = 5_000_000_000L;
        CountDownLatch neverCounted = new CountDownLatch(1);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        List<Object> seen = new ArrayList<>();
        Thread simulated = new Thread(() -> {
            try {
                seen.add(System.nanoTime());
                seen.add(Instant.now());
                seen.add(LocalDateTime.now(ZoneOffset.UTC));
                seen.add(Clock.systemUTC().millis());
                ScheduledFuture<?> future = scheduler.schedule(() -> { }, 10, TimeUnit.SECONDS);
                seen.add(future.getDelay(TimeUnit.NANOSECONDS));
                future.cancel(false);
                // AQS computes the deadline from the hooks, so 10 s of fake time pass when the
                // fake clock moves, in whatever real time that takes.
                seen.add(neverCounted.await(10, TimeUnit.SECONDS));
                seen.add(System.nanoTime());
            } catch (InterruptedException e) {
                seen.add(e);
            }
        }, "simulated");
        bridge.simulated = simulated;
        long realStart = System.nanoTime(); // main is not simulated: real clock
        simulated.start();
        while (simulated.getState() != Thread.State.TIMED_WAITING) {
            check(System.nanoTime() - realStart < 20_000_000_000L, "simulated thread never waited");
            Thread.sleep(1);
        }
        bridge.fakeNanos += 10_000_000_000L;
        LockSupport.unpark(simulated);
        simulated.join();
        long realMillis = (System.nanoTime() - realStart) / 1_000_000;
        scheduler.shutdownNow();
        print("fakeNanoTime", seen.get(0));
        print("fakeInstant", seen.get(1));
        print("fakeLocalDateTime", seen.get(2));
        print("fakeClockMillis", seen.get(3));
        print("scheduledDelayNanos", seen.get(4));
        print("latchAwaitResult", seen.get(5));
        print("fakeNanoTimeAfterWait", seen.get(6));
        print("awaitRealTimeUnder5s", realMillis < 5_000);
        // main is not simulated: its (rewritten) clock read falls back to the real clock, which a
        // method handle reads without going through a rewritten call site.
        long real = (long) MethodHandles.lookup().findStatic(System.class, "nanoTime",
                MethodType.methodType(long.class)).invokeExact();
        print("mainNanoTimeIsReal", Math.abs(System.nanoTime() - real) < 1_000_000_000L);
    }

    private static void threadTakeOver(ProbeBridge bridge) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> events = new ArrayList<>();
        Thread t = new Thread(() -> {
            synchronized (events) {
                events.add("runsOnProxy=" + (Thread.currentThread() == bridge.proxy));
            }
            try {
                release.await();
                synchronized (events) {
                    events.add("released");
                }
            } catch (InterruptedException e) {
                synchronized (events) {
                    events.add("interrupted");
                }
            }
        }, "taken-over");
        t.start();
        print("startRecorded", bridge.startedThreads.equals(List.of(t)));
        long realStart = System.nanoTime();
        while (t.getState() != Thread.State.WAITING) {
            check(System.nanoTime() - realStart < 20_000_000_000L, "state never WAITING: " + t.getState());
            Thread.sleep(1);
        }
        print("takenOverState", t.getState());
        print("takenOverAlive", t.isAlive());
        print("takenOverInterrupted", t.isInterrupted());
        t.join(20);
        t.join(20, 5);
        // A NEW thread would throw IllegalThreadStateException here.
        print("joinDurationWhileBlocked", t.join(Duration.ofMillis(20)));
        t.interrupt();
        t.join();
        print("takenOverAliveAfterJoin", t.isAlive());
        print("takenOverStateAfterJoin", t.getState());
        synchronized (events) {
            print("takenOverEvents", events);
        }
        bridge.takenOver = null;
        print("realThreadStillNew", t.getState());
    }

    private static void virtualThreadBlockPermit() throws Exception {
        Class<?> virtualThread = Class.forName("java.lang.VirtualThread");
        Method casOnWaitingList = virtualThread.getDeclaredMethod("compareAndSetOnWaitingList",
                boolean.class, boolean.class);
        casOnWaitingList.setAccessible(true); // works without --add-opens: the agent opened java.lang
        Field blockPermit = virtualThread.getDeclaredField("blockPermit");
        blockPermit.setAccessible(true);
        Thread v = Thread.ofVirtual().unstarted(() -> { });
        boolean added = (boolean) casOnWaitingList.invoke(v, false, true);
        boolean permitAfterAdd = blockPermit.getBoolean(v);
        boolean removed = (boolean) casOnWaitingList.invoke(v, true, false);
        boolean permitAfterRemove = blockPermit.getBoolean(v);
        print("waitingListCas", added + "," + removed);
        print("blockPermitAfterAdd", permitAfterAdd);
        print("blockPermitAfterRemove", permitAfterRemove);
    }

    private static void contendedMonitor() throws Exception {
        Object lock = new Object();
        int[] counter = {0};
        Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                for (int k = 0; k < 50; k++) {
                    synchronized (lock) {
                        counter[0]++;
                        try {
                            Thread.sleep(1); // hold the monitor while unmounted: the other one blocks
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        print("contendedCount", counter[0]);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
