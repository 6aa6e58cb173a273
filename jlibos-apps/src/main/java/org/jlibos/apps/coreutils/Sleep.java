package org.jlibos.apps.coreutils;

import java.math.BigDecimal;
import java.util.List;

import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * GNU {@code sleep NUMBER[SUFFIX]...}: pauses for the sum of its arguments in virtual time.
 * SUFFIX is s (seconds, the default), m, h or d; NUMBER may be a decimal.
 */
public final class Sleep implements Program {

    private static final long SECOND = 1_000_000_000L;

    @Override
    public int run(ProcessContext ctx) throws InterruptedException {
        List<String> args = ctx.args();
        if (args.size() < 2) {
            ctx.err().println("sleep: missing operand");
            ctx.err().println("Try 'sleep --help' for more information.");
            return 1;
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        boolean ok = true;
        for (String a : args.subList(1, args.size())) {
            BigDecimal n = parse(a);
            if (n == null) {
                ctx.err().println("sleep: invalid time interval '" + a + "'");
                ok = false;
            } else {
                totalNanos = totalNanos.add(n);
            }
        }
        if (!ok) {
            ctx.err().println("Try 'sleep --help' for more information.");
            return 1;
        }
        long nanos = totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                ? Long.MAX_VALUE : totalNanos.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        ctx.sleep(nanos);
        return 0;
    }

    /** Nanoseconds for one operand, or null when it is not a valid interval. */
    static BigDecimal parse(String operand) {
        if (operand.isEmpty()) {
            return null;
        }
        long unit = SECOND;
        String number = operand;
        char last = operand.charAt(operand.length() - 1);
        switch (last) {
            case 's' -> number = operand.substring(0, operand.length() - 1);
            case 'm' -> {
                unit = 60 * SECOND;
                number = operand.substring(0, operand.length() - 1);
            }
            case 'h' -> {
                unit = 3600 * SECOND;
                number = operand.substring(0, operand.length() - 1);
            }
            case 'd' -> {
                unit = 86400 * SECOND;
                number = operand.substring(0, operand.length() - 1);
            }
            default -> { }
        }
        if (number.isEmpty() || !number.matches("\\+?(\\d+\\.?\\d*|\\.\\d+)")) {
            return null;
        }
        return new BigDecimal(number.startsWith("+") ? number.substring(1) : number).multiply(BigDecimal.valueOf(unit));
    }
}
