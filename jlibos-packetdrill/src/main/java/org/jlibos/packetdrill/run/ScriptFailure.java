package org.jlibos.packetdrill.run;

/** The first mismatch of a script run: the script line and what differed. */
final class ScriptFailure extends Exception {

    private final int line;

    ScriptFailure(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    /** The script line the failure belongs to (0 when it belongs to no line). */
    int line() {
        return line;
    }
}
