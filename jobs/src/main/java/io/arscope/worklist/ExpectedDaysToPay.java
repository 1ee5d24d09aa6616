package io.arscope.worklist;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.PaidInvoices;
import io.arscope.ledger.ReceivablesLedger;

/**
 * How many days an open invoice is still expected to take to be paid, from the as-of day.
 *
 * <p>Not yet late ({@code days_past_due <= 0}): from the model, the due date plus its expected days late, rounded
 * to whole days ({@link #MODEL}; null once that day is past). Already {@code d} days late: the model's
 * expectation for the invoice as issued says nothing about an invoice that has outlived it, so the estimate is
 * conditional on what is known, that it is still unpaid {@code d} days after its due date. It is the median of
 * {@code days_late - d} over the invoices paid in full on or before the as-of day that were still unpaid {@code d}
 * days after their own due date ({@code days_late > d}): over the customer's own such invoices when it has at
 * least {@link #MIN_CUSTOMER_INVOICES} ({@link #CUSTOMER}), over every customer's otherwise ({@link #PORTFOLIO}),
 * and null when no invoice in the history was paid after being as late ({@link #NO_HISTORY}). For an even count
 * the median is halfway between the two middle values, rounded up to a whole day. Invoices still open, written
 * off or credited are not among them: the figure is about the invoices that did get paid, as its words say. So
 * that it is not read as a promise, {@link #CLOSED_UNPAID} counts, on the same basis, the invoices as late that
 * were closed by a write-off or a credit memo instead of a payment.
 */
public final class ExpectedDaysToPay {

    /** The fewest of its own paid invoices as late as this one that a customer's history needs to be used. */
    public static final int MIN_CUSTOMER_INVOICES = 5;

    /** {@link #BASIS}: the model's expected days late, for an invoice not yet late. */
    public static final String MODEL = "model";
    /** {@link #BASIS}: the customer's own paid invoices as late as this one. */
    public static final String CUSTOMER = "customer";
    /** {@link #BASIS}: every customer's paid invoices as late as this one. */
    public static final String PORTFOLIO = "portfolio";
    /** {@link #BASIS}: no invoice in the history was paid after being as late. */
    public static final String NO_HISTORY = "no_history";

    /** Output columns: the estimate, what it rests on, and how many paid invoices (null for the model). */
    public static final String DAYS = "expected_days_to_pay";
    public static final String BASIS = "days_to_pay_basis";
    public static final String INVOICES = "days_to_pay_invoices";
    /**
     * Output column: how many invoices as late, on the same basis as {@link #INVOICES} (the customer's own or every
     * customer's), were closed by a write-off or a credit memo instead of being paid; null for the model.
     */
    public static final String CLOSED_UNPAID = "days_to_pay_closed_unpaid";

