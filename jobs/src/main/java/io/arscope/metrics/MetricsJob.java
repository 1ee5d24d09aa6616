package io.arscope.metrics;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.OutputTable;
import io.arscope.job.SummaryFigure;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.LedgerRows;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.Slices;
import io.arscope.model.CanonicalTable;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * The metrics job: from the canonical tables of an ingest run to period metrics per month, quarter and year
 * and per slice, trends of each metric, aging as of the as-of date by invoice, customer and slice, cohort
 * collection curves, roll rates, the expected-credit-loss allowance, and the collection-activity metrics (promises
 * kept, contact coverage, plan adherence) per month and slice. Spark computes the additive monthly
 * figures in one pass over each invoice's own events; the ratios, which need only those small sums, are taken
 * on the driver.
 */
public final class MetricsJob implements Job<MetricsOptions> {

    /** The allowance when a bucket's loss rate is unknown and it holds money ({@link ProvisionMatrix}). */
    static String eclUnknown(boolean writeOffsOnRecord) {
        return SummaryFigure.notAvailable(writeOffsOnRecord ? ProvisionMatrix.NO_ROLL_HISTORY + ": a bucket that holds "
                + "money never rolled on in the months on record" : ProvisionMatrix.NO_WRITE_OFFS);
    }

    /** Whether any month wrote money off: without a write-off on record, no loss rate is measured. */
    static boolean writeOffsIn(List<PeriodMetrics.Period> periods) {
        return periods.stream().anyMatch(p -> p.periodType().equals(PeriodMetrics.MONTH) && p.writeOffs() != null
                && p.writeOffs().signum() != 0);
    }

