package org.jlibos.packetdrill.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jlibos.packetdrill.script.PacketSpec.Direction;
import org.jlibos.packetdrill.script.PacketSpec.IpInfo;
import org.jlibos.packetdrill.script.Token.Kind;

/**
 * Parses a packetdrill script into a {@link Script}, following the grammar of packetdrill's
 * {@code parser.y} for the constructs the TCP corpus uses (README §5). Errors name the line and
 * what was expected. Defines ({@code -D SYM=val}, {@code --define=SYM=val}) replace WORD tokens
 * before they are parsed, as packetdrill does.
 */
public final class Parser {

    private final String path;
    private final List<Token> tokens;
    private final Map<String, String> defines;
    private int pos;

    private Parser(String path, List<Token> tokens, Map<String, String> defines) {
        this.path = path;
        this.tokens = tokens;
        this.defines = new LinkedHashMap<>(defines);
    }

    /** Parses the file at {@code file}. */
    public static Script parse(Path file, Map<String, String> defines) throws IOException, ScriptParseException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), defines);
    }

    /** Parses {@code source}; {@code path} is only used in the result and in messages. */
    public static Script parse(String path, String source, Map<String, String> defines) throws ScriptParseException {
        Lexer.Result lexed = Lexer.lex(source);
        Parser p = new Parser(path, lexed.tokens(), defines);
        Script s = p.script();
        int expectedLine = 0;
        if (lexed.failureMarkerLine() > 0) {
            for (Event e : s.events()) {
                if (e.line() > lexed.failureMarkerLine()) {
                    expectedLine = e.line();
                    break;
                }
            }
            if (expectedLine == 0 && s.cleanupCommand() != null) {
                expectedLine = s.cleanupCommand().line();
            }
        }
        return new Script(s.path(), s.options(), s.initCommand(), s.events(), s.cleanupCommand(), expectedLine,
                expectedLine > 0 ? lexed.failureMarkerText() : null);
    }

    public static Script parse(String path, String source) throws ScriptParseException {
        return parse(path, source, Map.of());
    }

    // ---- script structure -----------------------------------------------------------------

    private Script script() throws ScriptParseException {
        List<Script.ScriptOption> options = new ArrayList<>();
        Script.Command init = null;
        Script.Command cleanup = null;
        List<Event> events = new ArrayList<>();
        while (peek().is(Kind.OPTION)) {
            Token t = next();
            int eq = t.text().indexOf('=');
            String name = eq < 0 ? t.text() : t.text().substring(0, eq);
            String value = eq < 0 ? null : t.text().substring(eq + 1);
            options.add(new Script.ScriptOption(name, value, t.line()));
            if (name.equals("define") && value != null) {
                addDefine(value, t.line());
            }
        }
        while (!peek().is(Kind.EOF)) {
            Token t = peek();
            if (t.is(Kind.OPTION)) {
                throw error(t, "options (--" + t.text() + ") must come before the first event");
            }
            if (t.is(Kind.COMMAND)) {
                next();
                if (events.isEmpty() && init == null) {
                    init = new Script.Command(t.text(), t.line());
                } else if (cleanup == null) {
                    cleanup = new Script.Command(t.text(), t.line());
                } else {
                    throw error(t, "a command without a time must be the init command (before the first event) "
                            + "or the cleanup command (after the last event)");
                }
                continue;
            }
            if (cleanup != null) {
                throw error(t, "event after the cleanup command (a command without a time must be last)");
            }
            events.add(event());
        }
        return new Script(path, options, init, events, cleanup, 0, null);
    }

    private void addDefine(String text, int line) throws ScriptParseException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ScriptParseException(line, "define needs SYM=value: " + text);
        }
        defines.put(text.substring(0, eq), text.substring(eq + 1));
    }

    private Event event() throws ScriptParseException {
        Token first = peek();
        int line = first.line();
        EventTime time = eventTime();
        long blockingEnd = -1;
        if (peek().is(Kind.ELLIPSIS)) {
            next();
            if (time.type() != EventTime.Type.ABSOLUTE && time.type() != EventTime.Type.RELATIVE) {
                throw error(peek(), "a blocking system call needs a plain start time before '...'");
            }
            blockingEnd = number("the end time of a blocking call");
        }
        Token t = peek();
        if (t.is(Kind.LESS) || t.is(Kind.GREATER)) {
            if (blockingEnd >= 0) {
                throw error(t, "'...' end times are only allowed for system calls");
            }
            PacketSpec packet = packet();
            if (packet.direction() == Direction.INBOUND && (time.isRange() || time.type() == EventTime.Type.ANY)) {
                throw new ScriptParseException(line, "time ranges and '*' are only allowed for outbound packets");
            }
            return new Event.Packet(line, time, packet);
        }
        if (t.is(Kind.COMMAND)) {
            next();
            checkPlainTime(time, blockingEnd, line, "commands");
            return new Event.ShellCommand(line, time, t.text());
        }
        if (t.is(Kind.CODE)) {
            next();
            checkPlainTime(time, blockingEnd, line, "code blocks");
            return new Event.Code(line, time, t.text());
        }
        if (t.is(Kind.WORD) && peek(1).is(Kind.LPAREN)) {
            checkPlainTime(time, -1, line, "system calls");
            return syscall(line, time, blockingEnd);
        }
        throw error(t, "expected a packet ('<' or '>'), a system call, a `command` or a %{ code }% block");
    }

    private static void checkPlainTime(EventTime time, long blockingEnd, int line, String what)
            throws ScriptParseException {
        if (time.isRange() || time.type() == EventTime.Type.ANY) {
            throw new ScriptParseException(line, "time ranges and '*' are only allowed for outbound packets, not " + what);
        }
        if (blockingEnd >= 0) {
            throw new ScriptParseException(line, "'...' end times are only allowed for system calls");
        }
    }

    private EventTime eventTime() throws ScriptParseException {
        if (peek().is(Kind.STAR)) {
            next();
            return EventTime.any();
        }
        boolean relative = false;
        if (peek().is(Kind.PLUS)) {
            next();
            relative = true;
        }
        long start = number("an event time");
        if (peek().is(Kind.TILDE)) {
            next();
            boolean endRelative = false;
            if (peek().is(Kind.PLUS)) {
                next();
                endRelative = true;
            }
            long end = number("the end of a time range");
            if (relative != endRelative) {
                throw error(peek(), "both ends of a time range must be relative (+a~+b) or absolute (a~b)");
            }
            if (end < start) {
                throw error(peek(), "time range ends before it starts");
            }
            return new EventTime(relative ? EventTime.Type.RELATIVE_RANGE : EventTime.Type.ABSOLUTE_RANGE, start, end);
        }
        return relative ? EventTime.relative(start) : EventTime.absolute(start);
    }

    /** A time in seconds (INTEGER or FLOAT), as microseconds. */
    private long number(String what) throws ScriptParseException {
        Token t = peek();
        if (t.is(Kind.INTEGER) || t.is(Kind.FLOAT)) {
            next();
            if (t.text().startsWith("-")) {
                throw error(t, "negative time " + t.text());
            }
            return EventTime.secondsToMicros(t.text());
        }
        throw error(t, "expected " + what + " (seconds)");
    }

    // ---- packets --------------------------------------------------------------------------

    private PacketSpec packet() throws ScriptParseException {
        Token dirToken = next();
        Direction dir = dirToken.is(Kind.LESS) ? Direction.INBOUND : Direction.OUTBOUND;
        IpInfo ip = IpInfo.NONE;
        if (peek().is(Kind.LBRACKET) || (peek().is(Kind.LPAREN) && isIpInfoWord(peek(1)))) {
            ip = ipInfo();
        }
        if (peek().isWord("udp")) {
            next();
            Integer[] ports = optionalPorts();
            expect(Kind.LPAREN, "'(' before the UDP payload length");
            int len = (int) integer("the UDP payload length");
            expect(Kind.RPAREN, "')' after the UDP payload length");
            return new PacketSpec.Udp(dir, ip, ports[0], ports[1], len);
        }
        if (peek().isWord("icmp")) {
            next();
            return icmp(dir, ip);
        }
        Integer[] ports = optionalPorts();
        String flags = flags();
        long seqStart = integer("the start sequence number (start:end(len))");
        expect(Kind.COLON, "':' in start:end(len)");
        long seqEnd = integer("the end sequence number (start:end(len))");
        expect(Kind.LPAREN, "'(' in start:end(len)");
        Token lenToken = peek();
        long len = integer("the payload length (start:end(len))");
        expect(Kind.RPAREN, "')' in start:end(len)");
        if (seqStart < 0 || seqStart > 0xffffffffL || seqEnd < 0 || seqEnd > 0xffffffffL) {
            throw new ScriptParseException(lenToken.line(), "sequence numbers must be 32-bit unsigned values");
        }
        if (((seqStart + len) & 0xffffffffL) != seqEnd) {
            throw new ScriptParseException(lenToken.line(), "inconsistent sequence range " + seqStart + ":" + seqEnd
                    + "(" + len + "): end must be start + length");
        }
        Long ack = null;
        Integer win = null;
        Integer urg = null;
        if (peek().isWord("ack")) {
            next();
            ack = integer("the ack number");
        }
        if (peek().isWord("win")) {
            next();
            win = (int) integer("the window");
        }
        if (peek().isWord("urg")) {
            next();
            urg = (int) integer("the urgent pointer");
        }
        List<TcpOption> options = null;
        boolean any = false;
        if (peek().is(Kind.LESS)) {
            next();
            if (peek().is(Kind.ELLIPSIS)) {
                next();
                any = true;
                if (dir == Direction.INBOUND) {
                    throw new ScriptParseException(dirToken.line(), "<...> (any options) is only allowed for outbound packets");
                }
            } else {
                options = tcpOptions();
            }
            expect(Kind.GREATER, "'>' at the end of the TCP options");
        }
        if (dir == Direction.INBOUND && win == null) {
            throw new ScriptParseException(dirToken.line(), "inbound TCP packets need a window (win N)");
        }
        return new PacketSpec.Tcp(dir, ip, ports[0], ports[1], flags, seqStart, seqEnd, (int) len, ack, win, urg,
                options, any);
    }

    private static boolean isIpInfoWord(Token t) {
        return t.is(Kind.WORD) && switch (t.text()) {
            case "ect0", "ect1", "ect01", "ce", "noecn", "tos", "ttl", "flowlabel" -> true;
            default -> false;
        };
    }

    private IpInfo ipInfo() throws ScriptParseException {
        Token open = next();
        Kind close = open.is(Kind.LBRACKET) ? Kind.RBRACKET : Kind.RPAREN;
        String ecn = null;
        Integer tos = null;
        Integer ttl = null;
        Integer flow = null;
        while (true) {
            Token t = next();
            if (!t.is(Kind.WORD)) {
                throw error(t, "expected ect0, ect1, ect01, ce, noecn, tos, ttl or flowlabel in the IP info");
            }
            switch (t.text()) {
                case "ect0", "ect1", "ect01", "ce", "noecn" -> ecn = t.text();
                case "tos" -> tos = (int) integer("the TOS byte");
                case "ttl" -> ttl = (int) integer("the TTL");
                case "flowlabel" -> flow = (int) integer("the flow label");
                default -> throw error(t, "unknown IP info '" + t.text() + "'");
            }
            if (peek().is(Kind.COMMA)) {
                next();
                continue;
            }
            expect(close, "'" + (close == Kind.RBRACKET ? "]" : ")") + "' after the IP info");
            return new IpInfo(ecn, tos, ttl, flow);
        }
    }

    private Integer[] optionalPorts() throws ScriptParseException {
        if (peek().is(Kind.INTEGER) && peek(1).is(Kind.GREATER) && peek(2).is(Kind.INTEGER)) {
            int src = (int) next().value();
            next();
            int dst = (int) next().value();
            return new Integer[] {src, dst};
        }
        return new Integer[] {null, null};
    }

    /** Flags: a WORD of flag letters or ACE digits, optionally followed by '.', or '.' alone, or '-'. */
    private String flags() throws ScriptParseException {
        Token t = peek();
        if (t.is(Kind.DOT)) {
            next();
            return ".";
        }
        if (t.is(Kind.MINUS)) {
            next();
            return "-";
        }
        if (t.is(Kind.WORD) || (t.is(Kind.INTEGER) && t.text().length() == 1)) {
            next();
            String f = t.text();
            for (char c : f.toCharArray()) {
                if ("FSRPEWAU01234567".indexOf(c) < 0) {
                    throw error(t, "unknown TCP flag '" + c + "' in '" + f + "' (flags are F S R P . E W A U, "
                            + "ACE digits 0-7, or - for none)");
                }
            }
            if (peek().is(Kind.DOT)) {
                next();
                f += ".";
            }
            return f;
        }
        throw error(t, "expected TCP flags (S, S., ., P., F., R, R., -, ...), 'udp' or 'icmp'");
    }

    private List<TcpOption> tcpOptions() throws ScriptParseException {
        List<TcpOption> list = new ArrayList<>();
        while (true) {
            Token t = next();
            if (!t.is(Kind.WORD)) {
                throw error(t, "expected a TCP option (mss, sackOK, TS, nop, wscale, sack, eol, md5, FO, FOEXP)");
            }
            switch (t.text()) {
                case "nop" -> list.add(new TcpOption.Nop());
                case "eol" -> list.add(new TcpOption.Eol());
                case "mss" -> list.add(new TcpOption.Mss((int) integer("the MSS value")));
                case "wscale" -> list.add(new TcpOption.WindowScale((int) integer("the window scale shift")));
                case "sackOK" -> list.add(new TcpOption.SackPermitted());
                case "sack" -> {
                    List<long[]> blocks = new ArrayList<>();
                    while (peek().is(Kind.INTEGER)) {
                        long l = integer("a SACK left edge");
                        expect(Kind.COLON, "':' in a SACK block L:R");
                        long r = integer("a SACK right edge");
                        blocks.add(new long[] {l, r});
                    }
                    list.add(new TcpOption.Sack(blocks));
                }
                case "TS" -> {
                    expectWord("val", "'val' after TS");
                    long val = integer("the TS value");
                    expectWord("ecr", "'ecr' after the TS value");
                    long ecr = integer("the TS echo reply");
                    list.add(new TcpOption.Timestamp(val, ecr));
                }
                case "md5" -> list.add(new TcpOption.Md5(hexText("the MD5 signature")));
                case "FO", "FOEXP" -> {
                    String cookie = "";
                    if (peek().is(Kind.WORD) || peek().is(Kind.INTEGER) || peek().is(Kind.HEX)) {
                        if (!(peek().is(Kind.WORD) && isOptionKeyword(peek().text()))) {
                            cookie = hexText("the Fast Open cookie");
                        }
                    }
                    list.add(new TcpOption.FastOpen(cookie, t.text().equals("FOEXP")));
                }
                default -> throw error(t, "unsupported TCP option '" + t.text() + "'");
            }
            if (peek().is(Kind.COMMA)) {
                next();
                continue;
            }
            return list;
        }
    }

    private static boolean isOptionKeyword(String w) {
        return switch (w) {
            case "nop", "eol", "mss", "wscale", "sackOK", "sack", "TS", "md5", "FO", "FOEXP", "ECN" -> true;
            default -> false;
        };
    }

    private String hexText(String what) throws ScriptParseException {
        Token t = next();
        String text = t.text();
        if (t.is(Kind.HEX)) {
            text = text.substring(2);
        } else if (!t.is(Kind.WORD) && !t.is(Kind.INTEGER)) {
            throw error(t, "expected " + what + " in hex");
        }
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0) || text.length() % 2 != 0) {
            throw error(t, "expected " + what + " as an even number of hex digits, got " + text);
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    private PacketSpec.Icmp icmp(Direction dir, IpInfo ip) throws ScriptParseException {
        Token type = next();
        if (!type.is(Kind.WORD)) {
            throw error(type, "expected an ICMP type (unreachable, time_exceeded, echo_request, type_N, ...)");
        }
        String code = null;
        Long mtu = null;
        Long id = null;
        if (peek().is(Kind.WORD) && !peek().isWord("mtu") && !peek().isWord("id")) {
            code = next().text();
        }
        if (peek().isWord("mtu")) {
            next();
            mtu = integer("the MTU");
        }
        if (peek().isWord("id")) {
            next();
            id = integer("the ICMP id");
        }
        PacketSpec.Echoed echoed = null;
        if (peek().is(Kind.LBRACKET)) {
            next();
            if (peek().isWord("udp") || peek().isWord("raw")) {
                String proto = next().text();
                expect(Kind.LPAREN, "'(' before the quoted length");
                int len = (int) integer("the quoted length");
                expect(Kind.RPAREN, "')'");
                echoed = new PacketSpec.Echoed(proto, 0, 0, len);
            } else {
                long s = integer("the quoted TCP start sequence");
                expect(Kind.COLON, "':' in start:end(len)");
                long e = integer("the quoted TCP end sequence");
                expect(Kind.LPAREN, "'(' in start:end(len)");
                int len = (int) integer("the quoted TCP payload length");
                expect(Kind.RPAREN, "')' in start:end(len)");
                echoed = new PacketSpec.Echoed("tcp", s, e, len);
            }
            expect(Kind.RBRACKET, "']' after the quoted packet");
        }
        return new PacketSpec.Icmp(dir, ip, type.text(), code, mtu, id, echoed);
    }

    // ---- system calls ---------------------------------------------------------------------

    private Event.Syscall syscall(int line, EventTime time, long blockingEnd) throws ScriptParseException {
        String name = next().text();
        expect(Kind.LPAREN, "'(' after " + name);
        List<Expression> args = new ArrayList<>();
        if (!peek().is(Kind.RPAREN)) {
            args.add(expression());
            while (peek().is(Kind.COMMA)) {
                next();
                args.add(expression());
            }
        }
        expect(Kind.RPAREN, "')' or ',' in the arguments of " + name);
        expect(Kind.EQUALS, "'= <result>' after " + name + "(...)");
        Expression result = expression();
        String errno = null;
        if (peek().is(Kind.WORD)) {
            errno = next().text();
        }
        while (peek().is(Kind.LPAREN)) {
            skipNote();
        }
        return new Event.Syscall(line, time, blockingEnd, name, args, result, errno);
    }

    /** Free text in parentheses after a result, e.g. {@code (Operation now in progress)}: ignored. */
    private void skipNote() throws ScriptParseException {
        Token open = next();
        int depth = 1;
        while (depth > 0) {
            Token t = tokens.get(pos);
            if (t.is(Kind.EOF)) {
                throw error(open, "unterminated '(' note");
            }
            pos++;
            if (t.is(Kind.LPAREN)) {
                depth++;
            } else if (t.is(Kind.RPAREN)) {
                depth--;
            }
        }
    }

    private Expression expression() throws ScriptParseException {
        Expression e = primary();
        while (peek().is(Kind.PIPE)) {
            next();
            e = new Expression.BitwiseOr(e, primary());
        }
        return e;
    }

    private Expression primary() throws ScriptParseException {
        Token t = next();
        switch (t.kind()) {
            case ELLIPSIS:
                return new Expression.Ellipsis();
            case INTEGER:
            case HEX:
                return new Expression.IntegerValue(t.value(), t.text());
            case STRING: {
                StringBuilder sb = new StringBuilder(t.text());
                while (peek().is(Kind.STRING)) {
                    sb.append(next().text());
                }
                return new Expression.StringValue(sb.toString());
            }
            case WORD:
                if (peek().is(Kind.LPAREN)) {
                    next();
                    List<Expression> args = new ArrayList<>();
                    if (!peek().is(Kind.RPAREN)) {
                        args.add(expression());
                        while (peek().is(Kind.COMMA)) {
                            next();
                            args.add(expression());
                        }
                    }
                    expect(Kind.RPAREN, "')' after the arguments of " + t.text());
                    return new Expression.Call(t.text(), args);
                }
                return new Expression.Symbol(t.text());
            case LBRACKET: {
                List<Expression> elements = new ArrayList<>();
                if (!peek().is(Kind.RBRACKET)) {
                    elements.add(expression());
                    while (peek().is(Kind.COMMA)) {
                        next();
                        elements.add(expression());
                    }
                }
                expect(Kind.RBRACKET, "']' or ',' in a list");
                return new Expression.ListValue(elements);
            }
            case LBRACE: {
                List<Expression.Field> fields = new ArrayList<>();
                if (!peek().is(Kind.RBRACE)) {
                    fields.add(field());
                    while (peek().is(Kind.COMMA)) {
                        next();
                        fields.add(field());
                    }
                }
                expect(Kind.RBRACE, "'}' or ',' in a struct");
                return new Expression.StructValue(fields);
            }
            default:
                throw error(t, "expected an expression (number, symbol, ..., \"string\", [list] or {struct})");
        }
    }

    private Expression.Field field() throws ScriptParseException {
        Token t = peek();
        if (t.is(Kind.WORD) && peek(1).is(Kind.EQUALS)) {
            next();
            next();
            return new Expression.Field(t.text(), null, expression());
        }
        if (t.is(Kind.WORD) && peek(1).is(Kind.LPAREN)) {
            int close = matchingParen(pos + 1);
            if (close > 0 && tokens.get(close + 1).is(Kind.EQUALS)) {
                next();
                next();
                Expression index = expression();
                expect(Kind.RPAREN, "')' after the field index");
                expect(Kind.EQUALS, "'=' after " + t.text() + "(...)");
                return new Expression.Field(t.text(), index, expression());
            }
        }
        return new Expression.Field(null, null, expression());
    }

    private int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is(Kind.LPAREN)) {
                depth++;
            } else if (t.is(Kind.RPAREN)) {
                if (--depth == 0) {
                    return i;
                }
            } else if (t.is(Kind.EOF)) {
                return -1;
            }
        }
        return -1;
    }

    // ---- token helpers --------------------------------------------------------------------

    private long integer(String what) throws ScriptParseException {
        Token t = next();
        if (t.is(Kind.INTEGER) || t.is(Kind.HEX)) {
            return t.value();
        }
        throw error(t, "expected " + what);
    }

    private void expect(Kind kind, String what) throws ScriptParseException {
        Token t = next();
        if (!t.is(kind)) {
            throw error(t, "expected " + what);
        }
    }

    private void expectWord(String word, String what) throws ScriptParseException {
        Token t = next();
        if (!t.isWord(word)) {
            throw error(t, "expected " + what);
        }
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        int i = Math.min(pos + ahead, tokens.size() - 1);
        return substitute(tokens.get(i));
    }

    private Token next() {
        Token t = substitute(tokens.get(pos));
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    /** Applies a define to a WORD token: a quoted value becomes a string, a number an integer. */
    private Token substitute(Token t) {
        if (!t.is(Kind.WORD) || defines.isEmpty()) {
            return t;
        }
        String v = defines.get(t.text());
        if (v == null) {
            return t;
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return new Token(Kind.STRING, v.substring(1, v.length() - 1), 0, t.line());
        }
        if (v.length() >= 2 && v.startsWith("`") && v.endsWith("`")) {
            return new Token(Kind.COMMAND, v.substring(1, v.length() - 1), 0, t.line());
        }
        if (v.matches("-?[0-9]+")) {
            return new Token(Kind.INTEGER, v, Long.parseLong(v), t.line());
        }
        if (v.matches("0[xX][0-9a-fA-F]+")) {
            return new Token(Kind.HEX, v, Long.parseUnsignedLong(v.substring(2), 16), t.line());
        }
        return new Token(Kind.WORD, v, 0, t.line());
    }

    private ScriptParseException error(Token t, String message) {
        return new ScriptParseException(t.line(), message + ", got " + t.describe());
    }
}
