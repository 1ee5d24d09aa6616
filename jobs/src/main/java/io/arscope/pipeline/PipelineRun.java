package io.arscope.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.arscope.job.ExitCode;
import io.arscope.job.JobOutcome;
import io.arscope.job.UsageException;
import io.arscope.run.RunManifest;
import io.arscope.run.Secrets;

/**
 * {@code arscope run}: the whole pipeline for one as-of date in one Spark session, each step a job ({@link StepJobs})
 * writing a folder of the date's new run. A step is done when its {@value DateRuns#STEP_DONE} is written; a run
 * that stops (a failure, a kill) is resumed by the next run of the same date and inputs from its first unfinished
 * step. The finished run is published in one rename ({@link DateRuns}) with a manifest, {@code run.json}: inputs,
 * code and model versions, and per step what happened, its rows and seconds.
 */
public final class PipelineRun {
    public static final String MANIFEST = "run.json";
    public static final String LOGS = "logs";

    /**
     * What happened to one step.
     *
     * @param status how its job ended, or null when it was not run
     */
    public record StepOutcome(Step step, String outcome, JobOutcome.Status status, double seconds,
            Map<String, Long> inputs, Map<String, Long> rows, String summary) {
        long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        RunRecord.Step record() {
            return new RunRecord.Step(step.command(), outcome, status == null ? null : status.word(),
                    status == null ? null : status.exitCode(), Math.round(seconds * 10) / 10.0,
                    new TreeMap<>(inputs), new TreeMap<>(rows), summary);
        }
    }

    /** How the run ended: 0 and published, or the exit code of the step that failed. */
    public record Outcome(int exitCode, Step failedStep, Path run, Path published, List<StepOutcome> steps) {
    }

    // Redacting: run.json and the fingerprint hold the inputs' URLs without their passwords.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(Secrets.json());

    private final SparkSession spark;
    private final StepJobs jobs;
    private final PrintWriter progress;
    private final PrintWriter warnings;

    public PipelineRun(SparkSession spark, StepJobs jobs, PrintWriter progress) {
        this(spark, jobs, progress, progress);
    }

    /** @param warnings where a step's warnings are said (stderr), beside its line in {@code progress} */
    public PipelineRun(SparkSession spark, StepJobs jobs, PrintWriter progress, PrintWriter warnings) {
        this.spark = spark;
        this.jobs = jobs;
        this.progress = progress;
        this.warnings = warnings;
    }

