package io.arscope.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import io.arscope.metrics.InvoiceHistory;

/**
 * The small day-offset sums a forecast needs for each origin date, computed in one Spark pass over the invoice
 * histories: the due-date life table by segment (with the amounts open at the origin, which are both the table's
 * censored amounts and what is to be forecast), the invoice-date life table of the last year's invoices, and the
 * cash actually received in the days after the origin. Only events dated on or before an origin enter its tables.
 */
public final class SettlementTables {

    public static final String DUE = "due";
    public static final String NEW_INVOICE = "new_invoice";
    public static final String ACTUAL_OPEN = "actual_open";
    public static final String ACTUAL_NEW = "actual_new";
    /** Segment value of rows not split by segment. */
    public static final String ALL = "*";

    private SettlementTables() {
    }

    /**
     * @param history      {@link InvoiceHistory} rows, with the segment column when {@code segmentColumn} is set
     * @param origins      origin dates
     * @param segmentColumn column of {@code history} naming the segment, or null
     * @param actualDays   days after each origin whose cash receipts are summed
     * @return rows origin (DATE), kind, segment, offset (INT), entered, cash, other, open (DECIMAL), invoices (LONG)
     */
    public static Dataset<Row> of(Dataset<Row> history, List<LocalDate> origins, String segmentColumn,
            ForecastOptions options, int actualDays) {
        Dataset<Row> originDates = history.sparkSession()
                .createDataset(origins.stream().map(java.sql.Date::valueOf).toList(), Encoders.DATE()).toDF("origin");
        String segment = segmentColumn == null ? "'" + ALL + "'" : "`" + segmentColumn + "`";
        String money = "cast(%s as decimal(20,2))";
        String zero = money.formatted("0");
        String open = "greatest(amount - " + InvoiceHistory.reducedSql("origin") + ", " + zero + ")";
        int min = options.earliestOffset();
        String dueOffset = "greatest(datediff(%s, due_date), " + min + ")";
        String known = "filter(" + InvoiceHistory.EVENTS + ", e -> e.date <= origin)";
        // The due-date table is a period table: only what happened in the history window before the origin counts,
        // an invoice issued earlier entering it with what was still open when the window began.
        String windowStart = "date_sub(origin, " + (options.historyDays() - 1) + ")";
        String enteredOpen = "amount - " + InvoiceHistory.reducedSql("date_sub(origin, " + options.historyDays() + ")");
        String inWindow = "filter(" + InvoiceHistory.EVENTS + ", e -> e.date <= origin and e.date >= " + windowStart
                + ")";
        String dueTable = "concat("
                + "array(" + item(DUE, segment, dueOffset.formatted("greatest(invoice_date, " + windowStart + ")"),
                        enteredOpen, zero, zero, zero, "if(" + enteredOpen + " > 0, 1, 0)") + "), "
                + "transform(" + inWindow + ", e -> " + item(DUE, segment, dueOffset.formatted("e.date"), zero,
                        cashOf("e"), otherOf("e"), zero, "0") + "), "
                + "array(" + item(DUE, segment, "least(" + dueOffset.formatted("origin") + ", "
                        + (options.maxDaysPastDue() + 1) + ")", zero, zero, zero, open, "0") + "))";
        String newInvoiceTable = "if(datediff(origin, invoice_date) < 365, concat("
                + "array(" + item(NEW_INVOICE, "'" + ALL + "'", "0", "amount", zero, zero, zero, "1") + "), "
                + "transform(" + known + ", e -> " + item(NEW_INVOICE, "'" + ALL + "'",
                        "datediff(e.date, invoice_date)", zero, cashOf("e"), otherOf("e"), zero, "0") + "), "
                + "array(" + item(NEW_INVOICE, "'" + ALL + "'", "datediff(origin, invoice_date)", zero, zero, zero,
                        open, "0") + ")), array())";
        String actuals = "transform(filter(" + InvoiceHistory.EVENTS + ", e -> e.kind = 'payment' and e.date > origin "
                + "and e.date <= date_add(origin, " + actualDays + ")), e -> " + item(
                        "if(invoice_date <= origin, '" + ACTUAL_OPEN + "', '" + ACTUAL_NEW + "')", segment,
                        "datediff(e.date, origin)", zero, cashOf("e"), zero, zero, "0") + ")";
        String rows = "concat(if(invoice_date <= origin, concat(" + dueTable + ", " + newInvoiceTable + "), array()), "
                + actuals + ")";
        // Most (invoice, origin) pairs add nothing: invoices settled and quiet long before the origin, or issued
        // after it. Pairs that can add a non-zero amount or count are kept; the rest never build their arrays.
        String mayContribute = "(invoice_date <= origin and (datediff(origin, invoice_date) < 365"
                + " or last_event >= " + windowStart + " or reduced_total != amount)) or last_event > origin";
        Dataset<Row> spans = history
                .withColumn("last_event", functions.expr("array_max(transform(" + InvoiceHistory.EVENTS
                        + ", e -> e.date))"))
                .withColumn("reduced_total", functions.expr("aggregate(" + InvoiceHistory.EVENTS
                        + ", cast(0 as decimal(20,2)), (acc, e) -> cast(acc + e.amount as decimal(20,2)))"));
        Dataset<Row> exploded = spans.crossJoin(functions.broadcast(originDates))
                .filter(functions.expr(mayContribute))
                .select(col("origin"), functions.explode(functions.expr(rows)).as("r"))
                .select(col("origin"), col("r.*"));
        int dueEnd = options.maxDaysPastDue() + 1;
        return exploded
                .filter(col("kind").notEqual(lit(DUE)).or(col("offset").leq(dueEnd)))
                .filter(col("kind").notEqual(lit(NEW_INVOICE)).or(col("offset").leq(options.newInvoiceDays())))
                .groupBy("origin", "kind", "segment", "offset")
                .agg(sum("entered").as("entered"), sum("cash").as("cash"), sum("other").as("other"),
                        sum("open").as("open"), sum("invoices").as("invoices"));
    }

    private static String item(String kind, String segment, String offset, String entered, String cash, String other,
            String open, String invoices) {
        String kindSql = kind.startsWith("if(") ? kind : "'" + kind + "'";
        return "named_struct('kind', " + kindSql + ", 'segment', cast(" + segment + " as string), 'offset', cast("
                + offset + " as int), 'entered', cast(" + entered + " as decimal(20,2)), 'cash', cast(" + cash
                + " as decimal(20,2)), 'other', cast(" + other + " as decimal(20,2)), 'open', cast(" + open
                + " as decimal(20,2)), 'invoices', cast(" + invoices + " as bigint))";
    }

    private static String cashOf(String e) {
        return "if(" + e + ".kind = 'payment', " + e + ".amount, 0)";
    }

    private static String otherOf(String e) {
        return "if(" + e + ".kind = 'payment', 0, " + e + ".amount)";
    }

    /** Credit sales per invoice date, for the expected new sales. */
    public static Dataset<Row> dailySales(Dataset<Row> history) {
        return history.groupBy("invoice_date").agg(sum("amount").as("sales"));
    }
}
