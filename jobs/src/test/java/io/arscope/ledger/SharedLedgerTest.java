package io.arscope.ledger;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scala.collection.JavaConverters;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * A run's steps share one ledger: on a hand-made ledger of two customers, in a scope the same folder read twice is
 * one ledger, its cut at a day is made once and cut again is itself, and the invoices' events are grouped once for
 * histories of any dimensions (and for a checkpointed copy of the cut), with the same rows as outside a scope, and
 * so are the invoices settled in full; closing the scope releases what it held.
 * A: invoice 1 (100, 1 Jan 2025) paid 40 on 10 Jan and 60 on 20 Feb, disputed 5 to 15 Jan; invoice 2 (50, 1 Mar)
 * issued after the cut. B: invoice 3 (70, 5 Jan), a credit memo of 20 on 25 Jan.
 */
class SharedLedgerTest {

    @TempDir
    static Path dir;

    private static String canonical;

    @BeforeAll
    static void ledger() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("A", "retail").customer("B", "wholesale")
                .invoice("1", "A", "2025-01-01", "2025-01-31", "100").payment("1", "A", "2025-01-10", "40")
                .payment("1", "A", "2025-02-20", "60").dispute("1", "2025-01-05", "2025-01-15")
                .invoice("2", "A", "2025-03-01", "2025-03-31", "50")
                .invoice("3", "B", "2025-01-05", "2025-02-04", "70")
                .adjustment("3", "B", "2025-01-25", "20", "credit_memo")
                .write(spark, dir);
        canonical = dir.resolve("canonical").toString();
    }

    /** Each invoice's id, dimension, events (date, amount, kind; sorted) and disputes, as text. */
    private static List<String> rows(Dataset<Row> history, String dim) {
        return history.orderBy("invoice_id").collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                + r.getAs(dim) + " " + r.<Row>getList(r.fieldIndex(InvoiceHistory.EVENTS)).stream()
                        .map(e -> e.get(0) + "/" + e.get(1) + "/" + e.get(2)).sorted().toList() + " "
                + r.<Row>getList(r.fieldIndex(InvoiceHistory.DISPUTES)).stream()
                        .map(e -> e.get(0) + "/" + e.get(1)).toList()).toList();
    }

    @Test
    void aScopeReadsCutsAndGroupsOnce() {
        SparkSession spark = TestSpark.session();
        ReceivablesLedger apart = ReceivablesLedger.read(spark, canonical);
        assertNotSame(apart, ReceivablesLedger.read(spark, canonical));
        List<String> expected = List.of(
                "1 retail [2025-01-10/40.00/payment, 2025-02-20/60.00/payment] [2025-01-05/2025-01-15]",
                "3 wholesale [2025-01-25/20.00/credit_memo] []");
        assertEquals(expected, rows(InvoiceHistory.of(apart.asOf(d("2025-02-28")), List.of("segment")), "segment"));

        Set<Integer> before = persisted(spark);
        Set<Integer> history;
        try (SharedLedger scope = SharedLedger.open()) {
            ReceivablesLedger all = ReceivablesLedger.read(spark, canonical);
            assertSame(all, ReceivablesLedger.read(spark, dir.resolve("canonical") + "/"));
            ReceivablesLedger cut = all.asOf(d("2025-02-28"));
            assertSame(cut, all.asOf(d("2025-02-28")));
            assertSame(cut, cut.asOf(d("2025-02-28")));
            // One grouping of events held; a second history, of other columns, groups nothing more.
            assertEquals(expected, rows(InvoiceHistory.of(cut, List.of("segment")), "segment"));
            history = added(spark, before);
            assertEquals(1, history.size());
            assertEquals(List.of(
                    "1 A [2025-01-10/40.00/payment, 2025-02-20/60.00/payment] [2025-01-05/2025-01-15]",
                    "3 B [2025-01-25/20.00/credit_memo] []"),
                    rows(InvoiceHistory.of(cut, List.of(), List.of("customer_id")), "customer_id"));
            assertEquals(history, added(spark, before));
            // A checkpointed copy of the cut (its four tables held, disputes read as they are) shares its history.
            ReceivablesLedger copy = SharedLedger.held(cut);
            Set<Integer> withCopy = added(spark, before);
            assertEquals(5, withCopy.size());
            assertEquals(expected, rows(InvoiceHistory.of(copy, List.of("segment")), "segment"));
            assertEquals(withCopy, added(spark, before));
            // A cut at another day is another cut; the January one leaves out the February payment.
            assertTrue(rows(InvoiceHistory.of(all.asOf(d("2025-01-31")), List.of("segment")), "segment").get(0)
                    .startsWith("1 retail [2025-01-10/40.00/payment] "));
        }
        // The scope releases the histories it held.
        assertTrue(Collections.disjoint(history, persisted(spark)));
    }

    /**
     * The invoices settled in full are found once in a scope, for the cut and its checkpointed copy alike, and are the
     * rows found outside it: invoice 1 (100, due 31 Jan) paid in full on 20 Feb, 20 days late; invoice 3 (70) is
     * credited 20 and stays open.
     */
    @Test
    void aScopeFindsTheSettledInvoicesOnce() {
        SparkSession spark = TestSpark.session();
        List<String> expected = List.of("A 2025-02-20 20 true");
        assertEquals(expected, settledRows(PaidInvoices.settled(ReceivablesLedger.read(spark, canonical)
                .asOf(d("2025-02-28")))));
        Set<Integer> before = persisted(spark);
        Set<Integer> held;
        try (SharedLedger scope = SharedLedger.open()) {
            ReceivablesLedger cut = ReceivablesLedger.read(spark, canonical).asOf(d("2025-02-28"));
            Dataset<Row> settled = PaidInvoices.settled(cut);
            assertEquals(expected, settledRows(settled));
            // The history and the settled invoices held.
            held = added(spark, before);
            assertEquals(2, held.size());
            assertSame(settled, PaidInvoices.settled(cut, () -> {
                throw new AssertionError("the history is needed again");
            }));
            assertSame(settled, PaidInvoices.settled(SharedLedger.held(cut)));
        }
        assertTrue(Collections.disjoint(held, persisted(spark)));
    }

    private static List<String> settledRows(Dataset<Row> settled) {
        return settled.collectAsList().stream().map(r -> r.getAs("customer_id") + " " + r.getAs("settled_on") + " "
                + r.getAs("days_late") + " " + r.getAs(PaidInvoices.PAID)).toList();
    }

    /** The ids of the RDDs Spark holds now. */
    private static Set<Integer> persisted(SparkSession spark) {
        return new HashSet<>(JavaConverters.mapAsJavaMap(spark.sparkContext().getPersistentRDDs()).keySet().stream()
                .map(id -> (Integer) id).toList());
    }

    /** The RDDs held now that were not before (checkpoints of other tests may be released meanwhile). */
    private static Set<Integer> added(SparkSession spark, Set<Integer> before) {
        Set<Integer> now = persisted(spark);
        now.removeAll(before);
        return now;
    }
}
