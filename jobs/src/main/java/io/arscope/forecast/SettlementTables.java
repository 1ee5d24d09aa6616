package io.arscope.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import io.arscope.ledger.InvoiceHistory;

/**
 * The small day-offset sums a forecast needs for each origin date: the due-date life table by segment (with the
 * amounts open at the origin, which are both the table's censored amounts and what is to be forecast), the
 * invoice-date life table of the last year's invoices, and the cash actually received in the days after the origin.
 * Only events dated on or before an origin enter its tables.
 *
 * <p>The invoice histories are first summed into three tables whose size grows with the calendar, not with the
 * number of invoices: money movements by day ({@code events}), balance spans (each invoice's balance between two of
 * its event dates), and invoices issued by day. Each origin then reads only these sums, so that the cost of many
 * backtest origins does not multiply the number of invoices.
 */
public final class SettlementTables {

    public static final String DUE = "due";
    public static final String NEW_INVOICE = "new_invoice";
    public static final String ACTUAL_OPEN = "actual_open";
    public static final String ACTUAL_NEW = "actual_new";
    /** Segment value of rows not split by segment. */
    public static final String ALL = "*";

    private static final String MONEY = "decimal(30,2)";
    private static final String BEFORE_ALL = "date'0001-01-01'";
    private static final String AFTER_ALL = "date'9999-12-31'";
    /** Invoices younger than this many days at an origin enter its invoice-date table. */
    private static final int NEW_INVOICE_AGE = 365;

    private SettlementTables() {
    }

    /**
     * @param history       {@link InvoiceHistory} rows, with the segment column when {@code segmentColumn} is set
     * @param origins       origin dates
     * @param segmentColumn column of {@code history} naming the segment, or null
     * @param actualDays    days after each origin whose cash receipts are summed
     * @return rows origin (DATE), kind, segment, offset (INT), entered, cash, other, open (DECIMAL), invoices (LONG)
     */
    public static Dataset<Row> of(Dataset<Row> history, List<LocalDate> origins, String segmentColumn,
            ForecastOptions options, int actualDays) {
        Dataset<Row> originDates = functions.broadcast(history.sparkSession()
                .createDataset(origins.stream().map(java.sql.Date::valueOf).toList(), Encoders.DATE()).toDF("origin"));
        Dataset<Row> keyed = history.select(
                (segmentColumn == null ? lit(ALL) : col(segmentColumn).cast("string")).as("segment"),
                col("invoice_date"), col("due_date"), col("amount"), col(InvoiceHistory.EVENTS));
        Dataset<Row> events = movementsByDay(keyed).localCheckpoint().crossJoin(originDates);
        Dataset<Row> spans = balanceSpans(keyed).localCheckpoint().crossJoin(originDates);
        Dataset<Row> issued = keyed.groupBy("invoice_date")
                .agg(sum("amount").cast(MONEY).as("amount"), count(lit(1)).as("invoices"))
                .crossJoin(originDates);

        int min = options.earliestOffset();
        int dueEnd = options.maxDaysPastDue() + 1;
        String dueOffset = "greatest(datediff(%s, due_date), " + min + ")";
        // The due-date table is a period table: only what happened in the history window before the origin counts,
        // an invoice issued earlier entering it with what was still open when the window began.
        String windowStart = "date_sub(origin, " + (options.historyDays() - 1) + ")";
        String beforeWindow = "date_sub(origin, " + options.historyDays() + ")";
        String issuedBy = "invoice_date <= origin";
        String young = issuedBy + " and datediff(origin, invoice_date) < " + NEW_INVOICE_AGE;
        String spansDay = "span_from <= %1$s and span_until > %1$s";
        String zero = "0";
        Column bySegment = col("segment");
        Column allSegments = lit(ALL);

        List<Dataset<Row>> parts = List.of(
                rows(spans, issuedBy + " and " + spansDay.formatted(beforeWindow), lit(DUE), bySegment,
                        dueOffset.formatted("greatest(invoice_date, " + windowStart + ")"),
                        "balance", zero, zero, zero, "invoices"),
                rows(events, issuedBy + " and date between " + windowStart + " and origin", lit(DUE), bySegment,
                        dueOffset.formatted("date"), zero, "cash", "other", zero, zero),
                rows(spans, issuedBy + " and " + spansDay.formatted("origin"), lit(DUE), bySegment,
                        "least(" + dueOffset.formatted("origin") + ", " + dueEnd + ")", zero, zero, zero, "open", zero),
                rows(issued, young, lit(NEW_INVOICE), allSegments, "0", "amount", zero, zero, zero, "invoices"),
                rows(events, young + " and date <= origin", lit(NEW_INVOICE), allSegments,
                        "datediff(date, invoice_date)", zero, "cash", "other", zero, zero),
                rows(spans, young + " and " + spansDay.formatted("origin"), lit(NEW_INVOICE), allSegments,
                        "datediff(origin, invoice_date)", zero, zero, zero, "open", zero),
                rows(events, "cash != 0 and date > origin and date <= date_add(origin, " + actualDays + ")",
                        expr("if(" + issuedBy + ", '" + ACTUAL_OPEN + "', '" + ACTUAL_NEW + "')"), bySegment,
                        "datediff(date, origin)", zero, "cash", zero, zero, zero));
        Dataset<Row> all = parts.stream().reduce(Dataset::unionAll).orElseThrow();
        return all
                .filter(col("kind").notEqual(lit(DUE)).or(col("offset").leq(dueEnd)))
                .filter(col("kind").notEqual(lit(NEW_INVOICE)).or(col("offset").leq(options.newInvoiceDays())))
                .groupBy("origin", "kind", "segment", "offset")
                .agg(sum("entered").as("entered"), sum("cash").as("cash"), sum("other").as("other"),
                        sum("open").as("open"), sum("invoices").as("invoices"));
    }