    /** The columns of the settled history {@link #of} reads. */
    public static final StructType SETTLED_INVOICES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("days_late", DataTypes.IntegerType, false),
            DataTypes.createStructField(PaidInvoices.PAID, DataTypes.BooleanType, false)));

    private ExpectedDaysToPay() {
    }

    /**
     * Invoices settled in full on or before {@code asOf} ({@link PaidInvoices#settled}): {@code customer_id},
     * {@code days_late} and whether a payment settled them.
     */
    public static Dataset<Row> settledInvoices(ReceivablesLedger ledger, LocalDate asOf) {
        return settledIn(PaidInvoices.settled(ledger.asOf(asOf)));
    }

    /**
     * As {@link #settledInvoices(ReceivablesLedger, LocalDate)}, for a ledger already cut at the day whose
     * {@link InvoiceHistory} {@code history} gives when needed.
     */
    public static Dataset<Row> settledInvoices(ReceivablesLedger cut, Supplier<Dataset<Row>> history) {
        return settledIn(PaidInvoices.settled(cut, history));
    }

    private static Dataset<Row> settledIn(Dataset<Row> settled) {
        return settled.select(col("customer_id"), col("days_late"), col(PaidInvoices.PAID));
    }

    /**
     * @param open open invoices with {@code invoice_id}, {@code customer_id}, {@code days_past_due} and
     *             {@code expected_days_late} (as the scores have them)
     * @param settled {@link #SETTLED_INVOICES}, from {@link #settledInvoices}
     * @return one row per open invoice: {@code invoice_id}, {@link #DAYS} (int), {@link #BASIS}, {@link #INVOICES}
     *         (int), {@link #CLOSED_UNPAID} (int)
     */
    public static Dataset<Row> of(Dataset<Row> open, Dataset<Row> settled) {
        Dataset<Row> late = open.filter(col("days_past_due").gt(0));
        // The portfolio's histograms are summed from the customers' so that the settled history, a pass over every
        // invoice's events, is read once.
        Dataset<Row> byCustomer = settled.groupBy(col("customer_id").as("h_k"), col("days_late"),
                        col(PaidInvoices.PAID)).agg(count(lit(1)).as("n")).localCheckpoint();
        Dataset<Row> own = medians(late.select(col("customer_id").as("k"), col("days_past_due").as("d")).distinct(),
                byCustomer, true);
        Dataset<Row> all = medians(late.select(col("days_past_due").as("d")).distinct(),
                byCustomer.groupBy(col("days_late"), col(PaidInvoices.PAID)).agg(sum("n").as("n")), false);
        Column customerBasis = col("own_invoices").geq(MIN_CUSTOMER_INVOICES);
        Column notYetLate = col("days_past_due").leq(0);
        Column model = round(col("expected_days_late")).cast(DataTypes.IntegerType).minus(col("days_past_due"));
        return open
                .join(own, col("customer_id").equalTo(col("own_k")).and(col("days_past_due").equalTo(col("own_d"))),
                        "left")
                .join(all, col("days_past_due").equalTo(col("all_d")), "left")
                .select(col("invoice_id"),
                        when(notYetLate, when(model.geq(0), model))
                                .when(customerBasis, col("own_days")).otherwise(col("all_days"))
                                .cast(DataTypes.IntegerType).as(DAYS),
                        when(notYetLate, lit(MODEL)).when(customerBasis, lit(CUSTOMER))
                                .when(col("all_invoices").isNotNull(), lit(PORTFOLIO)).otherwise(lit(NO_HISTORY))
                                .as(BASIS),
                        when(notYetLate, lit(null)).when(customerBasis, col("own_invoices"))
                                .otherwise(col("all_invoices")).cast(DataTypes.IntegerType).as(INVOICES),
                        when(notYetLate, lit(null)).when(customerBasis, coalesce(col("own_unpaid"), lit(0)))
                                .otherwise(coalesce(col("all_unpaid"), lit(0))).cast(DataTypes.IntegerType)
                                .as(CLOSED_UNPAID));
    }

    /**
     * For each day count {@code d} (and key {@code k}, per customer), from a histogram of settled invoices by days
     * late and {@link PaidInvoices#PAID} ({@code n} invoices each), those still open {@code d} days after their due
     * date ({@code days_late > d}): the paid ones' count and the median of {@code days_late - d}, and the count of
     * those closed unpaid. The two middle values are found by a running count of the paid ones; the median, rounded
     * up, is (low + high + 1) div 2. With no paid invoice the count and median are null.
     */
    private static Dataset<Row> medians(Dataset<Row> days, Dataset<Row> histogram, boolean perCustomer) {
        String p = perCustomer ? "own_" : "all_";
        Column match = col("days_late").gt(col("d"));
        if (perCustomer) {
            match = col("k").equalTo(col("h_k")).and(match);
        }
        List<Column> key = perCustomer ? List.of(col("k"), col("d")) : List.of(col("d"));
        WindowSpec group = Window.partitionBy(key.toArray(Column[]::new));
        Column paid = col(PaidInvoices.PAID);
        Column total = sum(when(paid, col("n"))).over(group);
        Column running = sum(when(paid, col("n")).otherwise(lit(0L))).over(group.orderBy(col("days_late"))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        Dataset<Row> ranked = days.join(histogram, match).withColumn("total", total).withColumn("running", running);
        Column lowRank = floor(col("total").plus(1).divide(2));
        Column highRank = floor(col("total").divide(2)).plus(1);
        Column low = min(when(paid.and(col("running").geq(lowRank)), col("days_late")));
        Column high = min(when(paid.and(col("running").geq(highRank)), col("days_late")));
        Dataset<Row> grouped = ranked.groupBy(key.toArray(Column[]::new))
                .agg(first("total").as("total"), low.as("low"), high.as("high"),
                        sum(when(not(paid), col("n"))).as("unpaid"));
        Column median = floor(col("low").plus(col("high")).plus(1).divide(2)).minus(col("d"));
        List<Column> out = new ArrayList<>();
        if (perCustomer) {
            out.add(col("k").as(p + "k"));
        }
        out.add(col("d").as(p + "d"));
        out.add(col("total").cast(DataTypes.IntegerType).as(p + "invoices"));
        out.add(median.cast(DataTypes.IntegerType).as(p + "days"));
        out.add(col("unpaid").cast(DataTypes.IntegerType).as(p + "unpaid"));
        return grouped.select(out.toArray(Column[]::new));
    }
}
