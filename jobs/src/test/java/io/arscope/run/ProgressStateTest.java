package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The progress line, event by event, with its elapsed time and estimate worked out by hand. */
class ProgressStateTest {

    @Test
    void aStepBeforeAnySparkJobShowsItsNameAndElapsedTime() {
        ProgressState state = new ProgressState("ingest", 1_000);
        assertEquals("ingest · 0:00 elapsed", state.line(1_000));
        // 59.999 s is 0:59: elapsed time counts whole seconds, as a stopwatch does.
        assertEquals("ingest · 0:59 elapsed", state.line(60_999));
        assertEquals("ingest · 1:00 elapsed", state.line(61_000));
        // 3,723 s = 1 h 2 min 3 s.
        assertEquals("ingest · 1:02:03 elapsed", state.line(1_000 + 3_723_000));
    }

    @Test
    void theStageIsNumberedInItsJobAndEstimatedOnlyOnceThreeTasksAreDone() {
        ProgressState state = new ProgressState("ingest", 1_000);
        state.jobStarted(List.of(7, 5, 6), "writing canonical/invoices");
        state.stageSubmitted(6, "parquet at IngestJob.java:123", 120, 2_000);
        assertEquals("ingest: writing canonical/invoices · stage 2/3 (parquet) · 0 of 120 tasks · 0:01 elapsed",
                state.line(2_000));

        state.taskEnded(6, true, 1_000_000, 0);
        state.taskEnded(6, true, 1_000_000, 0);
        // Two tasks are too few for a rate: no estimate.
        assertEquals("ingest: writing canonical/invoices · stage 2/3 (parquet) · 2,000,000 rows read · 2 of 120 tasks "
                + "· 0:11 elapsed", state.line(12_000));

        state.taskEnded(6, true, 234_567, 0);
        // 3 tasks in 30 s (32 s - 2 s): the 117 left take 30 s * 117 / 3 = 1,170 s = 19:30.
        assertEquals("ingest: writing canonical/invoices · stage 2/3 (parquet) · 2,234,567 rows read · 3 of 120 tasks "
                + "· 0:31 elapsed · ~19:30 left in stage", state.line(32_000));

        // A failed task counts neither as done nor its rows.
        state.taskEnded(6, false, 500, 500);
        state.taskEnded(6, true, 0, 300_000);
        // 4 tasks in 31.5 s: 31.5 s * 116 / 4 = 913.5 s, rounded up to 914 s = 15:14; elapsed 32.5 s shows 0:32.
        assertEquals("ingest: writing canonical/invoices · stage 2/3 (parquet) · 2,234,567 rows read · 300,000 rows "
                + "written · 4 of 120 tasks · 0:32 elapsed · ~15:14 left in stage", state.line(33_500));

        // Rows are the stage's: the next stage starts from none, though the step has read 2,234,567 already.
        state.stageCompleted(6);
        assertEquals("ingest: writing canonical/invoices · 0:39 elapsed", state.line(40_000));
        state.jobStarted(List.of(8), "writing rejects");
        state.stageSubmitted(8, "parquet at IngestJob.java:131", 2, 40_000);
        state.taskEnded(8, true, 70, 0);
        assertEquals("ingest: writing rejects · stage 1/1 (parquet) · 70 rows read · 1 of 2 tasks · 0:40 elapsed",
                state.line(41_000));
        // A task of a stage already over (its end reported late) counts nowhere.
        state.taskEnded(6, true, 1_000, 1_000);
        assertEquals("ingest: writing rejects · stage 1/1 (parquet) · 70 rows read · 1 of 2 tasks · 0:40 elapsed",
                state.line(41_000));
        // A job with no description ends the phase.
        state.stageCompleted(8);
        state.jobStarted(List.of(9), null);
        assertEquals("ingest · 0:41 elapsed", state.line(42_000));
    }

    @Test
    void aStageWithAllItsTasksDoneHasNoEstimate() {
        ProgressState state = new ProgressState("metrics", 0);
        state.jobStarted(List.of(3), null);
        state.stageSubmitted(3, "count at MetricsJob.java:40", 3, 0);
        for (int i = 0; i < 3; i++) {
            state.taskEnded(3, true, 10, 0);
        }
        assertEquals("metrics · stage 1/1 (count) · 30 rows read · 3 of 3 tasks · 0:05 elapsed", state.line(5_000));
    }

    @Test
    void theCurrentStageIsTheLastSubmittedOfThoseStillRunning() {
        ProgressState state = new ProgressState("forecast", 0);
        state.jobStarted(List.of(10, 11), "");
        state.stageSubmitted(10, "csv at A.java:1", 4, 0);
        state.stageSubmitted(11, "collectAsList at B.java:2", 2, 1_000);
        assertEquals("forecast · stage 2/2 (collectAsList) · 0 of 2 tasks · 0:02 elapsed", state.line(2_000));
        state.stageCompleted(11);
        assertEquals("forecast · stage 1/2 (csv) · 0 of 4 tasks · 0:02 elapsed", state.line(2_000));
        // A stage of a job started before the step was tracked has no number.
        state.stageSubmitted(4, "save at C.java:3", 1, 2_000);
        assertEquals("forecast · stage (save) · 0 of 1 task · 0:03 elapsed", state.line(3_000));
        // A blank description names no phase.
        state.jobStarted(List.of(12), " ");
        state.stageCompleted(4);
        state.stageCompleted(10);
        state.stageSubmitted(12, "runJob at SparkHadoopWriter.scala:83", 8, 3_000);
        assertEquals("forecast · stage 1/1 (runJob) · 0 of 8 tasks · 0:03 elapsed", state.line(3_000));
    }

    @Test
    void stageLabelsAreTheOperation() {
        assertEquals("parquet", ProgressState.label("parquet at IngestJob.java:123"));
        assertEquals("localCheckpoint", ProgressState.label("localCheckpoint at IngestJob.java:80"));
        assertEquals("a stage", ProgressState.label("a stage"));
        assertEquals("", ProgressState.label(null));
    }
}
