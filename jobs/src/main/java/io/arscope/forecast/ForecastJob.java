package io.arscope.forecast;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.SummaryFigure;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.LedgerRows;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
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

    static final int DSO_MONTHS = 3;


    /** One week of the forecast made as of the as-of date. */
    public record Week(int week, LocalDate start, LocalDate end, double fromOpen, double fromNewSales, Double lower,
            Double upper, int calibration, Double lowerToDate, Double upperToDate) {

        /** The week's cash as stored: its two parts each rounded to the cent, then added, so that the row adds up. */
        public BigDecimal expectedCash() {
            return money(fromOpen).add(money(fromNewSales));
        }
    }

    /** What a run found. */
    public record Outcome(LocalDate asOf, double openAr, double beyondHorizonAr, List<Week> weeks,
            List<DsoForecast.MonthEnd> dso, List<ForecastBacktest.Evaluated> backtest,
            List<ForecastBacktest.Accuracy> accuracy, List<ForecastBacktest.Accuracy> accuracyToDate,
            SalesConcentration concentration) {

        /** Published with warnings when one invoice is most of the sales the new sales are the mean of. */
        JobOutcome.Status status() {
            return concentration == null ? JobOutcome.Status.OK : JobOutcome.Status.WARNINGS;
        }

        /** The cash expected over the horizon: the weeks' stored amounts added up. */
        BigDecimal expectedCash() {
            return weeks.stream().map(Week::expectedCash).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public void check(ForecastOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
    }

    @Override
    public JobOutcome run(JobContext<ForecastOptions> context) throws IOException, InputException {
        Outcome o = write(context);
        JobOutcome outcome = JobOutcome.ok(context, summary(o, context.options()),
                details(o, context.options().weeks()));
        return o.concentration() == null ? outcome
                : outcome.withWarnings(List.of(o.concentration().describe())).withStatus(o.status());
    }

    /**
     * The summary line: the cash expected over the horizon with its own interval (the weeks' bounds do not add up to
     * one for the total), the first week's, and DSO at the next month-end.
     */
    static String summary(Outcome o, ForecastOptions options) {
        BigDecimal total = o.expectedCash();
        StringBuilder line = new StringBuilder(String.format("forecast: as of %s, expected cash over %d weeks %,.2f",
                o.asOf(), o.weeks().size(), total));
        if (!o.weeks().isEmpty()) {
            Week last = o.weeks().get(o.weeks().size() - 1);
            line.append(" (").append(interval(options, last.lowerToDate(), last.upperToDate())).append(")");
            Week first = o.weeks().get(0);
            line.append(String.format(", week 1 %,.2f (%s)", first.expectedCash(),
                    interval(options, first.lower(), first.upper())));
        }
        if (!o.dso().isEmpty()) {
            DsoForecast.MonthEnd next = o.dso().get(0);
            line.append(String.format(", DSO at %s %s", next.monthEnd(), SummaryFigure.of(next.dso(), "%.1f",
                    "no credit sales expected in " + YearMonth.from(next.monthEnd()))));
        }
        return line.toString();
    }

    private static String interval(ForecastOptions options, Double lower, Double upper) {
        return String.format("%.0f%% interval %s", 100 * options.intervalLevel(), lower == null || upper == null
                ? SummaryFigure.notAvailable("too few earlier origins to calibrate one")
                : String.format("%,.2f to %,.2f", lower, upper));
    }

    /** What the job prints: the cash expected, DSO at the next month-ends, the backtest at weeks 1, 4 and last. */
    static List<String> details(Outcome o, int weeks) {
        BigDecimal total = o.expectedCash();
        List<String> details = new ArrayList<>();
        details.add(String.format("as of %s: open AR %,.2f; expected cash over %d weeks %,.2f", o.asOf(), o.openAr(),
                weeks, total));
        for (DsoForecast.MonthEnd m : o.dso()) {
            details.add(String.format("  %s: opening AR %,.2f + sales %,.2f - collections %,.2f - credit memos"
                    + " %,.2f - write-offs %,.2f = ending AR %,.2f, DSO %s", m.monthEnd(), m.openingAr(),
                    m.expectedSales(), m.expectedCollections(), m.expectedCreditMemos(), m.expectedWriteOffs(),
                    m.endingAr(), SummaryFigure.of(m.dso(), "%.1f", "no credit sales expected in "
                            + YearMonth.from(m.monthEnd()))));
        }
        for (ForecastBacktest.Accuracy a : o.accuracy()) {
            if (a.week() == 1 || a.week() == 4 || a.week() == weeks) {
                ForecastBacktest.Accuracy toDate = o.accuracyToDate().get(a.week() - 1);
                details.add(String.format("  backtest week %d ahead: %d origins, WAPE %s, interval coverage %s (%d),"
                        + " of the cash to the week's end %s (%d)", a.week(), a.origins(),
                        SummaryFigure.percent(asShown(a.wape()), "%.1f%%", "no cash collected in the weeks backtested"),
                        coverage(a), a.withInterval(), coverage(toDate), toDate.withInterval()));
            }
        }
        return details;
    }

    private static String coverage(ForecastBacktest.Accuracy a) {
        return SummaryFigure.percent(asShown(a.coverage()), "%.1f%%",
                "too few earlier origins to calibrate an interval");
    }

    /** Forecasts and writes every forecast output into the context's folder. */
    public static Outcome write(JobContext<ForecastOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        ForecastOptions options = context.options();
        ReceivablesLedger all = ReceivablesLedger.read(spark, OutputFiles.child(options.input(), "canonical"));
        LocalDate asOf = options.asOf() != null ? options.asOf() : all.latestDate();
        if (asOf == null) {
            throw new IllegalArgumentException(options.input() + ": the canonical invoices are empty");
        }
        ReceivablesLedger ledger = all.asOf(asOf);
        ReportingCurrency money = ReportingCurrency.choose(ledger, ExchangeRates.ofIngest(spark, options.input()),
                options.reportingCurrency()).orElseThrow(why -> new InputException(options.input() + ": " + why));
        // Everything forecast is open at the origin or yet to come: valued at the as-of date's rate, the last known.
        Outcome outcome = forecast(money.valuedAt(ledger, asOf), asOf, options);
        write(context, outcome, money.code());
        ForecastTables.RunOptions recorded = new ForecastTables.RunOptions(options.input(), options.output(),
                asOf.toString(), options.segmentBy() == null ? "" : options.segmentBy(), options.weeks(),
                options.backtestWeeks(), options.calibrationWeeks(), options.intervalLevel(),
                options.intervalAdaptation(), options.salesWeeks(), options.maxDaysPastDue());
        ForecastTables.RunOutputs written = new ForecastTables.RunOutputs(money(outcome.openAr()).toPlainString(),
                money(outcome.beyondHorizonAr()).toPlainString(), outcome.backtest().size(),
                outcome.concentration() == null ? null : outcome.concentration().describe());
        RunManifest<?, ?, ?> manifest = RunManifest.finished("forecast", started, recorded,
                context.recordInputs(LedgerRows.of(options.input(), all,
                        java.util.List.of(io.arscope.model.CanonicalTable.EXCHANGE_RATES))), written,
                outcome.status().word(), outcome.status().exitCode(), null);
        OutputFiles.writeText(spark, context.output(ForecastTables.MANIFEST), manifest.toJson());
        return outcome;
    }

    /** The forecast and its backtest from a ledger already cut at {@code asOf}; writes nothing. */
    public static Outcome forecast(ReceivablesLedger ledger, LocalDate asOf, ForecastOptions options) {
        List<String> dims = options.segmentBy() == null ? List.of() : List.of(options.segmentBy());
        Dataset<Row> history = InvoiceHistory.of(ledger, dims).localCheckpoint();
        List<LocalDate> origins = new ArrayList<>();
        for (int m = options.backtestWeeks() + options.calibrationWeeks(); m >= 1; m--) {
            origins.add(asOf.minusDays(7L * m));
        }
        origins.add(asOf);
        int horizonDays = 7 * options.weeks();
        int days = Math.max(horizonDays, DsoForecast.daysToCover(asOf, DSO_MONTHS));
        Map<LocalDate, OriginTables> tables = collect(
                SettlementTables.of(history, origins, options.segmentBy(), options, horizonDays), options);
        TreeMap<LocalDate, Double> sales = new TreeMap<>();
        TreeMap<LocalDate, SalesConcentration.Day> salesDays = new TreeMap<>();
        for (Row r : SettlementTables.dailySales(history).collectAsList()) {
            double daySales = ((BigDecimal) r.getAs("sales")).doubleValue();
            sales.put(r.getAs("invoice_date"), daySales);
            salesDays.put(r.getAs("invoice_date"), new SalesConcentration.Day(daySales,
                    ((BigDecimal) r.getAs("largest")).doubleValue(), r.getAs("largest_invoice")));
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

        List<ForecastBacktest.OriginForecast> pastToDate = ForecastBacktest.toDate(past);
        List<Week> weeks = new ArrayList<>();
        double toDate = 0;
        for (int w = 1; w <= options.weeks(); w++) {
            double expected = today.openCashInWeek(w) + today.newCashInWeek(w);
            toDate += expected;
            ForecastBacktest.Interval i = ForecastBacktest.interval(past, asOf, w, expected, options.intervalLevel(),
                    options.minCalibration(), options.intervalAdaptation());
            ForecastBacktest.Interval t = ForecastBacktest.interval(pastToDate, asOf, w, toDate,
                    options.intervalLevel(), options.minCalibration(), options.intervalAdaptation());
            weeks.add(new Week(w, asOf.plusDays(7L * (w - 1) + 1), asOf.plusDays(7L * w), today.openCashInWeek(w),
                    today.newCashInWeek(w), i.lower(), i.upper(), i.calibration(), t.lower(), t.upper()));
        }
        OriginTables now = tables.getOrDefault(asOf, new OriginTables(options));
        double booked = sales.subMap(asOf.withDayOfMonth(1), true, asOf, true).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        List<DsoForecast.MonthEnd> dso = DsoForecast.of(asOf, now.openAr, today, booked, DSO_MONTHS);
        LocalDate firstReported = asOf.minusDays(7L * options.backtestWeeks());
        List<ForecastBacktest.Evaluated> evaluated = ForecastBacktest.evaluate(past, firstReported,
                options.intervalLevel(), options.minCalibration(), options.intervalAdaptation());
        List<ForecastBacktest.Evaluated> evaluatedToDate = ForecastBacktest.evaluate(pastToDate, firstReported,
                options.intervalLevel(), options.minCalibration(), options.intervalAdaptation());
        return new Outcome(asOf, now.openAr, now.beyondCurve, weeks, dso, evaluated,
                ForecastBacktest.accuracy(evaluated, options.weeks()),
                ForecastBacktest.accuracy(evaluatedToDate, options.weeks()),
                SalesConcentration.of(salesDays, asOf, options.salesWeeks()));
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
            double creditMemos = number(r, "credit_memos");
            double writeOffs = number(r, "write_offs");
            double open = number(r, "open");
            long invoices = r.getAs("invoices");
            switch (kind) {
                case SettlementTables.DUE -> {
                    t.due.computeIfAbsent(segment, s -> new SettlementCurve.Builder(options.earliestOffset(),
                            options.maxDaysPastDue())).add(offset, entered, cash, creditMemos, writeOffs, open,
                                    invoices);
                    t.allDue.add(offset, entered, cash, creditMemos, writeOffs, open, invoices);
                    if (open != 0) {
                        t.open.add(new CashForecast.OpenBalance(segment, offset, open));
                        t.openAr += open;
                        if (offset > options.maxDaysPastDue()) {
                            t.beyondCurve += open;
                        }
                    }
                }
                case SettlementTables.NEW_INVOICE -> t.newInvoice.add(offset, entered, cash, creditMemos, writeOffs,
                        open, invoices);
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

    /**
     * A share as every reader of it shows it, to a tenth of a percent (0.795 for 35 of 44 origins, 79.5%): rounded
     * here, once, so that the table, the log and the report, which print it as it is stored, agree.
     */
    static Double asShown(Double share) {
        return rounded(share, 3);
    }

    private static Double rounded(Double value, int places) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    // ---- outputs

    private static void write(JobContext<ForecastOptions> context, Outcome o, String currency) throws IOException {
        ForecastOptions options = context.options();
        List<Row> cash = new ArrayList<>();
        // The weeks' stored amounts added up, so that a reader's sum of expected_cash is expected_to_date to the cent.
        BigDecimal cashToDate = BigDecimal.ZERO.setScale(2);
        for (Week w : o.weeks()) {
            cashToDate = cashToDate.add(w.expectedCash());
            cash.add(ForecastTables.CASH_FORECAST.row().set(ForecastTables.AS_OF, o.asOf())
                    .set(ForecastTables.WEEK, w.week()).set(ForecastTables.WEEK_START, w.start())
                    .set(ForecastTables.WEEK_END, w.end()).set(ForecastTables.FROM_OPEN_INVOICES, money(w.fromOpen()))
                    .set(ForecastTables.FROM_NEW_SALES, money(w.fromNewSales()))
                    .set(ForecastTables.EXPECTED_CASH, w.expectedCash()).set(ForecastTables.LOWER, money(w.lower()))
                    .set(ForecastTables.UPPER, money(w.upper()))
                    .set(ForecastTables.INTERVAL_LEVEL, options.intervalLevel())
                    .set(ForecastTables.CALIBRATION_ERRORS, w.calibration())
                    .set(ForecastTables.EXPECTED_TO_DATE, cashToDate)
                    .set(ForecastTables.LOWER_TO_DATE, money(w.lowerToDate()))
                    .set(ForecastTables.UPPER_TO_DATE, money(w.upperToDate()))
                    .set(ForecastTables.CURRENCY, currency).build());
        }
        context.writeTable(ForecastTables.CASH_FORECAST, ForecastTables.CASH_FORECAST.frame(context.spark(), cash)
                .orderBy(ForecastTables.WEEK.col()));
        List<Row> dso = new ArrayList<>();
        for (DsoForecast.MonthEnd m : o.dso()) {
            dso.add(ForecastTables.DSO_FORECAST.row().set(ForecastTables.AS_OF, o.asOf())
                    .set(ForecastTables.MONTH_END, m.monthEnd()).set(ForecastTables.DAYS_AHEAD, m.daysAhead())
                    .set(ForecastTables.OPENING_AR, m.openingAr())
                    .set(ForecastTables.EXPECTED_SALES, m.expectedSales())
                    .set(ForecastTables.EXPECTED_COLLECTIONS, m.expectedCollections())
                    .set(ForecastTables.EXPECTED_CREDIT_MEMOS, m.expectedCreditMemos())
                    .set(ForecastTables.EXPECTED_WRITE_OFFS, m.expectedWriteOffs())
                    .set(ForecastTables.ENDING_AR, m.endingAr()).set(ForecastTables.CREDIT_SALES, m.creditSales())
                    .set(ForecastTables.DAYS_IN_MONTH, m.daysInMonth()).set(ForecastTables.DSO, m.dso())
                    .set(ForecastTables.CURRENCY, currency).build());
        }
        context.writeTable(ForecastTables.DSO_FORECAST, ForecastTables.DSO_FORECAST.frame(context.spark(), dso)
                .orderBy(ForecastTables.MONTH_END.col()), ForecastTables.dsoForecastCloses());
        List<Row> backtest = new ArrayList<>();
        for (ForecastBacktest.Evaluated e : o.backtest()) {
            backtest.add(ForecastTables.BACKTEST.row().set(ForecastTables.ORIGIN, e.origin())
                    .set(ForecastTables.WEEK, e.week())
                    .set(ForecastTables.WEEK_START, e.origin().plusDays(7L * (e.week() - 1) + 1))
                    .set(ForecastTables.WEEK_END, e.origin().plusDays(7L * e.week()))
                    .set(ForecastTables.FORECAST, money(e.forecast())).set(ForecastTables.LOWER, money(e.lower()))
                    .set(ForecastTables.UPPER, money(e.upper())).set(ForecastTables.ACTUAL, money(e.actual()))
                    .set(ForecastTables.ABS_ERROR, money(e.actual()).subtract(money(e.forecast())).abs())
                    .set(ForecastTables.COVERED, e.covered()).set(ForecastTables.CALIBRATION_ERRORS, e.calibration())
                    .set(ForecastTables.CURRENCY, currency).build());
        }
        context.writeTable(ForecastTables.BACKTEST, ForecastTables.BACKTEST.frame(context.spark(), backtest)
                .orderBy(ForecastTables.ORIGIN.col(), ForecastTables.WEEK.col()));
        List<Row> accuracy = new ArrayList<>();
        for (int k = 0; k < o.accuracy().size(); k++) {
            ForecastBacktest.Accuracy a = o.accuracy().get(k);
            ForecastBacktest.Accuracy toDate = o.accuracyToDate().get(k);
            accuracy.add(ForecastTables.ACCURACY.row().set(ForecastTables.AS_OF, o.asOf())
                    .set(ForecastTables.WEEK, a.week()).set(ForecastTables.ORIGINS, a.origins())
                    .set(ForecastTables.ACTUAL, money(a.actual())).set(ForecastTables.FORECAST, money(a.forecast()))
                    .set(ForecastTables.WAPE, asShown(a.wape())).set(ForecastTables.BIAS, asShown(a.bias()))
                    .set(ForecastTables.ORIGINS_WITH_INTERVAL, a.withInterval())
                    .set(ForecastTables.COVERAGE, asShown(a.coverage()))
                    .set(ForecastTables.ORIGINS_WITH_INTERVAL_TO_DATE, toDate.withInterval())
                    .set(ForecastTables.COVERAGE_TO_DATE, asShown(toDate.coverage()))
                    .set(ForecastTables.INTERVAL_LEVEL, options.intervalLevel())
                    .set(ForecastTables.CURRENCY, currency).build());
        }
        context.writeTable(ForecastTables.ACCURACY, ForecastTables.ACCURACY.frame(context.spark(), accuracy)
                .orderBy(ForecastTables.WEEK.col()));
    }
}
