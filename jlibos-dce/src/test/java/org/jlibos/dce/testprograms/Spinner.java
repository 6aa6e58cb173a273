package org.jlibos.dce.testprograms;

/** Never blocks: the simulation's watchdog must stop it and name this loop. */
public final class Spinner {

    public static void main(String[] args) {
        System.out.println("spinning");
        long x = 0;
        while (x >= 0) {
            x = spin(x);
        }
        System.out.println(x);
    }

    private static long spin(long x) {
        return (x * 31 + 7) & 0x7fffffffffffL;
    }
}
