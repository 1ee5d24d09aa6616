package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.Slices;

/**
 * The rows of {@link MetricsTables#COLLECTION_ACTIVITY}: the activity metrics ({@link PromiseKeeping},
 * {@link ContactCoverage}, {@link PlanAdherence}, {@link ContactToPayment}) summed per slice and month in Spark, their
 * ratios taken on the driver. A month before the first record of a kind of activity (or every month, when the input
 * has none) has no figure of that kind: its columns are empty, not zero, since no data is not "none happened".
 */
public final class CollectionActivityMetrics {

    private CollectionActivityMetrics() {
    }

    /** What the metrics job knows of the ledger when it comes to the activity. */
    public record Ledger(ReceivablesLedger asOfLedger, Dataset<Row> ownHistory, Dataset<Row> invoiceMonths) {

        /**
         * The ledger as the metrics job builds it, for a caller that has not walked its months already: the invoice
         * history in its own currencies, and its month-ends from {@code from} to {@code lastMonthEnd} walked as the
         * metrics job walks them. Earlier month-ends are left out, so only {@link #rows} from {@code from} on may
         * be asked of it.
         *
         * @param asOfLedger the ledger cut at the as-of date, in its own currencies
         */
        public static Ledger of(ReceivablesLedger asOfLedger, List<String> dims, YearMonth from,
                LocalDate lastMonthEnd, AgingBuckets buckets, ReportingCurrency money) {
            Dataset<Row> own = InvoiceHistory.of(asOfLedger, dims).localCheckpoint();
            Dataset<Row> walked = (money.converts() ? InvoiceHistory.of(asOfLedger, dims, List.of("currency")) : own)
                    .filter(MonthEndBalances.mayBeOpenFrom(from.atEndOfMonth()));
            Dataset<Row> months = MonthEndBalances.invoiceMonths(walked, lastMonthEnd, buckets, money)
                    .filter(col("month_end").geq(lit(from.atEndOfMonth()))).localCheckpoint();
            return new Ledger(asOfLedger, own, months);
        }
    }

    /**
     * @param ledger     the ledger cut at {@code asOf} in its own currencies, its invoice history with the dimensions
     *                   (in its own currencies too), and {@link MonthEndBalances#invoiceMonths} with the dimensions
     * @param all        the activity the ingest run read
     * @param slices     the slices period_metrics reports, (dimension, value); slices only the activity has are added
     * @param firstMonth the first month period_metrics reports
     */
    public static List<Row> rows(Ledger ledger, CollectionActivity all, List<String> dims, LocalDate asOf,
            LocalDate lastMonthEnd, ReportingCurrency money, ActivityConfig config, Collection<List<String>> slices,
            YearMonth firstMonth) {
        CollectionActivity activity = all.asOf(asOf);
        ReceivablesLedger l = ledger.asOfLedger();
        // Judged at the end of the as-of day: a window closing on it has all its payments in the ledger.
        LocalDate judgedOn = asOf.plusDays(1);
        Dataset<Row> promises = ActivitySlices.attach(PromiseStatus.of(activity.promises(), l.payments(),
                l.invoices(), judgedOn, config), l.customers(), l.invoices(), dims).localCheckpoint();
        Dataset<Row> instalments = ActivitySlices.attach(PlanStatus.of(activity.planInstalments(), l.payments(),
                l.invoices(), judgedOn, config), l.customers(), l.invoices(), dims);
        Dataset<Row> openMonthEnds = ledger.invoiceMonths().join(l.invoices().select(col("invoice_id").as("owned"),
                col("customer_id")), col("invoice_id").equalTo(col("owned"))).drop("owned");

        Sums promised = Sums.of(PromiseKeeping.closed(promises, dims, lastMonthEnd, config, money), dims,
                "promises_closed", "promises_kept", "promises_partly_kept", "promises_broken", "promised_amount",
                "kept_amount");
        Sums brokenOpen = Sums.of(PromiseKeeping.brokenOpen(promises, openMonthEnds, dims, config, money), dims,
                "broken_open_count", "broken_open_unpaid");
        Sums coverage = Sums.of(ContactCoverage.overdue(openMonthEnds, activity.contacts(), dims), dims,
                "overdue_ar", "contacted_overdue_ar");
        Sums plans = Sums.of(PlanAdherence.closed(instalments, dims, lastMonthEnd, config, money), dims,
                "instalments_closed", "instalments_met", "instalment_amount", "met_amount");
        Sums paid = Sums.of(ContactToPayment.paidAfterContact(ledger.ownHistory(), activity.contacts(), dims,
                lastMonthEnd), dims, "contact_paid_invoices", "contact_days");
        LocalDate firstContact = first(activity.contacts(), "contact_date");
        LocalDate firstPromise = first(activity.promises(), "promised_on");
        LocalDate firstPlan = first(activity.planInstalments(), "agreed_on");

        TreeSet<List<String>> allSlices = new TreeSet<>((a, b) -> (a.get(0) + "\u0000" + a.get(1))
                .compareTo(b.get(0) + "\u0000" + b.get(1)));
        allSlices.addAll(slices);
        for (Sums s : List.of(promised, brokenOpen, coverage, plans, paid)) {
            allSlices.addAll(s.slices());
        }
        OutputTable table = MetricsTables.COLLECTION_ACTIVITY;
        List<Row> out = new ArrayList<>();
        for (List<String> slice : allSlices) {
            for (YearMonth m = firstMonth; !m.atEndOfMonth().isAfter(lastMonthEnd); m = m.plusMonths(1)) {
                LocalDate end = m.atEndOfMonth();
                OutputTable.RowBuilder row = table.row().set(MetricsTables.DIMENSION, slice.get(0))
                        .set(MetricsTables.VALUE, slice.get(1)).set(MetricsTables.MONTH_END, end)
                        .set(MetricsTables.CURRENCY, money.code());
                promiseFigures(row, known(firstPromise, end) ? promised.at(slice, end) : null,
                        known(firstPromise, end) ? brokenOpen.at(slice, end) : null);
                coverageFigures(row, coverage.at(slice, end), known(firstContact, end));
                planFigures(row, known(firstPlan, end) ? plans.at(slice, end) : null);
                paidFigures(row, known(firstContact, end) ? paid.at(slice, end) : null);
                out.add(row.build());
            }
        }
        return out;
    }

