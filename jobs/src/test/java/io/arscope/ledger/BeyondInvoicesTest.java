package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Money paid or credited beyond what an invoice still owed is the customer's, on account: from a Xero-shaped export,
 * INV-0369 of 2,064.60 was paid 1,032.30 and 825.84 and then credited 300.00, 93.54 too much, and the 93.54 was
 * counted nowhere (the invoice closed, the customer's credit unchanged). Worked by hand:
 * <ul>
 * <li>I1 (S): 1,032.30 + 825.84 = 1,858.14 owes 206.46; the credit note of 300.00 goes 93.54 beyond: unallocated
 * credit of 93.54 on 2025-05-20.</li>
 * <li>I2 (T): 100.00 paid 60.00 twice on one day; by id, the second goes 20.00 beyond: unapplied cash.</li>
 * <li>I3 (T): paid 100.00 in full, then written off 10.00: a write-off gives the customer nothing.</li>
 * <li>I4 (T): 50.00 written off, then 80.00 paid on a later day: 30.00 of the payment is beyond, cash.</li>
 * <li>I5 (T): paid 40.00 and credited 60.00 on one day, exactly its amount: nothing.</li>
 * </ul>
 */
class BeyondInvoicesTest {

    @Test
    void thePartOfAPaymentOrCreditBeyondItsInvoiceIsOnAccountFromItsDay() {
        SparkSession spark = TestSpark.session();
        ReceivablesLedger ledger = ledger(spark);
        List<String> items = OnAccountItems.of(ledger).orderBy(OnAccountItems.DATE, OnAccountItems.ITEM_ID)
                .collectAsList().stream().map(r -> String.join(" ", r.getString(0), r.getString(2),
                        r.get(3).toString(), r.get(4).toString(), r.getString(5))).toList();
        assertEquals(List.of("T unapplied_cash 2025-04-10 20.00 GBP", "T unapplied_cash 2025-04-15 30.00 GBP",
                "S unallocated_credit 2025-05-20 93.54 GBP", "T unapplied_cash 2025-06-01 5.00 GBP"), items);
        assertEquals(List.of("S 93.54", "T 50.00"), OnAccountItems.byCustomer(ledger, LocalDate.parse("2025-05-31"))
                .orderBy(OnAccountItems.CUSTOMER_ID).collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.get(1)).toList());
        // An item beyond an invoice is in its invoice's business unit (every invoice here is in "Goods"), as the
        // invoice it went beyond; an item on account from the start has none.
        assertEquals(List.of("T 20.00 Goods SME", "T 30.00 Goods SME", "S 93.54 Goods SME", "T 5.00 (none) SME"),
                OnAccountItems.of(ledger, List.of("business_unit", "segment"))
                        .orderBy(OnAccountItems.DATE).collectAsList().stream().map(r -> r.getString(0) + " "
                                + r.get(4) + " " + r.getAs("business_unit") + " " + r.getAs("segment")).toList());
        // The day before the credit note went beyond, S had nothing on account.
        assertEquals(List.of("T 50.00"), OnAccountItems.byCustomer(ledger, LocalDate.parse("2025-05-19"))
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.get(1)).toList());
    }

    /**
     * In a run, the items are read off the run's shared history and found once: the same items as above, and those of
     * two reversals, worked by hand. I6 (T): 100.00 paid 100.00, then 100.00 again on 15 April (100.00 beyond, cash),
     * the second reversed on 10 May (-100.00: the cash leaves the account). I7 (T): 100.00 paid, reversed and paid
     * again, never beyond: a reversal makes an invoice one to look at, and it gives nothing. I8 (T): 100.00 paid
     * 130.00 in one payment on 20 April, 30.00 beyond.
     */
    @Test
    void aRunFindsTheSameItemsOffItsSharedHistoryOnce(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        builder().invoice("I6", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I6", "T", "2025-04-01", "100.00", "GBP")
                .payment("I6", "T", "2025-04-15", "100.00", "GBP")
                .payment("I6", "T", "2025-05-10", "-100.00", "GBP")
                .invoice("I7", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I7", "T", "2025-04-01", "100.00", "GBP")
                .payment("I7", "T", "2025-04-02", "-100.00", "GBP")
                .payment("I7", "T", "2025-04-03", "100.00", "GBP")
                .invoice("I8", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I8", "T", "2025-04-20", "130.00", "GBP")
                .write(spark, dir);
        String canonical = dir.resolve("canonical").toString();
        List<String> expected = List.of("T unapplied_cash 2025-04-10 20.00 GBP",
                "T unapplied_cash 2025-04-15 30.00 GBP", "T unapplied_cash 2025-04-15 100.00 GBP",
                "T unapplied_cash 2025-04-20 30.00 GBP", "T unapplied_cash 2025-05-10 -100.00 GBP",
                "S unallocated_credit 2025-05-20 93.54 GBP",
                "T unapplied_cash 2025-06-01 5.00 GBP");
        LocalDate day = LocalDate.parse("2025-06-30");
        assertEquals(expected, items(OnAccountItems.of(ReceivablesLedger.read(spark, canonical).asOf(day))));
        int before = spark.sparkContext().getPersistentRDDs().size();
        try (SharedLedger scope = SharedLedger.open()) {
            ReceivablesLedger cut = ReceivablesLedger.read(spark, canonical).asOf(day);
            assertEquals(expected, items(OnAccountItems.of(cut)));
            // The cut's history and its items are held; asked again, the items are read from where they are held.
            assertEquals(before + 2, spark.sparkContext().getPersistentRDDs().size());
            assertEquals(expected, items(OnAccountItems.of(cut)));
            assertEquals(before + 2, spark.sparkContext().getPersistentRDDs().size());
        }
    }

    private static List<String> items(Dataset<Row> items) {
        return items.orderBy(OnAccountItems.DATE, OnAccountItems.AMOUNT).collectAsList().stream()
                .map(r -> String.join(" ", r.getString(0), r.getString(2), r.get(3).toString(), r.get(4).toString(),
                        r.getString(5))).toList();
    }

    /** The ledger above, and T's 5.00 of cash on account from the start, on 1 June. */
    private static ReceivablesLedger ledger(SparkSession spark) {
        return builder().ledger(spark);
    }

    private static LedgerBuilder builder() {
        return new LedgerBuilder().customer("S", "SME").customer("T", "SME")
                .invoice("I1", "S", "2025-03-01", "2025-03-31", "2064.60", "GBP")
                .payment("I1", "S", "2025-04-02", "1032.30", "GBP")
                .payment("I1", "S", "2025-04-30", "825.84", "GBP")
                .adjustment("I1", "S", "2025-05-20", "300.00", "credit_memo", "GBP")
                .invoice("I2", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I2", "T", "2025-04-10", "60.00", "GBP")
                .payment("I2", "T", "2025-04-10", "60.00", "GBP")
                .invoice("I3", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I3", "T", "2025-04-10", "100.00", "GBP")
                .adjustment("I3", "T", "2025-04-11", "10.00", "write_off", "GBP")
                .invoice("I4", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .adjustment("I4", "T", "2025-04-01", "50.00", "write_off", "GBP")
                .payment("I4", "T", "2025-04-15", "80.00", "GBP")
                .invoice("I5", "T", "2025-03-01", "2025-03-31", "100.00", "GBP")
                .payment("I5", "T", "2025-04-20", "40.00", "GBP")
                .adjustment("I5", "T", "2025-04-20", "60.00", "credit_memo", "GBP")
                .payment(null, "T", "2025-06-01", "5.00", "GBP");
    }
}
