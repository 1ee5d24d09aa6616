package io.arscope.metrics;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.Slices;
import io.arscope.model.CanonicalTable;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * The metrics job: from the canonical tables of an ingest run to period metrics per month, quarter and year
 * and per slice, trends of each metric, aging as of the as-of date by invoice, customer and slice, cohort
 * collection curves, roll rates and the expected-credit-loss allowance. Spark computes the additive monthly
 * figures in one pass over each invoice's own events; the ratios, which need only those small sums, are taken
 * on the driver.
 */
public final class MetricsJob implements Job<MetricsOptions> {

    public static final int COHORT_MONTHS = 12;

    private static final DataType MONEY = io.arscope.job.Column.MONEY;

    /** What a run found: the as-of date used, the last month-end reported, the ECL, rolls above 1. */
    public record Outcome(LocalDate asOf, LocalDate lastMonthEnd, List<PeriodMetrics.Period> totalPeriods,
            List<ProvisionMatrix.Line> provision, BigDecimal ecl, long rollsAboveOne) {
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void check(MetricsOptions options) throws InputException {
        EarlierOutput.require(options.input(), "canonical/invoices", "ingest");
    }

    @Override
    public JobOutcome run(JobContext<MetricsOptions> context) throws IOException {
        Outcome o = write(context);
        List<String> details = new ArrayList<>();
        o.totalPeriods().stream().filter(p -> p.periodType().equals(PeriodMetrics.MONTH)).reduce((a, b) -> b).ifPresent(latest ->
                details.add(String.format("%s: ending AR %,.2f, DSO %.1f (countback %.1f), BPDSO %.1f, DDSO %.1f, "
                        + "CEI %.1f%%", latest.period(), latest.endingAr(), nan(latest.dsoStandard()),
                        nan(latest.dsoCountback()), nan(latest.bpdsoCountback()), nan(latest.ddsoCountback()),
                        nan(latest.cei()))));
        details.add(String.format("expected credit loss as of %s: %,.2f", o.asOf(), o.ecl()));
        List<String> warnings = o.rollsAboveOne() == 0 ? List.of() : List.of(String.format("%d monthly roll rates "
                + "above 1 (items re-aged or buckets mixed); see %s", o.rollsAboveOne(),
                OutputFiles.child(context.options().output(), MetricsTables.ROLL_RATES.name() + ".csv")));
        return JobOutcome.ok(context, String.format("metrics: as of %s (months to %s)", o.asOf(), o.lastMonthEnd()),
                details).withWarnings(warnings);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }


    /** Computes and writes every metrics output into the context's folder; returns what the headline shows. */
    public static Outcome write(JobContext<MetricsOptions> context) throws IOException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        MetricsOptions options = context.options();
        ReceivablesLedger all = ReceivablesLedger.read(spark, OutputFiles.child(options.input(), "canonical"));
        LocalDate asOf = options.asOf() != null ? options.asOf() : all.latestDate();
        if (asOf == null) {
            throw new IllegalArgumentException(options.input() + ": the canonical invoices are empty");
        }
        LocalDate lastMonthEnd = asOf.equals(YearMonth.from(asOf).atEndOfMonth()) ? asOf
                : YearMonth.from(asOf).minusMonths(1).atEndOfMonth();
        ReceivablesLedger ledger = all.asOf(asOf);
        List<String> dims = options.dimensions();
        AgingBuckets buckets = options.buckets();

        Dataset<Row> history = InvoiceHistory.of(ledger, dims).localCheckpoint();
        Dataset<Row> invoiceMonths = MonthEndBalances.invoiceMonths(history, lastMonthEnd, buckets).localCheckpoint();
        MonthlyFigures.Tables tables = MonthlyFigures.of(history, invoiceMonths, dims, asOf, lastMonthEnd,
                options.graceDays(), buckets);

        Map<List<String>, List<PeriodMetrics.Month>> bySlice = monthsBySlice(tables.monthly().collectAsList(),
                buckets.count(), YearMonth.from(lastMonthEnd));
        List<Row> periodRows = new ArrayList<>();
        List<Row> trendRows = new ArrayList<>();
        List<PeriodMetrics.Period> totalPeriods = List.of();
        for (Map.Entry<List<String>, List<PeriodMetrics.Month>> slice : bySlice.entrySet()) {
            List<PeriodMetrics.Period> periods = PeriodMetrics.of(slice.getValue(), options.dayCount());
            if (slice.getKey().equals(List.of(Slices.TOTAL, Slices.ALL))) {
                totalPeriods = periods;
            }
            for (PeriodMetrics.Period p : periods) {
                periodRows.add(MetricsTables.periodRow(slice.getKey(), p, buckets));
            }
            trendRows.addAll(trendRows(slice.getKey(), periods, options.trends()));
        }
        OutputTable periodTable = MetricsTables.periodMetrics(buckets);
        write(context, periodTable, periodTable.frame(spark, periodRows).orderBy(MetricsTables.DIMENSION.col(),
                MetricsTables.VALUE.col(), MetricsTables.PERIOD_TYPE.col(), MetricsTables.PERIOD.col()));
        write(context, MetricsTables.TRENDS, MetricsTables.TRENDS.frame(spark, trendRows).orderBy(
                MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(), MetricsTables.METRIC.col()));

        List<Row> cohortRows = cohortRows(tables.cohorts().collectAsList(), bySlice);
        write(context, MetricsTables.COHORT_CURVES, MetricsTables.COHORT_CURVES.frame(spark, cohortRows).orderBy(
                MetricsTables.DIMENSION.col(), MetricsTables.VALUE.col(), MetricsTables.COHORT_MONTH.col(),
                MetricsTables.MONTHS_AFTER.col()));

        Dataset<Row> openItems = OpenItems.byInvoice(history, asOf, buckets, dims).localCheckpoint();
        OutputTable openTable = MetricsTables.openItems(dims);
        openTable.conform(openItems.orderBy(MetricsTables.CUSTOMER_ID.col(), MetricsTables.DUE_DATE.col(),
                MetricsTables.INVOICE_ID.col())).write().mode(SaveMode.Overwrite).parquet(context.output(
                openTable.name()));
        context.recordRows(openTable.name(), openItems.count());
        List<String> customerDims = dims.stream().filter(d -> CanonicalTable.INVOICES.field(d).isEmpty()).toList();
        write(context, MetricsTables.agingByCustomer(customerDims, buckets), OpenItems.byCustomer(openItems, buckets,
                customerDims));
        Dataset<Row> agingBySlice = Slices.sum(openItems.select(agingColumns(buckets, dims)), dims, List.of("as_of"),
                agingMeasures(buckets));
        write(context, MetricsTables.agingBySlice(buckets), agingBySlice.orderBy(MetricsTables.DIMENSION.col(),
                MetricsTables.VALUE.col()));

        List<RollRates.Roll> rolls = totalRolls(tables.rolls().collectAsList(), buckets.count());
        write(context, MetricsTables.ROLL_RATES, MetricsTables.ROLL_RATES.frame(spark, rollRows(rolls, buckets))
                .orderBy(MetricsTables.MONTH_END.col(), MetricsTables.BUCKET_INDEX.col()));
        List<BigDecimal> balances = totalBalances(agingBySlice, buckets);
        List<Double> rates = RollRates.average(rolls, buckets.count(), options.rollMonths());
        List<ProvisionMatrix.Line> provision = ProvisionMatrix.of(buckets.labels(), rates, balances,
                options.overlay());
        write(context, MetricsTables.PROVISION_MATRIX, MetricsTables.PROVISION_MATRIX.frame(spark,
                provisionRows(provision, asOf, options.overlay(), RollRates.monthsUsed(rolls, buckets.count(),
                        options.rollMonths()))));

        long aboveOne = rolls.stream().filter(RollRates.Roll::aboveOne).count();
        Outcome outcome = new Outcome(asOf, lastMonthEnd, totalPeriods, provision, ProvisionMatrix.total(provision),
                aboveOne);
        MetricsTables.RunOptions recorded = new MetricsTables.RunOptions(options.input(), options.output(),
                asOf.toString(), lastMonthEnd.toString(), buckets.labels(), dims, options.dayCount().name(),
                options.graceDays(), options.rollMonths(), options.overlay());
        MetricsTables.RunOutputs written = new MetricsTables.RunOutputs(periodRows.size(), trendRows.size(),
                cohortRows.size(), rolls.size(), outcome.ecl().toPlainString(), aboveOne);
        RunManifest<?, ?, ?> manifest = RunManifest.finished("metrics", started, recorded, Map.of(), written,
                aboveOne > 0 ? "passed_with_data_warnings" : "passed", null);
        OutputFiles.writeText(spark, context.output(MetricsTables.MANIFEST), manifest.toJson());
        return outcome;
    }

