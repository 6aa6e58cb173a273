package org.jlibos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jlibos.sim.event.Event;
import org.jlibos.sim.event.EventQueue;
import org.junit.jupiter.api.Test;

/** The comparison queues must order exactly like the simulator's {@link EventQueue}. */
class QueueVariantsTest {

    /** A hold-like workload with many equal times; returns the order in which labels come out. */
    private static List<Integer> run(BiConsumer<BenchEvent, Long> add, Supplier<BenchEvent> poll,
                                     Supplier<Long> peekTime) {
        SplittableRandom r = new SplittableRandom(7);
        Map<BenchEvent, Integer> labels = new IdentityHashMap<>();
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < 300; i++) {
            BenchEvent e = new BenchEvent();
            labels.put(e, next++);
            add.accept(e, (long) r.nextInt(20));
        }
        for (int step = 0; step < 20_000; step++) {
            long now = peekTime.get();
            BenchEvent e = poll.get();
            out.add(labels.get(e));
            add.accept(e, now + r.nextInt(4)); // delays 0..3: lots of ties, some at "now"
            if (step % 4 == 0) {
                BenchEvent extra = new BenchEvent();
                labels.put(extra, next++);
                add.accept(extra, now + r.nextInt(3));
            }
            if (step % 5 == 0) {
                out.add(labels.get(poll.get()));
            }
        }
        return out;
    }

    private static List<Integer> reference() {
        EventQueue q = new EventQueue();
        return run(q::add, () -> (BenchEvent) q.poll(), q::peekTime);
    }

    @Test
    void binaryHeapOrdersLikeEventQueue() {
        BinaryHeapEventQueue q = new BinaryHeapEventQueue();
        assertEquals(reference(), run(q::add, q::poll, q::peekTime));
    }

    @Test
    void priorityQueueVariantOrdersLikeEventQueue() {
        java.util.PriorityQueue<BenchEvent> q = new java.util.PriorityQueue<>(BenchEvent.PQ_ORDER);
        long[] seq = {0};
        assertEquals(reference(), run((e, t) -> {
            e.pqTime = t;
            e.pqSeq = seq[0]++;
            q.add(e);
        }, q::poll, () -> q.peek().pqTime));
    }

    @Test
    void binaryHeapRemoveAndRearm() {
        BinaryHeapEventQueue b = new BinaryHeapEventQueue();
        EventQueue q = new EventQueue();
        SplittableRandom r = new SplittableRandom(3);
        BenchEvent[] be = new BenchEvent[200];
        BenchEvent[] qe = new BenchEvent[200];
        Map<Event, Integer> label = new IdentityHashMap<>();
        for (int i = 0; i < be.length; i++) {
            be[i] = new BenchEvent();
            qe[i] = new BenchEvent();
            label.put(be[i], i);
            label.put(qe[i], i);
            long t = r.nextInt(50);
            b.add(be[i], t);
            q.add(qe[i], t);
        }
        for (int k = 0; k < 2_000; k++) {
            int i = r.nextInt(be.length);
            switch (r.nextInt(3)) {
                case 0 -> assertEquals(q.remove(qe[i]), b.remove(be[i]));
                case 1 -> {
                    long t = r.nextInt(50);
                    b.add(be[i], t);
                    q.add(qe[i], t);
                }
                default -> {
                    assertEquals(q.peekTime(), b.peekTime());
                    Event x = q.poll();
                    BenchEvent y = b.poll();
                    assertEquals(x == null ? null : label.get(x), y == null ? null : label.get(y));
                }
            }
            assertEquals(q.size(), b.size());
        }
    }
}
