package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DateRunsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 31);

    @TempDir
    Path root;

    private static Path completeStep(Path run, Step step, String content) throws Exception {
        Path folder = DateRuns.stepFolder(run, step);
        Files.createDirectories(folder.resolve("table"));
        Files.writeString(folder.resolve("table").resolve("part-0.parquet"), content);
        Files.writeString(folder.resolve(DateRuns.STEP_DONE), "{}");
        return folder;
    }

    @Test
    void publishingSwitchesTheDatesLinkFromOneCompleteRunToTheNext() throws Exception {
        DateRuns date = new DateRuns(root, DAY);
        assertEquals(Optional.empty(), date.publishedRun());
        Path first = date.newRun(Instant.parse("2026-11-01T06:00:00Z"));
        completeStep(first, Step.INGEST, "first");
        date.publish(first);
        assertTrue(Files.isSymbolicLink(root.resolve("2026-10-31")));
        assertEquals(Path.of(".runs/2026-10-31/20261101T060000.000Z"), Files.readSymbolicLink(root.resolve(
                "2026-10-31")));
        assertEquals("first", Files.readString(root.resolve("2026-10-31/ingest/table/part-0.parquet")));

        Path second = date.newRun(Instant.parse("2026-11-02T06:00:00Z"));
        completeStep(second, Step.INGEST, "second");
        assertEquals("first", Files.readString(root.resolve("2026-10-31/ingest/table/part-0.parquet")));
        date.publish(second);
        assertEquals(Optional.of(second), date.publishedRun());
        assertEquals("second", Files.readString(root.resolve("2026-10-31/ingest/table/part-0.parquet")));
        assertFalse(Files.exists(root.resolve(".2026-10-31.next"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * The run a date compares with: the latest earlier date whose published run finished the step. 10-30 has no
     * score step, 10-29 is being written and unpublished, a later date and a folder named otherwise do not count.
     */
    @Test
    void thePreviousRunIsTheLatestEarlierPublishedDateWithTheStep() throws Exception {
        assertEquals(Optional.empty(), DateRuns.previous(root, DAY, Step.SCORE));
        DateRuns earliest = new DateRuns(root, LocalDate.of(2026, 10, 28));
        Path scored = earliest.newRun(Instant.parse("2026-10-29T06:00:00Z"));
        Path score = completeStep(scored, Step.SCORE, "28th");
        earliest.publish(scored);
        DateRuns unscored = new DateRuns(root, LocalDate.of(2026, 10, 30));
        Path ingestOnly = unscored.newRun(Instant.parse("2026-10-31T06:00:00Z"));
        completeStep(ingestOnly, Step.INGEST, "30th");
        unscored.publish(ingestOnly);
        completeStep(new DateRuns(root, LocalDate.of(2026, 10, 29)).newRun(Instant.parse("2026-10-30T06:00:00Z")),
                Step.SCORE, "29th, unpublished");
        DateRuns later = new DateRuns(root, LocalDate.of(2026, 11, 30));
        Path laterRun = later.newRun(Instant.parse("2026-12-01T06:00:00Z"));
        completeStep(laterRun, Step.SCORE, "later");
        later.publish(laterRun);
        Files.createSymbolicLink(root.resolve("2026-99-99"), laterRun);

        assertEquals(Optional.of(score), DateRuns.previous(root, DAY, Step.SCORE));
        assertEquals(Optional.empty(), DateRuns.previous(root, LocalDate.of(2026, 10, 28), Step.SCORE));
    }

    @Test
    void publishedStepsAreThoseWithTheirDoneMarker() throws Exception {
        DateRuns date = new DateRuns(root, DAY);
        Path run = date.newRun(Instant.parse("2026-11-01T06:00:00Z"));
        completeStep(run, Step.INGEST, "x");
        completeStep(run, Step.METRICS, "y");
        Files.delete(DateRuns.stepFolder(run, Step.METRICS).resolve(DateRuns.STEP_DONE));
        date.publish(run);
        assertEquals(EnumSet.of(Step.INGEST), date.publishedSteps());
    }

    @Test
    void keepingAStepLinksThePublishedFilesAndPruningKeepsTheCurrentAndPreviousRuns() throws Exception {
        DateRuns date = new DateRuns(root, DAY);
        Path first = date.newRun(Instant.parse("2026-11-01T06:00:00Z"));
        Path firstIngest = completeStep(first, Step.INGEST, "kept");
        date.publish(first);
        Path abandoned = date.newRun(Instant.parse("2026-11-01T07:00:00Z"));
        Files.createDirectories(DateRuns.stepFolder(abandoned, Step.INGEST));
        Path second = date.newRun(Instant.parse("2026-11-02T06:00:00Z"));
        date.keep(second, Step.INGEST);
        assertTrue(DateRuns.done(second, Step.INGEST));
        assertTrue(Files.isSameFile(firstIngest.resolve("table/part-0.parquet"),
                DateRuns.stepFolder(second, Step.INGEST).resolve("table/part-0.parquet")));
        date.publish(second);
        Path third = date.newRun(Instant.parse("2026-11-03T06:00:00Z"));
        date.keep(third, Step.INGEST);
        date.publish(third);
        date.prune(third, second);
        assertEquals(List.of(second, third), date.runs());
        assertEquals("kept", Files.readString(root.resolve("2026-10-31/ingest/table/part-0.parquet")));
    }

    @Test
    void aRealFolderAtTheDateIsNeverReplaced() throws Exception {
        Files.createDirectories(root.resolve("2026-10-31"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DateRuns(root, DAY)
                .publishedRun());
        assertTrue(e.getMessage().endsWith("2026-10-31 is a folder, not the link arscope run publishes a date as; "
                + "move it away (or use another --root) so the run does not replace what it holds"), e.getMessage());
    }

    @Test
    void theLockAdmitsOneRunAtATimeAndNamesTheHolder() throws Exception {
        Path file = new DateRuns(root, DAY).lockFile();
        try (RunLock held = RunLock.acquire(file, "the date")) {
            RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(file,
                    "the date"));
            assertTrue(e.getMessage().startsWith("another arscope run is writing the date (pid "
                    + ProcessHandle.current().pid() + ", started "), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(file, "the date")) {
            assertEquals(file, again.file());
        }
    }
}
