package org.jlibos.sim.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void runsInTimeOrderAndAdvancesClockToLimit() {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        sim.schedule(300, "c", () -> log.add("c@" + sim.now()));
        sim.schedule(100, "a", () -> log.add("a@" + sim.now()));
        sim.schedule(100, "b", () -> {
            log.add("b@" + sim.now());
            sim.schedule(sim.now(), "b2", () -> log.add("b2@" + sim.now()));
        });
        sim.schedule(5000, "late", () -> log.add("late"));
        assertEquals(Simulator.StopReason.TIME_LIMIT, sim.runUntil(1000));
        assertEquals(List.of("a@100", "b@100", "b2@100", "c@300"), log);
        assertEquals(1000, sim.now());
        assertEquals(4, sim.eventsDispatched());
        assertEquals(1, sim.pendingEvents());
        assertEquals(Simulator.StopReason.IDLE, sim.runUntil(Long.MAX_VALUE));
        assertEquals(5000, sim.now());
    }

    @Test
    void cancelledEventsNeverRun() {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        Event a = sim.schedule(10, "a", () -> log.add("a"));
        sim.schedule(5, "cancel a", () -> assertTrue(sim.cancel(a)));
        sim.runUntil(100);
        assertEquals(List.of(), log);
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Simulator sim = new Simulator();
        List<Long> log = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long t = i * 10L;
            sim.schedule(t, "tick", () -> {
                log.add(t);
                if (t == 30) {
                    sim.stop();
                }
            });
        }
        assertEquals(Simulator.StopReason.STOPPED, sim.runUntil(1000));
        assertEquals(List.of(10L, 20L, 30L), log);
        assertEquals(30, sim.now());
    }

    @Test
    void refusesThePastAndNegativeDelays() {
        Simulator sim = new Simulator();
        sim.runUntil(50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.schedule(49, "x", () -> { }));
        assertEquals("cannot schedule x at 49 ns: the clock is already at 50 ns", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAfter(new Event() {
            @Override
            protected void fire() {
            }
        }, -1));
    }

    @Test
    void sameScheduleGivesSameTraceHash() {
        assertEquals(hashOf(7), hashOf(7));
        assertTrue(hashOf(7) != hashOf(8));
    }

    @Test
    void eventsForTheCurrentInstantKeepInsertionOrderWithHeapEvents() {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        Event late = sim.schedule(200, "late", () -> log.add("late@" + sim.now()));
        sim.schedule(100, "b", () -> log.add("b"));
        sim.schedule(50, "a", () -> {
            log.add("a");
            // Same instant as 'b' only later; scheduled at 'now' they must still run after 'b'.
            sim.schedule(100, "c", () -> {
                log.add("c");
                sim.schedule(sim.now(), "e", () -> log.add("e"));
            });
        });
        sim.schedule(100, "d", () -> {
            log.add("d");
            Event x = sim.schedule(sim.now(), "x", () -> log.add("x"));
            assertTrue(sim.cancel(x));
            sim.schedule(late, sim.now()); // move 'late' into this instant
            Event y = sim.schedule(sim.now(), "y", () -> log.add("y@" + sim.now()));
            sim.schedule(y, 150); // and 'y' out of it
        });
        sim.runUntil(1000);
        assertEquals(List.of("a", "b", "d", "c", "late@100", "e", "y@150"), log);
        assertEquals(0, sim.pendingEvents());
    }

    @Test
    void timeThatStopsAdvancingIsReported() {
        Simulator sim = new Simulator();
        sim.setMaxEventsPerInstant(1000);
        Event loop = new Event() {
            @Override
            protected void fire() {
                sim.schedule(this, sim.now());
            }

            @Override
            public String describe() {
                return "zero-delay loop";
            }
        };
        sim.schedule(loop, 7);
        NoProgressException e = assertThrows(NoProgressException.class, () -> sim.runUntil(100));
        assertEquals("no progress in virtual time: 1001 events at t=7 ns without the clock advancing (last: zero-delay loop)",
                e.getMessage());
    }

    private static long hashOf(long delay) {
        Simulator sim = new Simulator();
        for (int i = 0; i < 10; i++) {
            sim.schedule(i * delay, "e", () -> { });
        }
        sim.runUntil(Long.MAX_VALUE);
        return sim.traceHash();
    }
}
