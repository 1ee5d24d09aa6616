package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * A USD invoice of 100.00 settled by 33.33, 33.33 and 33.34, reported in EUR at 0.777227 (an SAP extract's rate): one
 * by one, 77.72 less 25.90, 25.90 and 25.91 left 0.01 open on a settled invoice, which the worklist then asked a
 * collector to chase as 91+. Converted as steps of the running total, the payments are 25.90 (33.33 x 0.777227 =
 * 25.9050 rounds to 25.90), 25.91 (66.66 gives 51.8109, so 51.81 - 25.90) and 25.91 (100.00 gives 77.72): 77.72 in
 * all, and the invoice is settled. Cash on account, 10.00 USD, is converted on its own: 7.77.
 */
class ValuedAtStepsTest {

    @Test
    void anInvoiceSettledInItsOwnCurrencyIsSettledInTheReportingOne() {
        SparkSession spark = TestSpark.session();
        LedgerBuilder built = new LedgerBuilder().customer("K1", "Enterprise")
                .invoice("U1", "K1", "2025-08-01", "2025-08-31", "100.00", "USD")
                .payment("U1", "K1", "2025-08-10", "33.33", "USD")
                .payment("U1", "K1", "2025-08-20", "33.33", "USD")
                .payment("U1", "K1", "2025-08-30", "33.34", "USD")
                .payment(null, "K1", "2025-08-30", "10.00", "USD")
                .invoice("E1", "K1", "2025-08-01", "2025-08-31", "50.00", "EUR")
                .rate("2025-01-01", "USD", "0.777227");
        ReceivablesLedger ledger = built.ledger(spark);
        LocalDate day = LocalDate.parse("2025-10-31");
        ReportingCurrency eur = ReportingCurrency.choose(ledger, built.rates(), "EUR")
                .orElseThrow(IllegalStateException::new);
        ReceivablesLedger valued = eur.valuedAt(ledger, day);
        List<BigDecimal> paid = valued.payments().orderBy("payment_id").collectAsList().stream()
                .map(r -> r.<BigDecimal>getAs("amount")).toList();
        assertEquals(List.of(new BigDecimal("25.90"), new BigDecimal("25.91"), new BigDecimal("25.91"),
                new BigDecimal("7.77")), paid);
        List<Row> invoices = valued.invoices().orderBy("invoice_id").collectAsList();
        assertEquals(List.of(new BigDecimal("50.00"), new BigDecimal("77.72")),
                invoices.stream().map(r -> r.<BigDecimal>getAs("amount")).toList());
        assertEquals(new BigDecimal("0.00"), eur.balance(new BigDecimal("100.00"), List.of(new BigDecimal("33.33"),
                new BigDecimal("33.33"), new BigDecimal("33.34")), "USD", day));
        // Part paid: 77.72 less the 66.66 paid converted once, 51.81.
        assertEquals(new BigDecimal("25.91"), eur.balance(new BigDecimal("100.00"), List.of(new BigDecimal("33.33"),
                new BigDecimal("33.33")), "USD", day));
    }
}
