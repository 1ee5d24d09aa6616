package io.arscope.forecast;

import java.time.LocalDate;

import io.arscope.ledger.ReportingCurrency;

/**
 * Configuration of one forecast run.
 *
 * @param input               folder an ingest run wrote (holding canonical/)
 * @param output              folder for the outputs; replaced on rerun
 * @param asOf                origin of the forecast; null for the latest business date in the data
 * @param segmentBy           customer or invoice column whose values get settlement curves of their own; null for
 *                            one curve for all
 * @param minSegmentInvoices  a segment with fewer invoices in its history uses the curve of all segments
 * @param weeks               weeks forecast after the origin
 * @param backtestWeeks       weekly origins before the as-of date that are forecast again and compared with what
 *                            was collected; what the backtest reports
 * @param calibrationWeeks    further weekly origins before those, forecast again only for their errors: with them
 *                            every reported origin's interval rests on as many past errors as the live one's
 * @param intervalLevel       coverage the prediction interval aims at, e.g. 0.8
 * @param minCalibration      fewest past errors at a horizon before an interval is given for it
 * @param salesWeeks          trailing weeks of credit sales whose daily mean is the expected new sales
 * @param historyDays         calendar days before each origin whose payments and open balances the settlement curves
 *                            are estimated from, so that the curves follow how customers pay now
 * @param earliestOffset      earliest day offset from the due date kept apart; invoices with longer terms start there
 * @param maxDaysPastDue      invoices further past due than this are not expected to pay within the horizon
 * @param newInvoiceDays      days after the invoice date the curve of new invoices follows
 * @param reportingCurrency   the currency amounts are forecast in; null for the ledger's one currency
 * @param intervalAdaptation  step by which each side's miss rate moves after a miss or a hold of an earlier origin
 *                            ({@link AdaptiveConformal}); 0 for the plain split conformal interval
 */
public record ForecastOptions(String input, String output, LocalDate asOf, String segmentBy, long minSegmentInvoices,
        int weeks, int backtestWeeks, int calibrationWeeks, double intervalLevel, int minCalibration, int salesWeeks,
        int historyDays, int earliestOffset, int maxDaysPastDue, int newInvoiceDays, String reportingCurrency,
        double intervalAdaptation) implements io.arscope.job.JobOptions {

    /**
     * The adaptation step of {@code arscope forecast}: at 80%, each hold raises a side's miss rate by 0.2 points and
     * each miss on it lowers the rate by 1.8, so a year of drift moves an interval by a few ranks, not to its extremes.
     * Chosen among 0.01 to 0.05 on five backtests (notebooks-docs/forecast-and-report.md).
     */
    public static final double DEFAULT_INTERVAL_ADAPTATION = 0.02;

    public ForecastOptions {
        if (weeks < 1 || backtestWeeks < 0 || calibrationWeeks < 0 || salesWeeks < 1 || historyDays < 7
                || minCalibration < 2) {
            throw new IllegalArgumentException("weeks and sales weeks must be positive, backtest and calibration "
                    + "weeks not negative, "
                    + "history at least 7 days and the minimum calibration at least 2");
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException("interval level must be between 0 and 1, was " + intervalLevel);
        }
        if (earliestOffset > 0 || maxDaysPastDue < 1 || newInvoiceDays < 7 * weeks) {
            throw new IllegalArgumentException("the settlement tables must cover the horizon: earliest offset <= 0, "
                    + "max days past due >= 1, new-invoice days >= 7 x weeks");
        }
        ReportingCurrency.requireCode(reportingCurrency);
        if (!(intervalAdaptation >= 0 && intervalAdaptation < 1)) {
            throw new IllegalArgumentException("interval adaptation must be at least 0 and below 1, was "
                    + intervalAdaptation);
        }
    }

    /** Options forecasting in the ledger's one currency. */
    public ForecastOptions(String input, String output, LocalDate asOf, String segmentBy, long minSegmentInvoices,
            int weeks, int backtestWeeks, int calibrationWeeks, double intervalLevel, int minCalibration,
            int salesWeeks, int historyDays, int earliestOffset, int maxDaysPastDue, int newInvoiceDays) {
        this(input, output, asOf, segmentBy, minSegmentInvoices, weeks, backtestWeeks, calibrationWeeks,
                intervalLevel, minCalibration, salesWeeks, historyDays, earliestOffset, maxDaysPastDue,
                newInvoiceDays, null, DEFAULT_INTERVAL_ADAPTATION);
    }

    /**
     * The defaults of {@code arscope forecast}: 13 weeks, 52 weekly backtest origins calibrated also on the 52 before
     * them, an 80% interval, a year of history.
     */
    public static ForecastOptions defaults(String input, String output, LocalDate asOf, String segmentBy) {
        return new ForecastOptions(input, output, asOf, segmentBy, 200, 13, 52, 52, 0.8, 8, 13, 365, -180, 730, 120);
    }

    public ForecastOptions withBacktestWeeks(int backtestWeeks) {
        return new ForecastOptions(input, output, asOf, segmentBy, minSegmentInvoices, weeks, backtestWeeks,
                calibrationWeeks, intervalLevel, minCalibration, salesWeeks, historyDays, earliestOffset,
                maxDaysPastDue, newInvoiceDays, reportingCurrency, intervalAdaptation);
    }
}
