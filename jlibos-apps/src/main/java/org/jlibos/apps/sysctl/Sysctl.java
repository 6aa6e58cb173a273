package org.jlibos.apps.sysctl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jlibos.kernel.sysctl.SysctlDefaults;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.kernel.sysctl.SysctlTable;
import org.jlibos.sim.process.ProcessContext;
import org.jlibos.sim.process.Program;

/**
 * procps-ng {@code sysctl}: read and write kernel parameters, with its output and messages.
 *
 * <pre>
 * sysctl [-n] [-N] [-e] [-q] [-w] [-a] [variable[=value] ...]
 * </pre>
 * An argument containing '=' is a write, with or without {@code -w}, as in procps-ng.
 * Exit status 0, or 1 if any variable could not be read or written.
 */
public final class Sysctl implements Program {

    @Override
    public int run(ProcessContext ctx) throws SysctlException {
        PrintStream out = ctx.out();
        PrintStream err = ctx.err();
        boolean valuesOnly = false;
        boolean namesOnly = false;
        boolean ignoreUnknown = false;
        boolean quiet = false;
        boolean write = false;
        boolean all = false;
        List<String> operands = new ArrayList<>();
        for (String a : ctx.args().subList(1, ctx.args().size())) {
            if (a.startsWith("--")) {
                switch (a) {
                    case "--values" -> valuesOnly = true;
                    case "--names" -> namesOnly = true;
                    case "--ignore" -> ignoreUnknown = true;
                    case "--quiet" -> quiet = true;
                    case "--write" -> write = true;
                    case "--all" -> all = true;
                    case "--version" -> {
                        out.println("sysctl from procps-ng 4.0.2 (jlibos)");
                        return 0;
                    }
                    default -> {
                        err.println("sysctl: unrecognized option '" + a + "'");
                        return usage(err);
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'n' -> valuesOnly = true;
                        case 'N' -> namesOnly = true;
                        case 'e' -> ignoreUnknown = true;
                        case 'q' -> quiet = true;
                        case 'w' -> write = true;
                        case 'a', 'A', 'X' -> all = true;
                        case 'o', 'x' -> { }
                        case 'V' -> {
                            out.println("sysctl from procps-ng 4.0.2 (jlibos)");
                            return 0;
                        }
                        default -> {
                            err.println("sysctl: invalid option -- '" + c + "'");
                            return usage(err);
                        }
                    }
                }
            } else {
                operands.add(a);
            }
        }
        SysctlTable table = ctx.kernel().sysctl();
        if (all) {
            for (String name : SysctlDefaults.all().keySet()) {
                print(out, table, name, valuesOnly, namesOnly);
            }
            return 0;
        }
        if (operands.isEmpty()) {
            err.println("sysctl: no variables specified");
            err.println("Try `sysctl --help' for more information.");
            return 1;
        }
        int status = 0;
        for (int i = 0; i < operands.size(); i++) {
            String op = operands.get(i);
            int eq = op.indexOf('=');
            try {
                if (eq >= 0) {
                    String name = op.substring(0, eq).strip();
                    table.set(name, op.substring(eq + 1));
                    if (!quiet) {
                        print(out, table, name, valuesOnly, namesOnly);
                    }
                } else if (write) {
                    err.println("sysctl: command line(" + i + "): invalid syntax, continuing...");
                    status = 1;
                } else {
                    print(out, table, op.strip(), valuesOnly, namesOnly);
                }
            } catch (SysctlException e) {
                if (!(ignoreUnknown && e.reason() == SysctlException.Reason.NO_SUCH_ENTRY)) {
                    err.println("sysctl: " + e.getMessage());
                    status = 1;
                }
            }
        }
        return status;
    }

    private static void print(PrintStream out, SysctlTable table, String name, boolean valuesOnly, boolean namesOnly)
            throws SysctlException {
        String value = table.get(name);
        if (namesOnly) {
            out.println(name);
        } else if (valuesOnly) {
            out.println(value);
        } else {
            out.println(name + " = " + value);
        }
    }

    private static int usage(PrintStream err) {
        err.println();
        err.println("Usage:");
        err.println(" sysctl [options] [variable[=value] ...]");
        return 1;
    }
}
