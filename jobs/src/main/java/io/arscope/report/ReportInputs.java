package io.arscope.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.alerts.AlertList;
import io.arscope.forecast.ForecastTables;
import io.arscope.job.InputException;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Slices;
import io.arscope.metrics.MetricsTables;
import io.arscope.metrics.PeriodMetrics;
import io.arscope.metrics.ProvisionMatrix;
import io.arscope.metrics.RollRates;
import io.arscope.risk.ModelGate;
import io.arscope.risk.ScoreTables;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;
import io.arscope.run.RunManifest;
import io.arscope.worklist.Worklist;
import io.arscope.worklist.WorklistTables;

/**
 * Reads the Parquet outputs of the metrics, forecast and worklist jobs into {@link ReportData}, through the tables
 * those jobs declare ({@link MetricsTables}, {@link ForecastTables}, {@link WorklistTables}). The report has no
 * currency option of its own: its amounts are in the metrics' currency, and a forecast or worklist in another is
 * refused rather than shown beside them.
 */
public final class ReportInputs {

    private ReportInputs() {
    }

    /**
     * @param metrics  folder of an {@code arscope metrics} run (required)
     * @param forecast folder of an {@code arscope forecast} run, or null
     * @param worklist folder of an {@code arscope worklist} run, or null
     */
    public static ReportData read(SparkSession spark, String metrics, String forecast, String worklist)
            throws InputException {
        return read(spark, metrics, forecast, worklist, null);
    }

    /**
     * As {@link #read(SparkSession, String, String, String)}, with the customers to watch from
     * {@code scores}, the folder of an {@code arscope score} run, or null.
     */
    public static ReportData read(SparkSession spark, String metrics, String forecast, String worklist,
            String scores) throws InputException {
        return read(spark, metrics, forecast, worklist, scores, null);
    }

    /** As {@link #read(SparkSession, String, String, String, String)}, with the alerts an alerts run wrote. */
    public static ReportData read(SparkSession spark, String metrics, String forecast, String worklist,
            String scores, String alerts) throws InputException {
        // All columns: the aging bucket columns depend on the metrics run's buckets.
        var monthly = ParquetFooters.read(spark, MetricsTables.PERIOD_METRICS.path(metrics))
                .filter(MetricsTables.PERIOD_TYPE.col().equalTo(PeriodMetrics.MONTH));
        var total = MetricsTables.DIMENSION.col().equalTo(Slices.TOTAL)
                .and(MetricsTables.VALUE.col().equalTo(Slices.ALL));
        var periods = monthly.filter(total).orderBy(MetricsTables.PERIOD.col());
        List<String> bucketColumns = Arrays.stream(periods.columns()).filter(AgingBuckets::isColumn).toList();
        List<ReportData.Month> months = periods.collectAsList().stream().map(r -> month(r, bucketColumns)).toList();
        List<ReportData.Slice> slices = new ArrayList<>();
        if (!months.isEmpty()) {
            for (Row r : monthly.filter(functions.not(total)
                    .and(MetricsTables.PERIOD.col().equalTo(months.get(months.size() - 1).month())))
                    .orderBy(MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col()).collectAsList()) {
                slices.add(new ReportData.Slice(MetricsTables.DIMENSION.of(r), MetricsTables.VALUE.of(r),
                        month(r, bucketColumns)));
            }
        }
        List<String> labels = bucketColumns.stream().map(AgingBuckets::label).toList();
        List<ReportData.ProvisionLine> provision = new ArrayList<>();
        LocalDate asOf = null;
        // The matrix carries a 'total' line beside the buckets; the report adds up the buckets itself.
        for (Row r : MetricsTables.PROVISION_MATRIX.read(spark, metrics)
                .filter(MetricsTables.BUCKET.col().isin(labels.toArray())).collectAsList()) {
            asOf = MetricsTables.AS_OF.of(r);
            provision.add(new ReportData.ProvisionLine(MetricsTables.BUCKET.of(r), MetricsTables.ROLL_RATE.of(r),
                    MetricsTables.LOSS_RATE.of(r), optionalMoney(MetricsTables.BALANCE.of(r)),
                    optionalMoney(MetricsTables.ECL.of(r)),
                    MetricsTables.OVERLAY.of(r)));
        }
        provision.sort(java.util.Comparator.comparingInt(p -> labels.indexOf(p.bucket())));
        // Metrics written before period_metrics named its currency were in the ledger's one currency.
        String currency = currencyOf(periods, metrics);
        if (forecast != null) {
            sameCurrency(currency, metrics, currencyOf(ParquetFooters.read(spark, ForecastTables.CASH_FORECAST.path(
                    forecast)), forecast), forecast, "forecast");
        }
        if (worklist != null) {
            sameCurrency(currency, metrics, currencyOf(ParquetFooters.read(spark, WorklistTables.CUSTOMERS.path(
                    worklist)), worklist), worklist, "worklist");
        }
        List<ReportData.RiskyCustomer> riskiest = worklist == null ? null
                : riskiest(WorklistTables.CUSTOMERS.read(spark, worklist));
        MetricsTables.RunOutputs recorded = MetricsTables.runOutputs(spark, metrics);
        return new ReportData(asOf, months, labels, provision, forecast == null ? null : forecast(spark, forecast),
                riskiest, currency, slices, trends(spark, metrics),
                asOf == null ? List.of() : lastMonthProvision(spark, metrics, asOf, months, labels, provision),
                activity(spark, metrics), watch(spark, scores, currency, metrics),
                alerts == null ? null : AlertList.read(spark, alerts), worklist == null ? null : gate(spark, worklist),
                recorded == null ? null : recorded.invoicingCutOff(),
                recorded == null ? null : recorded.invoiceCurrencySetByMapping(), IngestRejects.of(spark, metrics),
                recorded == null ? null : recorded.convertedFrom());
    }