    // ---- monthly figures to periods

    private static Map<List<String>, List<PeriodMetrics.Month>> monthsBySlice(List<Row> rows, int bucketCount,
            YearMonth last) {
        Map<List<String>, SortedMap<YearMonth, PeriodMetrics.Month>> found = new TreeMap<>(
                (a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
        YearMonth first = null;
        for (Row r : rows) {
            YearMonth month = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            first = first == null || month.isBefore(first) ? month : first;
            List<BigDecimal> bucketAmounts = new ArrayList<>();
            for (int k = 0; k < bucketCount; k++) {
                bucketAmounts.add(money(r, "bucket_" + k));
            }
            found.computeIfAbsent(List.of(r.getAs(Slices.DIMENSION), r.getAs(Slices.VALUE)), k -> new TreeMap<>())
                    .put(month, new PeriodMetrics.Month(month, money(r, "credit_sales"), money(r, "collections"),
                            money(r, "credit_memos"), money(r, "write_offs"), money(r, "ending_ar"),
                            money(r, "current_ar"), bucketAmounts, money(r, "past_due_day_amount"),
                            money(r, "disputed_ar"), count(r, "invoices_issued"), count(r, "invoices_disputed"),
                            count(r, "due_count"), money(r, "due_amount"), count(r, "on_time_count"),
                            money(r, "on_time_amount"), money(r, "cohort_paid"), money(r, "cohort_pay_days_amount"),
                            money(r, "cohort_late_days_amount"), money(r, "cohort_open")));
        }
        Map<List<String>, List<PeriodMetrics.Month>> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, SortedMap<YearMonth, PeriodMetrics.Month>> e : found.entrySet()) {
            // Every slice runs over the same months, so that a month with nothing open reads as zero AR.
            List<PeriodMetrics.Month> months = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(e.getValue().getOrDefault(m, PeriodMetrics.Month.empty(m, bucketCount)));
            }
            out.put(e.getKey(), months);
        }
        return out;
    }

