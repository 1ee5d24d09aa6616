package io.arscope.forecast;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * The forecast job: expected cash collections by week for the next weeks after the as-of date, with a prediction
 * interval, and DSO at the next three month-ends; the same forecast made again at weekly origins of the past year
 * and set against what was collected, which both measures it (WAPE, bias, coverage by week ahead) and gives the
 * interval. Only the ledger as known on the as-of date is read, so a forecast made as of a past date is the one
 * that would have been made then.
 */
public final class ForecastJob implements Job<ForecastOptions> {

    public static final String CASH_FORECAST = "cash_forecast";
    public static final String DSO_FORECAST = "dso_forecast";
    public static final String BACKTEST = "forecast_backtest";
    public static final String ACCURACY = "forecast_accuracy";
    public static final String MANIFEST = "forecast-run.json";
    static final int DSO_MONTHS = 3;

    private static final DataType MONEY = DataTypes.createDecimalType(18, 2);

    /** One week of the forecast made as of the as-of date. */
    public record Week(int week, LocalDate start, LocalDate end, double fromOpen, double fromNewSales, Double lower,
            Double upper, int calibration) {

        public double expected() {
            return fromOpen + fromNewSales;
        }
    }

    /** What a run found. */
    public record Outcome(LocalDate asOf, double openAr, double beyondHorizonAr, List<Week> weeks,
            List<DsoForecast.MonthEnd> dso, List<ForecastBacktest.Evaluated> backtest,
            List<ForecastBacktest.Accuracy> accuracy) {
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public void check(ForecastOptions options) throws InputException {
        EarlierOutput.require(options.input(), "canonical/invoices", "ingest");
    }

    @Override
    public JobOutcome run(JobContext<ForecastOptions> context) throws IOException {
        ForecastOptions options = context.options();
        Outcome o = write(context);
        double total = o.weeks().stream().mapToDouble(Week::expected).sum();
        List<String> details = new ArrayList<>();
        details.add(String.format("as of %s: open AR %,.2f; expected cash over %d weeks %,.2f", o.asOf(), o.openAr(),
                options.weeks(), total));
        for (DsoForecast.MonthEnd m : o.dso()) {
            details.add(String.format("  %s: ending AR %,.2f, DSO %.1f", m.monthEnd(), m.endingAr(),
                    m.dso() == null ? Double.NaN : m.dso()));
        }
        for (ForecastBacktest.Accuracy a : o.accuracy()) {
            if (a.week() == 1 || a.week() == 4 || a.week() == options.weeks()) {
                details.add(String.format("  backtest week %d ahead: %d origins, WAPE %s, interval coverage %s (%d)",
                        a.week(), a.origins(), percent(a.wape()), percent(a.coverage()), a.withInterval()));
            }
        }
        return JobOutcome.ok(context, "forecast: as of " + o.asOf(), details);
    }

    private static String percent(Double share) {
        return share == null ? "n/a" : String.format("%.1f%%", share * 100);
    }

    /** Forecasts and writes every forecast output into the context's folder. */
    public static Outcome write(JobContext<ForecastOptions> context) throws IOException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        ForecastOptions options = context.options();
        ReceivablesLedger all = ReceivablesLedger.read(spark, OutputFiles.child(options.input(), "canonical"));
        LocalDate asOf = options.asOf() != null ? options.asOf() : all.latestDate();
        if (asOf == null) {
            throw new IllegalArgumentException(options.input() + ": the canonical invoices are empty");
        }
        Outcome outcome = forecast(all.asOf(asOf), asOf, options);
        write(context, outcome);
        RunManifest manifest = new RunManifest("forecast", started);
        manifest.option("input", options.input());
        manifest.option("output", options.output());
        manifest.option("as_of", asOf.toString());
        manifest.option("segment_by", options.segmentBy() == null ? "" : options.segmentBy());
        manifest.option("weeks", options.weeks());
        manifest.option("backtest_weeks", options.backtestWeeks());
        manifest.option("interval_level", options.intervalLevel());
        manifest.option("sales_weeks", options.salesWeeks());
        manifest.option("max_days_past_due", options.maxDaysPastDue());
        manifest.output("open_ar", money(outcome.openAr()).toPlainString());
        manifest.output("open_ar_beyond_curve", money(outcome.beyondHorizonAr()).toPlainString());
        manifest.output(BACKTEST, outcome.backtest().size());
        manifest.status("passed");
        OutputFiles.writeText(spark, context.output(MANIFEST), manifest.finish().toJson());
        return outcome;
    }

