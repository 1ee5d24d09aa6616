package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import io.arscope.forecast.ForecastTables;
import io.arscope.job.Column;
import io.arscope.job.ExitCode;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.MetricsTables;
import io.arscope.model.CanonicalTable;
import io.arscope.risk.BaselineScores;
import io.arscope.risk.ScoreTables;
import io.arscope.testing.ExportRun;
import io.arscope.testing.SampleRun;
import io.arscope.worklist.WorklistTables;

/**
 * {@code arscope run} on the bundled sample as of 2026-10-31, read as a data engineer reads it: the model gate (on
 * its validation window the model captures 31.2% of the late amount in its riskiest 20% against the baseline's 29.1%,
 * 1.3 points; with a margin of 5 points it is refused, the worklist ranks by the baseline and the run ends with 7;
 * {@code arscope worklist --model} applies the same gate),
 * the run's log and each step's summary, the manifests' status words, exit codes, absolute paths and row counts,
 * and every CSV's numbers against the declared types. A stale export (the same sample as of 2026-12-31) ends with 8.
 */
@Tag("integration")
class SampleRunOutputsTest {

    private static final String STAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR) ";
    private static final Set<String> STATUS_WORDS = Set.of("complete", "complete_with_warnings", "too_many_rejects",
            "stale_input", "failed", "running");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path day;
    static int exit;
    static String out;

    @BeforeAll
    static void runTheSample() throws IOException {
        SampleRun run = SampleRun.get();
        exit = run.exit();
        out = run.out();
        day = run.day();
    }

    private static JsonNode json(String path) throws IOException {
        return JSON.readTree(day.resolve(path).toFile());
    }

    @Test
    void theModelThatLosesToTheBaselineIsRefusedAndTheRunIsPublishedWithWarnings() throws IOException {
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, exit, out);
        JsonNode run = json("run.json");
        assertEquals("complete_with_warnings", run.path("status").asText());
        assertEquals(7, run.path("exit_code").asInt());
        JsonNode gate = run.path("gate");
        assertFalse(gate.path("passed").asBoolean());
        assertEquals("late_amount_top20", gate.path("metric").asText());
        assertEquals(0.05, gate.path("margin").asDouble());
        assertEquals(MODEL_VALIDATION_TOP20, gate.path("model").asDouble(), 1e-12);
        assertEquals(BASELINE_VALIDATION_TOP20, gate.path("baseline").asDouble(), 1e-12);
        assertEquals(731, gate.path("model_validation").path("rows").asInt());
        assertEquals(731, gate.path("baseline_validation").path("rows").asInt());
        // Exit 7's reason is said on stderr, where a scheduler's task log shows it.
        assertTrue(SampleRun.get().err().contains("arscope run: warning: score: " + gate.path("decision").asText()
                + "\n"), SampleRun.get().err());
        JsonNode score = run.path("steps").get(3);
        assertEquals("complete_with_warnings", score.path("status").asText());
        assertEquals(7, score.path("exit_code").asInt());
        assertEquals("baseline", json("score/score-run.json").path("outputs").path("ranking").asText());
        assertEquals("model refused, it does not beat the baseline by the margin: late amount in the riskiest 20% of "
                + "validation invoices 31.2%, baseline 29.1%, 2.1 points ahead where the margin asks 5.0; the worklist "
                + "ranks by the baseline, the customer's own past late share", gate.path("decision").asText());
        assertTrue(out.contains("score: 176 open invoices scored by the baseline, "), out);
        // The scores are the customers' own past late shares, and each says so.
        List<String[]> scores = csv(day.resolve("score/scores.csv"));
        int reason = List.of(scores.get(0)).indexOf("reason_1");
        assertTrue(scores.subList(1, scores.size()).stream().allMatch(r -> r[reason].startsWith(
                BaselineScores.RANKED)));
        // ... name the late share as the feature behind it, not the refused model's, and are stored as the model's
        // would be, to 4 decimals.
        int features = List.of(scores.get(0)).indexOf("reason_features");
        int probability = List.of(scores.get(0)).indexOf("probability_late");
        assertEquals(Set.of("hist_late_share", "no_history"), scores.subList(1, scores.size()).stream()
                .map(r -> r[features]).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(), scores.subList(1, scores.size()).stream().map(r -> r[probability])
                .filter(p -> !p.matches("0\\.\\d{1,4}|1\\.0|0\\.0")).toList());
        // A customer's reason is the baseline's, as its top invoice's is, not one rewritten from the refused model's
        // features (an overdue balance, a last payment) or prefixed with an invoice as if it were about that one.
        List<String[]> customers = csv(day.resolve("worklist/worklist-customers.csv"));
        int why = List.of(customers.get(0)).indexOf("reason_1");
        assertEquals(List.of(), customers.subList(1, customers.size()).stream().map(r -> r[why])
                .filter(w -> !w.startsWith(BaselineScores.RANKED)).toList());
        // Redstone Foods' final notice says what argues for talking first: a payment 9 days ago, a promise due tomorrow.
        int customerId = List.of(customers.get(0)).indexOf("customer_id");
        int action = List.of(customers.get(0)).indexOf("next_action");
        assertEquals(List.of("Call and send a final notice; hold further credit; check before escalating: it paid on "
                + "2026-10-22 (9 days ago); it promised to pay USD 3,741.64 by 2026-11-01"),
                customers.stream().filter(r -> r[customerId].equals("C000071")).map(r -> r[action]).toList());
        // The lead's page and the CFO's report say so where they show the ranking and its probabilities.
        assertTrue(Files.readString(day.resolve("worklist/pages/team.html")).contains("<p id=\"ranking\" "
                + "class=\"warning\"><strong>Ranked by the baseline, not the risk model.</strong> The score step's "
                + "gate: model refused, it does not beat the baseline by the margin: late amount in the riskiest 20% "
                + "of validation invoices 31.2%, baseline 29.1%, 2.1 points ahead where the margin asks 5.0;"));
        assertTrue(Files.readString(day.resolve("report/cfo-report.html")).contains("<p class=\"note\">P(late) here "
                + "is the baseline's, each customer's own past late share, not the risk model's."));
    }

    /**
     * {@code arscope worklist --model} ranked by the model whatever its gate said. It now applies score's gate: at a
     * margin of 5 points it refuses the model with score's message, exit code and manifest record, and its lists are
     * the run's own, ranked by the baseline; at the default point the model passes and the lists rank by it.
     */
    @Test
    void theWorklistScoringWithAModelAppliesTheSameGate() throws IOException {
        JsonNode runGate = json("run.json").path("gate");
        // The run's worklist read the score step's scores, and records whose ranking they hold.
        JsonNode inRun = json("worklist/worklist-run.json");
        assertEquals(List.of("complete", "baseline"), List.of(inRun.path("status").asText(),
                inRun.path("outputs").path("ranking").asText()));
        assertEquals(runGate, inRun.path("outputs").path("gate"));

        ExportRun.Command refused = SampleRun.get().worklist("worklist-refused", "--gate-margin", "0.05");
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, refused.code(), refused.err());
        assertTrue(refused.err().contains("arscope worklist: warning: " + runGate.path("decision").asText() + "\n"),
                refused.err());
        assertTrue(refused.out().contains("worklist: 2026-10-31, 176 open invoices, 109 customer rows, 10 collectors' lists, "
                + "ranked by the baseline in "), refused.out());
        Path refusedDir = SampleRun.get().work().resolve("worklist-refused");
        JsonNode manifest = JSON.readTree(refusedDir.resolve("worklist-run.json").toFile());
        assertEquals(List.of("complete_with_warnings", "7", "baseline"), List.of(manifest.path("status").asText(),
                manifest.path("exit_code").asText(), manifest.path("outputs").path("ranking").asText()));
        assertEquals(runGate, manifest.path("outputs").path("gate"));
        assertEquals(Files.readString(day.resolve("worklist/worklist-customers.csv")),
                Files.readString(refusedDir.resolve("worklist-customers.csv")));

        ExportRun.Command passed = SampleRun.get().worklistByTheModel();
        assertEquals(0, passed.code(), passed.err());
        assertFalse(passed.err().contains("warning"), passed.err());
        JsonNode byTheModel = JSON.readTree(SampleRun.get().shared().resolve("worklist-by-the-model/worklist-run.json")
                .toFile());
        assertEquals(List.of("complete", "0", "model"), List.of(byTheModel.path("status").asText(),
                byTheModel.path("exit_code").asText(), byTheModel.path("outputs").path("ranking").asText()));
        JsonNode gate = byTheModel.path("outputs").path("gate");
        assertTrue(gate.path("passed").asBoolean());
        assertEquals(0.01, gate.path("margin").asDouble());
        assertEquals(MODEL_VALIDATION_TOP20, gate.path("model").asDouble(), 1e-12);
        assertEquals(BASELINE_VALIDATION_TOP20, gate.path("baseline").asDouble(), 1e-12);
        assertEquals(runGate.path("model_validation"), gate.path("model_validation"));
        assertEquals("model published: late amount in the riskiest 20% of validation invoices 31.2%, baseline 29.1%, "
                + "2.1 points ahead where the margin asks 1.0", gate.path("decision").asText());
        assertTrue(passed.out().contains(gate.path("decision").asText() + "\n"), passed.out());
        List<String[]> customers = csv(SampleRun.get().shared().resolve("worklist-by-the-model/worklist-customers.csv"));
        int reason = List.of(customers.get(0)).indexOf("reason_1");
        assertFalse(customers.subList(1, customers.size()).stream().anyMatch(r -> r[reason] != null
                && r[reason].startsWith(BaselineScores.RANKED)));
    }

    @Test
    void theRunLogHoldsEveryStepsLinesWithTimeAndLevelAndEachSummaryItsFigures() throws IOException {
        List<String> log = Files.readAllLines(day.resolve("run.log"));
        assertTrue(log.stream().allMatch(l -> l.startsWith("    ") || Pattern.compile(STAMP).matcher(l).lookingAt()),
                () -> log.stream().filter(l -> !l.matches(STAMP + ".*") && !l.startsWith("    ")).toList().toString());
        for (String step : List.of("ingest", "metrics", "train", "score", "alerts", "worklist", "forecast",
                "report")) {
            List<String> own = Files.readAllLines(day.resolve("logs/" + step + ".log"));
            assertTrue(own.size() >= 4, step + " " + own);
            assertTrue(log.containsAll(own), step);
        }
        assertTrue(log.stream().anyMatch(l -> l.matches("\\S+ WARN  score: arscope score: warning: model refused.*")));
        // Spark warns of every stage whose plan is a megabyte or two; nobody reading a run's log can act on it.
        assertFalse(log.stream().anyMatch(l -> l.contains("Broadcasting large task binary")), log::toString);
        assertFalse(out.contains("Broadcasting large task binary"), out);
        assertTrue(out.contains("forecast: as of 2026-10-31, expected cash over 13 weeks 5,087,846.84 (80% interval "
                + "4,303,296.88 to 5,517,688.68), week 1 "), out);
        assertTrue(out.contains("metrics: as of 2026-10-31 (months to 2026-10-31), 2026-10 ending AR 2,071,951.17, "
                + "CEI 92.7%, expected credit loss 20,138.96"), out);
        assertTrue(out.contains("2026-10-31 run complete with warnings (exit 7) in "), out);
        assertTrue(out.contains("train: xgboost on 3,412 invoices; test late amount in top 20% 30.0% (baseline 32.9%), "
                + "ROC AUC 0.780 (baseline 0.774); model in "), out);
        assertTrue(out.contains("ingest: 12,970 rows read, 12,970 accepted (0 flagged), 0 rejected (0.00%), latest dated row "
                + "2026-10-31"), out);
    }

    @Test
    void everyManifestSaysHowItEndedInTheSameWordsWithItsExitCodeAbsolutePathsAndRows() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(day)) {
            manifests = files.filter(p -> p.getFileName().toString().endsWith("-run.json")
                    || p.getFileName().toString().equals("_step.json")).toList();
        }
        assertEquals(8 + 7, manifests.size(), manifests::toString);
        for (Path m : manifests) {
            JsonNode node = JSON.readTree(m.toFile());
            assertTrue(STATUS_WORDS.contains(node.path("status").asText()), m + ": " + node.path("status"));
            assertTrue(node.path("exit_code").isInt(), m.toString());
            assertTrue(node.path("inputs").size() > 0, m + " has no inputs");
        }
        JsonNode train = json("model/_step.json");
        assertEquals(3412, train.path("rows").path("train_invoices").asInt());
        assertEquals(731, train.path("rows").path("validation_invoices").asInt());
        assertEquals(732, train.path("rows").path("test_invoices").asInt());
        String canonical = day.resolve("ingest/canonical").toString();
        JsonNode metrics = json("metrics/metrics-run.json");
        assertEquals(5030, metrics.path("inputs").path(canonical + "/" + CanonicalTable.INVOICES.tableName())
                .asInt());
        // Every table a step read is named with its rows: the worklist read the ledger, the activity and the
        // alerts besides the scores; alerts the metrics and, comparing promises with the previous run, the activity.
        JsonNode worklist = json("worklist/worklist-run.json");
        assertEquals(5030, worklist.path("inputs").path(canonical + "/invoices").asInt());
        assertEquals(1646, worklist.path("inputs").path(canonical + "/contacts").asInt());
        assertEquals(87, worklist.path("inputs").path(canonical + "/promises").asInt());
        assertEquals(0, worklist.path("inputs").path(canonical + "/exchange_rates").asInt());
        assertTrue(worklist.path("inputs").has(day.resolve("alerts/alerts").toString()), worklist.toString());
        JsonNode alerts = json("alerts/alerts-run.json");
        assertTrue(alerts.path("inputs").path(day.resolve("metrics/period_metrics").toString()).asInt() > 0,
                alerts.toString());
        assertEquals(9, metrics.path("inputs").path(canonical + "/plan_instalments").asInt());
        // The report names the roll rates behind last month's allowance, the trends and the activity it shows too.
        JsonNode report = json("report/report-run.json");
        for (String table : List.of("roll_rates", "trends", "collection_activity")) {
            assertTrue(report.path("inputs").path(day.resolve("metrics/" + table).toString()).asInt() > 0,
                    table + " in " + report);
        }
        JsonNode ingest = json("ingest/ingest-run.json");
        assertEquals("complete", ingest.path("status").asText());
        assertEquals(0, ingest.path("exit_code").asInt());
        JsonNode freshness = ingest.path("options").path("freshness");
        assertEquals("2026-10-31", freshness.path("latest").asText());
        assertEquals(0, freshness.path("age_days").asInt());
        assertEquals(7, freshness.path("max_age_days").asInt());
        // Relative paths given on the command line are recorded absolute.
        JsonNode run = json("run.json");
        assertEquals(Path.of("../data-samples/sample").toAbsolutePath().normalize().toString(),
                run.path("inputs").path("input").asText());
        assertEquals(Path.of("../data-samples/mappings/arscope-generator.yaml").toAbsolutePath().normalize()
                .toString(), run.path("inputs").path("mapping").asText());
        assertTrue(ingest.path("options").path("input").asText().startsWith("/"));
        assertTrue(ingest.path("options").path("mapping").asText().startsWith("/"));
    }

    @Test
    void everyCsvHasPlainNumbersInTheFormatOfItsDeclaredType() throws IOException {
        Map<Path, OutputTable> declared = new LinkedHashMap<>();
        AgingBuckets buckets = AgingBuckets.DEFAULT;
        List<String> dims = MetricsOptions.DEFAULT_DIMENSIONS;
        List<String> customerDims = dims.stream().filter(d -> CanonicalTable.INVOICES.field(d).isEmpty()).toList();
        for (OutputTable t : List.of(MetricsTables.periodMetrics(buckets), MetricsTables.TRENDS,
                MetricsTables.AMOUNT_TRENDS, MetricsTables.COHORT_CURVES, MetricsTables.openItems(dims),
                MetricsTables.agingByCustomer(customerDims, buckets), MetricsTables.agingBySlice(buckets),
                MetricsTables.ROLL_RATES, MetricsTables.PROVISION_MATRIX, MetricsTables.COLLECTION_ACTIVITY)) {
            declared.put(day.resolve("metrics/" + t.name() + ".csv"), t);
        }
        declared.put(day.resolve("score/scores.csv"), ScoreTables.SCORES);
        declared.put(day.resolve("score/customer_scores.csv"), ScoreTables.CUSTOMER_SCORES);
        declared.put(day.resolve("worklist/worklist-customers.csv"), WorklistTables.CUSTOMERS);
        declared.put(day.resolve("worklist/worklist-team.csv"), io.arscope.worklist.TeamTables.TEAM);
        declared.put(day.resolve("worklist/worklist-rebalancing.csv"), io.arscope.worklist.TeamTables.REBALANCING);
        declared.put(day.resolve("worklist/worklist-idle-credit.csv"), io.arscope.worklist.TeamTables.IDLE_CREDIT);
        declared.put(day.resolve("ingest/data_quality.csv"), io.arscope.ingest.IngestTables.DATA_QUALITY);
        declared.put(day.resolve("alerts/alerts.csv"), io.arscope.alerts.AlertsTables.ALERTS);
        try (Stream<Path> collectors = Files.list(day.resolve("worklist/by-collector"))) {
            // Hadoop's hidden checksum files aside.
            collectors.filter(c -> !c.getFileName().toString().startsWith("."))
                    .forEach(c -> declared.put(c, WorklistTables.INVOICES));
        }
        for (OutputTable t : List.of(ForecastTables.CASH_FORECAST, ForecastTables.DSO_FORECAST,
                ForecastTables.BACKTEST, ForecastTables.ACCURACY)) {
            declared.put(day.resolve("forecast/" + t.name() + ".csv"), t);
        }
        List<Path> all;
        try (Stream<Path> files = Files.walk(day)) {
            all = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path file : all) {
            List<String[]> rows = csv(file);
            OutputTable table = declared.get(file);
            if (table == null) {
                // rejects.csv and reconciliation.csv: counts and text, never a number in scientific notation.
                rows.forEach(r -> java.util.Arrays.stream(r).filter(c -> c != null && c.matches("-?\\d+(\\.\\d+)?[eE]-?\\d+"))
                        .forEach(c -> problems.add(file + ": " + c)));
                continue;
            }
            List<Column<?>> columns = table.columns();
            assertEquals(columns.stream().map(Column::name).toList(), List.of(rows.get(0)), file.toString());
            for (String[] row : rows.subList(1, rows.size())) {
                for (int i = 0; i < columns.size(); i++) {
                    Column<?> c = columns.get(i);
                    String cell = row[i] == null ? "" : row[i];
                    if (cell.isEmpty() ? !c.nullable() : !cell.matches(format(c.type()))) {
                        problems.add(file.getFileName() + " " + c.name() + " " + c.type().simpleString() + ": '"
                                + cell + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), problems.stream().limit(20).toList());
        // A CSV beside every declared table, and besides them only ingest's rejects and reconciliation.
        Set<Path> expected = new java.util.TreeSet<>(declared.keySet());
        expected.addAll(List.of(day.resolve("ingest/rejects.csv"), day.resolve("ingest/reconciliation.csv")));
        assertEquals(expected, new java.util.TreeSet<>(all));
    }

    /**
     * The files people open (pages, drafts, CSVs, the workbook, the report, the manifests) have no hidden Hadoop
     * checksum file beside them; only Spark's own Parquet parts and markers do, inside the tables' folders.
     */
    @Test
    void noFileForPeopleHasAChecksumFileBesideIt() throws IOException {
        List<String> beside;
        try (Stream<Path> files = Files.walk(day.toRealPath())) {
            beside = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(".crc"))
                    .map(n -> n.substring(1, n.length() - ".crc".length()))
                    .filter(n -> !n.startsWith("part-") && !n.equals("_SUCCESS")).sorted().toList();
        }
        assertEquals(List.of(), beside);
    }

    /**
     * A customer with nothing past due shows, in place of a negative count of days past due, when its first open
     * invoice falls due: Cedar Manufacturing's one invoice, INV00004996, is due 2026-11-01, a day after the run.
     */
    @Test
    void aCustomerWithNothingPastDueShowsWhenItsInvoiceFallsDue() throws IOException {
        String page = Files.readString(day.resolve("worklist/pages/ana.ruiz.html"));
        String row = page.lines().filter(l -> l.contains("<td>Cedar Manufacturing Co (C000278)</td>")).findFirst()
                .orElseThrow();
        assertTrue(row.contains("<td class=\"num\" data-sort=\"-1\">current (due in 1 day)</td>"), row);
        assertTrue(row.contains("<td>INV00004996</td><td>2026-10-02</td><td>2026-11-01</td>"), row);
        assertTrue(row.contains("<td class=\"num\" data-sort=\"-1\">due in 1 day</td>"), row);
    }

    @Test
    void theIssuesNumbersAreNowPlainDecimalAndMoney() throws IOException {
        // trends.csv held 4.62344509E-4, now written to 6 significant digits; amount_trends holds the money series,
        // collections' change 470917.75.
        assertTrue(Files.readString(day.resolve("metrics/trends.csv")).contains(
                "business_unit,Equipment,bad_debt_ratio,2026-10,0.000462345,0.0,0.000462345,"));
        assertTrue(Files.readString(day.resolve("metrics/amount_trends.csv")).contains(
                "total,all,collections,2026-10,2065995.46,1595077.71,470917.75,1863847.08,202148.38,13,"));
        assertEquals(176, csv(day.resolve("metrics/open_items.csv")).size() - 1);
    }

    @Test
    void aStaleExportEndsWithEightAndPublishesNothing() throws IOException {
        StringWriter printed = new StringWriter();
        StringWriter errors = new StringWriter();
        int stale = Arscope.execute(new PrintWriter(printed, true), new PrintWriter(errors, true), "run",
                "--as-of", "2026-12-31", "--root", work.resolve("stale").toString(), "--input",
                "../data-samples/sample", "--mapping", "../data-samples/mappings/arscope-generator.yaml",
                "--progress", "off");
        assertEquals(ExitCode.STALE_INPUT, stale, printed.toString());
        assertFalse(Files.exists(work.resolve("stale/2026-12-31")));
        assertTrue(printed.toString().contains("2026-12-31 ingest    FAILED with exit 8 after "), printed.toString());
        // Why, on stderr with the step's other warnings and errors.
        assertTrue(errors.toString().contains("arscope run: error: ingest failed with exit 8; log "), errors.toString());
        assertTrue(errors.toString().contains("stale input: the latest dated row is 2026-10-31 (payments), 61 days "
                + "before the as-of date 2026-12-31; the limit is 7 days (--max-data-age; for arscope run, "
                + "max-data-age in its config's ingest section)"), errors.toString());
    }

    /**
     * dso_forecast showed 2,108,941.07 + 1,746,317.66 - 1,638,193.07 = 2,217,065.66 against an ending AR of
     * 2,197,395.23: the expected credits and write-offs were no column. Now expected credit memos and expected
     * write-offs are a column each (8,870.30 and 6,582.04 in November, each rounded once, so 2,071,951.17 +
     * 1,746,317.66 - 1,650,978.89 - 8,870.30 - 6,582.04 = 2,151,837.60), each row closes in cents and each month opens
     * with the previous one's ending AR.
     */
    @Test
    void dsoForecastClosesItsArithmetic() throws IOException {
        List<Map<String, String>> rows = named(csv(day.resolve("forecast/dso_forecast.csv")));
        assertEquals(3, rows.size());
        Map<String, String> november = rows.get(0);
        assertEquals(List.of("2026-11-30", "2071951.17", "1746317.66", "1650978.89", "8870.30", "6582.04",
                "2151837.60", "1746317.66", "36.9664"), List.of(november.get("month_end"), november.get("opening_ar"),
                        november.get("expected_sales"), november.get("expected_collections"),
                        november.get("expected_credit_memos"), november.get("expected_write_offs"),
                        november.get("ending_ar"), november.get("credit_sales"), november.get("dso")));
        java.math.BigDecimal opening = new java.math.BigDecimal("2071951.17");
        for (Map<String, String> r : rows) {
            assertEquals(opening, new java.math.BigDecimal(r.get("opening_ar")));
            java.math.BigDecimal closing = opening.add(new java.math.BigDecimal(r.get("expected_sales")))
                    .subtract(new java.math.BigDecimal(r.get("expected_collections")))
                    .subtract(new java.math.BigDecimal(r.get("expected_credit_memos")))
                    .subtract(new java.math.BigDecimal(r.get("expected_write_offs")));
            assertEquals(closing, new java.math.BigDecimal(r.get("ending_ar")), r.get("month_end"));
            opening = closing;
        }
    }

    /**
     * Week 1's interval held the actual at 35 of 44 origins, 0.795454...: it was stored as 0.7955 and shown 79.6% by
     * the report, 79.5% by the log. Rounded once, to the tenth of a percent shown, a coverage is the same everywhere:
     * in the sample with collections activity, its interval calibrated also on the 52 origins before the backtest's
     * and its sides adapted, 40 of 52, 0.769230..., is 0.769 and 76.9%.
     */
    @Test
    void coverageIsRoundedOnceAndTheSameEverywhere() throws IOException {
        Map<String, String> week1 = named(csv(day.resolve("forecast/forecast_accuracy.csv"))).get(0);
        assertEquals(List.of("52", "0.769"), List.of(week1.get("origins_with_interval"), week1.get("coverage")));
        String report = Files.readString(day.resolve("report/cfo-report.html"));
        assertTrue(report.contains("76.9% (52)"), "the report's week-1 coverage");
        assertTrue(Files.readString(day.resolve("logs/forecast.log"))
                .contains("backtest week 1 ahead: 52 origins, WAPE 19.3%, interval coverage 76.9% (52)"));
    }

    /**
     * The cash to each week's end is the weeks' stored amounts added up, to the cent, and lies inside its own
     * interval; week 13's interval, the horizon total's, is narrower than the 13 weeks' bounds added up.
     */
    @Test
    void theCashToDateAddsUpTheWeeksAndHasItsOwnInterval() throws IOException {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal lowers = BigDecimal.ZERO;
        BigDecimal uppers = BigDecimal.ZERO;
        Map<String, String> last = null;
        for (Map<String, String> week : named(csv(day.resolve("forecast/cash_forecast.csv")))) {
            sum = sum.add(new BigDecimal(week.get("expected_cash")));
            lowers = lowers.add(new BigDecimal(week.get("lower")));
            uppers = uppers.add(new BigDecimal(week.get("upper")));
            BigDecimal toDate = new BigDecimal(week.get("expected_to_date"));
            assertEquals(sum, toDate, week.get("week"));
            assertTrue(new BigDecimal(week.get("lower_to_date")).compareTo(toDate) <= 0, week.get("week"));
            assertTrue(new BigDecimal(week.get("upper_to_date")).compareTo(toDate) >= 0, week.get("week"));
            last = week;
        }
        assertEquals(List.of("13", "5087846.84", "4303296.88", "5517688.68"), List.of(last.get("week"),
                last.get("expected_to_date"), last.get("lower_to_date"), last.get("upper_to_date")));
        assertTrue(new BigDecimal(last.get("lower_to_date")).compareTo(lowers) > 0);
        assertTrue(new BigDecimal(last.get("upper_to_date")).compareTo(uppers) < 0);
    }

    /** The metrics log printed "DSO 40.1 (countback 38.1), BPDSO 35.1, DDSO 3.0": 35.1 + 3.0 is not 40.1. */
    @Test
    void theMetricsLogNamesItsDsoMethodAndAddsUp() throws IOException {
        assertTrue(Files.readString(day.resolve("logs/metrics.log")).contains("2026-10: ending AR 2,071,951.17, "
                + "countback DSO 37.5 = BPDSO 35.1 + DDSO 2.4, standard DSO 39.4, CEI 92.7%"));
    }

    /**
     * October's average days to pay (10.1) and WADL (0.0) were flagged below_range while 83.6% of that cohort was
     * open; its dispute rate, half of September's, was compared as it stood. September is 33.0% open; August, 0.94% open, is the latest month whose cohort is mature (at most 10%).
     */
    @Test
    void immatureCohortsRaiseNoTrendFlags() throws IOException {
        List<Map<String, String>> total = named(csv(day.resolve("metrics/trends.csv"))).stream()
                .filter(r -> r.get("dimension").equals("total")).toList();
        for (String metric : List.of("avg_days_to_pay", "wadl", "dispute_rate")) {
            Map<String, String> row = total.stream().filter(r -> r.get("metric").equals(metric)).findFirst()
                    .orElseThrow();
            assertEquals("2026-08", row.get("latest_month"), metric);
        }
        // October's 3 disputes of 146 invoices (2.05%) read as half of September's 4.10%, its disputes not yet
        // raised; the trend compares August's 4 of 132 with July's 5 of 138.
        Map<String, String> disputes = total.stream().filter(r -> r.get("metric").equals("dispute_rate")).findFirst()
                .orElseThrow();
        assertEquals(List.of("0.030303", "0.0362319"), List.of(disputes.get("latest"), disputes.get("previous")));
        assertEquals(List.of("40.4173", "in_range", "3.2639", "in_range"), total.stream()
                .filter(r -> Set.of("avg_days_to_pay", "wadl").contains(r.get("metric")))
                .flatMap(r -> Stream.of(r.get("latest"), r.get("range_flag"))).toList());
    }

    /**
     * The docs quote figures of this run only where a test checks them: forecast-and-report.md's sample row against
     * forecast_accuracy.csv (WAPE and coverage at weeks 1, 4 and 13, bias at week 1). guide-cfo.md quoted a
     * collections formula the report did not follow and a coverage of 74-80% beside a table showing 61.1%; it now
     * quotes no figure of a run: outside code its only numbers with a percent sign are the interval level, 80%, and the
     * rule of cohort maturity, 10%.
     */
    /**
     * metrics-outputs.md works the last bucket's write-off rate on this run: w and s, the means of the 91+ bucket's
     * monthly write-off share and of the share still in it a month on over the last 12 month-ends of roll_rates.csv,
     * give w / (1 - s), provision_matrix.csv's roll rate for it, and the allowance beside the one month's rate.
     */
    @Test
    void theLastBucketsWriteOffRateInTheDocsIsThisRunsOwn() throws IOException {
        List<Map<String, String>> last = named(csv(day.resolve("metrics/roll_rates.csv"))).stream()
                .filter(r -> r.get("bucket_index").equals("4") && !r.get("roll_rate").isEmpty())
                .sorted((a, b) -> b.get("month_end").compareTo(a.get("month_end"))).limit(12).toList();
        assertEquals(12, last.size());
        double w = last.stream().mapToDouble(r -> Double.parseDouble(r.get("rolled_amount"))
                / Double.parseDouble(r.get("from_amount"))).average().orElseThrow();
        double stays = last.stream().mapToDouble(r -> Double.parseDouble(r.get("stayed_amount"))
                / Double.parseDouble(r.get("from_amount"))).average().orElseThrow();
        Map<String, String> oldest = named(csv(day.resolve("metrics/provision_matrix.csv"))).stream()
                .filter(r -> r.get("bucket").equals("91+")).findFirst().orElseThrow();
        assertEquals(w / (1 - stays), Double.parseDouble(oldest.get("roll_rate")), 1e-6);
        Map<String, String> total = named(csv(day.resolve("metrics/provision_matrix.csv"))).stream()
                .filter(r -> r.get("bucket").equals("total")).findFirst().orElseThrow();
        String doc = Files.readString(Path.of("../notebooks-docs/metrics-outputs.md")).replace("\n", " ");
        String quoted = String.format("w = %.1f%% and s = %.1f%% over the last 12 month-ends give %.1f%%; the one "
                + "month's %.1f%% alone", 100 * w, 100 * stays, 100 * w / (1 - stays), 100 * w);
        assertTrue(doc.contains(quoted), quoted);
        assertTrue(doc.contains("instead of " + String.format("%,.2f", Double.parseDouble(total.get("ecl")))),
                total.get("ecl"));
    }

    @Test
    void theDocsQuoteOnlyFiguresOfTheRunTheyDescribe() throws IOException {
        List<Map<String, String>> accuracy = named(csv(day.resolve("forecast/forecast_accuracy.csv")));
        java.util.function.BiFunction<Integer, String, String> shown = (week, column) -> String.format("%.1f%%",
                100 * Double.parseDouble(accuracy.get(week - 1).get(column)));
        String expected = "| bundled sample, as of 2026-10-31 (`arscope run` as in the README) | "
                + shown.apply(1, "wape") + " / " + shown.apply(4, "wape") + " / " + shown.apply(13, "wape") + " | "
                + shown.apply(1, "coverage") + " / " + shown.apply(4, "coverage") + " / " + shown.apply(13, "coverage")
                + " | +" + shown.apply(1, "bias") + " |";
        String forecastDoc = Files.readString(Path.of("../notebooks-docs/forecast-and-report.md"));
        assertTrue(forecastDoc.contains(expected + "\n"), expected);
        assertEquals("| bundled sample, as of 2026-10-31 (`arscope run` as in the README) | 19.3% / 22.6% / 21.7% | "
                + "76.9% / 83.7% / 87.5% | +2.4% |", expected);
        // The horizon's total and its own interval: held at so many of the origins whose 13 weeks had ended.
        Map<String, String> week13 = accuracy.get(12);
        int withInterval = Integer.parseInt(week13.get("origins_with_interval_to_date"));
        double coverage = Double.parseDouble(week13.get("coverage_to_date"));
        String total = String.format("the 13 weeks' 80%% interval held the 13 weeks' cash at %d of the %d origins whose"
                + " 13 weeks had ended (%.1f%%)", Math.round(coverage * withInterval), withInterval, 100 * coverage);
        assertTrue(forecastDoc.replace("\n", " ").contains(total), total);
        assertEquals("the 13 weeks' 80% interval held the 13 weeks' cash at 33 of the 40 origins whose 13 weeks had "
                + "ended (82.5%)", total);

        String guide = Files.readString(Path.of("../notebooks-docs/guide-cfo.md")).replaceAll("`[^`]*`", "");
        assertEquals(List.of(), Pattern.compile("\\d+\\.\\d+|\\d{1,3}(,\\d{3})+").matcher(guide).results()
                .map(m -> m.group()).toList());
        String level = String.format("%.0f%%", 100 * Double.parseDouble(accuracy.get(0).get("interval_level")));
        // Besides the interval level, the rule of cohort maturity, as metrics-outputs.md states it.
        assertEquals(Set.of(level, "10%"), Pattern.compile("\\d+%").matcher(guide).results().map(m -> m.group())
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(Files.readString(Path.of("../notebooks-docs/metrics-outputs.md"))
                .contains("at most 10% of\nits amount still open at the as-of date (`cohort_open_share` ≤ 0.10"));
        assertTrue(guide.contains("beginning AR + credit sales - credit memos - write-offs - ending AR"));
    }

    /**
     * The run appends its worklist to the actions log under the root, as run {@code <date>_<run folder>}, ranked by
     * the baseline (the gate refused the model); actions-summary reads it back. As of the run's own day nothing can
     * have followed yet: no cash, every follow-up open, and acted on are the listed customers contacted that day.
     */
    @Test
    void theRunLogsItsRecommendationsAndTheSummaryReadsThemBack() throws IOException {
        Path log = SampleRun.get().shared().resolve("root/actions-log");
        String runId = "2026-10-31_" + day.getFileName();
        try (Stream<Path> runs = Files.list(log)) {
            assertEquals(List.of("run_id=" + runId), runs.map(p -> p.getFileName().toString()).toList());
        }
        List<Map<String, String>> customers = named(csv(day.resolve("worklist/worklist-customers.csv")));
        List<Map<String, String>> actions = named(csv(log.resolve("run_id=" + runId + "/actions.csv")));
        List<String> logged = List.of("collector", "queue", "customer_rank", "in_today", "customer_id", "currency",
                "open_amount", "priority_value", "action_code", "reason_1");
        java.util.function.Function<List<Map<String, String>>, Set<String>> rows = table -> table.stream()
                .map(r -> logged.stream().map(r::get).toList().toString())
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(customers.size(), actions.size());
        assertEquals(rows.apply(customers), rows.apply(actions));
        assertEquals(Set.of(runId + " 2026-10-31 baseline"), actions.stream().map(r -> r.get("run_id") + " "
                + r.get("as_of") + " " + r.get("model_version")).collect(java.util.stream.Collectors.toSet()));

        StringWriter printed = new StringWriter();
        Path summary = work.resolve("actions-summary");
        int code = Arscope.execute(new PrintWriter(printed, true), new PrintWriter(printed, true), "actions-summary",
                "--input", day.resolve("ingest").toString(), "--actions-log", log.toString(), "--output",
                summary.toString(), "--progress", "off");
        assertEquals(ExitCode.OK, code, printed.toString());
        Set<String> contactedThatDay = customersOnTheDay("contacts", "contact_date");
        Set<String> promisedThatDay = customersOnTheDay("promises", "promised_on");
        Map<List<String>, long[]> figures = new java.util.TreeMap<>(java.util.Comparator
                .<List<String>, String>comparing(k -> k.get(1)).thenComparing(k -> k.get(0), java.util.Comparator
                        .nullsFirst(java.util.Comparator.naturalOrder())));
        for (Map<String, String> r : customers) {
            if (r.get("in_today").equals("true")) {
                for (String collector : java.util.Arrays.asList(null, r.get("collector"))) {
                    long[] f = figures.computeIfAbsent(java.util.Arrays.asList(collector, r.get("currency")),
                            k -> new long[3]);
                    f[0]++;
                    f[1] += contactedThatDay.contains(r.get("customer_id")) ? 1 : 0;
                    f[2] += promisedThatDay.contains(r.get("customer_id")) ? 1 : 0;
                }
            }
        }
        List<String> expected = new ArrayList<>(List.of("month,collector,currency,recommendations,acted_on,"
                + "share_acted_on,promised,cash_followed,follow_up_open"));
        figures.forEach((k, f) -> expected.add(String.join(",", "2026-10-01", k.get(0) == null ? "" : k.get(0),
                k.get(1), Long.toString(f[0]), Long.toString(f[1]), io.arscope.run.CsvCells.plain(
                        java.math.BigDecimal.valueOf(f[1]).divide(java.math.BigDecimal.valueOf(f[0]), 4,
                                java.math.RoundingMode.HALF_UP).doubleValue()), Long.toString(f[2]), "0.00",
                Long.toString(f[0]))));
        assertTrue(figures.size() > 1, figures::toString);
        assertEquals(expected, Files.readAllLines(summary.resolve("actions-summary.csv")));
    }

    /** The customers with a row of the run's canonical {@code table} dated 2026-10-31; none without the table. */
    private static Set<String> customersOnTheDay(String table, String date) {
        Path folder = day.resolve("ingest/canonical/" + table);
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        return new java.util.HashSet<>(io.arscope.testing.TestSpark.session().read().parquet(folder.toString())
                .filter(date + " = date'2026-10-31'").select("customer_id").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    /** A CSV's rows after its header, each by column name; an empty cell is "". */
    static List<Map<String, String>> named(List<String[]> csv) {
        String[] header = csv.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] cells : csv.subList(1, csv.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i] == null ? "" : cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The trained model's and the baseline's share of the late amount in their riskiest 20% of validation invoices. */
    private static final double MODEL_VALIDATION_TOP20 = 0.3118424105158239;
    private static final double BASELINE_VALIDATION_TOP20 = 0.29090267876710646;

    /** The cell format a declared type is written in. */
    private static String format(DataType type) {
        if (type instanceof DecimalType d) {
            return "-?\\d+\\.\\d{" + d.scale() + "}";
        }
        if (type instanceof DoubleType) {
            return "-?\\d+\\.\\d+";
        }
        if (type instanceof IntegerType || type instanceof LongType) {
            return "-?\\d+";
        }
        if (type instanceof DateType) {
            return "\\d{4}-\\d{2}-\\d{2}";
        }
        if (type instanceof BooleanType) {
            return "true|false";
        }
        if (type instanceof StringType) {
            return "(?s).*";
        }
        throw new IllegalArgumentException("no CSV format for " + type);
    }

    static List<String[]> csv(Path file) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setMaxCharsPerColumn(-1);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        return new CsvParser(settings).parseAll(file.toFile(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
