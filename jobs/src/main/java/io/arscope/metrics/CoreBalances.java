package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Cents;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.PerInvoice;
import io.arscope.ledger.ReceivablesLedger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * The portfolio's core numbers by the cheapest route: monthly credit sales, ending AR at every month-end as the
 * running sum of each month's net movements (sales less payments, credit memos and write-offs), and the aging
 * at one date from each invoice's reductions summed up to it. Plain aggregations over whole cents, no
 * per-invoice arrays: what the benchmark compares with DuckDB. With clean data (no invoice paid beyond its
 * amount) they equal the totals of the month-end walk. Both are gross: on-account items ({@link OnAccountItems})
 * settle no invoice and stay out, as in the walk.
 */
public final class CoreBalances {

    /** Monthly credit sales and ending AR, keyed by month-end. */
    public record Monthly(SortedMap<LocalDate, BigDecimal> creditSales, SortedMap<LocalDate, BigDecimal> endingAr) {
    }

    private CoreBalances() {
    }

    /** Through {@code lastMonthEnd}, from a ledger already cut at the as-of date. */
    public static Monthly monthly(ReceivablesLedger ledger, LocalDate lastMonthEnd) {
        SortedMap<LocalDate, BigDecimal> sales = new TreeMap<>();
        SortedMap<LocalDate, BigDecimal> net = new TreeMap<>();
        Dataset<Row> invoices = ledger.invoices();
        Dataset<Row> payments = ledger.payments();
        Dataset<Row> adjustments = ledger.adjustments();
        Dataset<Row> moves = invoices.select(expr("last_day(invoice_date)").as("m"),
                        Cents.of(invoices, "amount").as("sales"), Cents.of(invoices, "amount").as("net"))
                .unionByName(payments.filter(OnAccountItems.applied())
                        .select(expr("last_day(payment_date)").as("m"),
                        lit(0L).as("sales"), Cents.of(payments, "amount").multiply(-1).as("net")))
                .unionByName(adjustments.filter(OnAccountItems.applied())
                        .select(expr("last_day(adjustment_date)").as("m"),
                        lit(0L).as("sales"), Cents.of(adjustments, "amount").multiply(-1).as("net")))
                .filter(col("m").leq(lit(lastMonthEnd)));
        for (Row r : moves.groupBy("m").agg(sum("sales"), sum("net")).collectAsList()) {
            LocalDate m = r.getAs(0);
            sales.put(m, BigDecimal.valueOf(r.getLong(1), 2));
            net.put(m, BigDecimal.valueOf(r.getLong(2), 2));
        }
        SortedMap<LocalDate, BigDecimal> ending = new TreeMap<>();
        BigDecimal running = BigDecimal.ZERO.setScale(2);
        if (!net.isEmpty()) {
            for (LocalDate m = net.firstKey(); !m.isAfter(lastMonthEnd); m = m.plusDays(1).plusMonths(1).minusDays(1)) {
                running = running.add(net.getOrDefault(m, BigDecimal.ZERO));
                ending.put(m, running);
                sales.putIfAbsent(m, BigDecimal.ZERO.setScale(2));
            }
        }
        return new Monthly(sales, ending);
    }

    /** Open amount by aging bucket label at the end of {@code day}. */
    public static SortedMap<String, BigDecimal> aging(ReceivablesLedger ledger, LocalDate day, AgingBuckets buckets) {
        // One grouping of invoices and their reductions together: cheaper here than a sort-merge join.
        Dataset<Row> invoices = ledger.invoices();
        Dataset<Row> payments = ledger.payments();
        Dataset<Row> adjustments = ledger.adjustments();
        Dataset<Row> movements = PerInvoice.shuffled(invoices.filter(col("invoice_date").leq(lit(day)))
                .select(col("invoice_id"), Cents.of(invoices, "amount").as("v"), col("due_date"))
                .unionByName(payments.filter(col("payment_date").leq(lit(day)).and(OnAccountItems.applied()))
                        .select(col("invoice_id"), Cents.of(payments, "amount").multiply(-1).as("v"),
                                lit(null).cast("date").as("due_date")))
                .unionByName(adjustments.filter(col("adjustment_date").leq(lit(day))
                                .and(OnAccountItems.applied()))
                        .select(col("invoice_id"), Cents.of(adjustments, "amount").multiply(-1).as("v"),
                                lit(null).cast("date").as("due_date"))));
        Dataset<Row> open = movements.groupBy("invoice_id")
                .agg(sum("v").as("open"), org.apache.spark.sql.functions.max("due_date").as("due_date"))
                .filter(col("open").gt(0).and(col("due_date").isNotNull()))
                .select(col("open"), buckets.index(datediff(lit(day), col("due_date"))).as("bucket"));
        List<String> labels = buckets.labels();
        SortedMap<String, BigDecimal> out = new TreeMap<>();
        for (Row r : open.groupBy("bucket").agg(sum("open")).collectAsList()) {
            out.put(labels.get(r.getInt(0)), BigDecimal.valueOf(r.getLong(1), 2));
        }
        return out;
    }
}