    /** The forecast and its backtest from a ledger already cut at {@code asOf}; writes nothing. */
    public static Outcome forecast(ReceivablesLedger ledger, LocalDate asOf, ForecastOptions options) {
        List<String> dims = options.segmentBy() == null ? List.of() : List.of(options.segmentBy());
        Dataset<Row> history = InvoiceHistory.of(ledger, dims).localCheckpoint();
        List<LocalDate> origins = new ArrayList<>();
        for (int m = options.backtestWeeks(); m >= 1; m--) {
            origins.add(asOf.minusDays(7L * m));
        }
        origins.add(asOf);
        int horizonDays = 7 * options.weeks();
        int days = Math.max(horizonDays, DsoForecast.daysToCover(asOf, DSO_MONTHS));
        Map<LocalDate, OriginTables> tables = collect(
                SettlementTables.of(history, origins, options.segmentBy(), options, horizonDays), options);
        TreeMap<LocalDate, Double> sales = new TreeMap<>();
        for (Row r : SettlementTables.dailySales(history).collectAsList()) {
            sales.put(r.getAs("invoice_date"), ((BigDecimal) r.getAs("sales")).doubleValue());
        }

        List<ForecastBacktest.OriginForecast> past = new ArrayList<>();
        CashForecast today = null;
        for (LocalDate origin : origins) {
            OriginTables t = tables.getOrDefault(origin, new OriginTables(options));
            double dailySales = sales.subMap(origin.minusDays(7L * options.salesWeeks()), false, origin, true).values()
                    .stream().mapToDouble(Double::doubleValue).sum() / (7.0 * options.salesWeeks());
            CashForecast f = t.forecast(dailySales, origin.equals(asOf) ? days : horizonDays, options);
            if (origin.equals(asOf)) {
                today = f;
                continue;
            }
            double[] weekly = new double[options.weeks()];
            double[] actual = new double[options.weeks()];
            for (int w = 1; w <= options.weeks(); w++) {
                weekly[w - 1] = f.openCashInWeek(w) + f.newCashInWeek(w);
                actual[w - 1] = origin.plusDays(7L * w).isAfter(asOf) ? Double.NaN
                        : CashForecast.sum(t.actual, 7 * (w - 1) + 1, 7 * w);
            }
            past.add(new ForecastBacktest.OriginForecast(origin, weekly, actual));
        }

        List<Week> weeks = new ArrayList<>();
        for (int w = 1; w <= options.weeks(); w++) {
            double expected = today.openCashInWeek(w) + today.newCashInWeek(w);
            ForecastBacktest.Interval i = ForecastBacktest.interval(past, asOf, w, expected, options.intervalLevel(),
                    options.minCalibration());
            weeks.add(new Week(w, asOf.plusDays(7L * (w - 1) + 1), asOf.plusDays(7L * w), today.openCashInWeek(w),
                    today.newCashInWeek(w), i.lower(), i.upper(), i.calibration()));
        }
        OriginTables now = tables.getOrDefault(asOf, new OriginTables(options));
        double booked = sales.subMap(asOf.withDayOfMonth(1), true, asOf, true).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        List<DsoForecast.MonthEnd> dso = DsoForecast.of(asOf, now.openAr, today, booked, DSO_MONTHS);
        List<ForecastBacktest.Evaluated> evaluated = ForecastBacktest.evaluate(past, options.intervalLevel(),
                options.minCalibration());
        return new Outcome(asOf, now.openAr, now.beyondCurve, weeks, dso, evaluated,
                ForecastBacktest.accuracy(evaluated, options.weeks()));
    }

