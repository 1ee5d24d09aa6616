package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * A payment a reversal took back is not the day a customer last paid: "check before escalating: it paid on ..."
 * held back a final notice for a bounced cheque (the reversals audit). Worked by hand, as of 30 June 2025:
 * <ul>
 * <li>K1 paid X1 on 3 March; a cheque of 900 for X2 on 12 June was reversed the same day: last paid 3 March.</li>
 * <li>K2, as Oracle writes it: a receipt of 2,500 on 1 June comes in unapplied (+2,500 on account), is applied to
 * Z (-2,500 on account, +2,500 on Z), and is reversed on 12 June (-2,500 on Z, +2,500 back to unapplied, -2,500 as
 * the receipt leaves). Nothing stands: no last payment.</li>
 * <li>K3 paid Y on 1 May, then paid W 100 on 20 May, of which 40 was reversed on 25 May: last paid 20 May.</li>
 * </ul>
 */
class CollectionContextReversalsTest {

    @Test
    void theLatestPaymentThatStands() {
        assertEquals(List.of("K1 2025-03-03", "K2 null", "K3 2025-05-20"),
                CollectionContext.customers(ledger(), d("2025-06-30")).orderBy("customer_id").collectAsList().stream()
                        .map(r -> r.getAs("customer_id") + " " + r.getAs(CollectionContext.LAST_PAYMENT_DATE))
                        .toList());
    }

    /**
     * The invoices a collector should know more of: W in dispute since 21 May and 40.00 of its payment reversed on
     * 25 May; X2's 900.00 and Z's 2,500.00 reversed on 12 June. The reversals on account are no invoice's.
     */
    @Test
    void invoicesWithAPaymentReversedAreNotedBesideTheDisputed() {
        assertEquals(List.of("W 2025-05-21 pricing 2025-05-25 40.00", "X2 null null 2025-06-12 900.00",
                "Z null null 2025-06-12 2500.00"), CollectionContext.invoiceNotes(ledger(), d("2025-06-30"))
                .orderBy("invoice_id").collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                        + r.getAs(CollectionContext.DISPUTE_OPENED) + " " + r.getAs(CollectionContext.DISPUTE_REASON)
                        + " " + r.getAs(CollectionContext.PAYMENT_REVERSED_ON) + " "
                        + r.getAs(CollectionContext.REVERSED_AMOUNT)).toList());
        // As of 24 May, W's reversal had not happened.
        assertEquals(List.of("W 2025-05-21 null"), CollectionContext.invoiceNotes(ledger(), d("2025-05-24"))
                .collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                        + r.getAs(CollectionContext.DISPUTE_OPENED) + " "
                        + r.getAs(CollectionContext.PAYMENT_REVERSED_ON)).toList());
    }

    private static io.arscope.ledger.ReceivablesLedger ledger() {
        SparkSession spark = TestSpark.session();
        return new LedgerBuilder().customer("K1", "A").customer("K2", "A").customer("K3", "A")
                .invoice("X1", "K1", "2025-02-01", "2025-03-03", "1000").payment("X1", "K1", "2025-03-03", "1000")
                .invoice("X2", "K1", "2025-05-01", "2025-05-31", "900")
                .payment("X2", "K1", "2025-06-12", "-900").payment("X2", "K1", "2025-06-12", "900")
                .invoice("Z", "K2", "2025-05-01", "2025-05-31", "2500")
                .payment(null, "K2", "2025-06-01", "2500").payment(null, "K2", "2025-06-01", "-2500")
                .payment("Z", "K2", "2025-06-01", "2500").payment("Z", "K2", "2025-06-12", "-2500")
                .payment(null, "K2", "2025-06-12", "2500").payment(null, "K2", "2025-06-12", "-2500")
                .invoice("Y", "K3", "2025-04-01", "2025-05-01", "300").payment("Y", "K3", "2025-05-01", "300")
                .invoice("W", "K3", "2025-04-15", "2025-05-15", "100").payment("W", "K3", "2025-05-20", "100")
                .payment("W", "K3", "2025-05-25", "-40").dispute("W", "2025-05-21", null)
                .ledger(spark);
    }
}
