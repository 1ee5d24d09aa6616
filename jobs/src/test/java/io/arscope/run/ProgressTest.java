package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Where and when {@link Progress} shows its line, with a clock the test moves: once a minute in the log, rewritten in
 * place on a terminal and cleared at the end.
 */
class ProgressTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> logged = new ArrayList<>();

    private Progress.Tracking logging(String step) {
        return new Progress(Progress.Mode.LOG, null, logged::add, 60_000, clock::get).start(step);
    }

    @Test
    void theLogGetsALineAMinute() {
        Progress.Tracking tracking = logging("ingest");
        ProgressState state = tracking.state();
        state.jobStarted(List.of(0, 1), null);
        state.stageSubmitted(1, "parquet at IngestJob.java:123", 10, 20_000);
        tracking.tick(30_000);
        assertEquals(List.of(), logged);
        for (int i = 0; i < 4; i++) {
            state.taskEnded(1, true, 25_000, 0);
        }
        tracking.tick(60_000);
        // 4 of 10 tasks in 40 s: the 6 left take 40 s * 6 / 4 = 60 s.
        assertEquals(List.of("ingest · stage 2/2 (parquet) · 100,000 rows read · 4 of 10 tasks · 1:00 elapsed "
                + "· ~1:00 left in stage"), logged);
        tracking.tick(60_250);
        tracking.tick(119_999);
        assertEquals(1, logged.size());
        state.stageCompleted(1);
        tracking.tick(120_000);
        assertEquals("ingest · 2:00 elapsed", logged.get(1));
        // A tick that comes late (a starved timer) logs once, and the next line is due at the next whole minute.
        tracking.tick(250_000);
        tracking.tick(299_999);
        tracking.tick(300_000);
        assertEquals(List.of("ingest · 4:10 elapsed", "ingest · 5:00 elapsed"), logged.subList(2, 4));
        tracking.close();
        tracking.tick(360_000);
        assertEquals(4, logged.size());
    }

    @Test
    void theTerminalLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        StringWriter terminal = new StringWriter();
        Progress progress = new Progress(Progress.Mode.TERMINAL, new PrintWriter(terminal), line -> {
            throw new AssertionError("logged on a terminal: " + line);
        }, 60_000, clock::get);
        Progress.Tracking tracking = progress.start("metrics");
        tracking.tick(1_000);
        assertEquals("\rmetrics · 0:01 elapsed", terminal.toString());
        tracking.state().jobStarted(List.of(0), null);
        tracking.state().stageSubmitted(0, "count at MetricsJob.java:40", 2, 1_000);
        tracking.tick(2_000);
        tracking.state().stageCompleted(0);
        tracking.tick(3_000);
        tracking.close();
        // The shorter line is followed by 57 - 22 = 35 spaces over the end of the longer one; closing blanks the 22
        // characters shown and returns to the start of the line.
        assertEquals("\rmetrics · 0:01 elapsed"
                + "\rmetrics · stage 1/1 (count) · 0 of 2 tasks · 0:02 elapsed"
                + "\rmetrics · 0:03 elapsed" + " ".repeat(35)
                + "\r" + " ".repeat(22) + "\r", terminal.toString());
    }

    @Test
    void aTerminalLineWiderThanTheTerminalIsCut() {
        StringWriter terminal = new StringWriter();
        Progress.Tracking tracking = new Progress(Progress.Mode.TERMINAL, new PrintWriter(terminal), line -> { },
                60_000, clock::get).start("metrics");
        tracking.state().jobStarted(List.of(), "x".repeat(200));
        tracking.tick(4_000);
        // 120 columns, the default: 118 characters and an ellipsis, the last column left free so as not to wrap.
        assertEquals("\rmetrics: " + "x".repeat(109) + "…", terminal.toString());
    }

    @Test
    void aUrlWithCredentialsIsRedacted() {
        Progress.Tracking tracking = logging("ingest");
        tracking.state().jobStarted(List.of(), "reading s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/in.csv");
        tracking.tick(60_000);
        assertEquals(List.of("ingest: reading s3a://AKIAEXAMPLE:***@bucket/in.csv · 1:00 elapsed"), logged);
    }

    @Test
    void modesAreReadInAnyCase() {
        assertEquals(Progress.Mode.OFF, Progress.Mode.parse("off"));
        // What YAML makes of an unquoted off.
        assertEquals(Progress.Mode.OFF, Progress.Mode.parse("false"));
        assertEquals(Progress.Mode.LOG, Progress.Mode.parse(" Log "));
        assertEquals(Progress.Mode.TERMINAL, Progress.Mode.parse("TERMINAL"));
        assertEquals("'loud' is no progress mode; the modes are auto, off, terminal, log",
                assertThrows(IllegalArgumentException.class, () -> Progress.Mode.parse("loud")).getMessage());
        assertEquals("auto", Progress.Mode.AUTO.toString());
    }
}
