package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Activity features by hand. C1 owes I1 (1,000, due 01-31; 400 paid 02-20) and I2 (500, due 03-31). Contacts on
 * 2025-10-01, 02-05, 03-20 and 04-01. Promise PR1 (02-05, by 02-15, 400) is broken: its window closes 02-18, before
 * the 02-20 payment; PR2 (02-19, by 02-22, 400) is kept by that payment, its window closing 02-25; PR3 (03-25, by
 * 04-05) is still open on 03-31. Plan PL1's one instalment (100 by 02-10) is missed, its window closing 02-13.
 */
class ActivityFeaturesTest {

    @TempDir
    static Path dir;
    private static ReceivablesLedger ledger;
    private static CollectionActivity activity;

    @BeforeAll
    static void write() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Retail")
                .invoice("I1", "C1", "2026-01-01", "2026-01-31", "1000")
                .invoice("I2", "C1", "2026-03-01", "2026-03-31", "500")
                .payment("I1", "C1", "2026-02-20", "400")
                .contact("T1", "C1", null, "2025-10-01", "letter", null)
                .contact("T2", "C1", "I1", "2026-02-05", "call", "promised")
                .contact("T3", "C1", null, "2026-03-20", "email", null)
                .contact("T4", "C1", null, "2026-04-01", "call", "reached")
                .promise("PR1", "C1", "I1", "2026-02-05", "2026-02-15", "400")
                .promise("PR2", "C1", "I1", "2026-02-19", "2026-02-22", "400")
                .promise("PR3", "C1", null, "2026-03-25", "2026-04-05", "500")
                .instalment("PL1", 1, "C1", "2026-02-01", "2026-02-10", "100")
                .write(spark, dir);
        ledger = ReceivablesLedger.ofIngest(spark, dir.toString());
        activity = CollectionActivity.ofIngest(spark, dir.toString());
    }

    @Test
    void onTheAsOfDayEveryClosedWindowAndRecentContactCounts() {
        // Contacts in the 90 days before 03-31 (from 01-01): 02-05 and 03-20.
        assertEquals(Map.of("I1", activityFeatures(2.0, 1.0, 1.0, 1.0), "I2", activityFeatures(2.0, 1.0, 1.0, 1.0)),
                byInvoice(RiskFeatures.openOn(ledger, activity, LocalDate.parse("2026-03-31"), 0).collectAsList()));
    }

    @Test
    void onAnEarlierDayOnlyWhatWasKnownThenCounts() {
        // On 02-20: the 02-05 contact; PR1 broken (window closed 02-18); PR2's window still open; PL1 missed.
        Map<String, Double> expected = new TreeMap<>(Map.of("hist_contacts_90d", 1.0, "hist_promises_broken", 1.0,
                "hist_instalments_missed", 1.0));
        assertEquals(Map.of("I1", expected),
                byInvoice(RiskFeatures.openOn(ledger, activity, LocalDate.parse("2026-02-20"), 0).collectAsList()));
    }

    @Test
    void withoutActivityThereAreNoActivityFeatures() {
        assertEquals(Map.of("I1", Map.of(), "I2", Map.of()),
                byInvoice(RiskFeatures.openOn(ledger, LocalDate.parse("2026-03-31"), 0).collectAsList()));
    }

    private static Map<String, Double> activityFeatures(double contacts, double kept, double broken, double missed) {
        return new TreeMap<>(Map.of("hist_contacts_90d", contacts, "hist_promises_kept", kept, "hist_promises_broken",
                broken, "hist_instalments_missed", missed));
    }

    private static Map<String, Map<String, Double>> byInvoice(List<Row> rows) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (Row r : rows) {
            Map<String, Double> f = new TreeMap<>(r.<String, Double>getJavaMap(r.fieldIndex("features")));
            f.keySet().retainAll(List.of("hist_contacts_90d", "hist_promises_kept", "hist_promises_broken",
                    "hist_instalments_missed"));
            out.put(r.getAs("invoice_id"), f);
        }
        return out;
    }
}
