package io.arscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.arscope.job.ExitCode;
import io.arscope.job.UsageException;
import io.arscope.run.RunManifest;
import io.arscope.run.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The arscope command line: one entry point whose subcommands are the jobs. Parses options, runs the job,
 * exits with a documented {@link ExitCode}.
 */
@Command(name = "arscope", mixinStandardHelpOptions = true, versionProvider = Arscope.Version.class,
        description = "Receivables analytics and late-payment risk scoring on Apache Spark.",
        subcommands = {RunCommand.class, IngestCommand.class, MetricsCommand.class, RiskCommands.Train.class,
                RiskCommands.Evaluate.class, RiskCommands.Score.class, WorklistCommands.Build.class,
                WorklistCommands.Backtest.class, ActionsSummaryCommand.class, ForecastCommand.class, AlertsCommand.class,
                ReportCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", Arscope.EXIT_CODES})
public final class Arscope implements Runnable {

    /** The exit codes, as every command's help shows them. */
    static final String EXIT_CODES = "Exit codes: 0 success, 1 unexpected failure, 2 usage or configuration error, "
            + "3 input missing or unreadable, 4 too many rejects (outputs written), 5 locked (another run is writing "
            + "the same date), 6 output check failed (nothing published), 7 published with warnings (see the "
            + "manifest: a model refused by its gate, roll rates above 1, an export whose latest month or payments "
            + "stop early, no payment at all, one invoice most of the sales the forecast repeats), 8 stale input (the "
            + "latest dated row is older than --max-data-age allows; outputs written, nothing published by run).";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code, without exiting: for tests and embedding. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs a command line printing to the given writers, and returns its exit code. Everything printed, picocli's
     * own messages included, is redacted ({@link Secrets}) with the values of options named like secrets.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Secrets secrets = Secrets.ambient().withArguments(args);
        PrintWriter redactedOut = secrets.redacting(out);
        PrintWriter redactedErr = secrets.redacting(err);
        try {
            return parseAndRun(redactedOut, redactedErr, args);
        } finally {
            redactedOut.flush();
            redactedErr.flush();
        }
    }

    private static int parseAndRun(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Arscope()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> JobRunner.of(commandLine.getCommandSpec())
                .fail(commandLine.getCommandName(), e));
        cli.setParameterExceptionHandler((e, argv) -> {
            e.getCommandLine().getErr().println("arscope: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCode.USAGE;
        });
        String config = configArgument(args);
        if (config != null) {
            try {
                cli.setDefaultValueProvider(ConfigDefaults.load(Path.of(config), cli));
            } catch (UsageException | java.nio.file.InvalidPathException e) {
                err.println("arscope: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        return cli.execute(args);
    }

    private static String configArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--config=")) {
                return args[i].substring("--config=".length());
            }
        }
        return null;
    }

    /** No command is a usage error: a scheduler given a mistyped line must not read it as a run that succeeded. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"arscope " + RunManifest.version(),
                    "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java "
                            + System.getProperty("java.version")};
        }
    }
}
