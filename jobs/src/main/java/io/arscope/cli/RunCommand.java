package io.arscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.arscope.ingest.JdbcConnection;
import io.arscope.ingest.SourceFiles;
import io.arscope.job.EarlierOutput;
import io.arscope.job.UsageException;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.SharedLedger;
import io.arscope.pipeline.PipelineOptions;
import io.arscope.pipeline.PipelineRun;
import io.arscope.pipeline.RunLock;
import io.arscope.pipeline.Step;
import io.arscope.risk.ModelDirectory;
import io.arscope.run.OutputFiles;
import io.arscope.run.Progress;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope run}: the whole pipeline for one as-of date, published atomically. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline for one as-of date in one Spark session: ingest, metrics, train (unless "
                + "--model is given), score, alerts (compared with the latest earlier date under the root), "
                + "worklist, forecast, report. Each step writes into a new run folder, "
                + "<root>/.runs/<date>/<run>; when all are done, <root>/<date> (a link) is switched to it in one "
                + "rename, so readers see the previous complete run or the new one, never a partial one. A run "
                + "stopped by a failure or a kill is resumed by the next run of the same date from its first "
                + "unfinished step; a date is locked while a run writes it.",
                "",
                "Prints one line per step (seconds, rows written, the step's summary); the run's log, every step's "
                        + "lines with time and level, is <root>/<date>/run.log, each step's own in "
                        + "<root>/<date>/logs/<step>.log, and the run's manifest <root>/<date>/run.json. Options "
                        + "of the steps come from --config, in a section per command."},
        footer = {"", Arscope.EXIT_CODES, "A failing step ends the run with the step's exit code; nothing is "
                + "published then (4: ingest rejected too many rows; 8: the export is stale). A step that ends with "
                + "warnings (7: the model refused by its gate, the worklist ranked by the baseline) does not stop "
                + "the run: it is published and ends with 7."})
final class RunCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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
            + "kept when there is one. Steps: ingest, metrics, train, score, alerts, worklist, forecast, report.")
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

    @Mixin
    SharedOptions.Currency currency;

    @Mixin
    SharedOptions.Spark spark;

    @Mixin
    SharedOptions.Config config;

    @Override
    public Integer call() {
        JobRunner runner = JobRunner.of(spec);
        PipelineOptions options;
        ConfigDefaults defaults;
        try {
            Set<Step> skipped = EnumSet.noneOf(Step.class);
            if (skip != null) {
                skip.stream().filter(s -> !s.isBlank()).map(Step::parse).forEach(skipped::add);
            }
            // Absolute, so that run.json and every step's manifest name the same places whatever the working folder.
            options = new PipelineOptions(asOf, root.toAbsolutePath().normalize(), OutputFiles.absolute(input),
                    mapping.toAbsolutePath().normalize(), model == null ? null : model.toAbsolutePath().normalize(),
                    skipped, from == null ? null : Step.parse(from),
                    config.config == null ? null : config.config.toAbsolutePath().normalize(), jdbcUrl, jdbcUser,
                    maxRejectShare, currency.reportingCurrency);
            ReportingCurrency.requireCode(currency.reportingCurrency);
            // As ingest refuses it, whatever the mapping reads, but before the lock and the run folder: a secret on
            // the command line or in the config is wrong whether or not the run would have used it.
            JdbcConnection.refuseCredentials(jdbcUrl);
            if (!mapping.toFile().isFile()) {
                throw new UsageException("mapping file " + mapping + " not found");
            }
            if (Files.isRegularFile(root)) {
                throw new UsageException("root " + root + " is a file, not a folder");
            }
            // Checked here, as ingest checks it, so that a missing export is exit 3 and not a failure to list it.
            SourceFiles.requireLocalFolder(input);
            if (model != null) {
                EarlierOutput.require(model.toString(), ModelDirectory.METADATA, "train");
            }
            defaults = config.config == null ? null : ConfigDefaults.load(config.config, spec.root().commandLine());
            PipelineSteps.check(defaults);
        } catch (Exception e) {
            return runner.fail("run", e);
        }
        try (RunLock lock = PipelineRun.lock(options);
                SparkSessions.Scoped session = SparkSessions.open("arscope-run", spark.master);
                SharedLedger shared = SharedLedger.open()) {
            PipelineSteps steps = new PipelineSteps(session.session(), defaults,
                    Progress.of(spark.progress, spec.commandLine().getErr()));
            return new PipelineRun(session.session(), steps, spec.commandLine().getOut(),
                    spec.commandLine().getErr()).run(options, lock).exitCode();
        } catch (Exception e) {
            return runner.fail("run", e);
        }
    }
}
