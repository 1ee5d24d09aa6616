package io.arscope.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.MonthEndBalances;
import io.arscope.run.SparkSessions;

/** Times the stages of the metrics job's core path one by one (a profiling aid, not a test). */
public final class ProfileMetrics {
    private ProfileMetrics() {
    }

    static void time(String what, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        System.out.printf("%-40s %6.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        LocalDate asOf = LocalDate.parse(args[1]);
        SparkSession spark = SparkSessions.create("profile", null);
        for (int round = 0; round < 2; round++) {
            ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString()).asOf(asOf);
            time("read invoices count", () -> ledger.invoices().count());
            time("read payments count", () -> ledger.payments().count());
            Dataset<Row> history = InvoiceHistory.of(ledger, List.of());
            time("history count", () -> history.count());
            time("history sales by month", () -> history.groupBy(expr("last_day(invoice_date)")).agg(sum("amount"))
                    .collectAsList());
            Dataset<Row> cached = history.cache();
            time("history cache", () -> cached.count());
            Dataset<Row> months = MonthEndBalances.invoiceMonths(cached, asOf, AgingBuckets.DEFAULT,
                    ReportingCurrency.asStored());
            time("invoice months count", () -> months.count());
            time("invoice months by month", () -> months.groupBy("month_end").agg(sum("open")).collectAsList());
            time("sales from invoices table", () -> ledger.invoices().groupBy(expr("last_day(invoice_date)"))
                    .agg(sum("amount")).collectAsList());
            time("events grouped by invoice", () -> ledger.payments().groupBy("invoice_id")
                    .agg(org.apache.spark.sql.functions.collect_list(col("payment_date"))).count());
            cached.unpersist();
        }
    }
}