    private static BigDecimal money(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? BigDecimal.ZERO : ((BigDecimal) v).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static long count(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    // ---- period metrics rows

    // ---- trends

    /** The monthly series a CFO follows, each with its trend. */
    static final Map<String, Function<PeriodMetrics.Period, Double>> TREND_METRICS = new LinkedHashMap<>();

    static {
        TREND_METRICS.put("dso_countback", PeriodMetrics.Period::dsoCountback);
        TREND_METRICS.put("dso_standard", PeriodMetrics.Period::dsoStandard);
        TREND_METRICS.put("bpdso_countback", PeriodMetrics.Period::bpdsoCountback);
        TREND_METRICS.put("ddso_countback", PeriodMetrics.Period::ddsoCountback);
        TREND_METRICS.put("cei", PeriodMetrics.Period::cei);
        TREND_METRICS.put("add_past_due", PeriodMetrics.Period::addPastDue);
        TREND_METRICS.put("credit_sales", p -> p.creditSales().doubleValue());
        TREND_METRICS.put("collections", p -> p.collections().doubleValue());
        TREND_METRICS.put("ending_ar", p -> p.endingAr().doubleValue());
        TREND_METRICS.put("past_due_share", p -> PeriodMetrics.ratio(p.pastDueAr(), p.endingAr()));
        TREND_METRICS.put("collection_ratio", PeriodMetrics.Period::collectionRatio);
        TREND_METRICS.put("on_time_rate_amount", PeriodMetrics.Period::onTimeRateAmount);
        TREND_METRICS.put("dispute_rate", PeriodMetrics.Period::disputeRate);
        TREND_METRICS.put("bad_debt_ratio", PeriodMetrics.Period::badDebtRatio);
        TREND_METRICS.put("avg_days_to_pay", PeriodMetrics.Period::avgDaysToPay);
        TREND_METRICS.put("wadl", PeriodMetrics.Period::wadl);
    }

    private static List<Row> trendRows(List<String> slice, List<PeriodMetrics.Period> periods, TrendConfig config) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Function<PeriodMetrics.Period, Double>> metric : TREND_METRICS.entrySet()) {
            SortedMap<YearMonth, Double> series = new TreeMap<>();
            for (PeriodMetrics.Period p : periods) {
                if (p.periodType().equals(PeriodMetrics.MONTH)) {
                    series.put(YearMonth.from(p.start()), metric.getValue().apply(p));
                }
            }
            if (series.values().stream().noneMatch(v -> v != null && Double.isFinite(v))) {
                continue;
            }
            Trends.Trend t = Trends.of(series, config);
            rows.add(MetricsTables.TRENDS.row().set(MetricsTables.DIMENSION, slice.get(0))
                    .set(MetricsTables.VALUE, slice.get(1)).set(MetricsTables.METRIC, metric.getKey())
                    .set(MetricsTables.LATEST_MONTH, t.latestMonth().toString()).set(MetricsTables.LATEST, t.latest())
                    .set(MetricsTables.PREVIOUS, t.previous())
                    .set(MetricsTables.CHANGE_VS_PREVIOUS, t.changeVsPrevious())
                    .set(MetricsTables.YEAR_AGO, t.yearAgo()).set(MetricsTables.CHANGE_VS_YEAR_AGO, t.changeVsYearAgo())
                    .set(MetricsTables.POINTS, t.points()).set(MetricsTables.SLOPE_PER_MONTH, t.slopePerMonth())
                    .set(MetricsTables.SLOPE_LOW, t.slopeLow()).set(MetricsTables.SLOPE_HIGH, t.slopeHigh())
                    .set(MetricsTables.P_VALUE, t.pValue()).set(MetricsTables.RANGE_LOW, t.rangeLow())
                    .set(MetricsTables.RANGE_HIGH, t.rangeHigh()).set(MetricsTables.RANGE_FLAG, t.rangeFlag())
                    .build());
        }
        return rows;
    }

