package io.arscope.forecast;

import static io.arscope.job.Column.date;
import static io.arscope.job.Column.flag;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputChecks;
import io.arscope.job.OutputTable;

/**
 * The tables the forecast job writes, each declared once: the job builds its rows through them and the CFO report
 * reads them through the same. Columns are defined in notebooks-docs/forecast-and-report.md.
 */
public final class ForecastTables {

    public static final String MANIFEST = "forecast-run.json";

    public static final Column<LocalDate> AS_OF = date("as_of").required();
    public static final Column<Integer> WEEK = integer("week").required();
    public static final Column<LocalDate> WEEK_START = date("week_start").required();
    public static final Column<LocalDate> WEEK_END = date("week_end").required();
    public static final Column<BigDecimal> LOWER = money("lower");
    public static final Column<BigDecimal> UPPER = money("upper");
    public static final Column<Double> INTERVAL_LEVEL = share("interval_level").required();
    public static final Column<Integer> CALIBRATION_ERRORS = integer("calibration_errors").required();
    public static final Column<BigDecimal> FORECAST = money("forecast").required();
    public static final Column<BigDecimal> ACTUAL = money("actual").required();
    /** The reporting currency: every amount of the row is in it (the last column of each table). */
    public static final Column<String> CURRENCY = text("currency").required();

    // cash_forecast
    public static final Column<BigDecimal> FROM_OPEN_INVOICES = money("from_open_invoices").required();
    public static final Column<BigDecimal> FROM_NEW_SALES = money("from_new_sales").required();
    public static final Column<BigDecimal> EXPECTED_CASH = money("expected_cash").required();
    /** The cash expected from the day after the as-of date to the week's end, and its own interval. */
    public static final Column<BigDecimal> EXPECTED_TO_DATE = money("expected_to_date").required();
    public static final Column<BigDecimal> LOWER_TO_DATE = money("lower_to_date");
    public static final Column<BigDecimal> UPPER_TO_DATE = money("upper_to_date");
    public static final OutputTable CASH_FORECAST = OutputTable.of("cash_forecast", AS_OF, WEEK, WEEK_START, WEEK_END,
            FROM_OPEN_INVOICES, FROM_NEW_SALES, EXPECTED_CASH, LOWER, UPPER, INTERVAL_LEVEL, CALIBRATION_ERRORS,
            EXPECTED_TO_DATE, LOWER_TO_DATE, UPPER_TO_DATE, CURRENCY).keyedBy(WEEK);

    // dso_forecast
    public static final Column<LocalDate> MONTH_END = date("month_end").required();
    public static final Column<Integer> DAYS_AHEAD = integer("days_ahead").required();
    public static final Column<BigDecimal> OPENING_AR = money("opening_ar").required();
    public static final Column<BigDecimal> EXPECTED_SALES = money("expected_sales").required();
    public static final Column<BigDecimal> EXPECTED_COLLECTIONS = money("expected_collections").required();
    public static final Column<BigDecimal> EXPECTED_CREDIT_MEMOS = money("expected_credit_memos").required();
    public static final Column<BigDecimal> EXPECTED_WRITE_OFFS = money("expected_write_offs").required();
    public static final Column<BigDecimal> ENDING_AR = money("ending_ar").required();
    public static final Column<BigDecimal> CREDIT_SALES = money("credit_sales").required();
    public static final Column<Integer> DAYS_IN_MONTH = integer("days_in_month").required();
    public static final Column<Double> DSO = number("dso");
    public static final OutputTable DSO_FORECAST = OutputTable.of("dso_forecast", AS_OF, MONTH_END, DAYS_AHEAD,
            OPENING_AR, EXPECTED_SALES, EXPECTED_COLLECTIONS, EXPECTED_CREDIT_MEMOS, EXPECTED_WRITE_OFFS, ENDING_AR,
            CREDIT_SALES, DAYS_IN_MONTH, DSO, CURRENCY).keyedBy(MONTH_END);

    /** The check that each dso_forecast row closes: opening + sales - collections - credit memos - write-offs. */
    public static OutputChecks.Check dsoForecastCloses() {
        return OutputChecks.equal("ending_ar equals opening_ar + expected_sales - expected_collections"
                + " - expected_credit_memos - expected_write_offs", ENDING_AR.col(), OPENING_AR.col()
                        .plus(EXPECTED_SALES.col()).minus(EXPECTED_COLLECTIONS.col())
                        .minus(EXPECTED_CREDIT_MEMOS.col()).minus(EXPECTED_WRITE_OFFS.col()));
    }

    // forecast_backtest
    public static final Column<LocalDate> ORIGIN = date("origin").required();
    public static final Column<BigDecimal> ABS_ERROR = money("abs_error").required();
    public static final Column<Boolean> COVERED = flag("covered");
    public static final OutputTable BACKTEST = OutputTable.of("forecast_backtest", ORIGIN, WEEK, WEEK_START,
            WEEK_END, FORECAST, LOWER, UPPER, ACTUAL, ABS_ERROR, COVERED, CALIBRATION_ERRORS, CURRENCY)
            .keyedBy(ORIGIN, WEEK);

    // forecast_accuracy
    public static final Column<Integer> ORIGINS = integer("origins").required();
    public static final Column<Double> WAPE = number("wape");
    public static final Column<Double> BIAS = number("bias");
    public static final Column<Integer> ORIGINS_WITH_INTERVAL = integer("origins_with_interval").required();
    public static final Column<Double> COVERAGE = share("coverage");
    public static final Column<Integer> ORIGINS_WITH_INTERVAL_TO_DATE = integer("origins_with_interval_to_date")
            .required();
    public static final Column<Double> COVERAGE_TO_DATE = share("coverage_to_date");
    public static final OutputTable ACCURACY = OutputTable.of("forecast_accuracy", AS_OF, WEEK, ORIGINS, ACTUAL,
            FORECAST, WAPE, BIAS, ORIGINS_WITH_INTERVAL, COVERAGE, ORIGINS_WITH_INTERVAL_TO_DATE, COVERAGE_TO_DATE,
            INTERVAL_LEVEL, CURRENCY).keyedBy(WEEK);

    /** The options of a forecast run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String output, String asOf, String segmentBy, int weeks, int backtestWeeks,
            int calibrationWeeks, double intervalLevel, double intervalAdaptation, int salesWeeks, int maxDaysPastDue) {
    }

    /**
     * The open AR forecast from, the part of it beyond the settlement curves, the backtest's rows, and the one invoice
     * that is most of the trailing sales the new sales are the mean of ({@link SalesConcentration}; null when none is).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOutputs(String openAr, String openArBeyondCurve, long forecastBacktest,
            String newSalesConcentration) {
    }

    private ForecastTables() {
    }
}
