package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.Slices;

import static io.arscope.job.Column.MONEY;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * The additive monthly measures behind every period metric, per slice and month: balances at the month-end (the
 * on-account balance beside the invoices'), the month's flows (credit sales, cash, credit memos, write-offs),
 * invoices falling due and paid on time, the billing cohort's payment timing, and the roll of each aging bucket
 * into the next month. Everything here is a sum, so quarters, years and slices add up; the ratios are taken afterwards by {@link PeriodMetrics}.
 */
public final class MonthlyFigures {

    public static final String MONTH = "month_end";

    /** Type of the sum over one invoice's payments of amount times days. */
    private static final String DAY_AMOUNT = "decimal(30,2)";
    /** Type of the sum of one invoice's payments, as {@link InvoiceHistory#amounts} sums them. */
    private static final String PAID = InvoiceHistory.EVENT_SUM;

    /** The Spark results: the wide monthly table, the bucket roll table and the cohort collection table. */
    public record Tables(Dataset<Row> monthly, Dataset<Row> rolls, Dataset<Row> cohorts) {
    }

    private MonthlyFigures() {
    }

    /** The on-account balance at the month-end: items dated on or before it ({@link OnAccountItems}). */
    public static final String ON_ACCOUNT = OnAccountItems.BALANCE;

    public static List<String> balanceMeasures(AgingBuckets buckets) {
        List<String> m = new ArrayList<>(List.of("ending_ar", "current_ar", "past_due_day_amount", "disputed_ar"));
        for (int k = 0; k < buckets.count(); k++) {
            m.add("bucket_" + k);
        }
        m.add(ON_ACCOUNT);
        return m;
    }

    public static final List<String> SALES_MEASURES = List.of("credit_sales", "invoices_issued", "invoices_disputed",
            "cohort_paid", "cohort_pay_days_amount", "cohort_late_days_amount", "cohort_open");
    public static final List<String> FLOW_MEASURES = List.of("collections", "credit_memos", "write_offs");
    public static final List<String> DUE_MEASURES = List.of("due_count", "due_amount", "on_time_count",
            "on_time_amount");

    /**
     * @param onAccount the ledger's {@link OnAccountItems} with the same dimensions as {@code history}, in their
     *                  own currencies: each month-end values them at its rate, as it does the open invoices
     * @param money     the reporting currency
     */
    public static Tables of(Dataset<Row> history, Dataset<Row> invoiceMonths, Dataset<Row> onAccount,
            List<String> dims, LocalDate asOf, LocalDate lastMonthEnd, int graceDays, AgingBuckets buckets,
            ReportingCurrency money) {
        Column last = lit(lastMonthEnd);

        List<Column> balance = new ArrayList<>(List.of(col(MONTH), col("open").as("ending_ar"),
                when(col("bucket").equalTo(0), col("open")).otherwise(0).as("current_ar"),
                when(col("days_past_due").gt(0), col("open").multiply(col("days_past_due"))).otherwise(0)
                        .as("past_due_day_amount"),
                when(col("disputed"), col("open")).otherwise(0).as("disputed_ar")));
        for (int k = 0; k < buckets.count(); k++) {
            balance.add(when(col("bucket").equalTo(k), col("open")).otherwise(0).as("bucket_" + k));
        }
        balance.add(lit(BigDecimal.ZERO).cast(MONEY).as(ON_ACCOUNT));
        dims.forEach(d -> balance.add(col(d)));
        Dataset<Row> invoiceBalances = invoiceMonths.select(balance.toArray(Column[]::new));
        Dataset<Row> balances = Slices.sum(invoiceBalances.unionByName(onAccountMonths(onAccount, invoiceBalances,
                        lastMonthEnd, buckets, money)), dims, List.of(MONTH), balanceMeasures(buckets));

        Column payments = InvoiceHistory.events("payment");
        Dataset<Row> sales = Slices.sum(history.filter(col("invoice_date").leq(last))
                .withColumn(MONTH, last_day(col("invoice_date")))
                .withColumn("credit_sales", col("amount"))
                .withColumn("invoices_issued", lit(1L))
                .withColumn("invoices_disputed", oneIf(size(col(InvoiceHistory.DISPUTES)).gt(0)))
                .withColumn("cohort", cohortTiming())
                .withColumn("cohort_paid", col("cohort.cohort_paid"))
                .withColumn("cohort_pay_days_amount", col("cohort.cohort_pay_days_amount"))
                .withColumn("cohort_late_days_amount", col("cohort.cohort_late_days_amount"))
                .withColumn("cohort_open", col("amount").minus(InvoiceHistory.reducedBy(lit(asOf)))),
                dims, List.of(MONTH), SALES_MEASURES);

        List<Column> eventCols = new ArrayList<>(List.of(explode(col(InvoiceHistory.EVENTS)).as("e")));
        dims.forEach(d -> eventCols.add(col(d)));
        Dataset<Row> flows = Slices.sum(history.select(eventCols.toArray(Column[]::new))
                .filter(col("e.date").leq(last))
                .withColumn(MONTH, last_day(col("e.date")))
                .withColumn("collections", when(col("e.kind").equalTo("payment"), col("e.amount")).otherwise(0))
                .withColumn("credit_memos", when(col("e.kind").equalTo("credit_memo"), col("e.amount")).otherwise(0))
                .withColumn("write_offs", when(col("e.kind").equalTo("write_off"), col("e.amount")).otherwise(0)),
                dims, List.of(MONTH), FLOW_MEASURES);

        // Paid on time: paid or credited in full by the due date plus grace. Judged only once that day has passed.
        Column deadline = date_add(col("due_date"), graceDays);
        Dataset<Row> due = Slices.sum(history
                .filter(deadline.leq(lit(asOf)).and(col("due_date").leq(last)))
                .withColumn(MONTH, last_day(col("due_date")))
                .withColumn("due_count", lit(1L))
                .withColumn("due_amount", col("amount"))
                .withColumn("on_time", InvoiceHistory.reducedBy(deadline, "payment", "credit_memo")
                        .geq(col("amount")))
                .withColumn("on_time_count", oneIf(col("on_time")))
                .withColumn("on_time_amount", when(col("on_time"), col("amount")).otherwise(0)),
                dims, List.of(MONTH), DUE_MEASURES);

        Dataset<Row> monthly = balances
                .join(sales, keys(), "full_outer")
                .join(flows, keys(), "full_outer")
                .join(due, keys(), "full_outer");

        List<Column> rollCols = new ArrayList<>(List.of(col(MONTH), col("bucket"), col("open").as("from_amount"),
                when(col("bucket_next").gt(col("bucket")), col("open_next")).otherwise(0).as("rolled_amount"),
                col("written_off_next"),
                when(col("bucket_next").equalTo(col("bucket")), col("open_next")).otherwise(0).as("stayed_amount")));
        dims.forEach(d -> rollCols.add(col(d)));
        Dataset<Row> rolls = Slices.sum(invoiceMonths.filter(col("open_next").isNotNull())
                .select(rollCols.toArray(Column[]::new)), dims, List.of(MONTH, "bucket"),
                List.of("from_amount", "rolled_amount", "written_off_next", "stayed_amount"));

        List<Column> cohortCols = new ArrayList<>(List.of(last_day(col("invoice_date")).as("cohort_month"),
                explode(payments).as("e")));
        dims.forEach(d -> cohortCols.add(col(d)));
        Dataset<Row> cohorts = Slices.sum(history.filter(col("invoice_date").leq(last))
                .select(cohortCols.toArray(Column[]::new))
                .filter(col("e.date").leq(last))
                .withColumn(MONTH, last_day(col("e.date")))
                .withColumn("collected", col("e.amount")), dims, List.of("cohort_month", MONTH), List.of("collected"));
        return new Tables(monthly, rolls, cohorts);
    }

    /**
     * Each on-account item at every month-end from its own month's to {@code lastMonthEnd}: the item's amount as
     * {@link #ON_ACCOUNT}, at the month-end's rate, and zero for every invoice balance, in the columns and types of
     * {@code invoiceBalances}.
     * The items are few beside the invoices, so one row per item and month costs little.
     */
    private static Dataset<Row> onAccountMonths(Dataset<Row> onAccount, Dataset<Row> invoiceBalances,
            LocalDate lastMonthEnd, AgingBuckets buckets, ReportingCurrency money) {
        Dataset<Row> months = onAccount.filter(col(OnAccountItems.DATE).leq(lit(lastMonthEnd)))
                .withColumn("month_start", explode(sequence(trunc(col(OnAccountItems.DATE), "MM"),
                        trunc(lit(lastMonthEnd), "MM"), expr("interval 1 month"))))
                .withColumn(MONTH, last_day(col("month_start")));
        List<Column> out = new ArrayList<>();
        for (StructField f : invoiceBalances.schema().fields()) {
            if (f.name().equals(MONTH)) {
                out.add(col(MONTH));
            } else if (f.name().equals(ON_ACCOUNT)) {
                out.add(money.convert(col(OnAccountItems.AMOUNT), col(OnAccountItems.CURRENCY), col(MONTH))
                        .cast(f.dataType()).as(ON_ACCOUNT));
            } else if (balanceMeasures(buckets).contains(f.name())) {
                out.add(lit(0).cast(f.dataType()).as(f.name()));
            } else {
                out.add(col(f.name()));
            }
        }
        return months.select(out.toArray(Column[]::new));
    }

    /**
     * Over an invoice's standing payments, in one walk: what was paid ({@code cohort_paid}), and the amounts times the
     * days from issue ({@code cohort_pay_days_amount}) and past due ({@code cohort_late_days_amount}). Spark
     * evaluates a walk over an array row by row; three of them cost twice this one. An invoice with one event, as
     * most are, is read directly: a payment that is not a reversal stands.
     */
    private static Column cohortTiming() {
        return InvoiceHistory.oneOrMore(only -> when(only.getField("kind").equalTo("payment")
                        .and(only.getField("amount").gt(0)), timing(noTiming(), only)).otherwise(noTiming()),
                noTiming(), aggregate(InvoiceHistory.standingPayments(), noTiming(), MonthlyFigures::timing));
    }

    private static Column noTiming() {
        return struct(lit(0).cast(PAID).as("cohort_paid"), lit(0).cast(DAY_AMOUNT).as("cohort_pay_days_amount"),
                lit(0).cast(DAY_AMOUNT).as("cohort_late_days_amount"));
    }

    /** {@link #cohortTiming}'s sums with payment {@code p} added. */
    private static Column timing(Column sums, Column p) {
        return struct(sums.getField("cohort_paid").plus(p.getField("amount")).cast(PAID).as("cohort_paid"),
                sums.getField("cohort_pay_days_amount").plus(p.getField("amount").multiply(daysToPay(p)))
                        .cast(DAY_AMOUNT).as("cohort_pay_days_amount"),
                sums.getField("cohort_late_days_amount").plus(p.getField("amount").multiply(daysLate(p)))
                        .cast(DAY_AMOUNT).as("cohort_late_days_amount"));
    }

    private static Column daysToPay(Column payment) {
        return datediff(payment.getField("date"), col("invoice_date"));
    }

    private static Column daysLate(Column payment) {
        return greatest(datediff(payment.getField("date"), col("due_date")), lit(0));
    }

    /** 1 where {@code condition} holds, else 0: summed, a count. */
    private static Column oneIf(Column condition) {
        return when(condition, lit(1L)).otherwise(lit(0L));
    }

    private static scala.collection.Seq<String> keys() {
        return scala.collection.JavaConverters.asScalaBuffer(List.of(Slices.DIMENSION, Slices.VALUE, MONTH)).toSeq();
    }
}
