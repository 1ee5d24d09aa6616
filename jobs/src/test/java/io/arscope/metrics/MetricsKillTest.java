package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.ArscopeJvm;
import io.arscope.testing.ExportRun;
import io.arscope.testing.FolderSnapshot;

/**
 * Kills {@code arscope metrics} with SIGKILL while it writes a new version of an output that holds a complete
 * earlier one, in a separate JVM as a scheduler runs it, and checks that the published output still holds exactly
 * the earlier files, byte for byte; the next run completes and removes what the killed one left.
 */
@Tag("integration")
class MetricsKillTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(7, 800, LocalDate.of(2025, 1, 1), 12);
    private static final String DAY = HISTORY.exportDate().toString();
    private static final long LIMIT_SECONDS = 600;

    @TempDir
    Path work;

    @Test
    void aKilledRunLeavesThePublishedOutputByteForByteAndTheNextRunPrunesWhatItLeft() throws Exception {
        HistoryGenerator.generate(HISTORY, work.resolve("export"));
        Path ingest = work.resolve("ingest");
        // Only the killed run needs a JVM of its own; the runs around it are run here, where Spark is warm.
        ExportRun.Command ingested = ExportRun.arscope("ingest", "--input", work.resolve("export").toString(),
                "--mapping", Path.of("..", "data-samples", "mappings", "arscope-generator.yaml").toString(), "--output",
                ingest.toString(), "--as-of", DAY);
        assertEquals(0, ingested.code(), () -> ingested.out() + ingested.err());
        Path m = work.resolve("m");
        String[] metrics = {"metrics", "--input", ingest.toString(), "--output", m.toString(), "--as-of", DAY};
        ExportRun.Command first = ExportRun.arscope(metrics);
        assertEquals(0, first.code(), () -> first.out() + first.err());
        Path published = m.toRealPath();
        Map<String, byte[]> before = FolderSnapshot.of(m);
        assertTrue(before.containsKey(MetricsTables.MANIFEST), before.keySet()::toString);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith(MetricsTables.PERIOD_METRICS.name() + "/")),
                before.keySet()::toString);

        Process killed = start(metrics);
        Path versions = m.resolveSibling(".m.versions");
        Path unfinished = awaitWriting(versions, published, killed);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, killed.exitValue(), "killed by SIGKILL");
        assertTrue(Files.isDirectory(unfinished), "the killed run's version is left as it was");
        assertEquals(published, m.toRealPath());
        FolderSnapshot.assertSame(before, FolderSnapshot.of(m));

        ExportRun.Command next = ExportRun.arscope(metrics);
        assertEquals(0, next.code(), () -> next.out() + next.err());
        Path after = m.toRealPath();
        assertNotEquals(published, after);
        assertFalse(Files.exists(unfinished), "the killed run's version is pruned");
        assertEquals(Stream.of(published, after).map(p -> p.getFileName().toString()).sorted().toList(),
                names(versions), "only the published version and the one before remain");
        assertTrue(FolderSnapshot.of(m).containsKey(MetricsTables.MANIFEST));
    }

    /**
     * The new version folder of {@code run}, once a file has been written in it: Spark is up and the job is
     * writing its tables, the moment a kill leaves the most behind.
     */
    private Path awaitWriting(Path versions, Path published, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                fail("metrics ended (exit " + run.exitValue() + ") before it wrote anything\n" + log("metrics"));
            }
            for (String name : names(versions)) {
                Path version = versions.resolve(name);
                if (!name.equals(published.getFileName().toString()) && holdsAFile(version)) {
                    return version;
                }
            }
            Thread.sleep(10);
        }
        run.destroyForcibly();
        throw new AssertionError("metrics wrote nothing within " + LIMIT_SECONDS + " s");
    }

    private static boolean holdsAFile(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.anyMatch(Files::isRegularFile);
        } catch (IOException | UncheckedIOException e) {
            // Spark renames files as its tasks commit; the next look sees them settled.
            return false;
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Starts arscope in a JVM of its own, as a scheduler would, its output in {@code <command>.log}. */
    private Process start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--master", "local[2]"));
        return new ProcessBuilder(ArscopeJvm.command(all)).redirectErrorStream(true).redirectOutput(work.resolve(args[0] + ".log")
                .toFile()).start();
    }

    private String log(String command) {
        try {
            return Files.readString(work.resolve(command + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
