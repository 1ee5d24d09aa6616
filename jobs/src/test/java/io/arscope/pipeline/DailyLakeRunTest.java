package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.model.CanonicalTable;
import io.arscope.testing.ExportCut;
import io.arscope.testing.ExportRun;
import io.arscope.testing.SampleRun;

/**
 * A scheduler's daily run on a lake against one run of the full export. The bundled sample is cut as an ERP exports
 * it: everything known by 2026-09-30, loaded into a new lake, then only the rows new or changed by 2026-10-31. {@code
 * arscope run} on that second export, reading the lake, must write every CSV the run of the whole sample as of
 * 2026-10-31 writes ({@link SampleRun}, the same config and, given with {@code --model}, its model), byte for byte:
 * the metrics, scores, alerts, worklists and forecast of a daily load are those of a full recompute.
 */
@Tag("integration")
class DailyLakeRunTest {

    private static final List<String> STEPS = List.of("metrics", "score", "alerts", "worklist", "forecast");

    @TempDir
    static Path dir;
    private static SampleRun full;
    private static ExportRun.Command daily;

    @BeforeAll
    static void loadTheFirstDayThenRunTheSecond() throws IOException {
        full = SampleRun.get();
        Path sample = ExportRun.repo().resolve("data-samples/sample");
        ExportCut cut = ExportCut.of(sample, LocalDate.of(2026, 9, 30), dir.resolve("day1"), dir.resolve("day2"));
        assertTrue(cut.delta(CanonicalTable.PAYMENTS) > 0);
        String mapping = ExportRun.shippedMapping("arscope-generator.yaml").toString();
        String lake = dir.resolve("lake").toString();
        ExportRun.Command first = ExportRun.arscope("ingest", "--input", dir.resolve("day1").toString(), "--mapping",
                mapping, "--output", dir.resolve("day1-ingest").toString(), "--as-of", "2026-09-30", "--lake", lake,
                "--progress", "off");
        assertEquals(0, first.code(), first.err());
        Path config = dir.resolve("arscope.yaml");
        Files.writeString(config, SampleRun.CONFIG + "ingest:\n  lake: " + lake + "\n");
        daily = ExportRun.arscope("run", "--root", dir.resolve("root").toString(), "--config", config.toString(),
                "--as-of", "2026-10-31", "--input", dir.resolve("day2").toString(), "--mapping", mapping, "--model",
                full.day().resolve("model").toString(), "--progress", "off");
    }

    @Test
    void theDailyRunEndsAsTheFullRunDoes() {
        assertEquals(full.exit(), daily.code(), daily.err());
    }

    @Test
    void everyCsvIsTheFullRunsByteForByte() throws IOException {
        Path day = dir.resolve("root/2026-10-31").toRealPath();
        int compared = 0;
        for (String step : STEPS) {
            List<Path> expected = csvs(full.day().resolve(step));
            assertEquals(expected, csvs(day.resolve(step)), step);
            for (Path file : expected) {
                assertEquals(Files.readString(full.day().resolve(step).resolve(file)),
                        Files.readString(day.resolve(step).resolve(file)), step + "/" + file);
                compared++;
            }
        }
        assertTrue(compared >= 30, "CSV files compared: " + compared);
    }

    /** The CSV files under {@code folder}, relative to it, sorted. */
    private static List<Path> csvs(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".csv")).map(folder::relativize).sorted().toList();
        }
    }
}