    /** The day-offset sums of one origin, turned into settlement curves and balances. */
    private static final class OriginTables {
        final Map<String, SettlementCurve.Builder> due = new LinkedHashMap<>();
        final SettlementCurve.Builder allDue;
        final SettlementCurve.Builder newInvoice;
        final List<CashForecast.OpenBalance> open = new ArrayList<>();
        final double[] actual;
        double openAr;
        double beyondCurve;

        OriginTables(ForecastOptions options) {
            allDue = new SettlementCurve.Builder(options.earliestOffset(), options.maxDaysPastDue());
            newInvoice = new SettlementCurve.Builder(0, options.newInvoiceDays());
            actual = new double[7 * options.weeks()];
        }

        CashForecast forecast(double dailySales, int days, ForecastOptions options) {
            Map<String, SettlementCurve> curves = new HashMap<>();
            for (Map.Entry<String, SettlementCurve.Builder> e : due.entrySet()) {
                if (e.getValue().invoices() >= options.minSegmentInvoices()) {
                    curves.put(e.getKey(), e.getValue().build());
                }
            }
            return CashForecast.of(curves, allDue.build(), open, newInvoice.build(), dailySales, days);
        }
    }

    private static Map<LocalDate, OriginTables> collect(Dataset<Row> rows, ForecastOptions options) {
        Map<LocalDate, OriginTables> out = new HashMap<>();
        List<Row> collected = new ArrayList<>(rows.collectAsList());
        // Sums of doubles depend on their order; a fixed order keeps reruns byte-identical.
        collected.sort(Comparator.comparing((Row r) -> (LocalDate) r.getAs("origin"))
                .thenComparing(r -> (String) r.getAs("kind")).thenComparing(r -> (String) r.getAs("segment"))
                .thenComparingInt(r -> r.getAs("offset")));
        for (Row r : collected) {
            OriginTables t = out.computeIfAbsent(r.getAs("origin"), o -> new OriginTables(options));
            String kind = r.getAs("kind");
            String segment = r.getAs("segment");
            int offset = r.getAs("offset");
            double entered = number(r, "entered");
            double cash = number(r, "cash");
            double other = number(r, "other");
            double open = number(r, "open");
            long invoices = r.getAs("invoices");
            switch (kind) {
                case SettlementTables.DUE -> {
                    t.due.computeIfAbsent(segment, s -> new SettlementCurve.Builder(options.earliestOffset(),
                            options.maxDaysPastDue())).add(offset, entered, cash, other, open, invoices);
                    t.allDue.add(offset, entered, cash, other, open, invoices);
                    if (open != 0) {
                        t.open.add(new CashForecast.OpenBalance(segment, offset, open));
                        t.openAr += open;
                        if (offset > options.maxDaysPastDue()) {
                            t.beyondCurve += open;
                        }
                    }
                }
                case SettlementTables.NEW_INVOICE -> t.newInvoice.add(offset, entered, cash, other, open, invoices);
                default -> t.actual[offset - 1] += cash;
            }
        }
        return out;
    }

