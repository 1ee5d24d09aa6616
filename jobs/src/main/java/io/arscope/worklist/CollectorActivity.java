package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.SharedLedger;
import io.arscope.ledger.Slices;
import io.arscope.metrics.ActivityGaps;
import io.arscope.metrics.CollectionActivityMetrics;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsTables;
import io.arscope.report.FinanceFormat;
import io.arscope.risk.InvoiceCurrency;

/**
 * The collections activity on the collectors' pages and the team page: the metrics job's collection_activity
 * figures ({@link CollectionActivityMetrics}, sliced by collector alone) for the latest month the metrics report as
 * of the worklist's day (the last whole month) and the month before, with the whole portfolio's. Computed from the
 * ingest run itself, so a worklist run alone shows them. A customer naming no collector is
 * {@link Worklist#UNASSIGNED}'s, as on the lists. A figure with nothing to measure reads "n/a" and why, as in the
 * CFO report, never 0.
 */
public final class CollectorActivity {

    /** Why a figure is missing when none of its kind was recorded by the month's end (the CFO report's words). */
    private static final String COLLECTOR = "collector";

    /** What the figures are about, for the pages to say above them. */
    static final String SCOPE = "Promises and plan instalments whose window (the promised or due date plus the grace "
            + "days) closed in the month, broken promises and the overdue balance at its end, the invoices paid in it.";

    /** One figure as the pages show it: its label and its text in a month. */
    record Figure(String label, Function<Month, String> text) {
    }

    /** The figures in the order the pages list them. */
    static final List<Figure> FIGURES = List.of(
            new Figure("Promises kept, by count", Month::keptByCount),
            new Figure("Promises kept, by amount", Month::keptByAmount),
            new Figure("Broken promises still open", Month::brokenOpen),
            new Figure("Contact coverage of the overdue balance", Month::coverage),
            new Figure("Plan adherence, by count", Month::planByCount),
            new Figure("Plan adherence, by amount", Month::planByAmount),
            new Figure("Days from first contact to payment", Month::daysToPay));

    private final List<YearMonth> months;
    private final Map<String, List<Month>> byCollector;
    private final List<Month> team;
    private final Dataset<Row> invoiceHistory;

    private CollectorActivity(List<YearMonth> months, Map<String, List<Month>> byCollector, List<Month> team,
            Dataset<Row> invoiceHistory) {
        this.months = months;
        this.byCollector = byCollector;
        this.team = team;
        this.invoiceHistory = invoiceHistory;
    }

    /**
     * @param cut       the ledger cut at {@code day}, in its own currencies
     * @param collected the activity the ingest run read (cut at {@code day} here)
     * @param money     the worklist's reporting currency
     */
    public static CollectorActivity of(ReceivablesLedger cut, CollectionActivity collected, LocalDate day,
            ReportingCurrency money, AgingBuckets buckets) {
        LocalDate lastMonthEnd = MetricsJob.lastMonthEnd(day);
        YearMonth latest = YearMonth.from(lastMonthEnd);
        YearMonth previous = latest.minusMonths(1);
        // Held once: every figure reads the same few tables again, and reading them means the ingest's files.
        ReceivablesLedger read = SharedLedger.held(cut);
        ReceivablesLedger ledger = new ReceivablesLedger(read.customers().withColumn(COLLECTOR,
                Worklist.collector(col(COLLECTOR))), read.invoices(), read.payments(), read.adjustments(),
                read.disputes(), read.ingestAsOf());
        CollectionActivity known = collected.asOf(day);
        CollectionActivity held = new CollectionActivity(known.contacts().localCheckpoint(),
                known.promises().localCheckpoint(), known.planInstalments().localCheckpoint());
        // Every collector and the whole portfolio get a row each month, whether or not anything was overdue or
        // done: a young ledger with neither still has a team line.
        List<List<String>> slices = new ArrayList<>(ledger.customers().select(COLLECTOR).distinct().collectAsList()
                .stream().map(r -> List.of(COLLECTOR, r.getString(0))).toList());
        slices.add(List.of(Slices.TOTAL, Slices.ALL));
        CollectionActivityMetrics.Ledger measured = CollectionActivityMetrics.Ledger.of(ledger, List.of(COLLECTOR),
                previous, lastMonthEnd, buckets, money);
        List<Row> rows = CollectionActivityMetrics.rows(measured, held, List.of(COLLECTOR), day, lastMonthEnd, money,
                ActivityConfig.DEFAULT, slices, previous);
        Map<String, List<Month>> byCollector = new HashMap<>();
        List<Month> team = new ArrayList<>();
        for (Row built : rows) {
            Row r = new GenericRowWithSchema(values(built), MetricsTables.COLLECTION_ACTIVITY.schema());
            Month m = new Month(YearMonth.from(MetricsTables.MONTH_END.of(r)), r);
            List<Month> slice = MetricsTables.DIMENSION.of(r).equals(Slices.TOTAL) ? team
                    : byCollector.computeIfAbsent(MetricsTables.VALUE.of(r), c -> new ArrayList<>());
            slice.add(m);
        }
        // Latest month first.
        team.sort((a, b) -> b.month().compareTo(a.month()));
        byCollector.values().forEach(l -> l.sort((a, b) -> b.month().compareTo(a.month())));
        return new CollectorActivity(List.of(latest, previous), byCollector, team, measured.ownHistory());
    }

