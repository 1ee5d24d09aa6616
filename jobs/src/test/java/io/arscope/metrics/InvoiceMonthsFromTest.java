package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.testing.HistoryRows;
import io.arscope.testing.TestSpark;

/**
 * Walking only the invoices that may be open at the month-ends asked for gives the rows of walking them all, on
 * invoices the shortcut could mistake (month-ends 28 Feb and 31 Mar 2025):
 * I1 100 paid in January; I2 200 paid in January and the payment reversed on 10 Mar; I3 300 paid on 5 Mar; I4 400
 * issued 1 Feb, unpaid; I5 500 paid, reversed and paid again by 15 Feb; I6 600 paid and the payment reversed on
 * 10 Feb; I7 700 credited 750 in January.
 */
class InvoiceMonthsFromTest {

    @Test
    void onlyInvoicesClosedForGoodBeforeTheFirstMonthEndAreLeftOut() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> history = new HistoryRows()
                .invoice("I1", "A", "2025-01-05", "2025-02-04", "100").event("payment", "2025-01-20", "100")
                .invoice("I2", "A", "2025-01-05", "2025-02-04", "200").event("payment", "2025-01-25", "200")
                .event("payment", "2025-03-10", "-200")
                .invoice("I3", "A", "2025-01-10", "2025-02-09", "300").event("payment", "2025-03-05", "300")
                .invoice("I4", "A", "2025-02-01", "2025-03-03", "400")
                .invoice("I5", "A", "2025-01-02", "2025-02-01", "500").event("payment", "2025-01-10", "500")
                .event("payment", "2025-01-20", "-500").event("payment", "2025-02-15", "500")
                .invoice("I6", "A", "2025-01-03", "2025-02-02", "600").event("payment", "2025-01-15", "600")
                .event("payment", "2025-02-10", "-600")
                .invoice("I7", "A", "2025-01-04", "2025-02-03", "700").event("credit_memo", "2025-01-30", "750")
                .frame(spark);
        LocalDate from = LocalDate.parse("2025-02-28");
        Dataset<Row> kept = history.filter(MonthEndBalances.mayBeOpenFrom(from));
        assertEquals(List.of("I2", "I3", "I4", "I6"), ids(kept));
        List<String> expected = List.of("2025-02-28 I3 300.00", "2025-02-28 I4 400.00", "2025-02-28 I6 600.00",
                "2025-03-31 I2 200.00", "2025-03-31 I4 400.00", "2025-03-31 I6 600.00");
        assertEquals(expected, months(history, from));
        assertEquals(expected, months(kept, from));
    }

    private static List<String> ids(Dataset<Row> history) {
        return history.orderBy("invoice_id").collectAsList().stream().map(r -> r.<String>getAs("invoice_id")).toList();
    }

    private static List<String> months(Dataset<Row> history, LocalDate from) {
        return MonthEndBalances.invoiceMonths(history, LocalDate.parse("2025-03-31"), AgingBuckets.DEFAULT,
                        ReportingCurrency.asStored())
                .filter(functions.col("month_end").geq(functions.lit(from))).orderBy("month_end", "invoice_id")
                .collectAsList().stream().map(r -> r.getAs("month_end") + " " + r.getAs("invoice_id") + " "
                        + r.getAs("open")).toList();
    }
}