    /**
     * What a run found: the as-of date used, the last month-end reported, the ECL (null if unknown), rolls above 1,
     * and the warning of the latest month's invoicing stopping early ({@link InvoicingCutOff}), if it did.
     */
    public record Outcome(LocalDate asOf, LocalDate lastMonthEnd, List<PeriodMetrics.Period> totalPeriods,
            List<ProvisionMatrix.Line> provision, BigDecimal ecl, long rollsAboveOne, String currency,
            Optional<String> invoicingCutOff) {

        /** Whether the ledger holds a write-off in any month: without one, no loss rate is measured. */
        boolean writeOffsOnRecord() {
            return writeOffsIn(totalPeriods);
        }

        /** Whether the run deserves a look before its outputs are used: the status its command and manifest share. */
        JobOutcome.Status status() {
            return rollsAboveOne > 0 || invoicingCutOff.isPresent() ? JobOutcome.Status.WARNINGS
                    : JobOutcome.Status.OK;
        }
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void check(MetricsOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
    }

    @Override
    public JobOutcome run(JobContext<MetricsOptions> context) throws IOException, InputException {
        Outcome o = write(context);
        List<String> details = new ArrayList<>();
        o.totalPeriods().stream().filter(p -> p.periodType().equals(PeriodMetrics.MONTH)).reduce((a, b) -> b)
                .ifPresent(latest -> details.add(LatestMonthLine.of(latest)));
        details.add(String.format("expected credit loss as of %s: %s", o.asOf(), o.ecl() == null
                ? eclUnknown(o.writeOffsOnRecord()) : String.format("%,.2f %s", o.ecl(), o.currency())));
        List<String> warnings = new ArrayList<>();
        if (o.rollsAboveOne() > 0) {
            warnings.add(String.format("%d monthly roll rates above 1 (items re-aged or buckets mixed); see %s",
                    o.rollsAboveOne(), OutputFiles.child(context.options().output(),
                            MetricsTables.ROLL_RATES.name() + ".csv")));
        }
        o.invoicingCutOff().ifPresent(warnings::add);
        JobOutcome outcome = JobOutcome.ok(context, summary(o), details).withWarnings(warnings);
        return outcome.withStatus(o.status());
    }

    /** The summary line: the as-of date, and the latest month's ending AR and CEI beside the allowance. */
    static String summary(Outcome o) {
        String latest = o.totalPeriods().stream().filter(p -> p.periodType().equals(PeriodMetrics.MONTH))
                .reduce((a, b) -> b).map(p -> String.format(", %s ending AR %,.2f, CEI %s", p.period(), p.endingAr(),
                        SummaryFigure.of(p.cei(), "%.1f%%", "nothing was collectible"))).orElse("");
        return String.format("metrics: as of %s (months to %s)%s, expected credit loss %s", o.asOf(),
                o.lastMonthEnd(), latest, o.ecl() == null ? eclUnknown(o.writeOffsOnRecord())
                        : String.format("%,.2f", o.ecl()));
    }

    /** The last month-end on or before {@code asOf}: the latest month the metrics report, a month being whole. */
    public static LocalDate lastMonthEnd(LocalDate asOf) {
        return asOf.equals(YearMonth.from(asOf).atEndOfMonth()) ? asOf
                : YearMonth.from(asOf).minusMonths(1).atEndOfMonth();
    }

    /** Computes and writes every metrics output into the context's folder; returns what the headline shows. */
    public static Outcome write(JobContext<MetricsOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        MetricsOptions options = context.options();
        ReceivablesLedger all = ReceivablesLedger.read(spark, OutputFiles.child(options.input(), "canonical"));
        LocalDate asOf = options.asOf() != null ? options.asOf() : all.latestDate();
        if (asOf == null) {
            throw new IllegalArgumentException(options.input() + ": the canonical invoices are empty");
        }
        LocalDate lastMonthEnd = lastMonthEnd(asOf);
        ReceivablesLedger ledger = all.asOf(asOf);
        List<String> dims = options.dimensions();
        AgingBuckets buckets = options.buckets();
        ReportingCurrency money = ReportingCurrency.choose(ledger, ExchangeRates.ofIngest(spark, options.input()),
                options.reportingCurrency()).orElseThrow(why -> new InputException(options.input() + ": " + why));

        // Flows at their own dates' rates; balances at each month-end's (the walk) and at the as-of date's.
        Dataset<Row> history = InvoiceHistory.of(money.flows(ledger), dims).localCheckpoint();
        Dataset<Row> invoiceMonths = MonthEndBalances.invoiceMonths(money.converts() ? InvoiceHistory.of(ledger, dims,
                List.of("currency")) : history, lastMonthEnd, buckets, money).localCheckpoint();
        Dataset<Row> atAsOf = money.converts() ? InvoiceHistory.of(money.valuedAt(ledger, asOf), dims) : history;
        // On-account items are balances too: valued at each month-end's rate in the walk, at the as-of date's here.
        Dataset<Row> items = OnAccountItems.of(ledger, dims).localCheckpoint();
        Dataset<Row> onAccount = money.converts() ? OnAccountItems.of(money.valuedAt(ledger, asOf), dims)
                .localCheckpoint() : items;
        MonthlyFigures.Tables tables = MonthlyFigures.of(history, invoiceMonths, items, dims, asOf, lastMonthEnd,
                options.graceDays(), buckets, money);

        Map<List<String>, List<PeriodMetrics.Month>> bySlice = SliceMonths.of(tables.monthly().collectAsList(),
                buckets.count(), YearMonth.from(lastMonthEnd));
        OutputTable periodTable = MetricsTables.periodMetrics(buckets);
        List<Row> periodRows = new ArrayList<>();
        List<Row> trendRows = new ArrayList<>();
        List<Row> amountTrendRows = new ArrayList<>();
        List<PeriodMetrics.Period> totalPeriods = List.of();
        for (Map.Entry<List<String>, List<PeriodMetrics.Month>> slice : bySlice.entrySet()) {
            List<PeriodMetrics.Period> periods = PeriodMetrics.of(slice.getValue(), options.dayCount());
            if (slice.getKey().equals(List.of(Slices.TOTAL, Slices.ALL))) {
                totalPeriods = periods;
            }
            for (PeriodMetrics.Period p : periods) {
                periodRows.add(MetricsTables.periodRow(periodTable, slice.getKey(), p, buckets, money.code()));
            }
            trendRows.addAll(TrendTable.rows(slice.getKey(), periods, options.trends()));
            amountTrendRows.addAll(TrendTable.amountRows(slice.getKey(), periods, options.trends()));
        }
        context.writeTable(periodTable, periodTable.frame(spark, periodRows).orderBy(MetricsTables.DIMENSION.col(),
                MetricsTables.VALUE.col(), MetricsTables.PERIOD_TYPE.col(), MetricsTables.PERIOD.col()),
                MetricsChecks.endingArAged(buckets), MetricsChecks.netEndingAr());
        MetricsChecks.slicesAddUp(periodTable.read(spark, context.output()));
        Dataset<Row> ownHistory = money.converts() ? InvoiceHistory.of(ledger, dims) : history;
        List<Row> activityRows = CollectionActivityMetrics.rows(new CollectionActivityMetrics.Ledger(ledger,
                ownHistory, invoiceMonths), CollectionActivity.ofIngest(spark, options.input()), dims, asOf,
                lastMonthEnd, money, ActivityConfig.DEFAULT, bySlice.keySet(),
                bySlice.values().iterator().next().get(0).month());
        context.writeTable(MetricsTables.COLLECTION_ACTIVITY, MetricsTables.COLLECTION_ACTIVITY.frame(spark,
                activityRows).orderBy(MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(),
                MetricsTables.MONTH_END.col()));
        context.writeTable(MetricsTables.TRENDS, MetricsTables.TRENDS.frame(spark, trendRows).orderBy(
                MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(), MetricsTables.METRIC.col()));
        context.writeTable(MetricsTables.AMOUNT_TRENDS, MetricsTables.AMOUNT_TRENDS.frame(spark, amountTrendRows)
                .orderBy(MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(), MetricsTables.METRIC.col()));

        List<Row> cohortRows = CohortCurves.rows(tables.cohorts().collectAsList(), bySlice);
        context.writeTable(MetricsTables.COHORT_CURVES, MetricsTables.COHORT_CURVES.frame(spark, cohortRows).orderBy(
                MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(), MetricsTables.COHORT_MONTH.col(),
                MetricsTables.MONTHS_AFTER.col()));

        Dataset<Row> openItems = OpenItems.byInvoice(atAsOf, asOf, buckets, dims).localCheckpoint();
        OutputTable openTable = MetricsTables.openItems(dims);
        context.writeTable(openTable, openItems.orderBy(MetricsTables.CUSTOMER_ID.col(), MetricsTables.DUE_DATE.col(),
                MetricsTables.INVOICE_ID.col()));
        List<String> customerDims = dims.stream().filter(d -> CanonicalTable.INVOICES.field(d).isEmpty()).toList();
        context.writeTable(MetricsTables.agingByCustomer(customerDims, buckets), OpenItems.byCustomer(openItems,
                onAccount, asOf, buckets, customerDims), MetricsChecks.openAmountAged(buckets),
                MetricsChecks.netAmount());
        Dataset<Row> agingBySlice = AgingBySlice.of(openItems, onAccount, asOf, buckets, dims);
        context.writeTable(MetricsTables.agingBySlice(buckets), agingBySlice.orderBy(MetricsTables.DIMENSION.col(),
                MetricsTables.VALUE.col()), MetricsChecks.openAmountAged(buckets), MetricsChecks.netAmount());

        List<RollRates.Roll> rolls = PortfolioRolls.of(tables.rolls().collectAsList(), buckets.count());
        context.writeTable(MetricsTables.ROLL_RATES, MetricsTables.ROLL_RATES.frame(spark, PortfolioRolls.rows(rolls,
                buckets)).orderBy(MetricsTables.MONTH_END.col(), MetricsTables.BUCKET_INDEX.col()));
        List<BigDecimal> balances = AgingBySlice.totalBalances(agingBySlice, buckets);
        List<Double> rates = RollRates.average(rolls, buckets.count(), options.rollMonths());
        List<ProvisionMatrix.Line> provision = ProvisionMatrix.of(buckets.labels(), rates, balances,
                options.overlay(), writeOffsIn(totalPeriods));
        context.writeTable(MetricsTables.PROVISION_MATRIX, MetricsTables.PROVISION_MATRIX.frame(spark,
                PortfolioRolls.provisionRows(provision, asOf, options.overlay(), RollRates.monthsUsed(rolls, buckets.count(),
                        options.rollMonths()))));

        long aboveOne = rolls.stream().filter(RollRates.Roll::aboveOne).count();
        Outcome outcome = new Outcome(asOf, lastMonthEnd, totalPeriods, provision, ProvisionMatrix.total(provision),
                aboveOne, money.code(), InvoicingCutOff.of(ledger.invoices(), lastMonthEnd));
        MetricsTables.RunOptions recorded = new MetricsTables.RunOptions(options.input(), options.output(),
                asOf.toString(), lastMonthEnd.toString(), buckets.labels(), dims, options.dayCount().name(),
                options.graceDays(), options.rollMonths(), options.overlay(), money.code());
        MetricsTables.RunOutputs written = new MetricsTables.RunOutputs(periodRows.size(), trendRows.size(),
                amountTrendRows.size(), cohortRows.size(), rolls.size(), activityRows.size(),
                outcome.ecl() == null ? null : outcome.ecl().toPlainString(), aboveOne,
                outcome.invoicingCutOff().orElse(null), CanonicalSource.invoiceCurrencySetByMapping(spark,
                        OutputFiles.child(options.input(), "canonical")),
                money.converts() ? money.convertedFrom() : null);
        JobOutcome.Status status = outcome.status();
        RunManifest<?, ?, ?> manifest = RunManifest.finished("metrics", started, recorded,
                context.recordInputs(LedgerRows.of(options.input(), all, LedgerRows.RATES_AND_ACTIVITY)), written, status.word(), status.exitCode(),
                null);
        OutputFiles.writeText(spark, context.output(MetricsTables.MANIFEST), manifest.toJson());
        return outcome;
    }
}
