package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ingest.RejectReason;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * {@link EffectiveDates} on a ledger worked by hand, read three ways that must agree: without flags (every
 * payment, adjustment and dispute joined to its invoice), with the flags ingest writes (only the flagged rows and
 * those naming no customer joined, by broadcast), and with the flags but too many such rows to broadcast.
 * <pre>
 * E1  K1 issued 10 Mar, due 20 Feb      100 paid 25 Mar, no customer named     counts for K1
 *                                       credit memo 50 dated 1 Mar, flagged    counts on 10 Mar
 * E2  K1 issued 20 Mar                  500 paid 25 Feb, flagged BEFORE_INVOICE counts on 20 Mar
 *                                       dispute opened 1 Mar, flagged          opened on 20 Mar
 * E3  K1 issued 1 Mar                   1,000 paid 16 Mar by K2, flagged       counts for K1
 *                                       CUSTOMER_MISMATCH (after MISSING_RATE)
 *                                       300 paid 28 Mar by K1, flagged MISSING_RATE only: as written
 * --  K2 on account                     200 paid 5 Mar                          as written
 * </pre>
 */
class EffectiveDatesTest {

    private static final List<String> PAYMENTS = List.of("E1 K1 2025-03-25", "E2 K1 2025-03-20", "E3 K1 2025-03-16",
            "E3 K1 2025-03-28", "null K2 2025-03-05");
    private static final List<String> ADJUSTMENTS = List.of("E1 K1 2025-03-10");
    private static final List<String> DISPUTES = List.of("E2 2025-03-20 null");

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static ReceivablesLedger unflagged;

    @BeforeAll
    static void write() {
        spark = TestSpark.session();
        new LedgerBuilder().customer("K1", "A").customer("K2", "A")
                .invoice("E1", "K1", "2025-03-10", "2025-02-20", "1000").payment("E1", null, "2025-03-25", "100")
                .adjustment("E1", "K1", "2025-03-01", "50", "credit_memo")
                .invoice("E2", "K1", "2025-03-20", "2025-04-19", "500").payment("E2", "K1", "2025-02-25", "500")
                .dispute("E2", "2025-03-01", null)
                .invoice("E3", "K1", "2025-03-01", "2025-03-31", "2000").payment("E3", "K2", "2025-03-16", "1000")
                .payment("E3", "K1", "2025-03-28", "300").payment(null, "K2", "2025-03-05", "200")
                .write(spark, dir);
        String canonical = dir.resolve(ReceivablesLedger.CANONICAL).toString();
        unflagged = new ReceivablesLedger(ReceivablesLedger.table(spark, canonical, CanonicalTable.CUSTOMERS),
                ReceivablesLedger.table(spark, canonical, CanonicalTable.INVOICES),
                ReceivablesLedger.table(spark, canonical, CanonicalTable.PAYMENTS),
                ReceivablesLedger.table(spark, canonical, CanonicalTable.ADJUSTMENTS),
                ReceivablesLedger.table(spark, canonical, CanonicalTable.DISPUTES));
    }

    /** The ledger with the flags ingest would have written on its payments, adjustments and disputes. */
    private static ReceivablesLedger flagged() {
        Column payment = when(col("invoice_id").equalTo("E2"), lit("BEFORE_INVOICE"))
                .when(col("customer_id").equalTo("K2").and(col("invoice_id").equalTo("E3")),
                        lit("MISSING_RATE;CUSTOMER_MISMATCH"))
                .when(col("payment_date").equalTo(LedgerBuilder.d("2025-03-28")), lit("MISSING_RATE"));
        return new ReceivablesLedger(unflagged.customers(), unflagged.invoices(),
                unflagged.payments().withColumn(CanonicalTable.QUALITY_FLAGS, payment),
                unflagged.adjustments().withColumn(CanonicalTable.QUALITY_FLAGS, lit("BEFORE_INVOICE")),
                unflagged.disputes().withColumn(CanonicalTable.QUALITY_FLAGS, lit("BEFORE_INVOICE")));
    }

    @Test
    void theFlagsThatMoveARowAreIngestsRuleCodes() {
        assertEquals(List.of(RejectReason.BEFORE_INVOICE.name(), RejectReason.CUSTOMER_MISMATCH.name()),
                EffectiveDates.MOVED);
    }

    @Test
    void withoutFlagsEveryRowIsReadThroughItsInvoice() {
        assertWorkedByHand(EffectiveDates.of(unflagged));
    }

    @Test
    void withFlagsOnlyTheFlaggedRowsAndThoseNamingNoCustomerMove() {
        ReceivablesLedger ledger = EffectiveDates.of(flagged());
        assertWorkedByHand(ledger);
        assertFalse(List.of(ledger.payments().columns()).contains(CanonicalTable.QUALITY_FLAGS));
    }

