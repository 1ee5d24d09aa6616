package io.arscope.cli;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

import io.arscope.alerts.AlertsJob;
import io.arscope.forecast.ForecastJob;
import io.arscope.ingest.IngestJob;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOptions;
import io.arscope.job.JobOutcome;
import io.arscope.job.UsageException;
import io.arscope.metrics.MetricsJob;
import io.arscope.pipeline.PipelineOptions;
import io.arscope.pipeline.Step;
import io.arscope.pipeline.StepFolders;
import io.arscope.pipeline.StepJobs;
import io.arscope.report.ReportJob;
import io.arscope.report.ReportOptions;
import io.arscope.risk.ScoreJob;
import io.arscope.run.Progress;
import io.arscope.risk.TrainJob;
import io.arscope.worklist.ActionsLog;
import io.arscope.worklist.WorklistJob;
import io.arscope.worklist.WorklistOptions;
import picocli.CommandLine;

/**
 * The jobs of {@code arscope run}'s steps, with their typed options: the folders come from the run, the rest from
 * the config file's section for the job, with the same defaults and checks as the command itself. The run's own
 * options that concern a step (the mapping, the database, the reject threshold) override the section's.
 */
final class PipelineSteps implements StepJobs {
    private final SparkSession spark;
    private final ConfigDefaults config;
    private final Progress progress;

    /**
     * @param config   the run's config file, or null for the commands' defaults
     * @param progress how each step shows its progress: the run's {@code --progress}, whatever the sections say
     */
    PipelineSteps(SparkSession spark, ConfigDefaults config, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
    }

    @Override
    public JobOutcome run(Step step, StepFolders folders) throws Exception {
        try (Progress.Tracking shown = progress.track(spark, step.command())) {
            return runJob(step, folders);
        }
    }

    private JobOutcome runJob(Step step, StepFolders folders) throws Exception {
        PipelineOptions o = folders.options();
        String ingest = folders.output(Step.INGEST);
        String out = folders.output(step);
        return switch (step) {
            case INGEST -> {
                IngestCommand.Settings s = settings(new IngestCommand.Settings(), "ingest");
                if (o.maxRejectShare() != null) {
                    s.maxRejectShare = o.maxRejectShare();
                }
                yield run(new IngestJob(), s.options(o.input(), o.mapping(), out, o.asOf(), o.jdbcUrl(),
                        o.jdbcUser()));
            }
            case METRICS -> {
                MetricsCommand.Settings s = settings(new MetricsCommand.Settings(), "metrics");
                s.currency.reportingCurrency = currency(o, s.currency);
                yield run(new MetricsJob(), s.options(ingest, out, o.asOf()));
            }
            case TRAIN -> {
                RiskCommands.Train.Settings s = settings(new RiskCommands.Train.Settings(), "train");
                s.currency.reportingCurrency = currency(o, s.currency);
                yield run(new TrainJob(), s.options(ingest, Path.of(out), o.asOf()));
            }
            case SCORE -> run(new ScoreJob(), settings(new RiskCommands.Score.Settings(), "score")
                    .options(ingest, folders.model(), o.asOf(), out, o.reportingCurrency()));
            case ALERTS -> run(new AlertsJob(), settings(new AlertsCommand.Settings(), "alerts").options(ingest,
                    folders.output(Step.METRICS), folders.output(Step.SCORE), folders.previous(Step.SCORE), o.asOf(),
                    out));
            case WORKLIST -> run(new WorklistJob(), new WorklistOptions(ingest, null, folders.output(Step.SCORE),
                    o.asOf(), out, settings(new WorklistCommands.Shaping(), "worklist").config(),
                    o.reportingCurrency(), settings(new WorklistCommands.Drafting(), "worklist").templates(),
                    // Scored by the score step, behind its gate.
                    io.arscope.risk.ModelGate.DEFAULT_MARGIN, new ActionsLog.Target(folders.actionsLog(),
                            folders.runId()), alerts(folders)));
            case FORECAST -> {
                ForecastCommand.Settings s = settings(new ForecastCommand.Settings(), "forecast");
                s.currency.reportingCurrency = currency(o, s.currency);
                yield run(new ForecastJob(), s.options(ingest, out, o.asOf()));
            }
            case REPORT -> {
                ReportCommand.Settings s = settings(new ReportCommand.Settings(), "report");
                yield run(new ReportJob(), new ReportOptions(folders.output(Step.METRICS),
                        folders.withForecast() ? folders.output(Step.FORECAST) : null,
                        folders.withWorklist() ? folders.output(Step.WORKLIST) : null, out, s.title,
                        // A run with a worklist has its scores: the worklist step needs the score step.
                        s.salesScenario, folders.withWorklist() ? folders.output(Step.SCORE) : null,
                        alerts(folders)));
            }
        };
    }

    /** The run's alerts for the steps that show them, or null when the run has none (skipped, never run). */
    private static String alerts(StepFolders folders) {
        return folders.holds(Step.ALERTS) ? folders.output(Step.ALERTS) : null;
    }

    /** The run's reporting currency when it names one, which every step follows, else the section's. */
    private static String currency(PipelineOptions run, SharedOptions.Currency section) {
        return run.reportingCurrency() != null ? run.reportingCurrency() : section.reportingCurrency;
    }

    private <O extends JobOptions> JobOutcome run(Job<O> job, O options) throws Exception {
        job.check(options);
        return job.run(JobContext.of(spark, options));
    }

    /** A command's settings with the config section's values and the options' own defaults; no command line. */
    private <T> T settings(T settings, String section) throws UsageException {
        return settings(settings, config, section);
    }

    private static <T> T settings(T settings, ConfigDefaults config, String section) throws UsageException {
        CommandLine parser = new CommandLine(settings);
        if (config != null) {
            parser.setDefaultValueProvider(config.section(section));
        }
        try {
            parser.parseArgs();
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("config file section '" + section + "': " + e.getMessage());
        }
        return settings;
    }

    /**
     * Reads every step's section of the config file as its command would, so that a value the command refuses
     * (exit 2) stops the run the same way before anything is done, not after the steps before it have run.
     */
    static void check(ConfigDefaults config) throws UsageException {
        settings(new IngestCommand.Settings(), config, "ingest");
        settings(new MetricsCommand.Settings(), config, "metrics");
        settings(new RiskCommands.Train.Settings(), config, "train");
        settings(new RiskCommands.Score.Settings(), config, "score");
        settings(new WorklistCommands.Drafting(), config, "worklist").templates()
                .requireFor(settings(new WorklistCommands.Shaping(), config, "worklist").config().strategy());
        settings(new ForecastCommand.Settings(), config, "forecast");
        settings(new AlertsCommand.Settings(), config, "alerts");
        settings(new ReportCommand.Settings(), config, "report");
    }
}
