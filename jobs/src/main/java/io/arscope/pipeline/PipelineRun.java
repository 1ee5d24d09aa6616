package io.arscope.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** What happened to one step. */
    public record StepOutcome(Step step, String outcome, double seconds, Map<String, Long> rows, String summary) {
        long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        RunRecord.Step record() {
            return new RunRecord.Step(step.command(), outcome, Math.round(seconds * 10) / 10.0, new TreeMap<>(rows),
                    summary);
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

    public PipelineRun(SparkSession spark, StepJobs jobs, PrintWriter progress) {
        this.spark = spark;
        this.jobs = jobs;
        this.progress = progress;
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
        RunInputs.Inputs inputs = RunInputs.describe(o);
        RunInputs.Code code = RunInputs.code();
        String fingerprint = RunManifest.sha256(JSON.writeValueAsString(List.of(o.asOf().toString(), inputs, code,
                plan.toString())));
        Optional<Path> previous = date.publishedRun();
        Path run = resumable(date, previous, fingerprint).orElse(null);
        boolean resumed = run != null;
        if (run == null) {
            run = date.newRun(started);
        }
        Files.createDirectories(run.resolve(LOGS));
        progress.printf("%s run %s %s%n", o.asOf(), resumed ? "resuming" : "started", date.published().getParent()
                .relativize(run));

        RunRecord manifest = new RunRecord("run", o.asOf().toString(), run.getFileName().toString(),
                RunRecord.RUNNING, fingerprint, started.toString(), resumed, code, System.getProperty("java.version"),
                spark.version(), spark.sparkContext().master(), inputs, List.of(), null, null, null, null, null);
        writeManifest(run, manifest);

        List<StepOutcome> outcomes = new ArrayList<>();
        for (Step step : Step.values()) {
            RunPlan.Action action = plan.action(step);
            StepOutcome outcome;
            if (action == RunPlan.Action.NONE) {
                outcome = new StepOutcome(step, action.label(), 0, Map.of(), "");
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
                Executed result = execute(log, step, new StepFolders(o, run, plan.has(Step.FORECAST),
                        plan.has(Step.WORKLIST)));
                double seconds = (System.nanoTime() - t0) / 1e9;
                int exit = result.exitCode();
                if (exit != 0) {
                    writeManifest(run, manifest.failed(step.command(), exit));
                    progress.printf("%s %-9s FAILED with exit %d after %.1f s; log %s%n", o.asOf(), step.command(),
                            exit, seconds, log);
                    lastLines(log, 5).forEach(l -> progress.println("    " + l));
                    return new Outcome(exit, step, run, date.published(), outcomes);
                }
                outcome = new StepOutcome(step, "ran", seconds, result.outcome().rows(), result.outcome().summary());
                markDone(run, step, outcome);
            }
            outcomes.add(outcome);
            manifest = manifest.withStep(outcome.record());
            if (step == Step.TRAIN && plan.has(Step.TRAIN)) {
                manifest = manifest.withModel(RunInputs.model(DateRuns.stepFolder(run, Step.TRAIN)));
            }
            writeManifest(run, manifest);
            progress.println(line(o, outcome));
        }
        Instant finished = Instant.now();
        manifest = manifest.complete(finished.toString(), Duration.between(started, finished).toMillis() / 1000.0);
        writeManifest(run, manifest);
        date.publish(run);
        date.prune(run, previous.orElse(null));
        progress.printf("%s run complete in %.1f s; published %s%n", o.asOf(),
                Duration.between(started, finished).toMillis() / 1000.0, date.published());
        return new Outcome(0, null, run, date.published(), outcomes);
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
            Path manifest = run.resolve(MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            RunRecord m;
            try {
                m = JSON.readValue(manifest.toFile(), RunRecord.class);
            } catch (IOException e) {
                // A manifest cut short by a kill, or written by another version: that run is not resumed.
                continue;
            }
            if (!RunRecord.COMPLETE.equals(m.status()) && fingerprint.equals(m.fingerprint())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** How a step's job ended: its outcome and exit code, or no outcome and the exit code of its failure. */
    private record Executed(JobOutcome outcome, int exitCode) {
    }

    /** Runs a step's job with what it reports going to the step's log, so the run itself prints one line per step. */
    private Executed execute(Path log, Step step, StepFolders folders) throws IOException {
        try (PrintWriter file = Secrets.ambient().redacting(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            file.println("arscope run: " + step.command() + " into " + folders.output(step));
            long t0 = System.nanoTime();
            try {
                JobOutcome outcome = jobs.run(step, folders);
                outcome.details().forEach(file::println);
                outcome.warnings().forEach(w -> file.println("arscope " + step.command() + ": warning: " + w));
                file.printf("%s in %.1f s%n", outcome.summary(), (System.nanoTime() - t0) / 1e9);
                return new Executed(outcome, outcome.status().exitCode());
            } catch (Exception e) {
                file.println(ExitCode.message(step.command(), e));
                if (ExitCode.of(e) == ExitCode.FAILURE) {
                    e.printStackTrace(file);
                }
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
        return new StepOutcome(step, outcome, done.seconds(), done.rows(), done.summary());
    }

    private static String line(PipelineOptions o, StepOutcome s) {
        if (s.outcome().equals(RunPlan.Action.NONE.label())) {
            return String.format("%s %-9s not run", o.asOf(), s.step().command());
        }
        String how = s.outcome().equals("ran") ? String.format("%7.1f s", s.seconds()) : "(" + s.outcome() + ")";
        return String.format("%s %-9s %s  %,d rows  %s", o.asOf(), s.step().command(), how, s.totalRows(),
                s.summary());
    }

    private static List<String> lastLines(Path log, int n) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static void writeManifest(Path run, RunRecord manifest) throws IOException {
        writeAtomically(run.resolve(MANIFEST), JSON.writeValueAsString(manifest) + "\n");
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
