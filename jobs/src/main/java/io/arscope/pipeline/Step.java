package io.arscope.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The steps of {@code arscope run}, in the order they run: each is one arscope command writing one folder of the
 * date's run, and reads the folders of the steps it {@linkplain #needs() needs}.
 */
public enum Step {
    INGEST("ingest"),
    METRICS("metrics", INGEST),
    TRAIN("model", INGEST),
    SCORE("score", INGEST, TRAIN),
    ALERTS("alerts", INGEST, METRICS, SCORE),
    WORKLIST("worklist", INGEST, SCORE),
    FORECAST("forecast", INGEST),
    REPORT("report", METRICS);

    private final String folder;
    private final List<Step> needs;

    Step(String folder, Step... needs) {
        this.folder = folder;
        this.needs = List.of(needs);
    }

    /** The folder under the run this step writes. */
    public String folder() {
        return folder;
    }

    /**
     * Steps whose output this one reads. Scoring needs a model: the train step's, unless the run was given one.
     * The report also reads the forecast, worklist and alerts when the run has them, and the worklist the alerts,
     * but both can do without. The alerts compare with the score step of the latest earlier date under the root.
     */
    public List<Step> needs() {
        return needs;
    }

    /** The step's name on the command line: the arscope command it runs. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Step parse(String name) {
        return Arrays.stream(values()).filter(s -> s.command().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no step '" + name + "'; the steps are "
                        + Arrays.stream(values()).map(Step::command).toList()));
    }
}
