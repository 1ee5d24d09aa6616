package io.arscope.forecast;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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
    private static final LocalDate BEFORE_ALL = LocalDate.of(1, 1, 1);
    private static final LocalDate AFTER_ALL = LocalDate.of(9999, 12, 31);
    /** Invoices younger than this many days at an origin enter its invoice-date table. */
    private static final int NEW_INVOICE_AGE = 365;

    private SettlementTables() {
    }

    /**
     * @param history       {@link InvoiceHistory} rows, with the segment column when {@code segmentColumn} is set
     * @param origins       origin dates
     * @param segmentColumn column of {@code history} naming the segment, or null
     * @param actualDays    days after each origin whose cash receipts are summed
     * @return rows origin (DATE), kind, segment, offset (INT), entered, cash, credit_memos, write_offs, open
     *         (DECIMAL), invoices (LONG)
     */
    public static Dataset<Row> of(Dataset<Row> history, List<LocalDate> origins, String segmentColumn,
            ForecastOptions options, int actualDays) {
        return of(history, OriginGrid.of(origins), segmentColumn, options, actualDays);
    }

    /** {@link #of} with the rows paired with their origins by {@code grid}. */
    static Dataset<Row> of(Dataset<Row> history, Pairing grid, String segmentColumn, ForecastOptions options,
            int actualDays) {
        Dataset<Row> keyed = history.select(
                (segmentColumn == null ? lit(ALL) : col(segmentColumn).cast("string")).as("segment"),
                col("invoice_id"), col("invoice_date"), col("due_date"), col("amount"), col(InvoiceHistory.EVENTS));
        Dataset<Row> events = movementsByDay(keyed).localCheckpoint();
        Dataset<Row> spans = balanceSpans(keyed).localCheckpoint();
        Column invoiceDate = col("invoice_date");
        Column date = col("date");
        int earliest = options.earliestOffset();
        // The movements summed again by what each part reads of them, and nothing more: a part pairs each of its rows
        // with up to a year of weekly origins, so rows that the part cannot tell apart are paired once, not once per
        // invoice date and due date. The substitutes read the same in the part: an invoice date no later than the
        // movement's is as good as the movement's own date where the part already requires that date by the origin;
        // a due date only sets the offset; and for the actuals, an invoice date before the earliest origin a receipt
        // can meet, or after the latest, is one.
        List<String> movements = List.of("cash", "credit_memos", "write_offs");
        Dataset<Row> dueMovements = condensed(events, movements, col("segment"),
                greatest(invoiceDate, date).as("invoice_date"), date,
                date_sub(date, dueOffset(date, earliest)).as("due_date"));
        Dataset<Row> newInvoiceMovements = condensed(events, movements, lit(ALL).as("segment"), invoiceDate, date);
        Dataset<Row> receipts = condensed(events.filter(col("cash").notEqual(0)), movements, col("segment"),
                least(greatest(invoiceDate, date_sub(date, actualDays + 1)), date).as("invoice_date"), date);
        Dataset<Row> issued = keyed.groupBy("invoice_date")
                .agg(sum("amount").cast(MONEY).as("amount"), count(lit(1)).as("invoices"));

        Column origin = col("origin");
        int dueEnd = options.maxDaysPastDue() + 1;
        // The due-date table is a period table: only what happened in the history window before the origin counts,
        // an invoice issued earlier entering it with what was still open when the window began.
        Column windowStart = date_sub(origin, options.historyDays() - 1);
        Column beforeWindow = date_sub(origin, options.historyDays());
        Column issuedBy = invoiceDate.leq(origin);
        Column young = issuedBy.and(datediff(origin, invoiceDate).lt(NEW_INVOICE_AGE));
        Column bySegment = col("segment");
        Column allSegments = lit(ALL);

        // Each part pairs a row only with the origins in the range of days its condition allows (a superset of
        // them: the condition itself still filters), not with all of them: pairing every row with every origin
        // and filtering was most of the forecast's time at a hundred origins.
        int h = options.historyDays();
        int y = NEW_INVOICE_AGE;
        Column inv = day(invoiceDate);
        Column d = day(date);
        Column from = day(col("span_from"));
        Column until = day(col("span_until"));
        // What enters the due-date table at the window's start is split by whether the invoice was issued by then.
        // An invoice issued in the window enters at its own date's offset at every origin of the window's length
        // after that date, so those are summed by what they enter with (their spans cut to the window's length before
        // the invoice date, the due date to the offset) and paired once; only the balances of invoices issued before
        // the window are paired span by span, over the days they were open.
        Dataset<Row> enteringInWindow = condensed(spans.filter(col("span_from").lt(invoiceDate)
                        .and(col("span_until").gt(date_sub(invoiceDate, h)))), List.of("balance", "open", "invoices"),
                col("segment"), invoiceDate,
                date_sub(invoiceDate, dueOffset(invoiceDate, earliest)).as("due_date"),
                greatest(col("span_from"), date_sub(invoiceDate, h)).as("span_from"),
                least(col("span_until"), invoiceDate).as("span_until"));
        List<Dataset<Row>> parts = List.of(
                rows(grid.pair(spans, greatest(inv, from).plus(h), until.plus(h - 1)),
                        invoiceDate.leq(beforeWindow).and(spanHolds(beforeWindow)), lit(DUE), bySegment,
                        dueOffset(windowStart, earliest), Sums.entering("balance")),
                rows(grid.pair(enteringInWindow, greatest(inv, from.plus(h)), until.plus(h - 1)),
                        invoiceDate.gt(beforeWindow).and(issuedBy).and(spanHolds(beforeWindow)), lit(DUE), bySegment,
                        dueOffset(invoiceDate, earliest), Sums.entering("balance")),
                rows(grid.pair(dueMovements, greatest(inv, d), d.plus(h - 1)),
                        issuedBy.and(date.between(windowStart, origin)), lit(DUE), bySegment,
                        dueOffset(date, earliest), Sums.movements()),
                rows(grid.pair(spans, greatest(inv, from), until.minus(1)),
                        issuedBy.and(spanHolds(origin)), lit(DUE), bySegment,
                        least(dueOffset(origin, earliest), lit(dueEnd)), Sums.stillOpen()),
                rows(grid.pair(issued, inv, inv.plus(y - 1)),
                        young, lit(NEW_INVOICE), allSegments, lit(0), Sums.entering("amount")),
                rows(grid.pair(newInvoiceMovements, greatest(inv, d), inv.plus(y - 1)),
                        young.and(date.leq(origin)), lit(NEW_INVOICE), allSegments, datediff(date, invoiceDate),
                        Sums.movements()),
                // Only the offsets the table keeps: past them, a pair would be summed and dropped.
                rows(grid.pair(spans, greatest(inv, from),
                                least(inv.plus(Math.min(y - 1, options.newInvoiceDays())), until.minus(1))),
                        young.and(spanHolds(origin)), lit(NEW_INVOICE), allSegments, datediff(origin, invoiceDate),
                        Sums.stillOpen()),
                rows(grid.pair(receipts, d.minus(actualDays), d.minus(1)),
                        date.gt(origin).and(date.leq(date_add(origin, actualDays))),
                        when(issuedBy, lit(ACTUAL_OPEN)).otherwise(lit(ACTUAL_NEW)), bySegment, datediff(date, origin),
                        Sums.receipts()));
        Dataset<Row> all = parts.stream().reduce(Dataset::unionAll).orElseThrow();
        return all
                .filter(col("kind").notEqual(lit(DUE)).or(col("offset").leq(dueEnd)))
                .filter(col("kind").notEqual(lit(NEW_INVOICE)).or(col("offset").leq(options.newInvoiceDays())))
                .groupBy("origin", "kind", "segment", "offset")
                .agg(sum("entered").as("entered"), sum("cash").as("cash"), sum("credit_memos").as("credit_memos"),
                        sum("write_offs").as("write_offs"), sum("open").as("open"),
                        sum("invoices").as("invoices"));
    }

    /** Payments ({@code cash}), credit memos and write-offs by segment, invoice date, due date and day. */
    private static Dataset<Row> movementsByDay(Dataset<Row> keyed) {
        Column payment = col("e.kind").equalTo("payment");
        Column writeOff = col("e.kind").equalTo("write_off");
        return keyed
                .select(col("segment"), col("invoice_date"), col("due_date"),
                        functions.explode(col(InvoiceHistory.EVENTS)).as("e"))
                .groupBy(col("segment"), col("invoice_date"), col("due_date"), col("e.date").as("date"))
                .agg(sum(when(payment, col("e.amount")).otherwise(0)).cast(MONEY).as("cash"),
                        sum(when(payment.or(writeOff), 0).otherwise(col("e.amount"))).cast(MONEY).as("credit_memos"),
                        sum(when(writeOff, col("e.amount")).otherwise(0)).cast(MONEY).as("write_offs"));
    }

    /** {@code rows}' columns {@code sums} summed by {@code keys} (named columns), each sum of its column's type. */
    private static Dataset<Row> condensed(Dataset<Row> rows, List<String> sums, Column... keys) {
        Column[] summed = sums.stream().map(c -> sum(c).cast(rows.schema().apply(c).dataType()).as(c))
                .toArray(Column[]::new);
        return rows.groupBy(keys).agg(summed[0], java.util.Arrays.copyOfRange(summed, 1, summed.length));
    }

    /**
     * Each invoice's balance (amount less every event dated on or before the day) is constant between two of its
     * event dates; these spans [{@code span_from}, {@code span_until}) with a non-zero balance, summed over invoices
     * that share them: {@code balance} as it is, {@code open} counting only positive balances, and {@code invoices}
     * with a positive balance.
     */
    private static Dataset<Row> balanceSpans(Dataset<Row> keyed) {
        // Each event row with the invoice's reductions up to the end of its day (a range frame takes in every event
        // of the day), the invoice's next event day and its previous event: sorted events and running sums. Walking
        // each invoice's array of events in Spark's row-by-row array functions took 1.7 times the task time at 5M.
        WindowSpec byDay = Window.partitionBy("invoice_id").orderBy("date");
        Column next = lead(col("date"), 1).over(byDay);
        Dataset<Row> events = keyed.select(col("invoice_id"), col("segment"), col("invoice_date"), col("due_date"),
                        col("amount"), explode(col(InvoiceHistory.EVENTS)).as("e"))
                .select(col("invoice_id"), col("segment"), col("invoice_date"), col("due_date"), col("amount"),
                        col("e.date").as("date"), col("e.amount").as("reduction"))
                .withColumn("reduced", sum(col("reduction")).over(byDay.rangeBetween(Window.unboundedPreceding(),
                        Window.currentRow())))
                .withColumn("next", next)
                .withColumn("first", lag(col("date"), 1).over(byDay).isNull());
        // From the invoice's first event day: the span before it (the whole amount), told by its first event; and
        // the span after each event day, told by the day's last event, up to the next day or the end of time.
        Column spans = explode(array(
                span(lit(BEFORE_ALL), col("date"), col("amount"), col("first")),
                span(col("date"), coalesce(col("next"), lit(AFTER_ALL)), col("amount").minus(col("reduced")),
                        col("next").isNull().or(col("next").notEqual(col("date"))))));
        Dataset<Row> withEvents = events.select(col("segment"), col("invoice_date"), col("due_date"), spans.as("s"))
                .filter(col("s.told"));
        Dataset<Row> withoutEvents = keyed.filter(size(col(InvoiceHistory.EVENTS)).equalTo(0))
                .select(col("segment"), col("invoice_date"), col("due_date"),
                        span(lit(BEFORE_ALL), lit(AFTER_ALL), col("amount"), lit(true)).as("s"));
        return withEvents.unionByName(withoutEvents)
                .filter(col("s.balance").notEqual(lit(0)))
                .groupBy(col("segment"), col("invoice_date"), col("due_date"), col("s.span_from").as("span_from"),
                        col("s.span_until").as("span_until"))
                .agg(sum("s.balance").cast(MONEY).as("balance"),
                        sum(greatest(col("s.balance"), lit(0))).cast(MONEY).as("open"),
                        sum(when(col("s.balance").gt(0), 1).otherwise(0)).cast("bigint").as("invoices"));
    }

    /** A span of an invoice's balance, and whether the row it is read from is the one that tells it. */
    private static Column span(Column from, Column until, Column balance, Column told) {
        return struct(from.as("span_from"), until.as("span_until"), balance.cast(MONEY).as("balance"),
                told.as("told"));
    }

    /** A date as its day number (days since 1970-01-01), so that day ranges reaching the ends of time do not overflow. */
    private static Column day(Column date) {
        return datediff(date, lit(LocalDate.EPOCH));
    }

    /** How the rows of a part meet the origin dates. */
    interface Pairing {
        /**
         * Each row of {@code rows} once for every origin whose day number lies in [{@code from}, {@code to}] (day
         * number columns of those rows), or for more origins, in a column {@code origin}.
         */
        Dataset<Row> pair(Dataset<Row> rows, Column from, Column to);
    }

    /**
     * Origins evenly spaced, {@code step} days apart from {@code first}, as the forecast's weekly origins are: the
     * origins within a range of days are found by arithmetic, and a row is paired with those only.
     */
    record OriginGrid(LocalDate first, int step, int count) implements Pairing {

        /** The grid of {@code origins}, ascending and evenly spaced. */
        static OriginGrid of(List<LocalDate> origins) {
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("no origin dates");
            }
            int step = origins.size() == 1 ? 1
                    : (int) (origins.get(1).toEpochDay() - origins.get(0).toEpochDay());
            for (int i = 1; i < origins.size(); i++) {
                if (step <= 0 || origins.get(i).toEpochDay() - origins.get(i - 1).toEpochDay() != step) {
                    throw new IllegalArgumentException("origin dates must be ascending and evenly spaced: " + origins);
                }
            }
            return new OriginGrid(origins.get(0), step, origins.size());
        }

        /** Exactly the origins in range; a row with none is left out. */
        @Override
        public Dataset<Row> pair(Dataset<Row> rows, Column from, Column to) {
            long start = first.toEpochDay();
            Column low = greatest(functions.ceil(from.minus(start).divide(step)), lit(0L)).cast("int");
            Column high = least(functions.floor(to.minus(start).divide(step)), lit((long) count - 1)).cast("int");
            return rows.withColumn("o_low", low).withColumn("o_high", high)
                    .filter(col("o_low").leq(col("o_high")))
                    .withColumn("o_index", functions.explode(sequence(col("o_low"), col("o_high"))))
                    .withColumn("origin", date_add(lit(first), col("o_index").multiply(step)))
                    .drop("o_low", "o_high", "o_index");
        }
    }

    /** Days from the due date to {@code day}; invoices with longer terms all start at the earliest offset. */
    private static Column dueOffset(Column day, int earliest) {
        return greatest(datediff(day, col("due_date")), lit(earliest));
    }

    /** Whether a balance span holds at the end of {@code day}. */
    private static Column spanHolds(Column day) {
        return col("span_from").leq(day).and(col("span_until").gt(day));
    }

    /** What one part of the tables adds to their sums; a part leaves the sums it does not feed at zero. */
    private record Sums(Column entered, Column cash, Column creditMemos, Column writeOffs, Column open,
            Column invoices) {

        /** Money entering the table, and the invoices it came on. */
        static Sums entering(String amount) {
            return new Sums(col(amount), lit(0), lit(0), lit(0), lit(0), col("invoices"));
        }

        /** Payments, credit memos and write-offs. */
        static Sums movements() {
            return new Sums(lit(0), col("cash"), col("credit_memos"), col("write_offs"), lit(0), lit(0));
        }

        /** Cash received only: what the actuals compare the forecast with. */
        static Sums receipts() {
            return new Sums(lit(0), col("cash"), lit(0), lit(0), lit(0), lit(0));
        }

        /** Amounts still open, censored at that offset. */
        static Sums stillOpen() {
            return new Sums(lit(0), lit(0), lit(0), lit(0), col("open"), lit(0));
        }
    }

    private static Dataset<Row> rows(Dataset<Row> source, Column condition, Column kind, Column segment,
            Column offset, Sums sums) {
        return source.filter(condition).select(
                col("origin"),
                kind.as("kind"),
                segment.as("segment"),
                offset.cast("int").as("offset"),
                sums.entered().cast(MONEY).as("entered"),
                sums.cash().cast(MONEY).as("cash"),
                sums.creditMemos().cast(MONEY).as("credit_memos"),
                sums.writeOffs().cast(MONEY).as("write_offs"),
                sums.open().cast(MONEY).as("open"),
                sums.invoices().cast("bigint").as("invoices"));
    }

    /** Credit sales per invoice date, for the expected new sales, with the day's largest invoice and its id. */
    public static Dataset<Row> dailySales(Dataset<Row> history) {
        return history.groupBy("invoice_date").agg(sum("amount").as("sales"), max("amount").as("largest"),
                max_by(col("invoice_id"), col("amount")).as("largest_invoice"));
    }
}
