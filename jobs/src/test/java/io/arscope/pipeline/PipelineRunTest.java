package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.testing.TestSpark;

/**
 * The orchestration of {@code arscope run} with stand-in commands that write a file per step and exit as told:
 * the command lines each step gets, a failing step stopping the run without publishing, the next run resuming it,
 * and {@code --from} keeping the published steps before it. The real commands run in the crash test.
 */
class PipelineRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 31);

    @TempDir
    Path work;

    private final List<List<String>> calls = new ArrayList<>();
    private String failing;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void export() throws IOException {
        Files.createDirectories(work.resolve("export"));
        Files.writeString(work.resolve("export/invoices.csv"), "invoice_id\nI1\n");
        Files.writeString(work.resolve("mapping.yaml"), "tables: {}\n");
    }

    /** Writes {@code <output>/out.txt} naming the step, or a model.json for train; exits 4 for the failing step. */
    private int command(String... arguments) {
        List<String> a = List.of(arguments);
        calls.add(a);
        if (a.get(0).equals(failing)) {
            System.err.println(a.get(0) + ": too many rejects");
            return 4;
        }
        String option = a.get(0).equals("train") ? "--model" : "--output";
        Path out = Path.of(a.get(a.indexOf(option) + 1));
        try {
            Files.createDirectories(out);
            if (a.get(0).equals("train")) {
                Files.writeString(out.resolve("model.json"), "{\"labels_as_of\": \"2026-10-31\"}");
            } else {
                Files.writeString(out.resolve("out.txt"), a.get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(a.get(0) + ": done in 0.1 s; outputs in " + out);
        return 0;
    }

    private PipelineRun.Outcome run(Set<Step> skip, Step from) throws Exception {
        PipelineOptions o = new PipelineOptions(DAY, work.resolve("root"), work.resolve("export").toString(),
                work.resolve("mapping.yaml"), null, skip, from, null, null, null, null);
        PipelineRun pipeline = new PipelineRun(TestSpark.session(), this::command,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
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
        assertEquals(List.of(
                List.of("ingest", "--mapping", work.resolve("mapping.yaml").toString(), "--output", r + "/ingest",
                        "--as-of", "2026-10-31", "--input", work.resolve("export").toString()),
                List.of("metrics", "--input", r + "/ingest", "--output", r + "/metrics", "--as-of", "2026-10-31"),
                List.of("train", "--input", r + "/ingest", "--model", r + "/model", "--as-of", "2026-10-31"),
                List.of("score", "--input", r + "/ingest", "--model", r + "/model", "--output", r + "/score",
                        "--as-of", "2026-10-31"),
                List.of("worklist", "--input", r + "/ingest", "--scores", r + "/score", "--output", r + "/worklist",
                        "--as-of", "2026-10-31"),
                List.of("forecast", "--input", r + "/ingest", "--output", r + "/forecast", "--as-of", "2026-10-31"),
                List.of("report", "--metrics", r + "/metrics", "--output", r + "/report", "--forecast",
                        r + "/forecast", "--worklist", r + "/worklist")), calls);
        assertEquals(outcome.run(), work.resolve("root/2026-10-31").toRealPath());
        JsonNode m = manifest(outcome.run());
        assertEquals("complete", m.path("status").asText());
        assertEquals("forecast: done", m.path("steps").get(5).path("summary").asText());
        assertEquals("invoices.csv", m.path("inputs").path("files").get(0).path("file").asText());
        assertEquals(14, m.path("inputs").path("files").get(0).path("bytes").asInt());
        assertEquals("54b38c20415ea91bba4801d62be7a1940f4c5e37c9218116d312f0646027b2d2",
                m.path("inputs").path("files").get(0).path("sha256").asText());
        assertEquals("forecast", Files.readString(work.resolve("root/2026-10-31/forecast/out.txt")));
        assertTrue(Files.readString(work.resolve("root/2026-10-31/logs/metrics.log")).contains("metrics: done"));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("2026-10-31 worklist "));
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
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("score: too many rejects"));

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
