package org.jlibos.dce.programs;

/**
 * Sleeps inside a static initializer. A virtual thread cannot unmount while it initializes a
 * class, so this blocks the simulation's carrier thread: jlibos must report it, with the stack.
 */
public final class PinningInitializer {

    static final class Slow {
        static final long LOADED;

        static {
            try {
                Thread.sleep(Long.getLong("pin.millis", 3000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOADED = 1;
        }
    }

    public static void main(String[] args) {
        System.out.println("loaded " + Slow.LOADED);
    }
}