    // ---- cohort curves

    private static List<Row> cohortRows(List<Row> collected, Map<List<String>, List<PeriodMetrics.Month>> bySlice) {
        Map<List<String>, Map<YearMonth, Map<Integer, BigDecimal>>> cells = new LinkedHashMap<>();
        for (Row r : collected) {
            YearMonth cohort = YearMonth.from((LocalDate) r.getAs("cohort_month"));
            YearMonth paid = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            int k = (int) cohort.until(paid, java.time.temporal.ChronoUnit.MONTHS);
            cells.computeIfAbsent(List.of(r.getAs(Slices.DIMENSION), r.getAs(Slices.VALUE)), s -> new TreeMap<>())
                    .computeIfAbsent(cohort, c -> new TreeMap<>()).merge(k, money(r, "collected"), BigDecimal::add);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<PeriodMetrics.Month>> slice : bySlice.entrySet()) {
            List<PeriodMetrics.Month> months = slice.getValue();
            YearMonth last = months.get(months.size() - 1).month();
            Map<YearMonth, Map<Integer, BigDecimal>> sliceCells = cells.getOrDefault(slice.getKey(), Map.of());
            for (PeriodMetrics.Month m : months) {
                if (m.creditSales().signum() == 0) {
                    continue;
                }
                Map<Integer, BigDecimal> paid = sliceCells.getOrDefault(m.month(), Map.of());
                BigDecimal cumulative = BigDecimal.ZERO;
                for (int k = 0; k <= COHORT_MONTHS && !m.month().plusMonths(k).isAfter(last); k++) {
                    cumulative = cumulative.add(paid.getOrDefault(k, BigDecimal.ZERO));
                    rows.add(MetricsTables.COHORT_CURVES.row().set(MetricsTables.DIMENSION, slice.getKey().get(0))
                            .set(MetricsTables.VALUE, slice.getKey().get(1))
                            .set(MetricsTables.COHORT_MONTH, m.month().toString()).set(MetricsTables.MONTHS_AFTER, k)
                            .set(MetricsTables.BILLED, m.creditSales())
                            .set(MetricsTables.COLLECTED_TO_DATE, cumulative)
                            .set(MetricsTables.COLLECTED_SHARE, PeriodMetrics.ratio(cumulative, m.creditSales()))
                            .build());
                }
            }
        }
        return rows;
    }

    // ---- roll rates and provision matrix (total portfolio)