    /**
     * The invoice history ({@code InvoiceHistory}) of the ledger cut at the day, in its own currencies, that the
     * figures were measured on, held computed: the worklist's days still to pay read the same history.
     */
    Dataset<Row> invoiceHistory() {
        return invoiceHistory;
    }

    private static Object[] values(Row r) {
        Object[] v = new Object[r.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.get(i);
        }
        return v;
    }

    /** The months shown, the latest first. */
    public List<YearMonth> months() {
        return months;
    }

    /**
     * A collector's months, the latest first, by the name the lists give it.
     *
     * @throws IllegalArgumentException for a name no customer has as its collector (no list can have it)
     */
    public List<Month> of(String collector) {
        List<Month> found = byCollector.get(collector);
        if (found == null) {
            throw new IllegalArgumentException("no customer names collector '" + collector + "'");
        }
        return found;
    }

    /** The whole portfolio's months, the latest first: every customer, with a collector or not. */
    public List<Month> team() {
        return team;
    }

    /**
     * One slice's collection_activity row in one month, shown: shares as percentages of what they divide,
     * amounts with the reporting currency.
     */
    public record Month(YearMonth month, Row row) {

        String keptByCount() {
            Long closed = MetricsTables.PROMISES_CLOSED.of(row);
            return FinanceFormat.orWhy(MetricsTables.PROMISE_KEPT_RATE_COUNT.of(row), FinanceFormat::share,
                    noPromise()) + (closed == null || closed == 0 ? ""
                            : " (" + MetricsTables.PROMISES_KEPT.of(row) + " of " + closed + ")");
        }

        String keptByAmount() {
            BigDecimal promised = MetricsTables.PROMISED_AMOUNT.of(row);
            return FinanceFormat.orWhy(MetricsTables.PROMISE_KEPT_RATE_AMOUNT.of(row), FinanceFormat::share,
                    noPromise()) + (promised == null || promised.signum() == 0 ? ""
                            : " (" + money(MetricsTables.KEPT_AMOUNT.of(row)) + " of " + money(promised) + ")");
        }

        String brokenOpen() {
            Long count = MetricsTables.BROKEN_OPEN_COUNT.of(row);
            return count == null ? FinanceFormat.notAvailable(ActivityGaps.NO_RECORD)
                    : count + " (" + money(MetricsTables.BROKEN_OPEN_UNPAID.of(row)) + " unpaid)";
        }

        String coverage() {
            BigDecimal overdue = MetricsTables.OVERDUE_AR.of(row);
            return FinanceFormat.orWhy(MetricsTables.CONTACT_COVERAGE.of(row), FinanceFormat::share,
                    ActivityGaps.coverage(overdue.signum() == 0))
                    + (MetricsTables.CONTACT_COVERAGE.of(row) == null ? "" : " (" + money(MetricsTables
                            .CONTACTED_OVERDUE_AR.of(row)) + " of " + money(overdue) + " overdue)");
        }

        String planByCount() {
            Long closed = MetricsTables.INSTALMENTS_CLOSED.of(row);
            return FinanceFormat.orWhy(MetricsTables.PLAN_ADHERENCE_COUNT.of(row), FinanceFormat::share, noPlan())
                    + (closed == null || closed == 0 ? "" : " (" + MetricsTables.INSTALMENTS_MET.of(row) + " of "
                            + closed + " instalments)");
        }

        String planByAmount() {
            BigDecimal due = MetricsTables.INSTALMENT_AMOUNT.of(row);
            return FinanceFormat.orWhy(MetricsTables.PLAN_ADHERENCE_AMOUNT.of(row), FinanceFormat::share, noPlan())
                    + (due == null || due.signum() == 0 ? ""
                            : " (" + money(MetricsTables.MET_AMOUNT.of(row)) + " of " + money(due) + ")");
        }

        String daysToPay() {
            Long paid = MetricsTables.CONTACT_PAID_INVOICES.of(row);
            return FinanceFormat.orWhy(MetricsTables.AVG_DAYS_CONTACT_TO_PAY.of(row), FinanceFormat::days,
                    ActivityGaps.daysToPay(paid, month))
                    + (paid == null || paid == 0 ? "" : " days (" + paid + (paid == 1 ? " invoice)" : " invoices)"));
        }

        private String noPromise() {
            return ActivityGaps.promiseRate(MetricsTables.PROMISES_CLOSED.of(row), month);
        }

        private String noPlan() {
            return ActivityGaps.planRate(MetricsTables.INSTALMENTS_CLOSED.of(row), month);
        }

        private String money(BigDecimal amount) {
            return InvoiceCurrency.shown(amount, MetricsTables.CURRENCY.of(row));
        }
    }
}