    private static void promiseFigures(OutputTable.RowBuilder row, Figures closed, Figures open) {
        row.set(MetricsTables.PROMISES_CLOSED, closed == null ? null : closed.count("promises_closed"))
                .set(MetricsTables.PROMISES_KEPT, closed == null ? null : closed.count("promises_kept"))
                .set(MetricsTables.PROMISES_PARTLY_KEPT, closed == null ? null : closed.count("promises_partly_kept"))
                .set(MetricsTables.PROMISES_BROKEN, closed == null ? null : closed.count("promises_broken"))
                .set(MetricsTables.PROMISED_AMOUNT, closed == null ? null : closed.money("promised_amount"))
                .set(MetricsTables.KEPT_AMOUNT, closed == null ? null : closed.money("kept_amount"))
                .set(MetricsTables.PROMISE_KEPT_RATE_COUNT, closed == null ? null
                        : ratio(closed.count("promises_kept"), closed.count("promises_closed")))
                .set(MetricsTables.PROMISE_KEPT_RATE_AMOUNT, closed == null ? null
                        : ratio(closed.money("kept_amount"), closed.money("promised_amount")))
                .set(MetricsTables.BROKEN_OPEN_COUNT, open == null ? null : open.count("broken_open_count"))
                .set(MetricsTables.BROKEN_OPEN_UNPAID, open == null ? null : open.money("broken_open_unpaid"));
    }

    private static void coverageFigures(OutputTable.RowBuilder row, Figures f, boolean contactsKnown) {
        // The overdue balance is the ledger's, known with or without contacts.
        row.set(MetricsTables.OVERDUE_AR, f.money("overdue_ar"))
                .set(MetricsTables.CONTACTED_OVERDUE_AR, contactsKnown ? f.money("contacted_overdue_ar") : null)
                .set(MetricsTables.CONTACT_COVERAGE, contactsKnown
                        ? ratio(f.money("contacted_overdue_ar"), f.money("overdue_ar")) : null);
    }

    private static void planFigures(OutputTable.RowBuilder row, Figures f) {
        row.set(MetricsTables.INSTALMENTS_CLOSED, f == null ? null : f.count("instalments_closed"))
                .set(MetricsTables.INSTALMENTS_MET, f == null ? null : f.count("instalments_met"))
                .set(MetricsTables.INSTALMENT_AMOUNT, f == null ? null : f.money("instalment_amount"))
                .set(MetricsTables.MET_AMOUNT, f == null ? null : f.money("met_amount"))
                .set(MetricsTables.PLAN_ADHERENCE_COUNT, f == null ? null
                        : ratio(f.count("instalments_met"), f.count("instalments_closed")))
                .set(MetricsTables.PLAN_ADHERENCE_AMOUNT, f == null ? null
                        : ratio(f.money("met_amount"), f.money("instalment_amount")));
    }

    private static void paidFigures(OutputTable.RowBuilder row, Figures f) {
        long invoices = f == null ? 0 : f.count("contact_paid_invoices");
        row.set(MetricsTables.CONTACT_PAID_INVOICES, f == null ? null : invoices)
                .set(MetricsTables.AVG_DAYS_CONTACT_TO_PAY, invoices == 0 ? null
                        : (double) f.count("contact_days") / invoices);
    }

    private static boolean known(LocalDate first, LocalDate monthEnd) {
        return first != null && !first.isAfter(monthEnd);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, MathContext.DECIMAL64).doubleValue();
    }

    /** The earliest value of a date column, null when the table is empty. */
    private static LocalDate first(Dataset<Row> table, String column) {
        Row r = table.agg(org.apache.spark.sql.functions.min(col(column))).first();
        return r.isNullAt(0) ? null : r.getAs(0);
    }

    /** One slice's sums for one month: zero where nothing of the kind happened. */
    private record Figures(Row row) {
        long count(String column) {
            return row == null ? 0 : SliceMonths.count(row, column);
        }

        BigDecimal money(String column) {
            return row == null ? BigDecimal.ZERO.setScale(2) : SliceMonths.money(row, column);
        }
    }

    /** Measures summed per slice and month-end, on the driver. */
    private record Sums(Map<List<Object>, Row> byKey) {
        static Sums of(Dataset<Row> rows, List<String> dims, String... measures) {
            Map<List<Object>, Row> byKey = new HashMap<>();
            for (Row r : Slices.sum(rows, dims, List.of("month_end"), List.of(measures)).collectAsList()) {
                byKey.put(List.of(r.getAs(Slices.DIMENSION), r.getAs(Slices.VALUE), r.getAs("month_end")), r);
            }
            return new Sums(byKey);
        }

        Figures at(List<String> slice, LocalDate monthEnd) {
            return new Figures(byKey.get(List.of(slice.get(0), slice.get(1), monthEnd)));
        }

        List<List<String>> slices() {
            return byKey.keySet().stream().map(k -> List.of((String) k.get(0), (String) k.get(1))).toList();
        }
    }
}
