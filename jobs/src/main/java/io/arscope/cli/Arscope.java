package io.arscope.cli;

import java.nio.file.Path;

import io.arscope.run.RunManifest;
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
                WorklistCommands.Backtest.class, ForecastCommand.class, ReportCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage or configuration error, 3 input missing or "
                + "unreadable, 4 rejected rows over the threshold (outputs written), 5 another run is writing the same date."})
public final class Arscope implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code, without exiting: for tests and embedding. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Arscope());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Spark's analysis errors carry the whole query plan: the first lines say what went wrong.
            String message = String.valueOf(e.getMessage());
            commandLine.getErr().println("arscope: unexpected failure: " + e.getClass().getSimpleName() + ": "
                    + message.lines().limit(3).reduce((a, b) -> a + "\n" + b).orElse(""));
            java.util.logging.Logger.getLogger(Arscope.class.getName()).log(java.util.logging.Level.FINE, "failure", e);
            return ExitCode.FAILURE;
        });
        cli.setParameterExceptionHandler((e, argv) -> {
            e.getCommandLine().getErr().println("arscope: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCode.USAGE;
        });
        String config = configArgument(args);
        if (config != null) {
            try {
                cli.setDefaultValueProvider(ConfigDefaults.load(Path.of(config)));
            } catch (Exception e) {
                System.err.println("arscope: cannot use config file " + config + ": " + e.getMessage());
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
