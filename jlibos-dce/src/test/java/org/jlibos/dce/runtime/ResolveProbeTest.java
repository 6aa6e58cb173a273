package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.ResolveProbe;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Names as an unmodified program sees them on a simulated host. */
class ResolveProbeTest {

    @Test
    void nodeNamesLocalhostAndTheLocalHost() {
        DceWorld w = new DceWorld(1);
        SimProcess p = DceWorld.java(w.h2, "probe", 0, ResolveProbe.class, "h1", "h2", "localhost", "r1", "nowhere");
        w.sim.runUntilIdle();
        assertEquals("""
                h1 -> h1/10.0.1.1 isa unresolved=false
                h2 -> h2/10.0.3.2 isa unresolved=false
                localhost -> localhost/127.0.0.1 isa unresolved=false
                r1 -> r1/10.0.1.2 isa unresolved=false
                nowhere -> java.net.UnknownHostException: nowhere: Name or service not known (resolving on simulated node h2)
                localhost h2/10.0.3.2
                """, p.stdout().text());
        assertEquals(0, p.exitStatus());
    }
}
