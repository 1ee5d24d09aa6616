package io.arscope.ledger;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * What a reversal (a negative payment) takes back, worked by hand as the reversals audit's ledger had them: a bounced
 * cheque paid again, a part reversal, an overpayment reversed, a payment and its reversal on one day. Each reversal
 * takes back the latest payments of its invoice first.
 * <pre>
 * A  1,000  paid 1,000 on 10 Feb; reversed -1,000 on 20 Feb; paid 1,000 again on 2 Apr
 *           stands: 1,000 of 2 Apr; settled for good on 2 Apr
 * B  1,000  paid 400 on 1 Feb and 600 on 15 Feb; -700 on 1 Mar takes the 600 and 100 of the 400
 *           stands: 300 of 1 Feb; open 700, not settled
 * C  1,000  paid 1,200 on 15 Apr (200 beyond, on account); the whole -1,200 reversed on 10 May
 *           stands: nothing; on account +200 on 15 Apr, -200 on 10 May; open 1,000
 * D    900  paid 900 and reversed -900 on 12 Jun, the reversal's id first
 *           stands: nothing; not settled
 * E    500  paid 500 on 5 Feb: stands, settled on 5 Feb
 * F    600  paid 100 on 3 Mar and 500 on 1 Mar, listed in that order, no reversal
 *           stands: both, in date order; settled on 3 Mar
 * </pre>
 */
class StandingPaymentsTest {

    private static ReceivablesLedger ledger(SparkSession spark) {
        return new LedgerBuilder().customer("K", "A")
                .invoice("A", "K", "2025-01-01", "2025-01-31", "1000")
                .payment("A", "K", "2025-02-10", "1000").payment("A", "K", "2025-02-20", "-1000")
                .payment("A", "K", "2025-04-02", "1000")
                .invoice("B", "K", "2025-01-01", "2025-01-31", "1000")
                .payment("B", "K", "2025-02-01", "400").payment("B", "K", "2025-02-15", "600")
                .payment("B", "K", "2025-03-01", "-700")
                .invoice("C", "K", "2025-03-01", "2025-03-31", "1000")
                .payment("C", "K", "2025-04-15", "1200").payment("C", "K", "2025-05-10", "-1200")
                .invoice("D", "K", "2025-05-01", "2025-05-31", "900")
                .payment("D", "K", "2025-06-12", "-900").payment("D", "K", "2025-06-12", "900")
                .invoice("E", "K", "2025-01-05", "2025-02-04", "500").payment("E", "K", "2025-02-05", "500")
                .invoice("F", "K", "2025-02-01", "2025-03-03", "600").payment("F", "K", "2025-03-03", "100")
                .payment("F", "K", "2025-03-01", "500")
                .ledger(spark);
    }

    @Test
    void eachReversalTakesBackTheLatestPaymentsOfItsInvoice() {
        SparkSession spark = TestSpark.session();
        List<String> rows = InvoiceHistory.of(ledger(spark), List.of())
                .select(functions.col("invoice_id"), InvoiceHistory.standingPayments().as("s"),
                        PaidInvoices.settledOn().as("settled_on"))
                .orderBy("invoice_id").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getList(1).stream().map(p -> ((org.apache.spark.sql.Row) p).get(0)
                        + "=" + ((org.apache.spark.sql.Row) p).get(1)).toList() + " " + r.get(2)).toList();
        assertEquals(List.of("A [2025-04-02=1000.00] 2025-04-02", "B [2025-02-01=300.00] null", "C [] null",
                "D [] null", "E [2025-02-05=500.00] 2025-02-05",
                "F [2025-03-01=500.00, 2025-03-03=100.00] 2025-03-03"), rows);
    }

    /** C's 200 beyond its amount was the customer's from 15 April until the reversal took it back on 10 May. */
    @Test
    void anOverpaymentReversedLeavesAccountOnTheReversalsDay() {
        SparkSession spark = TestSpark.session();
        ReceivablesLedger ledger = ledger(spark);
        assertEquals(List.of("2025-04-15 200.00", "2025-05-10 -200.00"), OnAccountItems.of(ledger)
                .orderBy(OnAccountItems.DATE).collectAsList().stream()
                .map(r -> r.getAs(OnAccountItems.DATE) + " " + r.getAs(OnAccountItems.AMOUNT)).toList());
        assertEquals(List.of("K 200.00"), OnAccountItems.byCustomer(ledger, d("2025-04-30")).collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.get(1)).toList());
        assertEquals(List.of("K 0.00"), OnAccountItems.byCustomer(ledger, d("2025-05-31")).collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.get(1)).toList());
    }
}