    /** The model gate behind the worklist's probabilities, as its manifest records it; null when it does not say. */
    private static ModelGate gate(SparkSession spark, String worklist) throws InputException {
        WorklistTables.RunOutputs outputs = RunManifest.outputsIfRecorded(spark, OutputFiles.child(worklist,
                WorklistTables.MANIFEST), "worklist", new TypeReference<>() { });
        return outputs == null ? null : outputs.gate();
    }

    /**
     * Why the score run wrote no customer scores, as its manifest records it; a score run from before it did, only
     * that the model directory needs training again.
     */
    private static String customerScoresAbsent(SparkSession spark, String scores) throws InputException {
        ScoreTables.RunOutputs outputs = RunManifest.outputsIfRecorded(spark,
                OutputFiles.child(scores, ScoreTables.MANIFEST),
                "score", new TypeReference<>() { });
        String why = outputs == null ? null : outputs.customerScoresAbsent();
        return why != null ? why : "retrain with arscope train";
    }

    /** How many customers the report shows to watch. */
    static final int WATCHED = 10;

    /**
     * The {@value #WATCHED} customers of the score run's customer_scores with the most exposure at risk; absent, with
     * why, without a score run or when it wrote no customer scores (a model directory trained without them).
     */
    private static ReportData.Watch watch(SparkSession spark, String scores, String currency, String metrics)
            throws InputException {
        if (scores == null) {
            return ReportData.Watch.absent(ReportData.Watch.NO_SCORES);
        }
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(ScoreTables.CUSTOMER_SCORES.path(scores)))) {
            return ReportData.Watch.absent("the score run wrote no customer scores: its model directory has no "
                    + "customer model (" + customerScoresAbsent(spark, scores) + ")");
        }
        var table = ScoreTables.CUSTOMER_SCORES.read(spark, scores);
        sameCurrency(currency, metrics, currencyOf(table, scores), scores, "score");
        List<ReportData.WatchCustomer> out = new ArrayList<>();
        for (Row r : table.orderBy(ScoreTables.EXPOSURE_AT_RISK.col().desc(), ScoreTables.CUSTOMER_ID.col())
                .limit(WATCHED).collectAsList()) {
            out.add(new ReportData.WatchCustomer(ScoreTables.CUSTOMER_ID.of(r), ScoreTables.NAME.of(r),
                    money(ScoreTables.EXPOSURE.of(r)), ScoreTables.PROBABILITY_60DPD_90D.of(r),
                    ScoreTables.RISK_BAND.of(r), money(ScoreTables.EXPOSURE_AT_RISK.of(r)),
                    ScoreTables.MAX_DAYS_PAST_DUE.of(r), ScoreTables.REASON_1.of(r),
                    optionalMoney(ScoreTables.CREDIT_LIMIT.of(r)), optionalMoney(ScoreTables.SUGGESTED_CREDIT_LIMIT.of(r)),
                    optionalMoney(ScoreTables.CREDIT_LIMIT_CHANGE.of(r)), ScoreTables.CREDIT_LIMIT_BASIS.of(r)));
        }
        return new ReportData.Watch(out, null);
    }

    /** Whether the metrics run wrote collection_activity (one before the table did not). */
    static boolean hasActivity(SparkSession spark, String metrics) {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(MetricsTables.COLLECTION_ACTIVITY
                .path(metrics));
        try {
            return folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot look for " + folder, e);
        }
    }

    /**
     * The latest month of collection_activity, the total first, then the slices in order; null when the metrics run
     * predates the table.
     */
    private static List<ReportData.Activity> activity(SparkSession spark, String metrics) {
        if (!hasActivity(spark, metrics)) {
            return null;
        }
        Dataset<Row> rows = MetricsTables.COLLECTION_ACTIVITY.read(spark, metrics);
        Row latest = rows.agg(functions.max(MetricsTables.MONTH_END.col())).first();
        if (latest.isNullAt(0)) {
            return List.of();
        }
        List<ReportData.Activity> out = new ArrayList<>();
        for (Row r : rows.filter(MetricsTables.MONTH_END.col().equalTo(latest.get(0)))
                .orderBy(MetricsTables.DIMENSION.col().notEqual(Slices.TOTAL), MetricsTables.DIMENSION.col(),
                        MetricsTables.VALUE.col()).collectAsList()) {
            out.add(new ReportData.Activity(MetricsTables.DIMENSION.of(r), MetricsTables.VALUE.of(r),
                    MetricsTables.MONTH_END.of(r), MetricsTables.PROMISES_CLOSED.of(r),
                    MetricsTables.PROMISE_KEPT_RATE_COUNT.of(r), MetricsTables.PROMISE_KEPT_RATE_AMOUNT.of(r),
                    MetricsTables.BROKEN_OPEN_COUNT.of(r), optionalMoney(MetricsTables.BROKEN_OPEN_UNPAID.of(r)),
                    optionalMoney(MetricsTables.OVERDUE_AR.of(r)), MetricsTables.CONTACT_COVERAGE.of(r),
                    MetricsTables.INSTALMENTS_CLOSED.of(r), MetricsTables.PLAN_ADHERENCE_COUNT.of(r),
                    MetricsTables.PLAN_ADHERENCE_AMOUNT.of(r), MetricsTables.CONTACT_PAID_INVOICES.of(r),
                    MetricsTables.AVG_DAYS_CONTACT_TO_PAY.of(r)));
        }
        return out;
    }

    /**
     * The provision matrix at the month-end before {@code asOf}, recomputed as the metrics job computes it
     * ({@link RollRates#average}, {@link ProvisionMatrix#of}): that month-end's aging from period_metrics, at the
     * average of the roll rates known then (a roll from month-end X is known one month later), over as many months
     * as the current matrix averages at most. Empty without that month in period_metrics or a bucket of it.
     */
    private static List<ReportData.ProvisionLine> lastMonthProvision(SparkSession spark, String metrics,
            LocalDate asOf, List<ReportData.Month> months, List<String> labels,
            List<ReportData.ProvisionLine> provision) {
        YearMonth previous = YearMonth.from(asOf).minusMonths(1);
        var month = months.stream().filter(m -> m.month().equals(previous.toString())).findFirst();
        if (month.isEmpty() || month.get().buckets().contains(null) || provision.size() != labels.size()) {
            return List.of();
        }
        List<RollRates.Roll> known = new ArrayList<>();
        for (Row r : MetricsTables.ROLL_RATES.read(spark, metrics)
                .filter(MetricsTables.MONTH_END.col().lt(java.sql.Date.valueOf(previous.atEndOfMonth())))
                .collectAsList()) {
            known.add(new RollRates.Roll(YearMonth.from(MetricsTables.MONTH_END.of(r)),
                    MetricsTables.BUCKET_INDEX.of(r), MetricsTables.FROM_AMOUNT.of(r),
                    MetricsTables.ROLLED_AMOUNT.of(r), MetricsTables.STAYED_AMOUNT.of(r), MetricsTables.ROLL_RATE.of(r),
                    MetricsTables.ABOVE_ONE.of(r)));
        }
        // The matrix averages min(roll months, months on record) per bucket: its largest count is the roll months
        // or, when every bucket has fewer, more than any bucket had a month ago.
        int rollMonths = MetricsTables.PROVISION_MATRIX.read(spark, metrics)
                .filter(MetricsTables.BUCKET.col().isin(labels.toArray())).collectAsList().stream()
                .mapToInt(r -> MetricsTables.MONTHS_AVERAGED.of(r)).max().orElse(0);
        double overlay = provision.get(0).overlay();
        List<ProvisionMatrix.Line> lines = ProvisionMatrix.of(labels, RollRates.average(known, labels.size(),
                rollMonths), month.get().buckets().stream().map(BigDecimal::valueOf).toList(), overlay,
                ReportData.writeOffsIn(months));
        return lines.stream().map(l -> new ReportData.ProvisionLine(l.bucket(), l.rollRate(), l.lossRate(),
                l.balance().doubleValue(), l.ecl() == null ? null : l.ecl().doubleValue(), overlay)).toList();
    }

    private static ReportData.Month month(Row r, List<String> bucketColumns) {
        return new ReportData.Month(MetricsTables.PERIOD.of(r), optionalMoney(MetricsTables.ENDING_AR.of(r)),
                optionalMoney(MetricsTables.CREDIT_SALES.of(r)), optionalMoney(MetricsTables.COLLECTIONS.of(r)),
                optionalMoney(MetricsTables.PAST_DUE_AR.of(r)),
                bucketColumns.stream().map(c -> optionalMoney(r.<BigDecimal>getAs(c))).toList(),
                MetricsTables.DSO_STANDARD.of(r), MetricsTables.DSO_COUNTBACK.of(r),
                MetricsTables.BPDSO_COUNTBACK.of(r), MetricsTables.DDSO_COUNTBACK.of(r), MetricsTables.CEI.of(r),
                MetricsTables.BAD_DEBT_RATIO.of(r), optionalMoney(MetricsTables.NET_ENDING_AR.of(r)),
                optionalMoney(MetricsTables.DISPUTED_AR.of(r)), optionalMoney(MetricsTables.WRITE_OFFS.of(r)));
    }

    /** The total portfolio's trends, in the order the metrics job wrote its metrics. */
    private static List<ReportData.Trend> trends(SparkSession spark, String metrics) {
        List<ReportData.Trend> out = new ArrayList<>();
        for (Row r : MetricsTables.TRENDS.read(spark, metrics).filter(MetricsTables.DIMENSION.col()
                .equalTo(Slices.TOTAL).and(MetricsTables.VALUE.col().equalTo(Slices.ALL))).collectAsList()) {
            out.add(new ReportData.Trend(MetricsTables.METRIC.of(r), MetricsTables.LATEST_MONTH.of(r),
                    MetricsTables.LATEST.of(r), MetricsTables.YEAR_AGO.of(r), MetricsTables.SLOPE_PER_MONTH.of(r),
                    MetricsTables.P_VALUE.of(r), MetricsTables.POINTS.of(r)));
        }
        return out;
    }

    /** The one currency of an output's rows; null when it has no row or predates its {@code currency} column. */
    private static String currencyOf(Dataset<Row> rows, String dir) throws InputException {
        if (!List.of(rows.columns()).contains(MetricsTables.CURRENCY.name())) {
            return null;
        }
        List<Row> codes = rows.select(MetricsTables.CURRENCY.name()).distinct().limit(2).collectAsList();
        if (codes.size() > 1) {
            throw new InputException(dir + ": its rows are in several currencies");
        }
        return codes.isEmpty() ? null : codes.get(0).getString(0);
    }

    /** Refuses an output of {@code job} whose currency {@code other} is not the metrics'; null is unknown, so taken. */
    static void sameCurrency(String metricsCurrency, String metrics, String other, String dir, String job)
            throws InputException {
        if (metricsCurrency != null && other != null && !other.equals(metricsCurrency)) {
            throw new InputException(dir + ": the " + job + "'s amounts are in " + other + " but the metrics' in "
                    + metricsCurrency + " (" + metrics + "); run " + job + " with --reporting-currency "
                    + metricsCurrency + " so that the report adds like with like");
        }
    }

    private static ReportData.Forecast forecast(SparkSession spark, String dir) throws InputException {
        List<ReportData.Week> weeks = new ArrayList<>();
        LocalDate asOf = null;
        double level = 0;
        Double lowerToDate = null;
        Double upperToDate = null;
        for (Row r : ForecastTables.CASH_FORECAST.read(spark, dir).orderBy(ForecastTables.WEEK.col())
                .collectAsList()) {
            asOf = ForecastTables.AS_OF.of(r);
            level = ForecastTables.INTERVAL_LEVEL.of(r);
            lowerToDate = optionalMoney(ForecastTables.LOWER_TO_DATE.of(r));
            upperToDate = optionalMoney(ForecastTables.UPPER_TO_DATE.of(r));
            weeks.add(new ReportData.Week(ForecastTables.WEEK.of(r), ForecastTables.WEEK_START.of(r),
                    ForecastTables.WEEK_END.of(r), money(ForecastTables.FROM_OPEN_INVOICES.of(r)),
                    money(ForecastTables.FROM_NEW_SALES.of(r)), optionalMoney(ForecastTables.LOWER.of(r)),
                    optionalMoney(ForecastTables.UPPER.of(r))));
        }
        List<ReportData.MonthEnd> dso = new ArrayList<>();
        for (Row r : ForecastTables.DSO_FORECAST.read(spark, dir).orderBy(ForecastTables.MONTH_END.col())
                .collectAsList()) {
            dso.add(new ReportData.MonthEnd(ForecastTables.MONTH_END.of(r), money(ForecastTables.OPENING_AR.of(r)),
                    money(ForecastTables.EXPECTED_SALES.of(r)), money(ForecastTables.EXPECTED_COLLECTIONS.of(r)),
                    money(ForecastTables.EXPECTED_CREDIT_MEMOS.of(r)), money(ForecastTables.EXPECTED_WRITE_OFFS.of(r)),
                    money(ForecastTables.ENDING_AR.of(r)), money(ForecastTables.CREDIT_SALES.of(r)),
                    ForecastTables.DSO.of(r)));
        }
        List<ReportData.Accuracy> accuracy = new ArrayList<>();
        int withIntervalToDate = 0;
        Double coverageToDate = null;
        for (Row r : ForecastTables.ACCURACY.read(spark, dir).orderBy(ForecastTables.WEEK.col()).collectAsList()) {
            accuracy.add(new ReportData.Accuracy(ForecastTables.WEEK.of(r), ForecastTables.ORIGINS.of(r),
                    ForecastTables.WAPE.of(r), ForecastTables.BIAS.of(r), ForecastTables.ORIGINS_WITH_INTERVAL.of(r),
                    ForecastTables.COVERAGE.of(r)));
            withIntervalToDate = ForecastTables.ORIGINS_WITH_INTERVAL_TO_DATE.of(r);
            coverageToDate = ForecastTables.COVERAGE_TO_DATE.of(r);
        }
        // The last week's cash to date is the whole horizon's.
        ForecastTables.RunOutputs outputs = RunManifest.outputsIfRecorded(spark, OutputFiles.child(dir,
                ForecastTables.MANIFEST), "forecast", new TypeReference<>() { });
        return new ReportData.Forecast(asOf, weeks, dso, accuracy, level, new ReportData.HorizonTotal(lowerToDate,
                upperToDate, withIntervalToDate, coverageToDate),
                outputs == null ? null : outputs.newSalesConcentration());
    }

    /**
     * The customers with the most money expected late, one line each: the worklist has a row per queue, and a
     * customer with an invoice in dispute has two, which the report adds (the worklist's one currency is the
     * metrics', {@link #sameCurrency}), its chance of paying late then weighted by open amount.
     */
    static List<ReportData.RiskyCustomer> riskiest(Dataset<Row> worklistCustomers) {
        org.apache.spark.sql.Column open = WorklistTables.OPEN_AMOUNT.col();
        org.apache.spark.sql.Column overdue = WorklistTables.OVERDUE_AMOUNT.col();
        org.apache.spark.sql.Column queue = WorklistTables.QUEUE.col();
        org.apache.spark.sql.Column collect = queue.equalTo(Worklist.COLLECT);
        var customers = worklistCustomers
                .groupBy(WorklistTables.CUSTOMER_ID.col())
                .agg(functions.max(WorklistTables.CUSTOMER_NAME.col()).as("name"),
                        functions.concat_ws(", ", functions.array_sort(functions.collect_set(
                                WorklistTables.COLLECTOR.col()))).as("collector"),
                        functions.concat_ws(", ", functions.max(functions.when(collect, queue)),
                                functions.max(functions.when(collect.unary_$bang(), queue))).as("queue"),
                        functions.sum(open).as("open"),
                        functions.when(functions.count(overdue).equalTo(functions.count(functions.lit(1))),
                                functions.sum(overdue)).as("overdue"),
                        functions.sum(open.cast("double").multiply(WorklistTables.PROBABILITY_LATE.col()))
                                .as("expected"),
                        functions.max(WorklistTables.MAX_DAYS_PAST_DUE.col()).as("max_days"),
                        functions.concat_ws("; ", functions.max(functions.when(collect,
                                        WorklistTables.NEXT_ACTION.col())),
                                functions.max(functions.when(collect.unary_$bang(), WorklistTables.NEXT_ACTION.col())))
                                .as("next_action"))
                .orderBy(functions.col("expected").desc(), WorklistTables.CUSTOMER_ID.col())
                .limit(CfoReport.RISKIEST);
        List<ReportData.RiskyCustomer> out = new ArrayList<>();
        for (Row r : customers.collectAsList()) {
            double openAmount = money(r.getAs("open"));
            double expected = r.<Double>getAs("expected");
            out.add(new ReportData.RiskyCustomer(WorklistTables.CUSTOMER_ID.of(r), r.getAs("name"),
                    r.getAs("collector"), r.getAs("queue"), openAmount, optionalMoney(r.getAs("overdue")),
                    openAmount == 0 ? 0 : expected / openAmount, r.<Integer>getAs("max_days"),
                    r.getAs("next_action")));
        }
        return out;
    }

    /** An amount of a column declared required: its producer checked that it is never empty. */
    private static double money(BigDecimal v) {
        return v.doubleValue();
    }

    private static Double optionalMoney(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
