package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.StandardStreams;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** System.setOut and the default uncaught-exception handler belong to the simulated process. */
class StandardStreamsTest {

    @Test
    void redirectionAndDefaultHandlerArePerProcess() {
        java.io.PrintStream jvmOut = System.out;
        DceWorld w = new DceWorld(1);
        SimProcess a = DceWorld.java(w.h1, "a", 0, StandardStreams.class);
        SimProcess b = DceWorld.java(w.h2, "b", 0, StandardStreams.class);
        w.sim.runUntilIdle();
        String expected = """
                captured: captured line
                handler saw boom in failing
                default handler set: true
                """;
        assertEquals(expected, a.stdout().text());
        assertEquals(expected, b.stdout().text());
        assertEquals("", a.stderr().text());
        // The JVM hosting the simulation kept its own stream and has no default handler.
        assertEquals(jvmOut, System.out);
        assertNull(Thread.getDefaultUncaughtExceptionHandler());
    }
}