    /** Payments ({@code cash}) and other reductions ({@code other}) by segment, invoice date, due date and day. */
    private static Dataset<Row> movementsByDay(Dataset<Row> keyed) {
        return keyed
                .select(col("segment"), col("invoice_date"), col("due_date"),
                        functions.explode(col(InvoiceHistory.EVENTS)).as("e"))
                .groupBy(col("segment"), col("invoice_date"), col("due_date"), col("e.date").as("date"))
                .agg(sum(expr("if(e.kind = 'payment', e.amount, 0)")).cast(MONEY).as("cash"),
                        sum(expr("if(e.kind = 'payment', 0, e.amount)")).cast(MONEY).as("other"));
    }

    /**
     * Each invoice's balance (amount less every event dated on or before the day) is constant between two of its
     * event dates; these spans [{@code span_from}, {@code span_until}) with a non-zero balance, summed over invoices
     * that share them: {@code balance} as it is, {@code open} counting only positive balances, and {@code invoices}
     * with a positive balance.
     */
    private static Dataset<Row> balanceSpans(Dataset<Row> keyed) {
        String days = "array_sort(array_distinct(transform(" + InvoiceHistory.EVENTS + ", e -> e.date)))";
        String until = "if(i = size(days), " + AFTER_ALL + ", element_at(days, i + 1))";
        String spans = "transform(sequence(0, size(days)), i -> named_struct("
                + "'span_from', if(i = 0, " + BEFORE_ALL + ", element_at(days, i)), "
                + "'span_until', " + until + ", "
                + "'balance', cast(amount - " + InvoiceHistory.reducedSql("date_sub(" + until + ", 1)") + " as "
                + MONEY + ")))";
        return keyed
                .withColumn("days", expr(days))
                .select(col("segment"), col("invoice_date"), col("due_date"), functions.explode(expr(spans)).as("s"))
                .filter(col("s.balance").notEqual(lit(0)))
                .groupBy(col("segment"), col("invoice_date"), col("due_date"), col("s.span_from").as("span_from"),
                        col("s.span_until").as("span_until"))
                .agg(sum("s.balance").cast(MONEY).as("balance"),
                        sum(functions.greatest(col("s.balance"), lit(0))).cast(MONEY).as("open"),
                        sum(expr("if(s.balance > 0, 1, 0)")).cast("bigint").as("invoices"));
    }

    private static Dataset<Row> rows(Dataset<Row> source, String condition, Column kind, Column segment,
            String offset, String entered, String cash, String other, String open, String invoices) {
        return source.filter(expr(condition)).select(
                col("origin"),
                kind.as("kind"),
                segment.as("segment"),
                expr(offset).cast("int").as("offset"),
                expr(entered).cast(MONEY).as("entered"),
                expr(cash).cast(MONEY).as("cash"),
                expr(other).cast(MONEY).as("other"),
                expr(open).cast(MONEY).as("open"),
                expr(invoices).cast("bigint").as("invoices"));
    }

    /** Credit sales per invoice date, for the expected new sales. */
    public static Dataset<Row> dailySales(Dataset<Row> history) {
        return history.groupBy("invoice_date").agg(sum("amount").as("sales"));
    }
}