    private static double number(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0 : ((BigDecimal) v).doubleValue();
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(Double amount) {
        return amount == null ? null : money(amount.doubleValue());
    }

    private static Double rounded(Double value, int places) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    // ---- outputs

    private static final StructType CASH_SCHEMA = new StructType()
            .add("as_of", DataTypes.DateType, false).add("week", DataTypes.IntegerType, false)
            .add("week_start", DataTypes.DateType, false).add("week_end", DataTypes.DateType, false)
            .add("from_open_invoices", MONEY, false).add("from_new_sales", MONEY, false)
            .add("expected_cash", MONEY, false).add("lower", MONEY, true).add("upper", MONEY, true)
            .add("interval_level", DataTypes.DoubleType, false).add("calibration_errors", DataTypes.IntegerType, false);

    private static final StructType DSO_SCHEMA = new StructType()
            .add("as_of", DataTypes.DateType, false).add("month_end", DataTypes.DateType, false)
            .add("days_ahead", DataTypes.IntegerType, false).add("credit_sales", MONEY, false)
            .add("expected_collections", MONEY, false).add("ending_ar", MONEY, false)
            .add("days_in_month", DataTypes.IntegerType, false).add("dso", DataTypes.DoubleType, true);

    private static final StructType BACKTEST_SCHEMA = new StructType()
            .add("origin", DataTypes.DateType, false).add("week", DataTypes.IntegerType, false)
            .add("week_start", DataTypes.DateType, false).add("week_end", DataTypes.DateType, false)
            .add("forecast", MONEY, false).add("lower", MONEY, true).add("upper", MONEY, true)
            .add("actual", MONEY, false).add("abs_error", MONEY, false).add("covered", DataTypes.BooleanType, true)
            .add("calibration_errors", DataTypes.IntegerType, false);

    private static final StructType ACCURACY_SCHEMA = new StructType()
            .add("as_of", DataTypes.DateType, false).add("week", DataTypes.IntegerType, false)
            .add("origins", DataTypes.IntegerType, false).add("actual", MONEY, false).add("forecast", MONEY, false)
            .add("wape", DataTypes.DoubleType, true).add("bias", DataTypes.DoubleType, true)
            .add("origins_with_interval", DataTypes.IntegerType, false).add("coverage", DataTypes.DoubleType, true)
            .add("interval_level", DataTypes.DoubleType, false);

    private static void write(JobContext<ForecastOptions> context, Outcome o) throws IOException {
        SparkSession spark = context.spark();
        ForecastOptions options = context.options();
        List<Row> cash = new ArrayList<>();
        for (Week w : o.weeks()) {
            cash.add(RowFactory.create(o.asOf(), w.week(), w.start(), w.end(), money(w.fromOpen()),
                    money(w.fromNewSales()), money(w.expected()), money(w.lower()), money(w.upper()),
                    options.intervalLevel(), w.calibration()));
        }
        context.writeTable(spark.createDataFrame(cash, CASH_SCHEMA).orderBy("week"), CASH_FORECAST);
        List<Row> dso = new ArrayList<>();
        for (DsoForecast.MonthEnd m : o.dso()) {
            dso.add(RowFactory.create(o.asOf(), m.monthEnd(), m.daysAhead(), money(m.creditSales()),
                    money(m.expectedCollections()), money(m.endingAr()), m.daysInMonth(), rounded(m.dso(), 1)));
        }
        context.writeTable(spark.createDataFrame(dso, DSO_SCHEMA).orderBy("month_end"), DSO_FORECAST);
        List<Row> backtest = new ArrayList<>();
        for (ForecastBacktest.Evaluated e : o.backtest()) {
            backtest.add(RowFactory.create(e.origin(), e.week(), e.origin().plusDays(7L * (e.week() - 1) + 1),
                    e.origin().plusDays(7L * e.week()), money(e.forecast()), money(e.lower()), money(e.upper()),
                    money(e.actual()), money(Math.abs(e.actual() - e.forecast())), e.covered(), e.calibration()));
        }
        context.writeTable(spark.createDataFrame(backtest, BACKTEST_SCHEMA).orderBy(col("origin"), col("week")),
                BACKTEST);
        List<Row> accuracy = new ArrayList<>();
        for (ForecastBacktest.Accuracy a : o.accuracy()) {
            accuracy.add(RowFactory.create(o.asOf(), a.week(), a.origins(), money(a.actual()), money(a.forecast()),
                    rounded(a.wape(), 4), rounded(a.bias(), 4), a.withInterval(), rounded(a.coverage(), 4),
                    options.intervalLevel()));
        }
        context.writeTable(spark.createDataFrame(accuracy, ACCURACY_SCHEMA).orderBy("week"), ACCURACY);
    }
}
