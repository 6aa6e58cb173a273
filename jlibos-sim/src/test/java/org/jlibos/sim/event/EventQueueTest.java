package org.jlibos.sim.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EventQueueTest {

    static final class Tagged extends Event {
        final int tag;
        final long insertion;

        Tagged(int tag, long insertion) {
            this.tag = tag;
            this.insertion = insertion;
        }

        @Override
        protected void fire() {
        }
    }

    @Test
    void ordersByTimeThenInsertion() {
        EventQueue q = new EventQueue();
        Tagged a = new Tagged(1, 0);
        Tagged b = new Tagged(2, 1);
        Tagged c = new Tagged(3, 2);
        Tagged d = new Tagged(4, 3);
        q.add(a, 20);
        q.add(b, 10);
        q.add(c, 20);
        q.add(d, 10);
        assertEquals(List.of(2, 4, 1, 3), drain(q));
    }

    @Test
    void removeAndRearm() {
        EventQueue q = new EventQueue();
        Tagged[] es = new Tagged[10];
        for (int i = 0; i < 10; i++) {
            es[i] = new Tagged(i, i);
            q.add(es[i], i * 10L);
        }
        assertTrue(q.remove(es[3]));
        assertFalse(q.remove(es[3]));
        assertFalse(es[3].isScheduled());
        q.add(es[0], 55); // re-arm: moves after 50, before 60
        q.add(es[9], 0);  // re-arm earlier
        assertEquals(List.of(9, 1, 2, 4, 5, 0, 6, 7, 8), drain(q));
        assertNull(q.poll());
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    @Test
    void rearmAtSameTimeRunsAfterEventsAlreadyThere() {
        EventQueue q = new EventQueue();
        Tagged a = new Tagged(1, 0);
        Tagged b = new Tagged(2, 1);
        q.add(a, 5);
        q.add(b, 5);
        q.add(a, 5);
        assertEquals(List.of(2, 1), drain(q));
    }

    @Test
    void matchesSortedReferenceUnderRandomOperations() {
        SplittableRandom rnd = new SplittableRandom(42);
        EventQueue q = new EventQueue();
        List<Tagged> live = new ArrayList<>();
        long seq = 0;
        List<Integer> got = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 100; i++) {
                Tagged t = new Tagged((int) seq, seq);
                seq++;
                t.time = rnd.nextLong(1000);
                q.add(t, t.time);
                live.add(t);
            }
            for (int i = 0; i < 30; i++) {
                Tagged victim = live.remove(rnd.nextInt(live.size()));
                assertTrue(q.remove(victim));
            }
            live.sort(Comparator.<Tagged>comparingLong(Event::time).thenComparingLong(t -> t.insertion));
            for (int i = 0; i < 50; i++) {
                expected.add(live.remove(0).tag);
                got.add(((Tagged) q.poll()).tag);
            }
            assertEquals(live.size(), q.size());
        }
        assertEquals(expected, got);
    }

    private static List<Integer> drain(EventQueue q) {
        List<Integer> out = new ArrayList<>();
        Event e;
        while ((e = q.poll()) != null) {
            out.add(((Tagged) e).tag);
        }
        return out;
    }
}
