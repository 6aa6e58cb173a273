package org.jlibos.packetdrill.script;

import java.util.List;

/**
 * A parsed packetdrill script: header options, the untimed init command, the timed events and
 * the untimed cleanup command (README §5.1).
 *
 * @param path                the file it came from (for messages)
 * @param options             {@code --name=value} lines before the first event, in order
 * @param initCommand         backquoted command before the first event, or null
 * @param events              the events in script order
 * @param cleanupCommand      backquoted command after the last event, or null
 * @param expectedFailureLine line of the first event after a {@code // Failure:} comment
 *                            (packetdrill's self-test convention), or 0 when the script is
 *                            expected to pass
 * @param expectedFailure     the text after {@code // Failure:}, or null
 */
public record Script(String path, List<ScriptOption> options, Command initCommand, List<Event> events,
                     Command cleanupCommand, int expectedFailureLine, String expectedFailure) {

    public Script {
        options = List.copyOf(options);
        events = List.copyOf(events);
    }

    /** An in-script option line such as {@code --tolerance_usecs=10000}; value null when absent. */
    public record ScriptOption(String name, String value, int line) {
    }

    /** A backquoted shell command and the line it starts on. */
    public record Command(String text, int line) {
    }
}
