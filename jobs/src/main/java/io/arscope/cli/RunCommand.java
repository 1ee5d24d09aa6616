package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.arscope.pipeline.PipelineOptions;
import io.arscope.pipeline.PipelineRun;
import io.arscope.pipeline.RunLock;
import io.arscope.pipeline.Step;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope run}: the whole pipeline for one as-of date, published atomically. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline for one as-of date in one Spark session: ingest, metrics, train (unless "
                + "--model is given), score, worklist, forecast, report. Each step writes into a new run folder, "
                + "<root>/.runs/<date>/<run>; when all are done, <root>/<date> (a link) is switched to it in one "
                + "rename, so readers see the previous complete run or the new one, never a partial one. A run "
                + "stopped by a failure or a kill is resumed by the next run of the same date from its first "
                + "unfinished step; a date is locked while a run writes it.",
                "",
                "Prints one line per step (seconds, rows written, the step's summary); each step's own output is in "
                        + "<root>/<date>/logs/<step>.log and the run's manifest in <root>/<date>/run.json. Options "
                        + "of the steps come from --config, in a section per command."},
        footer = {"", "Exit codes: 0 ok and published, 1 unexpected failure, 2 usage error, 3 input missing, 4 ingest "
                + "rejected too many rows (nothing published), 5 another run is writing the same date; a failing "
                + "step's own exit code otherwise."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--as-of", required = true, description = "The date to run for (yyyy-MM-dd).")
    LocalDate asOf;

    @Option(names = "--root", required = true, description = "Output root: the date is published as <root>/<date>.")
    Path root;

    @Option(names = "--input", description = "Export folder for the ingest step; not needed when the mapping reads "
            + "only database tables.")
    String input;

    @Option(names = "--mapping", required = true, description = "Mapping file of the export (see arscope ingest).")
    Path mapping;

    @Option(names = "--model", description = "Model directory to score with (arscope train). Default: train one as "
            + "of the date, in the run.")
    Path model;

    @Option(names = "--skip", split = ",", description = "Steps not to run; the date's published output of each is "
            + "kept when there is one. Steps: ingest, metrics, train, score, worklist, forecast, report.")
    List<String> skip;

    @Option(names = "--from", description = "First step to run; earlier ones are kept from the date's published run.")
    String from;

    @Option(names = "--max-reject-share", description = "Ingest fails the run (exit 4) when a file rejects more than "
            + "this share of its rows. Default: ingest's, 0.05.")
    Double maxRejectShare;

    @Option(names = "--jdbc-url", description = "Database URL for ingest (password from ARSCOPE_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", description = "Database user for ingest.")
    String jdbcUser;

    @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--config", description = "YAML file with defaults: a section 'run' for these options, and one "
            + "per command (ingest, metrics, ...) for the steps.")
    Path config;

    @Override
    public Integer call() {
        PipelineOptions options;
        try {
            Set<Step> skipped = EnumSet.noneOf(Step.class);
            if (skip != null) {
                skip.stream().filter(s -> !s.isBlank()).map(Step::parse).forEach(skipped::add);
            }
            options = new PipelineOptions(asOf, root, input, mapping, model, skipped,
                    from == null ? null : Step.parse(from), config, jdbcUrl, jdbcUser, maxRejectShare);
        } catch (IllegalArgumentException e) {
            System.err.println("arscope run: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (!mapping.toFile().isFile()) {
            System.err.println("arscope run: mapping file " + mapping + " not found");
            return ExitCode.USAGE;
        }
        if (model != null && !model.resolve("model.json").toFile().isFile()) {
            System.err.println("arscope run: " + model + " holds no model.json; give a folder arscope train wrote");
            return ExitCode.INPUT;
        }
        try (RunLock lock = PipelineRun.lock(options);
                SparkSessions.Scoped spark = SparkSessions.open("arscope-run", master)) {
            PipelineRun.Outcome outcome = new PipelineRun(spark.session(), Arscope::execute, System.out)
                    .run(options, lock);
            return outcome.exitCode();
        } catch (RunLock.HeldException e) {
            System.err.println("arscope run: " + e.getMessage());
            return ExitCode.LOCKED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("arscope run: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (java.io.IOException e) {
            System.err.println("arscope run: I/O failure: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }
}
