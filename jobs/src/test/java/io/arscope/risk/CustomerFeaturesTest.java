package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
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
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The customer label worked out by hand: observed at the end of 2024-03-31 (d), the window is 2024-04-01 to
 * 2024-06-29 (d + 90); an invoice due 2024-04-29 is 61 days past due on 2024-06-29, one due 2024-04-30 only 60.
 */
@Tag("integration")
class CustomerFeaturesTest {

    private static final LocalDate D = d("2024-03-31");

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = TestSpark.session();
    }

    /** Every customer has an invoice issued by d, so each is observed on d. */
    private static LedgerBuilder ledger() {
        return new LedgerBuilder().customer("K60", "A").customer("K61", "A").customer("KP90", "A")
                .customer("KP91", "A").customer("KOLD1", "A").customer("KOLD2", "A").customer("KNEW", "A")
                // 60 days past due on d + 90, 61 only on d + 91: not bad.
                .invoice("I60", "K60", "2024-03-01", "2024-04-30", "1000")
                // 61 days past due on d + 90 and still open: bad.
                .invoice("I61", "K61", "2024-03-01", "2024-04-29", "1000")
                // 61 days past due on d + 90 but paid that day: not bad; paid the day after: bad.
                .invoice("IP90", "KP90", "2024-03-01", "2024-04-29", "1000").payment("IP90", "KP90", "2024-06-29", "1000")
                .invoice("IP91", "KP91", "2024-03-01", "2024-04-29", "1000").payment("IP91", "KP91", "2024-06-30", "1000")
                // 100 days past due on d: paid on d + 1, so open at the end of no day of the window; paid on d + 2: bad.
                .invoice("IO1", "KOLD1", "2023-11-22", "2023-12-22", "500").payment("IO1", "KOLD1", "2024-04-01", "500")
                .invoice("IO2", "KOLD2", "2023-11-22", "2023-12-22", "500").payment("IO2", "KOLD2", "2024-04-02", "500")
                // Nothing open on d, but an invoice issued after d is 61 days past due on 2024-06-01: bad.
                .invoice("IN0", "KNEW", "2024-01-01", "2024-01-31", "200").payment("IN0", "KNEW", "2024-01-31", "200")
                .invoice("IN1", "KNEW", "2024-04-01", "2024-04-01", "300");
    }

    private static Map<String, Row> observe(LedgerBuilder b, String name, String labelAsOf) {
        b.write(spark, dir.resolve(name));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve(name + "/canonical").toString());
        Map<String, Row> m = new TreeMap<>();
        CustomerFeatures.observe(ledger, null, d(labelAsOf), List.of(D), 0).collectAsList()
                .forEach(r -> m.put(r.getAs("customer_id"), r));
        return m;
    }

    @Test
    void labelCountsAnInvoiceOpenMoreThanSixtyDaysPastDueWithinNinetyDays() {
        Map<String, Row> rows = observe(ledger(), "label", "2024-12-31");
        Map<String, Boolean> labels = new TreeMap<>();
        rows.forEach((c, r) -> labels.put(c, r.getAs("crosses_60")));
        assertEquals(Map.of("K60", false, "K61", true, "KP90", false, "KP91", true, "KOLD1", false, "KOLD2", true,
                "KNEW", true), labels);
        Row old = rows.get("KOLD2");
        assertEquals(100, (int) old.getAs("max_days_past_due"));
        assertEquals(new BigDecimal("500.00"), old.getAs("exposure"));
        Row knew = rows.get("KNEW");
        assertEquals(0, new BigDecimal("0").compareTo(knew.getAs("exposure")));
        assertEquals(new BigDecimal("200.00"), knew.getAs("sales"));
        assertEquals(91, (int) knew.getAs("sales_days"));
        // Nothing open is no days past due, not 0 (an invoice due today); I61 is due in 29 days, said as the worklist
        // says it, while the model's feature stays 0 (below).
        assertNull(knew.getAs("max_days_past_due"));
        assertEquals(-29, (int) rows.get("K61").getAs("max_days_past_due"));
    }

    /**
     * Beyond the cap, whole customers are sampled by a hash of their id: one in ceil(count / max), the same ones on
     * every run, each with all its month-ends.
     */
    @Test
    void beyondTheCapWholeCustomersAreSampledTheSameOnEveryRun() {
        assertEquals(List.of(1, 1, 2, 3), List.of(CustomerRiskModel.Observations.sampleEvery(0, 10),
                CustomerRiskModel.Observations.sampleEvery(10, 10), CustomerRiskModel.Observations.sampleEvery(11, 10),
                CustomerRiskModel.Observations.sampleEvery(21, 10)));
        ledger().write(spark, dir.resolve("capped"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("capped/canonical").toString());
        LocalDate labels = d("2024-09-30");
        CustomerHistory history = CustomerHistory.of(ledger, null, labels);
        CustomerRiskModel.Observations all = CustomerRiskModel.Observations.closed(ledger, history, 0,
                Long.MAX_VALUE);
        CustomerRiskModel.Observations capped = CustomerRiskModel.Observations.closed(ledger, history, 0,
                all.size() - 1);
        java.util.Set<String> kept = new java.util.TreeSet<>(capped.customers());
        java.util.Set<String> every = new java.util.TreeSet<>(all.customers());
        assertEquals(true, every.containsAll(kept) && kept.size() < every.size(), kept + " of " + every);
        // Each kept customer keeps all its month-ends, and a second run keeps the same ones.
        assertEquals(all.customers().stream().filter(kept::contains).count(), (long) capped.size());
        assertEquals(capped.customers(), CustomerRiskModel.Observations.closed(ledger,
                CustomerHistory.of(ledger, null, labels), 0, all.size() - 1).customers());
    }

    @Test
    void labelIsUnknownUntilTheWindowHasClosed() {
        Map<String, Row> rows = observe(ledger(), "open-window", "2024-06-28");
        rows.values().forEach(r -> assertNull(r.getAs("crosses_60"), r.toString()));
        assertEquals(7, rows.size());
    }

    @Test
    void whatHappensAfterTheDayChangesTheLabelNeverTheFeatures() {
        Map<String, Row> before = observe(ledger(), "before", "2024-12-31");
        Map<String, Row> after = observe(ledger().payment("I61", "K61", "2024-05-15", "1000")
                .invoice("I61B", "K61", "2024-05-01", "2024-05-31", "4000"), "after", "2024-12-31");
        assertEquals(true, before.get("K61").getAs("crosses_60"));
        assertEquals(false, after.get("K61").getAs("crosses_60"));
        for (String c : before.keySet()) {
            for (String column : List.of("features", "exposure", "max_days_past_due", "sales", "sales_days",
                    "sales_invoices", "latest_terms_days")) {
                assertEquals((Object) before.get(c).getAs(column), after.get(c).getAs(column), c + " " + column);
            }
        }
        Map<String, Double> f = before.get("K61").getJavaMap(before.get("K61").fieldIndex("features"));
        assertEquals(1.0, f.get("hist_invoices"));
        assertEquals(1.0, f.get("no_history"));
        assertEquals(Math.log1p(1000), f.get("hist_open_balance_log"), 1e-12);
        assertEquals(0.0, f.get("max_days_past_due"));
        assertEquals(31.0, f.get("tenure_days") - (double) java.time.temporal.ChronoUnit.DAYS.between(
                d("2020-01-01"), d("2024-03-01")));
    }
}
