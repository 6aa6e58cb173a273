package org.jlibos.packetdrill.script;

/** A script that does not follow the packetdrill grammar; the message names the line. */
public final class ScriptParseException extends Exception {

    private final int line;
    private final String detail;

    public ScriptParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
        this.detail = message;
    }

    /** The message without the line number. */
    public String detail() {
        return detail;
    }

    /** The 1-based line of the offending token. */
    public int line() {
        return line;
    }
}
