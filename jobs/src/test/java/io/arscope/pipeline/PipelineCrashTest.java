package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.run.RunManifest;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.ArscopeJvm;
import io.arscope.testing.ExportRun;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.TestSpark;

/**
 * Kills {@code arscope run} with SIGKILL at four points (during ingest, as metrics starts, as the worklist starts,
 * as the report starts), each time in a separate JVM as a scheduler starts it, and checks after each kill that
 * the date's published outputs are the earlier complete run's, byte for byte; then lets a run finish and checks it
 * resumed the killed run, left nothing partial behind, and wrote exactly what a clean run wrote. A second run
 * started while one is writing stops with exit 5. Only the killed runs and the locked-out one need JVMs of their
 * own; the clean run and the one that resumes run in this JVM, where Spark is warm (a fresh JVM spends a small
 * run's time compiling Spark's code).
 */
@Tag("integration")
class PipelineCrashTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(5, 1500, LocalDate.of(2025, 1, 1), 12);
    private static final String DAY = HISTORY.exportDate().toString();
    private static final long LIMIT_SECONDS = 600;

    @TempDir
    static Path work;

    @BeforeAll
    static void generate() throws IOException {
        HistoryGenerator.generate(HISTORY, work.resolve("export"));
    }

    @Test
    void killedRunsLeaveThePublishedRunIntactAndTheirResumptionWritesWhatACleanRunWrote() throws Exception {
        Path root = work.resolve("root");
        Path published = root.resolve(DAY);
        ExportRun.Command cleanRun = runHere(root);
        assertEquals(0, cleanRun.code(), () -> "the clean run: " + cleanRun.out() + cleanRun.err());
        Path clean = published.toRealPath();
        Map<String, String> cleanFiles = digests(published);

        String[] killAt = {"ingest", "metrics", "worklist", "report"};
        for (int i = 0; i < killAt.length; i++) {
            Process run = start(root, "killed-" + i);
            Path folder = awaitStepFolder(root, clean, killAt[i], run);
            if (i == 0) {
                Process second = start(root, "locked-out");
                assertEquals(5, finish(second), "a second run of the date while one writes it");
                assertTrue(log("locked-out").contains("another arscope run is writing " + published + " (pid "
                        + run.pid() + ","), log("locked-out"));
            }
            run.destroyForcibly();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));
            assertEquals(137, run.exitValue(), "killed by SIGKILL");
            assertTrue(Files.exists(folder), folder.toString());
            assertEquals(clean, published.toRealPath(), "after the kill at " + killAt[i]);
            assertEquals(cleanFiles, digests(published), "the published run, after the kill at " + killAt[i]);
        }

        ExportRun.Command resumedRun = runHere(root);
        assertEquals(0, resumedRun.code(), () -> "the run after the kills: " + resumedRun.out() + resumedRun.err());
        Path resumed = published.toRealPath();
        assertNotEquals(clean, resumed);
        JsonNode manifest = new ObjectMapper().readTree(published.resolve(PipelineRun.MANIFEST).toFile());
        assertEquals("complete", manifest.path("status").asText());
        assertTrue(manifest.path("resumed").asBoolean());
        List<String> outcomes = new ArrayList<>();
        manifest.path("steps").forEach(s -> outcomes.add(s.path("step").asText() + ":" + s.path("outcome").asText()));
        String before = "done before the run was interrupted";
        assertEquals(List.of("ingest:" + before, "metrics:" + before, "train:" + before, "score:" + before,
                "alerts:" + before, "worklist:" + before, "forecast:" + before, "report:ran"), outcomes);

        try (Stream<Path> runs = Files.list(root.resolve(DateRuns.RUNS).resolve(DAY))) {
            assertEquals(List.of(clean.getFileName().toString(), resumed.getFileName().toString(), "lock"),
                    runs.map(p -> p.getFileName().toString()).sorted().toList(), "only the two complete runs remain");
        }
        try (Stream<Path> top = Files.list(root)) {
            // The actions log is kept under the root across runs (the worklist step appends to it).
            assertEquals(List.of(DateRuns.RUNS, DAY, StepFolders.ACTIONS_LOG), top.map(p -> p.getFileName().toString())
                    .sorted().toList());
        }
        try (Stream<Path> tree = Files.walk(resumed)) {
            assertEquals(List.of(), tree.map(p -> resumed.relativize(p).toString())
                    .filter(p -> p.contains("_temporary") || p.endsWith(".parts") || p.endsWith(".next")).toList());
        }
        for (Step step : Step.values()) {
            assertTrue(DateRuns.done(resumed, step), step + " is complete in the published run");
        }
        assertSameOutputs(clean, resumed);
    }

    /** The same files, Parquet tables with the same rows (their part files are named per write), the rest byte for byte. */
    private static void assertSameOutputs(Path expected, Path actual) throws IOException {
        Map<String, String> a = comparable(expected);
        Map<String, String> b = comparable(actual);
        assertEquals(a.keySet(), b.keySet());
        int tables = 0;
        SparkSession spark = TestSpark.session();
        for (String name : a.keySet()) {
            if (a.get(name).equals("table")) {
                tables++;
                assertEquals(rows(spark, expected.resolve(name)), rows(spark, actual.resolve(name)), name);
            } else {
                assertEquals(a.get(name), b.get(name), name);
            }
        }
        assertTrue(tables >= 20, "compared " + tables + " tables");
    }

    private static List<String> rows(SparkSession spark, Path table) {
        return spark.read().parquet(table.toString()).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /**
     * What a rerun must reproduce: each Parquet table (marked "table"), and every other file by digest, without
     * what records when and where a run happened (manifests, logs) and the model's serialised provenance, which
     * carries its training time (the model's effect is compared through the scores).
     */
    private static Map<String, String> comparable(Path run) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(run)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                String name = run.relativize(p).toString();
                if (Files.isRegularFile(p.resolve("_SUCCESS"))) {
                    files.put(name, "table");
                }
            }
        }
        try (Stream<Path> tree = Files.walk(run)) {
            for (Path p : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                String name = run.relativize(p).toString();
                String file = p.getFileName().toString();
                boolean inTable = files.keySet().stream().anyMatch(t -> files.get(t).equals("table")
                        && name.startsWith(t + "/"));
                if (inTable || name.startsWith(PipelineRun.LOGS + "/") || name.equals("run.log")
                        || file.endsWith(".json") || file.endsWith(
                        ".tribuo") || file.endsWith(".crc")) {
                    continue;
                }
                files.put(name, RunManifest.sha256(p));
            }
        }
        return files;
    }

    private static Map<String, String> digests(Path published) throws IOException {
        Path run = published.toRealPath();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(run)) {
            for (Path p : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                files.put(run.relativize(p).toString(), RunManifest.sha256(p));
            }
        }
        return files;
    }

    /** Waits until the killed run's new run folder holds the step's folder: the step has started. */
    private static Path awaitStepFolder(Path root, Path clean, String folder, Process run) throws Exception {
        Path runs = root.resolve(DateRuns.RUNS).resolve(DAY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> list = Files.list(runs)) {
                for (Path r : list.filter(Files::isDirectory).filter(r -> !r.equals(clean)).toList()) {
                    if (Files.isDirectory(r.resolve(folder), LinkOption.NOFOLLOW_LINKS)
                            && !DateRuns.done(r, Step.valueOf(folder.toUpperCase(java.util.Locale.ROOT)))) {
                        return r.resolve(folder);
                    }
                }
            }
            if (!run.isAlive()) {
                fail("the run ended (exit " + run.exitValue() + ") before " + folder + " started");
            }
            Thread.sleep(10);
        }
        run.destroyForcibly();
        throw new AssertionError(folder + " did not start within " + LIMIT_SECONDS + " s");
    }

    private static List<String> runArgs(Path root) {
        return List.of("run", "--as-of", DAY, "--root", root.toString(), "--input", work.resolve("export").toString(),
                "--mapping", Path.of("..", "data-samples", "mappings", "arscope-generator.yaml").toString(),
                "--progress", "off");
    }

    /** The run in this JVM, on the tests' Spark session. */
    private static ExportRun.Command runHere(Path root) {
        TestSpark.session();
        return ExportRun.arscope(runArgs(root).toArray(String[]::new));
    }

    private static Process start(Path root, String name) throws IOException {
        List<String> command = new ArrayList<>(ArscopeJvm.command(runArgs(root)));
        command.addAll(List.of("--master", "local[2]"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log")
                .toFile()).start();
    }

    private static int finish(Process p) throws Exception {
        if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("arscope run did not finish within " + LIMIT_SECONDS + " s");
        }
        return p.exitValue();
    }

    private static String log(String name) throws IOException {
        return Files.readString(work.resolve(name + ".log"), StandardCharsets.UTF_8);
    }
}
