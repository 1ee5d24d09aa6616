package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.alerts.AlertsTables;
import io.arscope.job.ExitCode;
import io.arscope.testing.ExportRun;
import io.arscope.testing.TestSpark;

/**
 * Two {@code arscope run}s of the bundled sample under one root, as of 2026-09-30 and a month later: the first has no
 * earlier run and says so once; the second compares with the first, and its report and team page show its alerts.
 * The first run stops at its alerts. The second scores with the first's model, which holds the validation scores the
 * drift is measured against.
 */
@Tag("integration")
class AlertsAcrossRunsTest {
    private static final String[] SAMPLE = {"--input", "../data-samples/sample", "--mapping",
        "../data-samples/mappings/arscope-generator.yaml", "--progress", "off"};

    @TempDir
    Path work;

    @Test
    void theSecondRunAlertsWhatChangedSinceTheFirst() throws IOException {
        Path root = work.resolve("root");
        // The first run writes only what the second compares with: its scores, metrics and alerts.
        ExportRun.Command first = run(root, "2026-09-30", "--skip", "worklist,forecast,report");
        assertTrue(List.of(ExitCode.OK, ExitCode.PUBLISHED_WITH_WARNINGS).contains(first.code()), first.out());
        List<Row> before = alerts(root.resolve("2026-09-30"));
        assertEquals(1, before.stream().filter(r -> AlertsTables.KIND.of(r).equals(AlertsTables.NO_PREVIOUS_RUN))
                .count());
        assertEquals(0, before.stream().filter(r -> AlertsTables.PREVIOUS_AS_OF.of(r) != null).count());

        ExportRun.Command second = run(root, "2026-10-31", "--skip", "forecast", "--model",
                root.resolve("2026-09-30/model").toString());
        assertTrue(List.of(ExitCode.OK, ExitCode.PUBLISHED_WITH_WARNINGS).contains(second.code()), second.out());
        Path day = root.resolve("2026-10-31");
        List<Row> after = alerts(day);
        assertEquals(0, after.stream().filter(r -> AlertsTables.KIND.of(r).equals(AlertsTables.NO_PREVIOUS_RUN))
                .count());
        List<Row> changed = after.stream().filter(r -> List.of(AlertsTables.RISK_BAND_ROSE,
                AlertsTables.BROKEN_PROMISE).contains(AlertsTables.KIND.of(r))).toList();
        // Between the two dates on the sample: customers whose band rose, and promises broken since.
        assertTrue(changed.stream().anyMatch(r -> AlertsTables.KIND.of(r).equals(AlertsTables.RISK_BAND_ROSE)),
                after::toString);
        assertTrue(changed.stream().anyMatch(r -> AlertsTables.KIND.of(r).equals(AlertsTables.BROKEN_PROMISE)),
                after::toString);
        assertTrue(changed.stream().allMatch(r -> AlertsTables.PREVIOUS_AS_OF.of(r).toString().equals("2026-09-30")));
        Row drift = after.stream().filter(r -> AlertsTables.KIND.of(r).equals(AlertsTables.MODEL_DRIFT)).findFirst()
                .orElseThrow();
        assertTrue(AlertsTables.CHANGE.of(drift).startsWith("population stability index "), drift::toString);
        String report = Files.readString(day.resolve("report/cfo-report.html"));
        assertTrue(report.contains("Compared with the run as of 2026-09-30."), report);
        String team = Files.readString(day.resolve("worklist/pages/team.html"));
        assertTrue(team.contains("<section id=\"alerts\"><h2>Alerts since the last run</h2>"), team);
        assertTrue(second.out().contains("alerts: " + after.size() + " as of 2026-10-31"), second.out());
    }

    private static ExportRun.Command run(Path root, String day, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--as-of", day, "--root", root.toString()));
        args.addAll(List.of(SAMPLE));
        args.addAll(List.of(more));
        return ExportRun.arscope(args.toArray(String[]::new));
    }

    private static List<Row> alerts(Path day) throws IOException {
        return AlertsTables.ALERTS.read(TestSpark.session(), day.toRealPath().resolve("alerts").toString())
                .collectAsList();
    }
}
