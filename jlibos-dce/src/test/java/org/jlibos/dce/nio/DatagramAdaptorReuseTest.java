package org.jlibos.dce.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.DatagramAdaptorReuse;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

class DatagramAdaptorReuseTest {

    @Test
    void aReusedPacketTakesALongDatagramAfterAShortOne() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h1, "reuse", 0, DatagramAdaptorReuse.class);
        w.sim.runUntilIdle();
        assertEquals("hi (2)\na much longer datagram (22)\na muc (5)\n", p.stdout().text());
        assertEquals(0, p.exitStatus());
    }
}
