package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
import io.arscope.testing.OnAccountLedger;
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

    private static final java.util.Set<String> VERSION_4 = new java.util.TreeSet<>(List.of("due_month_position",
            "hist_days_late_slope", "hist_settled_vs_due_days", "hist_recent_settled_vs_due_days",
            "hist_partial_payment_share", "hist_disputes_credited_share", "hist_dispute_days", "hist_open_invoices",
            "hist_open_age_days", "hist_open_oldest_days_past_due", "segment_late_share", "hist_late_share_shrunk",
            "segment_recent_late_share", "hist_late_share_decayed"));

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

    /**
     * An invoice's own dispute is a feature on the days it is open, its opening day included (the day's events are
     * known at its end) and its resolution day not: J1 disputed on its issue day, J2 from 10 to 20 March (scored on
     * the 15th, in dispute; on the 20th, resolved), J3 never.
     */
    @Test
    void anInvoiceInDisputeOnTheScoringDayCarriesIt() {
        new LedgerBuilder().customer("K1", "A")
                .invoice("J1", "K1", "2024-03-01", "2024-03-31", "100").dispute("J1", "2024-03-01", null)
                .invoice("J2", "K1", "2024-03-02", "2024-04-01", "200").dispute("J2", "2024-03-10", "2024-03-20")
                .invoice("J3", "K1", "2024-03-03", "2024-04-02", "300")
                .write(spark, dir.resolve("disputed"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("disputed/canonical").toString());
        Map<String, Row> issued = byInvoice(RiskFeatures.atIssue(ledger, d("2024-03-31"), 0).collectAsList());
        assertEquals(Arrays.asList(1.0, null, null), inDispute(issued, "J1", "J2", "J3"));
        Map<String, Row> on15 = byInvoice(RiskFeatures.openOn(ledger, d("2024-03-15"), 0).collectAsList());
        assertEquals(Arrays.asList(1.0, 1.0, null), inDispute(on15, "J1", "J2", "J3"));
        Map<String, Row> on20 = byInvoice(RiskFeatures.openOn(ledger, d("2024-03-20"), 0).collectAsList());
        assertEquals(Arrays.asList(1.0, null, null), inDispute(on20, "J1", "J2", "J3"));
    }

    private static List<Double> inDispute(Map<String, Row> rows, String... invoices) {
        List<Double> values = new java.util.ArrayList<>();
        for (String id : invoices) {
            Map<String, Double> f = rows.get(id).getJavaMap(rows.get(id).fieldIndex("features"));
            values.add(f.get(RiskFeatures.IN_DISPUTE));
        }
        return values;
    }

    /**
     * {@link OnAccountLedger}, scored on 31 March: C1 holds 600 on account against its other open invoices (I1's
     * 1,000 beside I2, I2's 400 beside I1), C2 holds 250 with nothing else open. Its cash on account is C1's last
     * payment. On I2's issue day, 1 March, C1's 600 was already on account against I1's 1,000.
     */
    @Test
    void onAccountItemsDatedBeforeTheScoringDayAreFeatures() {
        OnAccountLedger.write(spark, dir.resolve("on-account"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("on-account/canonical").toString());
        Map<String, Row> open = byInvoice(RiskFeatures.openOn(ledger, OnAccountLedger.AS_OF, 0).collectAsList());
        Map<String, Double> i2 = open.get("I2").getJavaMap(open.get("I2").fieldIndex("features"));
        assertEquals(Math.log1p(600), i2.get("hist_on_account_log"), 1e-12);
        assertEquals(0.6, i2.get("hist_on_account_cover"), 1e-12);
        assertEquals(39.0, i2.get("days_since_last_payment"));
        Map<String, Double> i1 = open.get("I1").getJavaMap(open.get("I1").fieldIndex("features"));
        assertEquals(1.0, i1.get("hist_on_account_cover"));
        Map<String, Double> i3 = open.get("I3").getJavaMap(open.get("I3").fieldIndex("features"));
        assertEquals(Math.log1p(250), i3.get("hist_on_account_log"), 1e-12);
        assertEquals(1.0, i3.get("hist_on_account_cover"));

        Map<String, Row> issued = byInvoice(RiskFeatures.atIssue(ledger, OnAccountLedger.AS_OF, 0).collectAsList());
        Map<String, Double> atIssue = issued.get("I2").getJavaMap(issued.get("I2").fieldIndex("features"));
        assertEquals(0.6, atIssue.get("hist_on_account_cover"), 1e-12);
        // On 10 January nothing was on account yet, and C1 had never paid.
        Map<String, Double> first = issued.get("I1").getJavaMap(issued.get("I1").fieldIndex("features"));
        assertEquals(null, first.get("hist_on_account_cover"));
        assertEquals(1.0, first.get("no_payment_yet"));
    }

    @Test
    void addingLaterHistoryChangesNoFeatureOfAnEarlierInvoice() throws Exception {
        // With payments and credit memos on account, whose features must not leak either.
        GeneratorConfig config = GeneratorConfig.of(5, 3000, LocalDate.of(2024, 1, 1), 24).withOnAccountShare(0.05);
        GeneratedLedger.write(spark, config, dir.resolve("gen"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("gen/canonical").toString());
        LocalDate cut = LocalDate.of(2024, 12, 31);
        Map<String, Row> early = byInvoice(RiskFeatures.atIssue(ledger, cut, 0).collectAsList());
        Map<String, Row> full = byInvoice(RiskFeatures.atIssue(ledger, config.exportDate(), 0).collectAsList());
        int compared = 0;
        int labelsLearnedLater = 0;
        // The features of feature version 4 are among those compared, not absent throughout.
        Map<String, Integer> present = new TreeMap<>();
        for (Map.Entry<String, Row> e : early.entrySet()) {
            Row later = full.get(e.getKey());
            Map<String, Double> f = e.getValue().getJavaMap(e.getValue().fieldIndex("features"));
            assertEquals(f, later.getJavaMap(later.fieldIndex("features")), e.getKey());
            f.keySet().stream().filter(VERSION_4::contains).forEach(k -> present.merge(k, 1, Integer::sum));
            compared++;
            if (e.getValue().getAs("late") == null && later.getAs("late") != null) {
                labelsLearnedLater++;
            }
        }
        assertEquals(VERSION_4, present.keySet(), "present: " + present);
        assertTrue(compared > 1000, "compared " + compared);
        assertTrue(full.size() > compared + 1000, "later history was added: " + full.size());
        // The cut really hid outcomes that the full history knows.
        assertTrue(labelsLearnedLater > 50, "labels learned later: " + labelsLearnedLater);
    }
}
