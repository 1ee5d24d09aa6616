package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReportingCurrency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Open items at every month-end: one row per invoice and month-end at which it was open, with its open amount
 * (amount less payments, credit memos and write-offs dated on or before that day), days past due, aging bucket
 * and dispute state, plus where the same invoice stood one month later, which roll rates follow. Each invoice
 * walks its own sorted events once, so the cost grows with invoices times months open, never with a join.
 * Amounts are in the reporting currency at each month-end's rate: a balance is valued on its own date. Where the
 * invoice stood a month later ({@code open_next}, {@code written_off_next}) is valued at the first month-end's rate,
 * as {@code open} is: a roll rate measures how items move, and at the next month-end's rate a USD item that stayed
 * put rolled at 1.001 when the dollar rose, which reads as items re-aged.
 */
public final class MonthEndBalances {

    private MonthEndBalances() {
    }

    /** Columns besides the dimensions. */
    public static StructType schema(List<String> dimensions) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("month_end", DataTypes.DateType, false),
                DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
                DataTypes.createStructField("open", DataTypes.createDecimalType(18, 2), false),
                DataTypes.createStructField("days_past_due", DataTypes.IntegerType, false),
                DataTypes.createStructField("bucket", DataTypes.IntegerType, false),
                DataTypes.createStructField("disputed", DataTypes.BooleanType, false),
                DataTypes.createStructField("open_next", DataTypes.createDecimalType(18, 2), true),
                DataTypes.createStructField("bucket_next", DataTypes.IntegerType, true),
                DataTypes.createStructField("written_off_next", DataTypes.createDecimalType(18, 2), true)));
        dimensions.forEach(d -> f.add(DataTypes.createStructField(d, DataTypes.StringType, true)));
        return DataTypes.createStructType(f);
    }

    /**
     * @param history      {@link InvoiceHistory} rows in the invoices' own currencies, carrying {@code currency}
     *                     when {@code money} converts
     * @param lastMonthEnd the last month-end to report (on or before the as-of date)
     */
    public static Dataset<Row> invoiceMonths(Dataset<Row> history, LocalDate lastMonthEnd, AgingBuckets buckets,
            ReportingCurrency money) {
        List<String> dimensions = new ArrayList<>(List.of(history.columns()));
        dimensions.removeAll(List.of("invoice_id", "customer_id", "invoice_date", "due_date", "amount",
                InvoiceHistory.EVENTS, InvoiceHistory.DISPUTES));
        List<String> dims = List.copyOf(dimensions);
        FlatMapFunction<Row, Row> walk = row -> months(row, dims, lastMonthEnd, buckets, money).iterator();
        return history.flatMap(walk, Encoders.row(schema(dims)));
    }

    /**
     * Whether an {@link InvoiceHistory} row can have a row of {@link #invoiceMonths} at a month-end on or after
     * {@code monthEnd}: its events up to that day leave a balance, or one of them falls after it. An invoice whose
     * events all fall by then and settle it has no balance at any later month-end; finding that out by walking it
     * means reading its whole row into Java first.
     */
    public static Column mayBeOpenFrom(LocalDate monthEnd) {
        return col("amount").gt(InvoiceHistory.reducedBy(lit(monthEnd))).or(InvoiceHistory.oneOrMore(
                only -> only.getField("date").gt(lit(monthEnd)), lit(false),
                exists(col(InvoiceHistory.EVENTS), e -> e.getField("date").gt(lit(monthEnd)))));
    }

    private record Event(LocalDate date, BigDecimal amount, boolean writeOff) {
    }

    private static List<Row> months(Row invoice, List<String> dims, LocalDate last, AgingBuckets buckets,
            ReportingCurrency money) {
        List<Row> out = new ArrayList<>();
        LocalDate issued = invoice.getAs("invoice_date");
        if (issued.isAfter(last)) {
            return out;
        }
        LocalDate due = invoice.getAs("due_date");
        BigDecimal amount = invoice.getAs("amount");
        String currency = money.converts() ? invoice.getAs("currency") : null;
        List<Event> events = new ArrayList<>();
        for (Row e : invoice.<Row>getList(invoice.fieldIndex(InvoiceHistory.EVENTS))) {
            events.add(new Event(e.getAs("date"), e.getAs("amount"), "write_off".equals(e.getAs("kind"))));
        }
        events.sort(Comparator.comparing(Event::date));
        List<Row> disputes = invoice.getList(invoice.fieldIndex(InvoiceHistory.DISPUTES));
        Object[] dimValues = dims.stream().map(invoice::getAs).toArray();

        // A reversed payment (a negative event) reopens an invoice: until the last of them, settled is not for good.
        int lastReversal = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).amount().signum() < 0) {
                lastReversal = i;
            }
        }
        int next = 0;
        BigDecimal reduced = BigDecimal.ZERO;
        for (YearMonth m = YearMonth.from(issued); !m.atEndOfMonth().isAfter(last); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth();
            while (next < events.size() && !events.get(next).date().isAfter(end)) {
                reduced = reduced.add(events.get(next++).amount());
            }
            BigDecimal open = amount.subtract(reduced);
            if (open.signum() <= 0) {
                if (next > lastReversal) {
                    break;
                }
                continue;
            }
            int daysPastDue = (int) ChronoUnit.DAYS.between(due, end);
            BigDecimal openNext = null;
            Integer bucketNext = null;
            BigDecimal writtenOffNext = null;
            LocalDate nextEnd = m.plusMonths(1).atEndOfMonth();
            if (!nextEnd.isAfter(last)) {
                int upTo = next;
                while (upTo < events.size() && !events.get(upTo).date().isAfter(nextEnd)) {
                    upTo++;
                }
                openNext = valued(amount, events, upTo, currency, end, money).max(BigDecimal.ZERO.setScale(2));
                writtenOffNext = BigDecimal.ZERO.setScale(2);
                for (Event e : events.subList(next, upTo)) {
                    if (e.writeOff()) {
                        writtenOffNext = writtenOffNext.add(money.convert(e.amount(), currency, end));
                    }
                }
                bucketNext = buckets.index(ChronoUnit.DAYS.between(due, nextEnd));
            }
            Object[] values = new Object[9 + dimValues.length];
            values[0] = end;
            values[1] = invoice.getAs("invoice_id");
            values[2] = valued(amount, events, next, currency, end, money);
            values[3] = daysPastDue;
            values[4] = buckets.index(daysPastDue);
            values[5] = disputedOn(disputes, end);
            values[6] = openNext;
            values[7] = bucketNext;
            values[8] = writtenOffNext;
            System.arraycopy(dimValues, 0, values, 9, dimValues.length);
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /** The invoice's balance after its first {@code count} events, each item at {@code day}'s rate. */
    private static BigDecimal valued(BigDecimal amount, List<Event> events, int count, String currency, LocalDate day,
            ReportingCurrency money) {
        return money.balance(amount, events.subList(0, count).stream().map(Event::amount).toList(), currency, day);
    }

    private static boolean disputedOn(List<Row> disputes, LocalDate day) {
        for (Row d : disputes) {
            LocalDate opened = d.getAs("opened");
            LocalDate resolved = d.getAs("resolved");
            if (!opened.isAfter(day) && (resolved == null || resolved.isAfter(day))) {
                return true;
            }
        }
        return false;
    }
}
