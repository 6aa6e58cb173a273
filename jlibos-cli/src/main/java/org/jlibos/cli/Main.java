package org.jlibos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jlibos} command. Exit codes: 0 the run happened and every expectation held,
 * 1 an expectation failed (or the run could not finish), 2 invalid scenario or usage.
 */
@Command(name = "jlibos",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A library OS for the JVM: deterministic network simulation and regression tests.",
        subcommands = {RunCommand.class, CheckDeterminismCommand.class, DemoCommand.class, PacketdrillCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed and every expectation held", "1:an expectation failed or the run was stopped",
                "2:invalid scenario or usage"})
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, check-determinism, demo or help");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI in this JVM and returns the exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given output streams (tests call this). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("jlibos: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /** The version from the jar manifest (Maven's project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jlibos " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
