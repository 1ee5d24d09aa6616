package io.arscope.pipeline;

import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.job.ExitCode;
import io.arscope.job.JobOutcome;
import io.arscope.testing.TestSpark;

/**
 * The orchestration of {@code arscope run} with stand-in jobs that write a file per step and fail as told: the
 * folders each step gets, a failing step stopping the run without publishing, the next run resuming it,
 * and {@code --from} keeping the published steps before it. The real commands run in the crash test.
 */
class PipelineRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 31);
    /** A log line's time, UTC to the millisecond. */
    private static final String STAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z ";

    @TempDir
    Path work;

    private final List<List<String>> calls = new ArrayList<>();
    private String failing;
    private String warning;
    private String sparkWarns;
    /** Run after the ingest step, while the run goes on. */
    private IoAction afterIngest;
    private final StringWriter progress = new StringWriter();

    @BeforeEach
    void export() throws IOException {
        Files.createDirectories(work.resolve("export"));
        Files.writeString(work.resolve("export/invoices.csv"), "invoice_id\nI1\n");
        Files.writeString(work.resolve("mapping.yaml"), "tables: {}\n");
    }

    /**
     * A stand-in job per step: writes {@code out.txt} naming the step into its folder (a model.json for train),
     * records what it read, and fails as ingest does with too many rejects for the failing step.
     */
    private JobOutcome job(Step step, StepFolders folders) throws IOException {
        calls.add(List.of(step.command(), folders.output(step), String.valueOf(folders.withForecast()),
                String.valueOf(folders.withWorklist()), folders.model().toString()));
        if (step == Step.INGEST && afterIngest != null) {
            afterIngest.run();
        }
        Path out = Path.of(folders.output(step));
        Files.createDirectories(out);
        if (step.command().equals(failing)) {
            return new JobOutcome(JobOutcome.Status.TOO_MANY_REJECTS, step.command() + ": too many rejects",
                    List.of(), List.of("a file rejected 9% of its rows"), Map.of());
        }
        if (step == Step.TRAIN) {
            Files.writeString(out.resolve("model.json"), "{\"labels_as_of\": \"2026-10-31\"}");
            return new JobOutcome(JobOutcome.Status.OK, "train: model in " + out, List.of("detail of train"), List.of(),
                    Map.of("out", 3L), Map.of(folders.output(Step.INGEST) + "/canonical/invoices", 7L));
        } else {
            Files.writeString(out.resolve("out.txt"), step.command());
        }
        if (step.command().equals(sparkWarns)) {
            // Spark warns of a window without partitions, and a library logs a URL with a password.
            TestSpark.session().range(3).withColumn("n", row_number().over(Window.orderBy("id"))).collectAsList();
            LogManager.getLogger("org.postgresql.Driver").error("cannot connect to "
                    + "jdbc:postgresql://db:5432/ar?user=arscope&password=hunter2");
        }
        if (step.command().equals(warning)) {
            return new JobOutcome(JobOutcome.Status.WARNINGS, step.command() + ": done by the baseline", List.of(),
                    List.of("model refused"), Map.of("out", 3L), Map.of("/in/invoices", 5L));
        }
        return new JobOutcome(JobOutcome.Status.OK, step.command() + ": done", List.of("detail of " + step.command()),
                List.of(), Map.of("out", 3L), Map.of("/in/invoices", 7L));
    }

    /** Some file work that may throw. */
    private interface IoAction {
        void run() throws IOException;
    }

    private PipelineRun.Outcome run(Set<Step> skip, Step from) throws Exception {
        return run(skip, from, null);
    }

    private PipelineRun.Outcome run(Set<Step> skip, Step from, Path model) throws Exception {
        return run(new PipelineOptions(DAY, work.resolve("root"), work.resolve("export").toString(),
                work.resolve("mapping.yaml"), model, skip, from, null, null, null, null, null));
    }

    /** Options of a whole run of the export given as {@code input}, reading the database at {@code jdbcUrl} if any. */
    private PipelineOptions reading(String input, String jdbcUrl, String jdbcUser) {
        return new PipelineOptions(DAY, work.resolve("root"), input, work.resolve("mapping.yaml"), null, Set.of(), null,
                null, jdbcUrl, jdbcUser, null, null);
    }

    private PipelineRun.Outcome run(PipelineOptions o) throws Exception {
        PipelineRun pipeline = new PipelineRun(TestSpark.session(), this::job, new PrintWriter(progress, true));
        try (RunLock lock = PipelineRun.lock(o)) {
            return pipeline.run(o, lock);
        }
    }

    private JsonNode manifest(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve(PipelineRun.MANIFEST).toFile());
    }

    @Test
    void eachStepReadsTheFoldersOfTheStepsBeforeItInTheSameRun() throws Exception {
        PipelineRun.Outcome outcome = run(Set.of(), null);
        assertEquals(0, outcome.exitCode());
        String r = outcome.run().toString();
        String model = r + "/model";
        assertEquals(List.of(
                List.of("ingest", r + "/ingest", "true", "true", model),
                List.of("metrics", r + "/metrics", "true", "true", model),
                List.of("train", r + "/model", "true", "true", model),
                List.of("score", r + "/score", "true", "true", model),
                List.of("alerts", r + "/alerts", "true", "true", model),
                List.of("worklist", r + "/worklist", "true", "true", model),
                List.of("forecast", r + "/forecast", "true", "true", model),
                List.of("report", r + "/report", "true", "true", model)), calls);
        assertEquals(outcome.run(), work.resolve("root/2026-10-31").toRealPath());
        JsonNode m = manifest(outcome.run());
        assertEquals("complete", m.path("status").asText());
        assertEquals("forecast: done", m.path("steps").get(6).path("summary").asText());
        assertEquals("invoices.csv", m.path("inputs").path("files").get(0).path("file").asText());
        assertEquals(14, m.path("inputs").path("files").get(0).path("bytes").asInt());
        assertEquals("54b38c20415ea91bba4801d62be7a1940f4c5e37c9218116d312f0646027b2d2",
                m.path("inputs").path("files").get(0).path("sha256").asText());
        assertEquals("forecast", Files.readString(work.resolve("root/2026-10-31/forecast/out.txt")));
        List<String> log = Files.readAllLines(work.resolve("root/2026-10-31/logs/metrics.log"));
        assertEquals(5, log.size(), log::toString);
        assertTrue(log.get(0).matches(STAMP + "INFO  metrics: started, writing " + r + "/metrics"), log::toString);
        assertTrue(log.get(1).matches(STAMP + "INFO  metrics: read 7 rows of /in/invoices"), log::toString);
        assertTrue(log.get(2).matches(STAMP + "INFO  metrics: detail of metrics"), log::toString);
        assertTrue(log.get(3).matches(STAMP + "INFO  metrics: wrote 3 rows of out"), log::toString);
        assertTrue(log.get(4).matches(STAMP + "INFO  metrics: metrics: done in \\d+\\.\\d s; complete, exit 0"),
                log::toString);
        // The run's log: its own lines and every step's, in order.
        List<String> runLog = Files.readAllLines(work.resolve("root/2026-10-31/run.log"));
        assertEquals(1 + 8 * 6 + 1, runLog.size(), runLog::toString);
        assertTrue(runLog.get(0).matches(STAMP + "INFO  run: 2026-10-31 run started .*"), runLog::toString);
        assertEquals(log.subList(0, 5), runLog.subList(1 + 6, 1 + 6 + 5));
        assertTrue(runLog.get(runLog.size() - 1).matches(STAMP + "INFO  run: 2026-10-31 run complete in .*"));
        assertEquals(3, m.path("steps").get(1).path("rows").path("out").asInt());
        assertEquals(7, m.path("steps").get(1).path("inputs").path("/in/invoices").asInt());
        assertEquals("complete", m.path("steps").get(1).path("status").asText());
        assertEquals(0, m.path("steps").get(1).path("exit_code").asInt());
        assertEquals(0, m.path("exit_code").asInt());
        assertTrue(progress.toString().contains("2026-10-31 worklist "));
        assertEquals("2026-10-31", m.path("model").path("labels_as_of").asText());
    }

    /**
     * A model given as {@code models/current}, the link a monthly training repoints: the run follows it once, scores
     * with the directory it led to even when the link is repointed while the run goes on, and run.json names that
     * directory beside the link.
     */
    @Test
    void aModelGivenAsALinkIsFollowedOnceAndRecordedByWhereItLed() throws Exception {
        Path september = Files.createDirectories(work.resolve("models/2026-09-30"));
        Files.writeString(september.resolve("model.json"), "{\"labels_as_of\": \"2026-09-30\"}");
        Path october = Files.createDirectories(work.resolve("models/2026-10-31"));
        Files.writeString(october.resolve("model.json"), "{\"labels_as_of\": \"2026-10-31\"}");
        Path current = Files.createSymbolicLink(work.resolve("models/current"), Path.of("2026-09-30"));
        afterIngest = () -> {
            Files.delete(current);
            Files.createSymbolicLink(current, Path.of("2026-10-31"));
        };
        PipelineRun.Outcome outcome = run(Set.of(), null, current);
        assertEquals(0, outcome.exitCode());
        String followed = september.toRealPath().toString();
        assertEquals(List.of("score", outcome.run().resolve("score").toString(), "true", "true", followed),
                calls.stream().filter(c -> c.get(0).equals("score")).findFirst().orElseThrow());
        assertTrue(calls.stream().allMatch(c -> c.get(4).equals(followed)), calls::toString);
        JsonNode model = manifest(outcome.run()).path("inputs").path("model");
        assertEquals(current.toString(), model.path("path").asText());
        assertEquals(followed, model.path("resolved_path").asText());
        assertEquals("2026-09-30", model.path("labels_as_of").asText());
    }

    /** A model given as its own directory is recorded by that path alone. */
    @Test
    void aModelGivenAsItsDirectoryHasNoResolvedPath() throws Exception {
        Path model = Files.createDirectories(work.resolve("models/2026-10-31")).toRealPath();
        Files.writeString(model.resolve("model.json"), "{\"labels_as_of\": \"2026-10-31\"}");
        PipelineRun.Outcome outcome = run(Set.of(), null, model);
        assertEquals(0, outcome.exitCode());
        JsonNode recorded = manifest(outcome.run()).path("inputs").path("model");
        assertEquals(model.toString(), recorded.path("path").asText());
        assertTrue(recorded.path("resolved_path").isMissingNode(), recorded::toString);
    }

    @Test
    void aFailingStepStopsTheRunUnpublishedAndTheNextRunResumesIt() throws Exception {
        Path first = run(Set.of(), null).run();
        calls.clear();
        failing = "score";
        PipelineRun.Outcome failed = run(Set.of(), null);
        assertEquals(4, failed.exitCode());
        assertEquals(Step.SCORE, failed.failedStep());
        assertEquals(first, work.resolve("root/2026-10-31").toRealPath());
        assertEquals("too_many_rejects", manifest(failed.run()).path("status").asText());
        assertEquals(4, manifest(failed.run()).path("exit_code").asInt());
        java.time.Instant firstStart = java.time.Instant.parse(manifest(failed.run()).path("started").asText());
        assertEquals(List.of("ingest", "metrics", "train", "score"), calls.stream().map(c -> c.get(0)).toList());
        assertTrue(progress.toString().contains("arscope score: warning: a file rejected 9% of its rows"),
                progress.toString());

        calls.clear();
        failing = null;
        PipelineRun.Outcome resumed = run(Set.of(), null);
        assertEquals(0, resumed.exitCode());
        assertEquals(failed.run(), resumed.run());
        assertEquals(List.of("score", "alerts", "worklist", "forecast", "report"), calls.stream().map(c -> c.get(0))
                .toList());
        JsonNode m = manifest(resumed.run());
        assertTrue(m.path("resumed").asBoolean());
        // The first attempt's start, with when it was resumed; seconds from the first start.
        assertEquals(firstStart.toString(), m.path("started").asText());
        java.time.Instant resumedAt = java.time.Instant.parse(m.path("resumed_at").asText());
        assertTrue(resumedAt.isAfter(firstStart), m.toString());
        assertTrue(m.path("seconds").asDouble() >= java.time.Duration.between(firstStart, resumedAt).toMillis()
                / 1000.0, m.toString());
        assertEquals("done before the run was interrupted", m.path("steps").get(0).path("outcome").asText());
        assertEquals(resumed.run(), work.resolve("root/2026-10-31").toRealPath());
        // The last line gives this attempt's time and run.json's, which a resumed run counts from its first start.
        List<String> runLog = Files.readAllLines(resumed.run().resolve("run.log"));
        assertTrue(runLog.get(runLog.size() - 1).matches(STAMP + "INFO  run: 2026-10-31 run complete in [0-9.]+ s "
                + "\\(resumed; " + String.format("%.1f", m.path("seconds").asDouble()).replace(".", "\\.")
                + " s since its first start\\); published .*"), runLog.toString());
    }

    /**
     * An export given as a URI (as on a cluster, s3a:// or hdfs://) had no files in run.json, so a run that stopped
     * was resumed after its export changed: the kept ingest had read the old one. Its files are now listed through
     * the file system, with sizes and times of change, and a changed export starts a new run.
     */
    @Test
    void anExportGivenAsAUriIsListedAndAChangedOneStartsANewRun() throws Exception {
        PipelineOptions uri = reading(work.resolve("export").toUri().toString(), null, null);
        failing = "score";
        PipelineRun.Outcome failed = run(uri);
        assertEquals(4, failed.exitCode());
        JsonNode files = manifest(failed.run()).path("inputs").path("files");
        assertEquals(1, files.size(), files::toString);
        assertEquals("invoices.csv", files.get(0).path("file").asText());
        assertEquals("invoice_id\nI1\n".length(), files.get(0).path("bytes").asInt());
        assertEquals(java.time.Instant.ofEpochMilli(Files.getLastModifiedTime(work.resolve("export/invoices.csv"))
                .toMillis()).toString(), files.get(0).path("modified").asText());

        // Unchanged, the URI's run resumes as a folder's does.
        failing = "alerts";
        calls.clear();
        PipelineRun.Outcome again = run(uri);
        assertEquals(failed.run(), again.run());
        assertEquals(List.of("score", "alerts"), calls.stream().map(c -> c.get(0)).toList());

        // One more row in the export: a new run, from ingest.
        Files.writeString(work.resolve("export/invoices.csv"), "invoice_id\nI1\nI2\n");
        failing = null;
        calls.clear();
        PipelineRun.Outcome fresh = run(uri);
        assertEquals(0, fresh.exitCode());
        assertFalse(fresh.run().equals(failed.run()), fresh.run().toString());
        assertEquals("ingest", calls.get(0).get(0));
        assertFalse(manifest(fresh.run()).path("resumed").asBoolean());
    }

    /**
     * A failed step's reasons went to standard output as the log's last 5 lines, which cut off the first of six
     * files over the reject limit. Its warnings and errors are given, the last 20 where there are more.
     */
    @Test
    void aFailedStepIsExplainedByItsWarningsAndErrors() throws Exception {
        Path log = work.resolve("step.log");
        List<String> lines = new java.util.ArrayList<>(List.of("2026-12-06T06:56:05.307Z INFO  ingest: started"));
        for (int i = 1; i <= 22; i++) {
            lines.add("2026-12-06T06:56:46.582Z WARN  ingest: arscope ingest: warning: file" + i + ".csv rejected "
                    + "44.44% of its rows");
        }
        lines.add("2026-12-06T06:56:46.582Z ERROR ingest: ingest: 19 rows read; too_many_rejects, exit 4");
        lines.add("    detail the error continues on");
        lines.add("2026-12-06T06:56:46.583Z INFO  ingest: done");
        lines.add("    detail of an info line");
        Files.write(log, lines);
        List<String> said = PipelineRun.failureLines(log);
        assertEquals(22, said.size(), said::toString);
        assertEquals("(3 earlier warnings and errors in the log)", said.get(0));
        assertEquals(lines.get(4), said.get(1));
        assertEquals(lines.subList(23, 25), said.subList(20, 22));
        // A log with no warning or error gives its last 5 lines.
        Files.write(log, lines.subList(0, 1));
        assertEquals(lines.subList(0, 1), PipelineRun.failureLines(log));
    }

    /** A database's rows may change after a run stops, which no fingerprint shows: such a run is never resumed. */
    @Test
    void aRunReadingADatabaseIsNotResumed() throws Exception {
        PipelineOptions database = reading(work.resolve("export").toString(), "jdbc:postgresql://db:5432/ar",
                "arscope");
        failing = "score";
        PipelineRun.Outcome failed = run(database);
        assertEquals(4, failed.exitCode());
        failing = null;
        calls.clear();
        PipelineRun.Outcome next = run(database);
        assertEquals(0, next.exitCode());
        assertFalse(next.run().equals(failed.run()), next.run().toString());
        assertEquals("ingest", calls.get(0).get(0));
    }

    @Test
    void aStepWithWarningsIsPublishedAndTheRunEndsWithSeven() throws Exception {
        warning = "score";
        PipelineRun.Outcome outcome = run(Set.of(), null);
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, outcome.exitCode());
        assertEquals(outcome.run(), work.resolve("root/2026-10-31").toRealPath());
        JsonNode m = manifest(outcome.run());
        assertEquals("complete_with_warnings", m.path("status").asText());
        assertEquals(7, m.path("exit_code").asInt());
        JsonNode score = m.path("steps").get(3);
        assertEquals("complete_with_warnings", score.path("status").asText());
        assertEquals(7, score.path("exit_code").asInt());
        assertEquals(5, score.path("inputs").path("/in/invoices").asInt());
        assertEquals("complete", m.path("steps").get(4).path("status").asText());
        assertTrue(Files.readString(outcome.run().resolve("logs/score.log")).contains(
                "WARN  score: arscope score: warning: model refused"));
        assertTrue(progress.toString().contains("2026-10-31 run complete with warnings (exit 7) in "),
                progress.toString());
    }

    /**
     * Spark's and the libraries' own lines went to the console only; the run's log now has them too, with time and
     * level and redacted, while the run runs and no longer once it has ended.
     */
    @Test
    void whatSparkAndTheLibrariesLogIsInTheRunsLogRedacted() throws Exception {
        sparkWarns = "forecast";
        PipelineRun.Outcome outcome = run(Set.of(), null);
        assertEquals(0, outcome.exitCode());
        LogManager.getLogger("org.postgresql.Driver").error("after the run");
        List<String> log = Files.readAllLines(outcome.run().resolve("run.log"));
        List<String> library = log.stream().filter(l -> !l.matches(STAMP + "INFO  (run|ingest|metrics|train|score|"
                + "alerts|worklist|forecast|report): .*")).toList();
        // Spark plans the window more than once and warns each time.
        assertTrue(library.size() >= 2, log::toString);
        String window = STAMP + "WARN  WindowExec: No Partition Defined for Window operation! Moving all data to a "
                + "single partition, this can cause serious performance degradation\\.";
        assertTrue(library.subList(0, library.size() - 1).stream().allMatch(l -> l.matches(window)),
                library::toString);
        assertTrue(library.get(library.size() - 1).matches(STAMP + "ERROR Driver: cannot connect to "
                + "jdbc:postgresql://db:5432/ar\\?user=arscope&password=\\*\\*\\*"), library::toString);
        // In the forecast step, right after its first line; and nothing once the run has ended.
        int started = log.indexOf(log.stream().filter(l -> l.contains("INFO  forecast: started")).findFirst()
                .orElseThrow());
        assertEquals(started + 1, log.indexOf(library.get(0)), log::toString);
        assertTrue(log.get(log.size() - 1).matches(STAMP + "INFO  run: 2026-10-31 run complete in .*"), log::toString);
    }

    @Test
    void fromAStepKeepsThePublishedStepsBeforeItAndSkippedStepsStayOut() throws Exception {
        Path first = run(Set.of(), null).run();
        calls.clear();
        PipelineRun.Outcome second = run(EnumSet.of(Step.FORECAST), Step.WORKLIST);
        assertEquals(List.of("worklist", "report"), calls.stream().map(c -> c.get(0)).toList());
        assertTrue(Files.isSameFile(first.resolve("metrics/out.txt"), second.run().resolve("metrics/out.txt")));
        assertEquals("kept from the published run", manifest(second.run()).path("steps").get(1).path("outcome")
                .asText());
        assertTrue(Files.isSameFile(first.resolve("forecast/out.txt"), second.run().resolve("forecast/out.txt")));
        assertNull(calls.stream().filter(c -> c.get(0).equals("forecast")).findAny().orElse(null));
        assertEquals(second.run(), work.resolve("root/2026-10-31").toRealPath());
        // The kept train step names this run's copies, not the published run's, which a later run prunes.
        JsonNode train = manifest(second.run()).path("steps").get(2);
        assertEquals("train: model in " + second.run().resolve("model"), train.path("summary").asText());
        assertEquals(7, train.path("inputs").path(second.run().resolve("ingest") + "/canonical/invoices").asInt());
        assertTrue(Files.readString(first.resolve("model").resolve(DateRuns.STEP_DONE)).contains(first.toString()));
    }

    /**
     * run.json of a run that kept the published ingest named the export given now (3,453 payments) while the ingest
     * had read another (5,453): it records the kept ingest's export, and the run says the new one is not read.
     */
    @Test
    void aRunKeepingThePublishedIngestRecordsTheExportThatIngestRead() throws Exception {
        Path first = run(Set.of(), null).run();
        JsonNode read = manifest(first).path("inputs").path("files");
        Files.writeString(work.resolve("export/invoices.csv"), "invoice_id\nI1\nI2\n");
        progress.getBuffer().setLength(0);
        PipelineRun.Outcome kept = run(Set.of(), Step.FORECAST);
        assertEquals(0, kept.exitCode());
        assertEquals(read, manifest(kept.run()).path("inputs").path("files"));
        assertTrue(progress.toString().contains("arscope run: warning: ingest is kept from the published run, which "
                + "read " + work.resolve("export") + " with " + work.resolve("mapping.yaml") + "; the export given "
                + "now differs and is not read (run without --from or --skip ingest to read it)"), progress.toString());
        // The export as the ingest read it: nothing is said.
        Files.writeString(work.resolve("export/invoices.csv"), "invoice_id\nI1\n");
        progress.getBuffer().setLength(0);
        run(Set.of(), Step.FORECAST);
        assertFalse(progress.toString().contains("ingest is kept"), progress.toString());
    }
}