    @Test
    void withFlagsOnMoreRowsThanBroadcastTheWholeTablesAreJoined() {
        assertWorkedByHand(EffectiveDates.of(flagged(), 0));
    }

    @Test
    void aCleanLedgerIsReadWithoutAJoin() {
        Dataset<Row> clean = unflagged.payments().filter(col("customer_id").isNotNull())
                .withColumn(CanonicalTable.QUALITY_FLAGS, lit(null).cast("string"));
        ReceivablesLedger ledger = EffectiveDates.of(new ReceivablesLedger(unflagged.customers(),
                unflagged.invoices(), clean, flagged().adjustments(), flagged().disputes()));
        assertEquals(List.of("E2 K1 2025-02-25", "E3 K1 2025-03-28", "E3 K2 2025-03-16", "null K2 2025-03-05"),
                payments(ledger), "as written: nothing says they count otherwise");
        String plan = ledger.payments().queryExecution().optimizedPlan().treeString();
        assertFalse(plan.contains("Join"), plan);
        assertEquals(ADJUSTMENTS, adjustments(ledger));
    }

    @Test
    void theStatisticsOfFilesWithNoFlagAndEveryCustomerNamedSpareTheQueryForRowsToMove() throws Exception {
        Dataset<Row> named = unflagged.payments().filter(col("customer_id").isNotNull());
        Column noFlag = lit(null).cast("string");
        CanonicalSource clean = written("clean", named.withColumn(CanonicalTable.QUALITY_FLAGS, noFlag),
                unflagged.adjustments().withColumn(CanonicalTable.QUALITY_FLAGS, noFlag),
                unflagged.disputes().withColumn(CanonicalTable.QUALITY_FLAGS, noFlag));
        assertEquals(Set.of(CanonicalTable.PAYMENTS, CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES),
                EffectiveDates.unmoved(clean));

        // A payment naming no customer, a flag on every credit memo and dispute: each table must be asked.
        CanonicalSource odd = written("odd", unflagged.payments().withColumn(CanonicalTable.QUALITY_FLAGS, noFlag),
                flagged().adjustments(), flagged().disputes());
        assertEquals(Set.of(), EffectiveDates.unmoved(odd));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark,
                dir.resolve("odd").resolve(ReceivablesLedger.CANONICAL).toString());
        assertEquals(List.of("E1 K1 2025-03-25", "E2 K1 2025-02-25", "E3 K1 2025-03-28", "E3 K2 2025-03-16",
                "null K2 2025-03-05"), payments(ledger), "E1's payment counts for its invoice's customer");
        assertEquals(ADJUSTMENTS, adjustments(ledger));

        // Files written without the flags say nothing about them.
        assertEquals(Set.of(), EffectiveDates.unmoved(CanonicalSource.at(spark,
                dir.resolve(ReceivablesLedger.CANONICAL).toString())));
    }

    /** The ledger's customers and invoices with the given dependents, written as canonical folders under {@code name}. */
    private static CanonicalSource written(String name, Dataset<Row> payments, Dataset<Row> adjustments,
            Dataset<Row> disputes) {
        String canonical = dir.resolve(name).resolve(ReceivablesLedger.CANONICAL).toString();
        Map<CanonicalTable, Dataset<Row>> tables = Map.of(CanonicalTable.CUSTOMERS, unflagged.customers(),
                CanonicalTable.INVOICES, unflagged.invoices(), CanonicalTable.PAYMENTS, payments,
                CanonicalTable.ADJUSTMENTS, adjustments, CanonicalTable.DISPUTES, disputes);
        tables.forEach((table, rows) -> rows.coalesce(1).write().parquet(canonical + "/" + table.tableName()));
        return CanonicalSource.at(spark, canonical);
    }

    private static void assertWorkedByHand(ReceivablesLedger ledger) {
        assertEquals(List.of("E1 2025-03-10", "E2 2025-04-19", "E3 2025-03-31"), ledger.invoices()
                .orderBy("invoice_id").collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                        + r.getAs("due_date")).toList());
        assertEquals(PAYMENTS, payments(ledger));
        assertEquals(ADJUSTMENTS, adjustments(ledger));
        assertEquals(DISPUTES, ledger.disputes().collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                + r.getAs("opened_date") + " " + r.getAs("resolved_date")).toList());
        assertEquals(List.of(unflagged.payments().columns()), List.of(ledger.payments().columns()));
    }

    private static List<String> payments(ReceivablesLedger ledger) {
        return ledger.payments().collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                + r.getAs("customer_id") + " " + r.getAs("payment_date")).sorted().toList();
    }

    private static List<String> adjustments(ReceivablesLedger ledger) {
        return ledger.adjustments().collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                + r.getAs("customer_id") + " " + r.getAs("adjustment_date")).toList();
    }
}
