package org.jlibos.dce.programs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Never blocks: the simulation's watchdog must stop the run and name this loop. It never
 * yields to the simulation, so it would spin on after the run is abandoned; the test ends it
 * by creating {@code args[0]} (a real file), which the loop checks now and then.
 */
public final class Spinner {

    public static void main(String[] args) {
        Path stop = Path.of(args[0]);
        System.out.println("spinning");
        long x = 0;
        for (long i = 0; ; i++) {
            x = spin(x);
            if ((i & 0xfffff) == 0 && Files.exists(stop)) {
                break;
            }
        }
        System.out.println(x);
    }

    private static long spin(long x) {
        return (x * 31 + 7) & 0x7fffffffffffL;
    }
}
