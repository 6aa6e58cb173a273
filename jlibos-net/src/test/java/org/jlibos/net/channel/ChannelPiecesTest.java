package org.jlibos.net.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.net.lan.MacTable;
import org.jlibos.sim.event.Simulator;
import org.junit.jupiter.api.Test;

class ChannelPiecesTest {

    /** Records its name and passes the frame on. */
    private static final class Mark extends FrameStage {
        private final String name;
        private final List<String> trail;

        Mark(String name, List<String> trail) {
            this.name = name;
            this.trail = trail;
        }

        @Override
        public void accept(PacketBuffer frame) {
            trail.add(name);
            if (next() != null) {
                pass(frame);
            }
        }
    }

    private static PacketBuffer frame(int length) {
        return PacketBuffer.copyOf(new byte[length], 0, length);
    }

    @Test
    void chainsRunOuterThenInnerStagesWhateverTheOrderTheyWereAdded() {
        List<String> trail = new ArrayList<>();
        StageChain chain = new StageChain(new Mark("terminal", trail));
        chain.addInner(new Mark("tap", trail));
        chain.addOuter(new Mark("loss", trail));
        chain.addOuter(new Mark("jitter", trail));
        chain.addInner(new Mark("tap2", trail));
        chain.entry().accept(frame(20));
        assertEquals(List.of("loss", "jitter", "tap", "tap2", "terminal"), trail);
        assertEquals(4, chain.stages().size());
    }

    @Test
    void delayLineKeepsOrderWhenTheDelayShrinks() {
        Simulator sim = new Simulator();
        List<String> trail = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        DelayLine line = new DelayLine(sim, "test", 1_000);
        line.linkTo(new FrameStage() {
            @Override
            public void accept(PacketBuffer f) {
                trail.add("len" + f.length());
                times.add(sim.now());
            }
        });
        sim.schedule(0, "a", () -> line.accept(frame(1)));
        sim.schedule(100, "shrink", () -> line.setDelay(10));
        sim.schedule(100, "b", () -> line.accept(frame(2)));
        sim.schedule(2_000, "c", () -> line.accept(frame(3)));
        sim.runUntil(Long.MAX_VALUE);
        assertEquals(List.of("len1", "len2", "len3"), trail);
        assertEquals(List.of(1_000L, 1_000L, 2_010L), times);
        assertThrows(IllegalArgumentException.class, () -> line.setDelay(-1));
    }

    @Test
    void transmitterRefusesASecondFrameWhileBusy() {
        Simulator sim = new Simulator();
        Channel c = new Channel(sim, "x>y", 1_000_000, 0, 1514);
        c.connect(() -> { }, new FrameStage() {
            @Override
            public void accept(PacketBuffer f) {
            }
        });
        c.input().accept(frame(100));
        assertThrows(IllegalStateException.class, () -> c.input().accept(frame(100)));
        assertThrows(IllegalArgumentException.class, () -> c.setRate(0));
    }

    @Test
    void macTableLearnsMovesGrowsAndAges() {
        MacTable t = new MacTable(1_000);
        for (int i = 0; i < 500; i++) {
            t.learn(0x0200_0000_0000L + i, i % 7, 0);
        }
        assertEquals(500, t.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i % 7, t.lookup(0x0200_0000_0000L + i, 500));
        }
        t.learn(0x0200_0000_0000L, 9, 600);
        assertEquals(9, t.lookup(0x0200_0000_0000L, 1_600));
        assertEquals(500, t.size());
        assertEquals(-1, t.lookup(0x0200_0000_0001L, 1_001), "aged out after 1000 ns");
        assertEquals(-1, t.lookup(0x0200_0000_9999L, 0));
        assertEquals(-1, t.lookup(0, 0));
    }
}