    private static List<RollRates.Roll> totalRolls(List<Row> rows, int bucketCount) {
        SortedMap<YearMonth, List<RollRates.Movement>> movements = new TreeMap<>();
        for (Row r : rows) {
            if (!Slices.TOTAL.equals(r.getAs(Slices.DIMENSION))) {
                continue;
            }
            YearMonth month = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            List<RollRates.Movement> buckets = movements.computeIfAbsent(month, m -> {
                List<RollRates.Movement> empty = new ArrayList<>();
                for (int k = 0; k < bucketCount; k++) {
                    empty.add(new RollRates.Movement(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
                }
                return empty;
            });
            buckets.set(((Number) r.getAs("bucket")).intValue(), new RollRates.Movement(money(r, "from_amount"),
                    money(r, "rolled_amount"), money(r, "written_off_next")));
        }
        return RollRates.of(movements);
    }

    private static List<Row> rollRows(List<RollRates.Roll> rolls, AgingBuckets buckets) {
        List<String> labels = buckets.labels();
        List<Row> rows = new ArrayList<>();
        for (RollRates.Roll r : rolls) {
            String to = r.bucket() == labels.size() - 1 ? "write_off" : "later buckets";
            rows.add(MetricsTables.ROLL_RATES.row().set(MetricsTables.MONTH_END, r.from().atEndOfMonth())
                    .set(MetricsTables.BUCKET_INDEX, r.bucket()).set(MetricsTables.FROM_BUCKET, labels.get(r.bucket()))
                    .set(MetricsTables.TO, to).set(MetricsTables.FROM_AMOUNT, r.fromAmount())
                    .set(MetricsTables.ROLLED_AMOUNT, r.rolledAmount()).set(MetricsTables.ROLL_RATE, r.rate())
                    .set(MetricsTables.ABOVE_ONE, r.aboveOne()).build());
        }
        return rows;
    }

    private static List<Row> provisionRows(List<ProvisionMatrix.Line> lines, LocalDate asOf, double overlay,
            List<Integer> monthsUsed) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            ProvisionMatrix.Line l = lines.get(k);
            rows.add(provisionRow(asOf, l.bucket(), monthsUsed.get(k), l.rollRate(), l.lossRate(), overlay,
                    l.balance(), l.ecl()));
        }
        rows.add(provisionRow(asOf, MetricsTables.TOTAL_LINE, null, null, null, overlay,
                lines.stream().map(ProvisionMatrix.Line::balance).reduce(BigDecimal.ZERO, BigDecimal::add),
                ProvisionMatrix.total(lines)));
        return rows;
    }

    private static Row provisionRow(LocalDate asOf, String bucket, Integer monthsAveraged, Double rollRate,
            Double lossRate, double overlay, BigDecimal balance, BigDecimal ecl) {
        return MetricsTables.PROVISION_MATRIX.row().set(MetricsTables.AS_OF, asOf).set(MetricsTables.BUCKET, bucket)
                .set(MetricsTables.MONTHS_AVERAGED, monthsAveraged).set(MetricsTables.ROLL_RATE, rollRate)
                .set(MetricsTables.LOSS_RATE, lossRate).set(MetricsTables.OVERLAY, overlay)
                .set(MetricsTables.BALANCE, balance).set(MetricsTables.ECL, ecl).build();
    }

    // ---- aging by slice

    private static List<String> agingMeasures(AgingBuckets buckets) {
        List<String> m = new ArrayList<>(List.of("open_amount", "disputed_amount"));
        buckets.labels().forEach(l -> m.add(AgingBuckets.column(l)));
        return m;
    }

    private static org.apache.spark.sql.Column[] agingColumns(AgingBuckets buckets, List<String> dims) {
        List<org.apache.spark.sql.Column> c = new ArrayList<>(List.of(org.apache.spark.sql.functions.col("as_of"),
                org.apache.spark.sql.functions.col("open_amount"),
                org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("disputed"),
                        org.apache.spark.sql.functions.col("open_amount")).otherwise(BigDecimal.ZERO)
                        .cast("decimal(18,2)").as("disputed_amount")));
        for (String label : buckets.labels()) {
            c.add(org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("bucket").equalTo(label),
                    org.apache.spark.sql.functions.col("open_amount")).otherwise(BigDecimal.ZERO)
                    .cast("decimal(18,2)").as(AgingBuckets.column(label)));
        }
        dims.forEach(d -> c.add(org.apache.spark.sql.functions.col(d)));
        return c.toArray(org.apache.spark.sql.Column[]::new);
    }

    private static List<BigDecimal> totalBalances(Dataset<Row> agingBySlice, AgingBuckets buckets) {
        List<Row> total = agingBySlice.filter(org.apache.spark.sql.functions.col(Slices.DIMENSION).equalTo(Slices.TOTAL))
                .collectAsList();
        List<BigDecimal> balances = new ArrayList<>();
        for (String label : buckets.labels()) {
            balances.add(total.isEmpty() ? BigDecimal.ZERO : money(total.get(0), AgingBuckets.column(label)));
        }
        return balances;
    }

    // ---- output

    /** Parquet for tools, and the same as one CSV for people. */
    private static void write(JobContext<?> context, OutputTable table, Dataset<Row> rows) throws IOException {
        context.writeTable(table, castMoney(rows));
    }

    private static Dataset<Row> castMoney(Dataset<Row> rows) {
        Dataset<Row> out = rows;
        for (StructField f : rows.schema().fields()) {
            if (f.dataType() instanceof org.apache.spark.sql.types.DecimalType) {
                out = out.withColumn(f.name(), org.apache.spark.sql.functions.col(f.name()).cast(MONEY));
            }
        }
        return out;
    }
}
