package io.arscope.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one step has done so far, as Spark reports it ({@link ProgressListener}), and the line that tells a person:
 * {@code ingest · stage 3/7 (parquet) · 1,234,567 rows read · 58 of 120 tasks · 0:42 elapsed · ~0:30 left in stage}.
 * It knows no clock and no Spark: every event and the line take the time, in milliseconds, so that the arithmetic is
 * tested as it is. The stage is numbered within its Spark job (a step runs several). Its rows are the records its
 * finished tasks read from files or tables and wrote to files: counted per stage, because a step reads its input
 * more than once and a total over the step would be several times the rows there are. The estimate is the stage's
 * alone, at the rate its tasks have finished so far, and is left out until {@value #TASKS_FOR_ESTIMATE} have
 * finished, when a rate means something.
 */
public final class ProgressState {
    /** Finished tasks of a stage below which its rate is too uncertain to estimate from. */
    static final int TASKS_FOR_ESTIMATE = 3;

    private static final String SEPARATOR = " · ";

    private final String step;
    private final long started;
    private String phase;
    private List<Integer> jobStages = List.of();
    private final Map<Integer, Stage> active = new LinkedHashMap<>();

    private static final class Stage {
        final int id;
        final String label;
        final int tasks;
        final long submitted;
        int done;
        long rowsRead;
        long rowsWritten;

        Stage(int id, String label, int tasks, long submitted) {
            this.id = id;
            this.label = label;
            this.tasks = tasks;
            this.submitted = submitted;
        }
    }

    /**
     * @param step    the step or command, first on the line
     * @param started when it started, in milliseconds
     */
    public ProgressState(String step, long started) {
        this.step = step;
        this.started = started;
    }

    /**
     * A Spark job started: its stages, and the phase the step said it is in (the job's description), or null when it
     * names none.
     */
    public synchronized void jobStarted(List<Integer> stageIds, String description) {
        List<Integer> sorted = new ArrayList<>(stageIds);
        sorted.sort(null);
        jobStages = sorted;
        phase = description == null || description.isBlank() ? null : description;
    }

    /** A stage started, named by Spark as {@code <operation> at <File>.java:<line>}. */
    public synchronized void stageSubmitted(int stageId, String name, int tasks, long now) {
        active.remove(stageId);
        active.put(stageId, new Stage(stageId, label(name), tasks, now));
    }

    /** A task ended; a failed one has no metrics and counts no rows. */
    public synchronized void taskEnded(int stageId, boolean succeeded, long recordsRead, long recordsWritten) {
        if (!succeeded) {
            return;
        }
        Stage stage = active.get(stageId);
        if (stage != null) {
            stage.done++;
            stage.rowsRead += recordsRead;
            stage.rowsWritten += recordsWritten;
        }
    }

    public synchronized void stageCompleted(int stageId) {
        active.remove(stageId);
    }

    /** The line as of a moment. */
    public synchronized String line(long now) {
        List<String> parts = new ArrayList<>();
        parts.add(phase == null ? step : step + ": " + phase);
        Stage stage = current();
        if (stage != null) {
            int position = jobStages.indexOf(stage.id);
            String number = position < 0 ? "" : String.format(Locale.ROOT, " %d/%d", position + 1, jobStages.size());
            parts.add("stage" + number + (stage.label.isEmpty() ? "" : " (" + stage.label + ")"));
            if (stage.rowsRead > 0) {
                parts.add(String.format(Locale.ROOT, "%,d rows read", stage.rowsRead));
            }
            if (stage.rowsWritten > 0) {
                parts.add(String.format(Locale.ROOT, "%,d rows written", stage.rowsWritten));
            }
            parts.add(String.format(Locale.ROOT, "%,d of %,d task%s", stage.done, stage.tasks,
                    stage.tasks == 1 ? "" : "s"));
        }
        parts.add(clock((now - started) / 1000) + " elapsed");
        if (stage != null && stage.done >= TASKS_FOR_ESTIMATE && stage.done < stage.tasks) {
            // Rounded up: a stage with tasks left is never said to have no time left.
            long spent = now - stage.submitted;
            long doneMillis = stage.done * 1000L;
            long left = (spent * (stage.tasks - stage.done) + doneMillis - 1) / doneMillis;
            parts.add("~" + clock(left) + " left in stage");
        }
        return String.join(SEPARATOR, parts);
    }

    /** The stage submitted last of those still running. */
    private Stage current() {
        Stage last = null;
        for (Stage s : active.values()) {
            last = s;
        }
        return last;
    }

    /** {@code parquet at IngestJob.java:123} is {@code parquet}: the operation, not where the code calls it. */
    static String label(String stageName) {
        if (stageName == null) {
            return "";
        }
        int at = stageName.indexOf(" at ");
        return (at < 0 ? stageName : stageName.substring(0, at)).trim();
    }

    /** Seconds as m:ss, or h:mm:ss from an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
