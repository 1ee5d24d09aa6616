package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The day-offset sums of one origin, 31 Mar 2026, worked by hand. History window 30 days (2-31 Mar, so balances
 * enter it as they stood at the end of 1 Mar), earliest offset -10, due-date table to day 60 (+61 holds what is
 * further past due), new-invoice table to day 7, actuals over 7 days.
 * <ul>
 * <li>A: 100, issued 15 Jan, due 14 Feb; paid 30 on 20 Feb, 50 on 10 Mar, 20 on 3 Apr. Enters the due table at
 * window start, day +16, with 70; pays 50 on day +24; 20 open on day +45; 20 actually paid 3 days after.</li>
 * <li>B: 200, issued 25 Mar, due 24 Apr; credit memo 20 on 28 Mar, paid 250 on 30 Mar (overpaid by 70). Enters at
 * day -10 (30-day terms start at the earliest offset), where the memo and payment fall too; nothing open. On the
 * invoice-date table: 20 credit memos on day 3, 250 cash on day 5.</li>
 * <li>C: 80, issued 2 Apr, after the origin; paid 5 Apr: an actual of new sales on day 5, nothing else.</li>
 * <li>D: 40, issued 1 Jun 2025, paid 5 Jul 2025: settled before the window, only entered on the invoice-date table
 * (younger than a year).</li>
 * <li>E: 60, issued 10 Jan 2025, never paid: over a year old, so on no invoice-date table; 386 days past due at
 * window start, beyond the due table's end; open on day +61 (415 days past due).</li>
 * <li>F: 50, issued 20 Mar, due 30 Mar, paid on the origin day: enters at day -10, pays on day +1, not open.</li>
 * <li>G: 30, issued 20 Jan, due 19 Feb, paid on 1 Mar, the day before the window: does not enter the due table,
 * only the invoice-date table.</li>
 * <li>H: 40, issued 1 Feb, due 3 Mar; 10 written off on 20 Mar. Enters the due table at window start, day -1, with
 * 40; the write-off on day +17; 30 open on day +28. On the invoice-date table it only enters (the write-off is on
 * day 47, past day 7).</li>
 * </ul>
 */
class SettlementTablesTest {

    @TempDir
    Path dir;

    @Test
    void sumsOfOneOriginFromPartialPaymentsCreditMemosOverpaymentAndOldInvoices() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("K", "Enterprise")
                .invoice("A", "K", "2026-01-15", "2026-02-14", "100")
                .payment("A", "K", "2026-02-20", "30").payment("A", "K", "2026-03-10", "50")
                .payment("A", "K", "2026-04-03", "20")
                .invoice("B", "K", "2026-03-25", "2026-04-24", "200")
                .adjustment("B", "K", "2026-03-28", "20", "credit_memo").payment("B", "K", "2026-03-30", "250")
                .invoice("C", "K", "2026-04-02", "2026-05-02", "80").payment("C", "K", "2026-04-05", "80")
                .invoice("D", "K", "2025-06-01", "2025-07-01", "40").payment("D", "K", "2025-07-05", "40")
                .invoice("E", "K", "2025-01-10", "2025-02-09", "60")
                .invoice("F", "K", "2026-03-20", "2026-03-30", "50").payment("F", "K", "2026-03-31", "50")
                .invoice("G", "K", "2026-01-20", "2026-02-19", "30").payment("G", "K", "2026-03-01", "30")
                .invoice("H", "K", "2026-02-01", "2026-03-03", "40")
                .adjustment("H", "K", "2026-03-20", "10", "write_off")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        ForecastOptions options = new ForecastOptions("in", "out", null, null, 1, 1, 0, 0, 0.8, 8, 1, 30, -10, 60, 7);

        List<Row> rows = SettlementTables.of(InvoiceHistory.of(ledger, List.of()), List.of(LocalDate.of(2026, 3, 31)),
                null, options, 7).collectAsList();

