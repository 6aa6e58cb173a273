package org.jlibos.packetdrill.script;

import java.util.List;

/**
 * A system-call argument or expected value (README §5.10): integers, symbols, {@code ...},
 * strings, {@code [a, b]} lists, {@code {name=value, ...}} structs, {@code a|b} and calls such as
 * {@code inet_addr("...")}.
 */
public sealed interface Expression {

    /** {@code ...}: "whatever the interpreter fills in". */
    record Ellipsis() implements Expression {
        @Override
        public String toString() {
            return "...";
        }
    }

    /** A decimal or hex integer; {@code text} keeps how it was written. */
    record IntegerValue(long value, String text) implements Expression {
        public IntegerValue(long value) {
            this(value, Long.toString(value));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A symbolic name such as {@code SOCK_STREAM} or {@code NULL}, resolved when the script runs. */
    record Symbol(String name) implements Expression {
        @Override
        public String toString() {
            return name;
        }
    }

    record StringValue(String value) implements Expression {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }

    record ListValue(List<Expression> elements) implements Expression {
        public ListValue {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return "[" + join(elements) + "]";
        }
    }

    /** {@code {a=1, b(2)=3, 4}}: named fields (optionally with an index) and positional ones. */
    record StructValue(List<Field> fields) implements Expression {
        public StructValue {
            fields = List.copyOf(fields);
        }

        /** The value of the field called {@code name}, or null. */
        public Expression field(String name) {
            for (Field f : fields) {
                if (name.equals(f.name())) {
                    return f.value();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "{" + join(fields) + "}";
        }
    }

    /**
     * A struct field: {@code name=value}, {@code name(index)=value} (as in
     * {@code msg_iov(1)=[...]}), or a positional {@code value} when name is null.
     */
    record Field(String name, Expression index, Expression value) {
        @Override
        public String toString() {
            if (name == null) {
                return value.toString();
            }
            return name + (index == null ? "" : "(" + index + ")") + "=" + value;
        }
    }

    /** {@code a|b}. */
    record BitwiseOr(Expression left, Expression right) implements Expression {
        @Override
        public String toString() {
            return left + "|" + right;
        }
    }

    /** {@code name(args)}, such as {@code inet_addr("192.0.2.1")} or {@code htons(8080)}. */
    record Call(String name, List<Expression> args) implements Expression {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return name + "(" + join(args) + ")";
        }
    }

    private static String join(List<?> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(items.get(i));
        }
        return sb.toString();
    }
}
