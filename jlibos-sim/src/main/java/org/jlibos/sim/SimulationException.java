package org.jlibos.sim;

/** A run could not go on: an event failed, the watchdog fired, or time stopped advancing. */
public class SimulationException extends RuntimeException {

    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
