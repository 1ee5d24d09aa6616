package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.GeneratedLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

@Tag("integration")
class RiskFeaturesTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = TestSpark.session();
    }

    private static Map<String, Row> byInvoice(List<Row> rows) {
        Map<String, Row> m = new TreeMap<>();
        rows.forEach(r -> m.put(r.getAs("invoice_id"), r));
        return m;
    }

    @Test
    void customerHistoryFeaturesUseOnlyWhatWasDatedBeforeTheScoringDay() {
        new LedgerBuilder().customer("K1", "A")
                .invoice("I1", "K1", "2024-01-01", "2024-01-31", "1000").payment("I1", "K1", "2024-02-10", "1000")
                .invoice("I2", "K1", "2024-02-01", "2024-03-02", "3000").payment("I2", "K1", "2024-02-20", "3000")
                .invoice("I3", "K1", "2024-03-01", "2024-03-31", "2000").payment("I3", "K1", "2024-04-05", "500")
                .write(spark, dir.resolve("small"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("small/canonical").toString());
        Map<String, Row> rows = byInvoice(RiskFeatures.atIssue(ledger, d("2024-03-15"), 0).collectAsList());

        Map<String, Double> f = rows.get("I3").getJavaMap(rows.get("I3").fieldIndex("features"));
        assertEquals(2.0, f.get("hist_invoices"));
        assertEquals(0.5, f.get("hist_late_share"));
        assertEquals(5.0, f.get("hist_mean_days_late"));
        assertEquals(0.0, f.get("hist_lateness_trend"));
        // (1,000 x 10 + 3,000 x 0) / 4,000
        assertEquals(2.5, f.get("hist_amount_weighted_days_late"));
        assertEquals(10.0, f.get("days_since_last_payment"));
        assertEquals(0.0, f.get("hist_open_balance_log"));
        assertEquals(1.0, f.get("amount_vs_usual"));
        assertEquals(30.0, f.get("terms_days"));
        assertEquals(Math.log(2000), f.get("log_amount"), 1e-12);
        assertEquals((double) ChronoUnit.DAYS.between(LocalDate.of(2020, 1, 1), LocalDate.of(2024, 3, 1)),
                f.get("tenure_days"));
        assertEquals(1.0, f.get("invoice_month=3"));
        assertEquals(1.0, f.get("billing_channel=electronic"));
        // The April payment is after the label date: I3's outcome is not known yet.
        assertTrue(rows.get("I3").isNullAt(rows.get("I3").fieldIndex("late")));

        Map<String, Double> first = rows.get("I1").getJavaMap(rows.get("I1").fieldIndex("features"));
        assertEquals(1.0, first.get("no_history"));
        assertEquals(1.0, first.get("no_payment_yet"));
        assertEquals(Boolean.TRUE, rows.get("I1").getAs("late"));
        assertEquals(10, (Integer) rows.get("I1").getAs("days_late"));
        assertEquals(Boolean.FALSE, rows.get("I2").getAs("late"));
    }

    @Test
    void addingLaterHistoryChangesNoFeatureOfAnEarlierInvoice() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(5, 3000, LocalDate.of(2024, 1, 1), 24);
        GeneratedLedger.write(spark, config, dir.resolve("gen"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("gen/canonical").toString());
        LocalDate cut = LocalDate.of(2024, 12, 31);
        Map<String, Row> early = byInvoice(RiskFeatures.atIssue(ledger, cut, 0).collectAsList());
        Map<String, Row> full = byInvoice(RiskFeatures.atIssue(ledger, config.exportDate(), 0).collectAsList());
        int compared = 0;
        int labelsLearnedLater = 0;
        for (Map.Entry<String, Row> e : early.entrySet()) {
            Row later = full.get(e.getKey());
            assertEquals(e.getValue().getJavaMap(e.getValue().fieldIndex("features")),
                    later.getJavaMap(later.fieldIndex("features")), e.getKey());
            compared++;
            if (e.getValue().getAs("late") == null && later.getAs("late") != null) {
                labelsLearnedLater++;
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
        assertTrue(full.size() > compared + 1000, "later history was added: " + full.size());
        // The cut really hid outcomes that the full history knows.
        assertTrue(labelsLearnedLater > 50, "labels learned later: " + labelsLearnedLater);
    }
}