        // kind/offset -> entered, cash, credit memos, write-offs, open, invoices; groups whose sums are all zero are
        // left out.
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("actual_new/5", "0 80 0 0 0 0"),
                Map.entry("actual_open/3", "0 20 0 0 0 0"),
                Map.entry("due/-10", "250 250 20 0 0 2"),
                Map.entry("due/-1", "40 0 0 0 0 1"),
                Map.entry("due/1", "0 50 0 0 0 0"),
                Map.entry("due/16", "70 0 0 0 0 1"),
                Map.entry("due/17", "0 0 0 10 0 0"),
                Map.entry("due/24", "0 50 0 0 0 0"),
                Map.entry("due/28", "0 0 0 0 30 0"),
                Map.entry("due/45", "0 0 0 0 20 0"),
                Map.entry("due/61", "0 0 0 0 60 0"),
                Map.entry("new_invoice/0", "460 0 0 0 0 6"),
                Map.entry("new_invoice/3", "0 0 20 0 0 0"),
                Map.entry("new_invoice/5", "0 250 0 0 0 0")));
        Map<String, String> actual = new TreeMap<>();
        for (Row r : rows) {
            assertEquals(LocalDate.of(2026, 3, 31), r.getAs("origin"));
            assertEquals(SettlementTables.ALL, r.getAs("segment"));
            String sums = plain(r, "entered") + " " + plain(r, "cash") + " " + plain(r, "credit_memos") + " "
                    + plain(r, "write_offs") + " " + plain(r, "open") + " " + r.getAs("invoices");
            if (!sums.equals("0 0 0 0 0 0")) {
                actual.put(r.getAs("kind") + "/" + r.getAs("offset"), sums);
            }
        }
        assertEquals(expected, actual);
    }

    /**
     * Rows paired only with the origins their dates reach give the sums of rows paired with every origin (and
     * filtered by each part's condition, as before the pairing was pruned): on daily origins, where every boundary
     * of every part's range of days is itself an origin, and on weekly ones. The ledger has events on the days
     * around those boundaries: an invoice issued 364 and 365 days before an origin, payments on the first day of a
     * history window and the day before it, on an origin, the day after it and the last day of its actuals. Origins
     * not evenly spaced are refused.
     */
    @Test
    void originsPairedByTheirRangesSumAsEveryOriginPairedWithEveryRow() {
        SparkSession spark = TestSpark.session();
        boundaries().write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        ForecastOptions options = new ForecastOptions("in", "out", null, null, 1, 1, 0, 0, 0.8, 8, 1, 30, -10, 60, 7);
        Dataset<Row> history = InvoiceHistory.of(ledger, List.of("segment")).localCheckpoint();

        for (int step : new int[] {1, 7}) {
            List<LocalDate> origins = origins(step);
            Dataset<Row> dates = spark.createDataset(origins, Encoders.LOCALDATE()).toDF("origin");
            SettlementTables.Pairing everyOrigin = (rows, from, to) -> rows.crossJoin(functions.broadcast(dates));

            List<String> pruned = sorted(SettlementTables.of(history, origins, "segment", options, 7)
                    .collectAsList());
            List<String> whole = sorted(SettlementTables.of(history, everyOrigin, "segment", options, 7)
                    .collectAsList());

            assertEquals(whole, pruned, "origins " + step + " days apart");
            assertEquals(origins.size(), pruned.stream().map(r -> r.substring(0, 11)).distinct().count());
        }
        assertThrows(IllegalArgumentException.class, () -> SettlementTables.of(history,
                List.of(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 17), LocalDate.of(2026, 3, 31)), null,
                options, 7));
    }

    /**
     * The tables as their definitions read, invoice by invoice and origin by origin (the class's Javadoc and the
     * first test's), against the sums the job pairs once per kind of row: movements summed by what each part reads,
     * the balances entering at a window's start split by whether the invoice was issued by then, the invoice-date
     * table's open amounts paired only to the offsets it keeps. The ledger is the boundaries' of the test above, and
     * what those sums could mistake: payments dated before their invoice (one before its window, one in it), a
     * receipt and its reversal on one day, two invoices of one day with different due dates paid on one day, and an
     * invoice still open past the invoice-date table's last offset. Daily and weekly origins; groups whose sums are
     * all zero are left out on both sides.
     */
    @Test
    void sumsAsDefinedInvoiceByInvoiceAndOriginByOrigin() {
        SparkSession spark = TestSpark.session();
        boundaries()
                .invoice("P", "K", "2026-03-10", "2026-04-09", "100").payment("P", "K", "2026-02-05", "30")
                .payment("P", "K", "2026-03-05", "20").payment("P", "K", "2026-03-20", "50")
                .invoice("Q", "L", "2026-02-01", "2026-03-03", "40").payment("Q", "L", "2026-03-25", "40")
                .payment("Q", "L", "2026-03-25", "-40")
                .invoice("R1", "K", "2026-03-01", "2026-03-31", "60").payment("R1", "K", "2026-03-28", "60")
                .invoice("R2", "L", "2026-03-01", "2026-04-15", "90").payment("R2", "L", "2026-03-28", "90")
                .invoice("S", "K", "2026-03-04", "2026-03-14", "70").payment("S", "K", "2026-03-07", "70")
                .invoice("T", "L", "2025-11-20", "2025-12-20", "55")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        ForecastOptions options = new ForecastOptions("in", "out", null, null, 1, 1, 0, 0, 0.8, 8, 1, 30, -10, 60, 7);
        Dataset<Row> history = InvoiceHistory.of(ledger, List.of("segment")).localCheckpoint();
        List<Row> invoices = history.collectAsList();

        for (int step : new int[] {1, 7}) {
            List<LocalDate> origins = origins(step);
            Map<String, String> actual = new TreeMap<>();
            for (Row r : SettlementTables.of(history, origins, "segment", options, 7).collectAsList()) {
                String sums = plain(r, "entered") + " " + plain(r, "cash") + " " + plain(r, "credit_memos") + " "
                        + plain(r, "write_offs") + " " + plain(r, "open") + " " + r.getAs("invoices");
                if (!sums.equals("0 0 0 0 0 0")) {
                    actual.put(r.getAs("origin") + "/" + r.getAs("kind") + "/" + r.getAs("segment") + "/"
                            + r.getAs("offset"), sums);
                }
            }
            assertEquals(byDefinition(invoices, origins, options, 7), actual, "origins " + step + " days apart");
        }
    }

    /**
     * Events on the days around the boundaries of every part's range of days: an invoice issued 364 and 365 days
     * before an origin, payments on the first day of a history window and the day before it, on an origin, the day
     * after it and the last day of its actuals.
     */
    private static LedgerBuilder boundaries() {
        return new LedgerBuilder().customer("K", "Enterprise").customer("L", "SMB")
                .invoice("A", "K", "2026-01-15", "2026-02-14", "100")
                .payment("A", "K", "2026-02-20", "30").payment("A", "K", "2026-03-02", "25")
                .payment("A", "K", "2026-04-03", "20")
                .invoice("B", "K", "2026-03-25", "2026-04-24", "200")
                .adjustment("B", "K", "2026-03-28", "20", "credit_memo").payment("B", "K", "2026-03-30", "250")
                .invoice("C", "L", "2026-04-02", "2026-05-02", "80").payment("C", "L", "2026-04-07", "80")
                .invoice("D", "L", "2025-03-31", "2025-04-30", "40").payment("D", "L", "2026-03-01", "15")
                .invoice("E", "K", "2025-04-01", "2025-05-01", "60").payment("E", "K", "2026-04-01", "10")
                .invoice("F", "L", "2026-03-20", "2026-03-30", "50").payment("F", "L", "2026-03-31", "20")
                .invoice("H", "K", "2026-02-01", "2026-03-03", "40")
                .adjustment("H", "K", "2026-03-20", "10", "write_off");
    }

    /**
     * The sums of {@link #sumsAsDefinedInvoiceByInvoiceAndOriginByOrigin}: origin/kind/segment/offset to "entered cash
     * credit-memos write-offs open invoices".
     */
    private static Map<String, String> byDefinition(List<Row> invoices, List<LocalDate> origins,
            ForecastOptions options, int actualDays) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        int h = options.historyDays();
        int dueEnd = options.maxDaysPastDue() + 1;
        for (LocalDate o : origins) {
            for (Row r : invoices) {
                String segment = r.getAs("segment");
                LocalDate issued = r.getAs("invoice_date");
                LocalDate due = r.getAs("due_date");
                BigDecimal amount = r.getAs("amount");
                List<Row> events = r.getList(r.fieldIndex(InvoiceHistory.EVENTS));
                if (!issued.isAfter(o)) {
                    LocalDate windowStart = o.minusDays(h - 1);
                    BigDecimal entering = balance(amount, events, o.minusDays(h));
                    if (entering.signum() != 0) {
                        LocalDate from = issued.isAfter(windowStart) ? issued : windowStart;
                        add(sums, o, SettlementTables.DUE, segment, dueOffset(from, due, options), 0, entering,
                                entering.signum() > 0 ? 1 : 0);
                    }
                    BigDecimal open = balance(amount, events, o);
                    if (open.signum() != 0) {
                        add(sums, o, SettlementTables.DUE, segment,
                                Math.min(dueOffset(o, due, options), dueEnd), 4, open.max(BigDecimal.ZERO), 0);
                    }
                    boolean young = ChronoUnit.DAYS.between(issued, o) < 365;
                    if (young) {
                        add(sums, o, SettlementTables.NEW_INVOICE, SettlementTables.ALL, 0, 0, amount, 1);
                        if (open.signum() != 0) {
                            add(sums, o, SettlementTables.NEW_INVOICE, SettlementTables.ALL,
                                    (int) ChronoUnit.DAYS.between(issued, o), 4,
                                    open.max(BigDecimal.ZERO), 0);
                        }
                    }
                    for (Row e : events) {
                        LocalDate date = e.getAs("date");
                        int column = movement(e.getAs("kind"));
                        if (!date.isBefore(windowStart) && !date.isAfter(o)) {
                            add(sums, o, SettlementTables.DUE, segment, dueOffset(date, due, options), column,
                                    e.getAs("amount"), 0);
                        }
                        if (young && !date.isAfter(o)) {
                            add(sums, o, SettlementTables.NEW_INVOICE, SettlementTables.ALL,
                                    (int) ChronoUnit.DAYS.between(issued, date), column,
                                    e.getAs("amount"), 0);
                        }
                    }
                }
                for (Row e : events) {
                    LocalDate date = e.getAs("date");
                    if (e.getAs("kind").equals("payment") && date.isAfter(o) && !date.isAfter(o.plusDays(actualDays))) {
                        add(sums, o, issued.isAfter(o) ? SettlementTables.ACTUAL_NEW : SettlementTables.ACTUAL_OPEN,
                                segment, (int) ChronoUnit.DAYS.between(o, date), 1,
                                e.getAs("amount"), 0);
                    }
                }
            }
        }
        Map<String, String> kept = new TreeMap<>();
        sums.forEach((key, v) -> {
            String[] parts = key.split("/");
            int offset = Integer.parseInt(parts[3]);
            boolean inTable = parts[1].equals(SettlementTables.DUE) ? offset <= dueEnd
                    : !parts[1].equals(SettlementTables.NEW_INVOICE) || offset <= options.newInvoiceDays();
            String text = Arrays.stream(v).map(b -> b.stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(" "));
            if (inTable && !text.equals("0 0 0 0 0 0")) {
                kept.put(key, text);
            }
        });
        return kept;
    }

    /** The invoice's amount less every event dated on or before {@code day}. */
    private static BigDecimal balance(BigDecimal amount, List<Row> events, LocalDate day) {
        BigDecimal balance = amount;
        for (Row e : events) {
            if (!((LocalDate) e.getAs("date")).isAfter(day)) {
                balance = balance.subtract(e.getAs("amount"));
            }
        }
        return balance;
    }

    private static int dueOffset(LocalDate day, LocalDate due, ForecastOptions options) {
        return Math.max((int) ChronoUnit.DAYS.between(due, day), options.earliestOffset());
    }

    /** The column a movement adds to: cash, credit memos or write-offs. */
    private static int movement(String kind) {
        return kind.equals("payment") ? 1 : kind.equals("write_off") ? 3 : 2;
    }

    private static void add(Map<String, BigDecimal[]> sums, LocalDate origin, String kind, String segment, int offset,
            int column, BigDecimal amount, int invoices) {
        BigDecimal[] v = sums.computeIfAbsent(origin + "/" + kind + "/" + segment + "/" + offset, k -> {
            BigDecimal[] zeros = new BigDecimal[6];
            Arrays.fill(zeros, BigDecimal.ZERO);
            return zeros;
        });
        v[column] = v[column].add(amount);
        v[5] = v[5].add(BigDecimal.valueOf(invoices));
    }

    /** Origins {@code step} days apart from 24 Feb to 10 Apr 2026, around the boundaries' days. */
    private static List<LocalDate> origins(int step) {
        List<LocalDate> origins = new ArrayList<>();
        for (LocalDate o = LocalDate.of(2026, 2, 24); !o.isAfter(LocalDate.of(2026, 4, 10)); o = o.plusDays(step)) {
            origins.add(o);
        }
        return origins;
    }

    private static List<String> sorted(List<?> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    private static String plain(Row r, String column) {
        BigDecimal v = r.getAs(column);
        return v.stripTrailingZeros().toPlainString();
    }
}
