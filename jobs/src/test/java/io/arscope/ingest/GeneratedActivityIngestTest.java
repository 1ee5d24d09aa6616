package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.job.JobContext;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;
import io.arscope.samples.CollectionsActivity;
import io.arscope.samples.CurrencyPlan;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.TestSpark;

/**
 * A generated history with collections activity through the generator's mappings: every row of every file accepted
 * unflagged, and the promise and instalment statuses derived from the ingested payments are the outcomes the
 * generator drew, as its truth file records them.
 */
@Tag("integration")
class GeneratedActivityIngestTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(11, 6_000, LocalDate.of(2024, 1, 1), 24)
            .withActivity(CollectionsActivity.DEFAULT);
    private static final LocalDate AS_OF = HISTORY.exportDate();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static HistoryGenerator.Summary summary;
    private static IngestJob.Outcome outcome;

    @BeforeAll
    static void generateAndIngest() throws Exception {
        spark = TestSpark.session();
        summary = HistoryGenerator.generate(HISTORY, dir.resolve("csv"));
        outcome = ingest("csv", "arscope-generator.yaml");
    }

    private static IngestJob.Outcome ingest(String input, String mapping) throws Exception {
        return IngestJob.write(JobContext.of(spark, new IngestOptions(dir.resolve(input).toString(),
                Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings", mapping),
                dir.resolve(input + "-out").toString(), AS_OF, 0.0)));
    }

    /** Per file: rows read, accepted, flagged, rejected. */
    private static Map<String, List<Long>> counts(IngestJob.Outcome o) {
        Map<String, List<Long>> counts = new TreeMap<>();
        for (Reconciliation.FileCounts f : o.reconciliation().files()) {
            counts.put(f.file(), List.of(f.read(), f.accepted(), f.flagged(), f.rejected()));
        }
        return counts;
    }

    private static List<Long> allAccepted(long rows) {
        return List.of(rows, rows, 0L, 0L);
    }

    @Test
    void everyGeneratedRowIsAcceptedUnflagged() {
        Map<String, List<Long>> expected = new TreeMap<>(Map.of(
                "customers.csv", allAccepted(summary.customers()),
                "invoices.csv", allAccepted(summary.invoices()),
                "payments.csv", allAccepted(summary.payments()),
                "adjustments.csv", allAccepted(summary.adjustments()),
                "disputes.csv", allAccepted(summary.disputes()),
                "contacts.csv", allAccepted(summary.contacts()),
                "promises.csv", allAccepted(summary.promises()),
                "plan_instalments.csv", allAccepted(summary.planInstalments())));
        assertEquals(expected, counts(outcome));
        assertEquals(List.of(summary.contacts(), summary.promises(), summary.planInstalments()), List.of(
                outcome.records().get(CanonicalTable.CONTACTS), outcome.records().get(CanonicalTable.PROMISES),
                outcome.records().get(CanonicalTable.PLAN_INSTALMENTS)));
        assertTrue(summary.contacts() > 1_000 && summary.promises() > 80 && summary.planInstalments() > 10,
                summary.toString());
    }

    @Test
    void aHistoryInSeveralCurrenciesWithActivityIsAcceptedWholeThroughTheCurrenciesMapping() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(12, 1_500, LocalDate.of(2024, 1, 1), 12)
                .withActivity(CollectionsActivity.DEFAULT);
        HistoryGenerator.Summary s = HistoryGenerator.generate(config, new CurrencyPlan(List.of("USD", "EUR", "GBP")),
                dir.resolve("multi"));
        Map<String, List<Long>> counts = counts(ingest("multi", "arscope-generator-currencies.yaml"));
        // A file without rows (a year this small may agree no plan) has no counts.
        assertEquals(List.of(allAccepted(s.contacts()), allAccepted(s.promises()), allAccepted(s.planInstalments())),
                List.of(counts.getOrDefault("contacts.csv", allAccepted(0)), counts.getOrDefault("promises.csv",
                        allAccepted(0)), counts.getOrDefault("plan_instalments.csv", allAccepted(0))));
        assertTrue(counts.get("exchange_rates.csv").get(0) > 0, counts.toString());
        assertTrue(counts.values().stream().allMatch(c -> c.get(0).equals(c.get(1)) && c.get(2) == 0
                && c.get(3) == 0), counts.toString());
        assertTrue(s.contacts() > 0 && s.promises() > 0, s.toString());
    }

    /** The generator's truth file: each invoice's drawn promise outcome and instalments met. */
    private static Map<String, String[]> truth() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("csv").resolve(HistoryGenerator.TRUTH_FILE));
        assertEquals("invoice_id,p_late,late,contacts,settled_without_activity,uplift_days,promise_outcome,"
                + "plan_instalments_met", lines.get(0));
        Map<String, String[]> truth = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            truth.put(f[0], new String[] {f[6], f[7]});
        }
        return truth;
    }

    @Test
    void promiseStatusesDerivedFromThePaymentsAreTheOutcomesTheGeneratorDrew() throws IOException {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("csv-out").toString());
        List<Row> statuses = PromiseStatus.of(ReceivablesLedger.table(spark, dir.resolve("csv-out/canonical")
                        .toString(), CanonicalTable.PROMISES), ledger.payments(), ledger.invoices(), AS_OF,
                ActivityConfig.DEFAULT).select(col("invoice_ids"), col("promised_date"), col("status"))
                .collectAsList();
        Map<String, String[]> truth = truth();
        Map<String, Integer> decided = new TreeMap<>();
        int pending = 0;
        for (Row r : statuses) {
            String drawn = truth.get(r.getString(0))[0];
            String status = r.getString(2);
            if (r.getLocalDate(1).plusDays(ActivityConfig.DEFAULT.graceDays()).isBefore(AS_OF)) {
                // The window has passed: the status is the outcome drawn, whose names are the statuses'.
                assertEquals(drawn, status, r.toString());
                decided.merge(status, 1, Integer::sum);
            } else {
                // Still open: kept as soon as the promised amount is paid, pending until then.
                assertTrue(status.equals(PromiseStatus.PENDING) || drawn.equals(PromiseStatus.KEPT)
                        && status.equals(PromiseStatus.KEPT), r + " drawn " + drawn);
                pending++;
            }
        }
        assertEquals(summary.promises(), statuses.size());
        assertEquals(Set.of(PromiseStatus.KEPT, PromiseStatus.PARTLY_KEPT, PromiseStatus.BROKEN), decided.keySet(),
                decided + ", " + pending + " pending");
    }

    @Test
    void instalmentStatusesDerivedFromThePaymentsAreTheOnesTheGeneratorMetOrMissed() throws IOException {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("csv-out").toString());
        List<Row> statuses = PlanStatus.of(ReceivablesLedger.table(spark, dir.resolve("csv-out/canonical")
                        .toString(), CanonicalTable.PLAN_INSTALMENTS), ledger.payments(), ledger.invoices(), AS_OF,
                ActivityConfig.DEFAULT).select(col("invoice_ids"), col("instalment"), col("due_date"), col("status"))
                .collectAsList();
        Map<String, String[]> truth = truth();
        Map<String, Integer> decided = new TreeMap<>();
        for (Row r : statuses) {
            boolean met = r.getInt(1) <= Integer.parseInt(truth.get(r.getString(0))[1]);
            String status = r.getString(3);
            if (r.getLocalDate(2).plusDays(ActivityConfig.DEFAULT.graceDays()).isBefore(AS_OF)) {
                assertEquals(met ? PlanStatus.MET : PlanStatus.MISSED, status, r.toString());
                decided.merge(status, 1, Integer::sum);
            } else {
                assertTrue(status.equals(PlanStatus.DUE) || status.equals(PlanStatus.UPCOMING)
                        || met && status.equals(PlanStatus.MET), r + " met " + met);
            }
        }
        assertEquals(summary.planInstalments(), statuses.size());
        assertEquals(Set.of(PlanStatus.MET, PlanStatus.MISSED), decided.keySet(), decided.toString());
    }
}
