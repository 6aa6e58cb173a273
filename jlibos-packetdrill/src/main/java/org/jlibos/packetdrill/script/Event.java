package org.jlibos.packetdrill.script;

import java.util.List;

/** One timed line of a script (README §5.1): a packet, a system call, a command or a code block. */
public sealed interface Event permits Event.Packet, Event.Syscall, Event.ShellCommand, Event.Code {

    /** Line of the event's first token. */
    int line();

    EventTime time();

    /** An inbound ({@code <}) or outbound ({@code >}) packet. */
    record Packet(int line, EventTime time, PacketSpec packet) implements Event {
        @Override
        public String toString() {
            return time + " " + packet;
        }
    }

    /**
     * A system call and its expected outcome.
     *
     * @param blockingEndMicros for {@code T...E name(...)}, the expected return time E (with the
     *                          same base as the start); -1 for a call that must not block
     * @param result            the expected return value
     * @param errno             the expected errno name, or null when not checked
     */
    record Syscall(int line, EventTime time, long blockingEndMicros, String name, List<Expression> args,
                   Expression result, String errno) implements Event {

        public Syscall {
            args = List.copyOf(args);
        }

        public boolean isBlocking() {
            return blockingEndMicros >= 0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(time.toString());
            if (isBlocking()) {
                sb.append("...").append(EventTime.formatSeconds(blockingEndMicros));
            }
            sb.append(' ').append(call()).append(" = ").append(result);
            if (errno != null) {
                sb.append(' ').append(errno);
            }
            return sb.toString();
        }

        /** {@code name(arg, ...)} as written. */
        public String call() {
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < args.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(args.get(i));
            }
            return sb.append(')').toString();
        }
    }

    /** A timed backquoted shell command. */
    record ShellCommand(int line, EventTime time, String command) implements Event {
        @Override
        public String toString() {
            return time + " `" + command + "`";
        }
    }

    /** A {@code %{ ... }%} Python block. */
    record Code(int line, EventTime time, String code) implements Event {
        @Override
        public String toString() {
            return time + " %{ " + code + " }%";
        }
    }
}