    /**
     * The lock on the run's date, taken before Spark starts so that a second run stops at once.
     *
     * @throws RunLock.HeldException when another run is writing the same date
     * @throws UsageException when the date's folder is not one arscope run manages
     */
    public static RunLock lock(PipelineOptions o) throws IOException, RunLock.HeldException, UsageException {
        DateRuns date = new DateRuns(o.root(), o.asOf());
        try {
            date.publishedRun();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        return RunLock.acquire(date.lockFile(), date.published().toString());
    }

    /**
     * Runs the plan under the date's lock, which the caller holds ({@link #lock}).
     *
     * @throws IllegalArgumentException when the plan cannot run (a step would lack an input)
     */
    public Outcome run(PipelineOptions o, RunLock held) throws IOException {
        DateRuns date = new DateRuns(o.root(), o.asOf());
        if (!held.file().equals(date.lockFile())) {
            throw new IllegalStateException("the lock held is " + held.file() + ", not " + date.lockFile());
        }
        Instant started = Instant.now();
        RunPlan plan = RunPlan.of(o.model() != null, o.skip(), o.from(), date.publishedSteps());
        RunInputs.Inputs inputs = RunInputs.describe(o, spark.sparkContext().hadoopConfiguration());
        Optional<Path> published = date.publishedRun();
        RunInputs.Inputs keptIngest = plan.action(Step.INGEST) == RunPlan.Action.KEEP && published.isPresent()
                ? publishedInputs(published.get()) : null;
        if (keptIngest != null && !keptIngest.sameExport(inputs)) {
            // run.json named the export given now, which the kept ingest never read.
            warnings.println("arscope run: warning: ingest is kept from the published run, which read "
                    + keptIngest.input() + " with " + keptIngest.mapping() + "; the export given now differs and is "
                    + "not read (run without --from or --skip ingest to read it)");
            inputs = inputs.withExportOf(keptIngest);
        }
        RunInputs.Code code = RunInputs.code();
        String fingerprint = RunManifest.sha256(JSON.writeValueAsString(List.of(o.asOf().toString(), inputs, code,
                plan.toString())));
        // A database's rows, or an export that could not be listed, may have changed since the run stopped, and
        // nothing in the fingerprint would show it.
        Path run = inputs.fingerprinted() ? resumable(date, published, fingerprint).orElse(null) : null;
        boolean resumed = run != null;
        Instant firstStarted = resumed ? firstStart(run).orElse(started) : started;
        if (run == null) {
            run = date.newRun(started);
        }
        Files.createDirectories(run.resolve(LOGS));
        try (RunLog runLog = RunLog.appending(run.resolve(RunLog.RUN_LOG));
                LibraryLogLines library = LibraryLogLines.into(runLog)) {
            // Every step reads the model the run recorded, even if a link to it is repointed meanwhile.
            PipelineOptions pinned = inputs.model() == null ? o : o.withModel(inputs.model().directory());
            return run(pinned, date, plan, inputs, code, fingerprint, published, run, resumed, firstStarted, started,
                    runLog);
        }
    }

    private Outcome run(PipelineOptions o, DateRuns date, RunPlan plan, RunInputs.Inputs inputs, RunInputs.Code code,
            String fingerprint, Optional<Path> previous, Path run, boolean resumed, Instant firstStarted,
            Instant started, RunLog runLog) throws IOException {
        say(runLog, String.format("%s run %s %s", o.asOf(), resumed ? "resuming" : "started",
                date.published().getParent().relativize(run)));

        RunRecord manifest = new RunRecord("run", o.asOf().toString(), run.getFileName().toString(),
                JobOutcome.Status.RUNNING, null, fingerprint, firstStarted.toString(), resumed,
                resumed ? started.toString() : null, code,
                System.getProperty("java.version"), spark.version(), spark.sparkContext().master(), inputs, List.of(),
                null, null, null, null, null);
        writeManifest(run, manifest);

        List<StepOutcome> outcomes = new ArrayList<>();
        JobOutcome.Status status = JobOutcome.Status.OK;
        for (Step step : Step.values()) {
            RunPlan.Action action = plan.action(step);
            StepOutcome outcome;
            List<String> said = List.of();
            if (action == RunPlan.Action.NONE) {
                outcome = new StepOutcome(step, action.label(), null, 0, Map.of(), Map.of(), "");
            } else if (DateRuns.done(run, step)) {
                outcome = recorded(run, step, "done before the run was interrupted");
            } else if (action == RunPlan.Action.KEEP) {
                date.keep(run, step);
                outcome = recorded(run, step, action.label());
            } else {
                DateRuns.clear(run, step);
                Files.createDirectories(DateRuns.stepFolder(run, step));
                long t0 = System.nanoTime();
                Path log = run.resolve(LOGS).resolve(step.command() + ".log");
                Executed result = execute(run.resolve(RunLog.RUN_LOG), log, step, new StepFolders(o, run,
                        plan.has(Step.FORECAST), plan.has(Step.WORKLIST)));
                double seconds = (System.nanoTime() - t0) / 1e9;
                int exit = result.exitCode();
                if (result.outcome() == null || !result.outcome().status().published()) {
                    String word = result.outcome() == null ? JobOutcome.Status.FAILED
                            : result.outcome().status().word();
                    writeManifest(run, manifest.failed(step.command(), word, exit));
                    String failed = String.format("%s %-9s FAILED with exit %d after %.1f s; log %s", o.asOf(),
                            step.command(), exit, seconds, log);
                    progress.println(failed);
                    runLog.log(RunLog.Level.ERROR, "run", failed);
                    // Why, on standard error with the other warnings, where a scheduler's task log shows it.
                    warnings.println("arscope run: error: " + step.command() + " failed with exit " + exit + "; log "
                            + log);
                    failureLines(log).forEach(l -> warnings.println("    " + l));
                    return new Outcome(exit, step, run, date.published(), outcomes);
                }
                outcome = new StepOutcome(step, "ran", result.outcome().status(), seconds, result.outcome().inputs(),
                        result.outcome().rows(), result.outcome().summary());
                said = result.outcome().warnings();
                markDone(run, step, outcome);
            }
            outcomes.add(outcome);
            if (outcome.status() != null) {
                status = status.and(outcome.status());
            }
            manifest = manifest.withStep(outcome.record());
            if (step == Step.TRAIN && plan.has(Step.TRAIN)) {
                manifest = manifest.withModel(RunInputs.model(DateRuns.stepFolder(run, Step.TRAIN)));
            }
            if (step == Step.SCORE && plan.has(Step.SCORE)) {
                manifest = manifest.withGate(RunInputs.gate(DateRuns.stepFolder(run, Step.SCORE)));
            }
            writeManifest(run, manifest);
            say(runLog, line(o, outcome));
            // Exit 7's reason, where a scheduler's task log shows it; the step's log has it too.
            said.forEach(w -> warnings.println("arscope run: warning: " + step.command() + ": " + w));
        }
        Instant finished = Instant.now();
        double took = Duration.between(started, finished).toMillis() / 1000.0;
        double sinceFirstStart = Duration.between(firstStarted, finished).toMillis() / 1000.0;
        manifest = manifest.complete(finished.toString(), sinceFirstStart, status);
        writeManifest(run, manifest);
        date.publish(run);
        date.prune(run, previous.orElse(null));
        // A resumed run says both times: this attempt's, and run.json's seconds, counted from the first start.
        String time = resumed ? String.format("%.1f s (resumed; %.1f s since its first start)", took, sinceFirstStart)
                : String.format("%.1f s", took);
        say(runLog, String.format("%s run %s in %s; published %s", o.asOf(), status == JobOutcome.Status.OK
                ? "complete" : "complete with warnings (exit " + status.exitCode() + ")", time, date.published()));
        return new Outcome(status.exitCode(), null, run, date.published(), outcomes);
    }

    /** A line for whoever runs the command, and for the run's log. */
    private void say(RunLog runLog, String line) {
        progress.println(line);
        runLog.info("run", line);
    }

    /** The inputs the published run at {@code run} recorded; null when its manifest cannot be read. */
    private static RunInputs.Inputs publishedInputs(Path run) {
        return manifestOf(run).map(RunRecord::inputs).orElse(null);
    }

    /**
     * The manifest of the run at {@code run}; empty when it has none, or one cut short by a kill or written by
     * another version.
     */
    private static Optional<RunRecord> manifestOf(Path run) {
        Path manifest = run.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(manifest.toFile(), RunRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The newest unfinished run of the date started from the same inputs, code and plan. */
    private static Optional<Path> resumable(DateRuns date, Optional<Path> published, String fingerprint)
            throws IOException {
        List<Path> runs = new ArrayList<>(date.runs());
        java.util.Collections.reverse(runs);
        for (Path run : runs) {
            if (published.isPresent() && published.get().equals(run)) {
                continue;
            }
            // A run whose manifest cannot be read is not resumed.
            Optional<RunRecord> m = manifestOf(run);
            if (m.isPresent() && !published(m.get().status()) && fingerprint.equals(m.get().fingerprint())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** When a run to resume first started, as its manifest says; empty when it cannot be read. */
    private static Optional<Instant> firstStart(Path run) {
        try {
            return manifestOf(run).map(RunRecord::started).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a run's manifest says it was published: complete, with warnings or without. */
    private static boolean published(String status) {
        return JobOutcome.Status.OK.word().equals(status) || JobOutcome.Status.WARNINGS.word().equals(status);
    }

    /** How a step's job ended: its outcome and exit code, or no outcome and the exit code of its failure. */
    private record Executed(JobOutcome outcome, int exitCode) {
    }

    /**
     * Runs a step's job with what it reports going to the step's log and the run's, so the run itself prints one line
     * per step.
     */
    private Executed execute(Path runLog, Path log, Step step, StepFolders folders) throws IOException {
        Files.deleteIfExists(log);
        String source = step.command();
        try (RunLog file = RunLog.step(runLog, log)) {
            file.info(source, "started, writing " + folders.output(step));
            long t0 = System.nanoTime();
            try {
                JobOutcome outcome = jobs.run(step, folders);
                outcome.inputs().forEach((table, rows) -> file.info(source, String.format("read %,d rows of %s", rows,
                        table)));
                outcome.details().forEach(d -> file.info(source, d));
                outcome.rows().forEach((table, rows) -> file.info(source, String.format("wrote %,d rows of %s", rows,
                        table)));
                // Last before the summary, so that the lines a failed run prints from the log's end show them.
                outcome.warnings().forEach(w -> file.log(RunLog.Level.WARN, source, "arscope " + step.command()
                        + ": warning: " + w));
                file.log(outcome.status().published() ? RunLog.Level.INFO : RunLog.Level.ERROR, source,
                        String.format("%s in %.1f s; %s, exit %d", outcome.summary(), (System.nanoTime() - t0) / 1e9,
                                outcome.status().word(), outcome.status().exitCode()));
                return new Executed(outcome, outcome.status().exitCode());
            } catch (Exception e) {
                StringWriter trace = new StringWriter();
                trace.write(ExitCode.message(step.command(), e));
                if (ExitCode.of(e) == ExitCode.FAILURE) {
                    trace.write("\n");
                    e.printStackTrace(new PrintWriter(trace));
                }
                file.log(RunLog.Level.ERROR, source, trace.toString().stripTrailing() + "\n"
                        + JobOutcome.Status.FAILED + ", exit " + ExitCode.of(e));
                return new Executed(null, ExitCode.of(e));
            }
        }
    }

    private static void markDone(Path run, Step step, StepOutcome outcome) throws IOException {
        Path done = DateRuns.stepFolder(run, step).resolve(DateRuns.STEP_DONE);
        Files.createDirectories(done.getParent());
        writeAtomically(done, JSON.writeValueAsString(outcome.record()));
    }

    private static StepOutcome recorded(Path run, Step step, String outcome) throws IOException {
        RunRecord.Step done = JSON.readValue(DateRuns.stepFolder(run, step).resolve(DateRuns.STEP_DONE).toFile(),
                RunRecord.Step.class);
        JobOutcome.Status status = Arrays.stream(JobOutcome.Status.values()).filter(s -> s.word().equals(
                done.status())).findFirst().orElse(JobOutcome.Status.OK);
        return new StepOutcome(step, outcome, status, done.seconds(), done.inputs() == null ? Map.of()
                : done.inputs(), done.rows(), done.summary());
    }

    private static String line(PipelineOptions o, StepOutcome s) {
        if (s.outcome().equals(RunPlan.Action.NONE.label())) {
            return String.format("%s %-9s not run", o.asOf(), s.step().command());
        }
        String how = s.outcome().equals("ran") ? String.format("%7.1f s", s.seconds()) : "(" + s.outcome() + ")";
        return String.format("%s %-9s %s  %,d rows  %s", o.asOf(), s.step().command(), how, s.totalRows(),
                s.summary());
    }

    /**
     * What says why a step failed: the warnings and errors of its log, each with the lines it continues on (a
     * mapping's problems, the first {@value #ENTRY_LINES} of a stack trace); the last {@value #FAILURE_LINES} of them
     * where there are more, after a line counting those left out; else its last 5 lines. Its last 5 lines alone cut
     * off the first of six files over the reject limit.
     */
    static List<String> failureLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        List<List<String>> said = new ArrayList<>();
        List<String> entry = null;
        for (String l : lines) {
            if (STAMPED.matcher(l).lookingAt()) {
                entry = SAID.matcher(l).lookingAt() ? new ArrayList<>(List.of(l)) : null;
                if (entry != null) {
                    said.add(entry);
                }
            } else if (entry != null) {
                entry.add(l);
            }
        }
        if (said.isEmpty()) {
            return lines.subList(Math.max(0, lines.size() - 5), lines.size());
        }
        List<String> shown = new ArrayList<>();
        if (said.size() > FAILURE_LINES) {
            shown.add("(" + (said.size() - FAILURE_LINES) + " earlier warnings and errors in the log)");
        }
        for (List<String> e : said.subList(Math.max(0, said.size() - FAILURE_LINES), said.size())) {
            shown.addAll(e.subList(0, Math.min(e.size(), ENTRY_LINES + 1)));
            if (e.size() > ENTRY_LINES + 1) {
                shown.add("    (" + (e.size() - ENTRY_LINES - 1) + " more lines in the log)");
            }
        }
        return shown;
    }

    private static final int FAILURE_LINES = 20;
    private static final int ENTRY_LINES = 10;
    /** A line of a step's log as {@link RunLog} writes it, and one that is a warning or an error. */
    private static final java.util.regex.Pattern STAMPED = java.util.regex.Pattern.compile(
            "\\S+Z (INFO |WARN |ERROR|DEBUG) ");
    private static final java.util.regex.Pattern SAID = java.util.regex.Pattern.compile("\\S+Z (WARN |ERROR) ");

    private static void writeManifest(Path run, RunRecord manifest) throws IOException {
        writeAtomically(run.resolve(MANIFEST), JSON.writeValueAsString(manifest) + "\n");
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
