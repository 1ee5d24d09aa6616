package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.job.JobOutcome;
import io.arscope.testing.TestSpark;

/**
 * The orchestration of {@code arscope run} with stand-in jobs that write a file per step and fail as told: the
 * folders each step gets, a failing step stopping the run without publishing, the next run resuming it,
 * and {@code --from} keeping the published steps before it. The real commands run in the crash test.
 */
class PipelineRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 31);

    @TempDir
    Path work;

    private final List<List<String>> calls = new ArrayList<>();
    private String failing;
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
        Path out = Path.of(folders.output(step));
        Files.createDirectories(out);
        if (step.command().equals(failing)) {
            return new JobOutcome(JobOutcome.Status.TOO_MANY_REJECTS, step.command() + ": too many rejects",
                    List.of(), List.of("a file rejected 9% of its rows"), Map.of());
        }
        if (step == Step.TRAIN) {
            Files.writeString(out.resolve("model.json"), "{\"labels_as_of\": \"2026-10-31\"}");
        } else {
            Files.writeString(out.resolve("out.txt"), step.command());
        }
        return new JobOutcome(JobOutcome.Status.OK, step.command() + ": done", List.of("detail of " + step.command()),
                List.of(), Map.of("out", 3L));
    }

    private PipelineRun.Outcome run(Set<Step> skip, Step from) throws Exception {
        PipelineOptions o = new PipelineOptions(DAY, work.resolve("root"), work.resolve("export").toString(),
                work.resolve("mapping.yaml"), null, skip, from, null, null, null, null, null);
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
                List.of("worklist", r + "/worklist", "true", "true", model),
                List.of("forecast", r + "/forecast", "true", "true", model),
                List.of("report", r + "/report", "true", "true", model)), calls);
        assertEquals(outcome.run(), work.resolve("root/2026-10-31").toRealPath());
        JsonNode m = manifest(outcome.run());
        assertEquals("complete", m.path("status").asText());
        assertEquals("forecast: done", m.path("steps").get(5).path("summary").asText());
        assertEquals("invoices.csv", m.path("inputs").path("files").get(0).path("file").asText());
        assertEquals(14, m.path("inputs").path("files").get(0).path("bytes").asInt());
        assertEquals("54b38c20415ea91bba4801d62be7a1940f4c5e37c9218116d312f0646027b2d2",
                m.path("inputs").path("files").get(0).path("sha256").asText());
        assertEquals("forecast", Files.readString(work.resolve("root/2026-10-31/forecast/out.txt")));
        String log = Files.readString(work.resolve("root/2026-10-31/logs/metrics.log"));
        assertTrue(log.contains("detail of metrics\nmetrics: done in "), log);
        assertEquals(3, m.path("steps").get(1).path("rows").path("out").asInt());
        assertTrue(progress.toString().contains("2026-10-31 worklist "));
        assertEquals("2026-10-31", m.path("model").path("labels_as_of").asText());
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
        assertEquals("failed", manifest(failed.run()).path("status").asText());
        assertEquals(4, manifest(failed.run()).path("exit_code").asInt());
        assertEquals(List.of("ingest", "metrics", "train", "score"), calls.stream().map(c -> c.get(0)).toList());
        assertTrue(progress.toString().contains("arscope score: warning: a file rejected 9% of its rows"),
                progress.toString());

        calls.clear();
        failing = null;
        PipelineRun.Outcome resumed = run(Set.of(), null);
        assertEquals(0, resumed.exitCode());
        assertEquals(failed.run(), resumed.run());
        assertEquals(List.of("score", "worklist", "forecast", "report"), calls.stream().map(c -> c.get(0)).toList());
        JsonNode m = manifest(resumed.run());
        assertTrue(m.path("resumed").asBoolean());
        assertEquals("done before the run was interrupted", m.path("steps").get(0).path("outcome").asText());
        assertEquals(resumed.run(), work.resolve("root/2026-10-31").toRealPath());
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
    }
}
