package io.arscope.report;

import java.time.LocalDate;
import java.util.List;

import io.arscope.metrics.ProvisionMatrix;
import io.arscope.risk.ModelGate;

/**
 * Everything the CFO report shows, read from the outputs of the metrics, forecast and worklist jobs; the report
 * itself computes nothing but changes between months.
 *
 * @param asOf         as-of date of the metrics run
 * @param months       total-portfolio months, oldest first
 * @param bucketLabels aging bucket labels, current first
 * @param provision    the provision matrix: one line per bucket
 * @param forecast     the forecast run, or null when none was given
 * @param riskiest     customers with the most open money expected to be paid late, or null without a worklist
 * @param currency     the reporting currency of every amount, or null when the metrics predate the column
 * @param slices       the latest month of each slice but the total (segment, region, ...), as period_metrics has them
 * @param trends       the total portfolio's trends of period_metrics' ratios and days, with their slope test
 * @param lastMonthProvision the provision matrix as it stood at the month-end before the as-of date: that
 *                     month-end's balances at the roll rates known then; empty when it cannot be recomputed
 * @param activity     the collection-activity metrics of the latest month, the total first, then each slice; null
 *                     when the metrics run predates them
 * @param watch        the customers to watch from the score run's customer scores, or why there are none
 * @param alerts       the alerts since the last run, or null when no alerts run was given
 * @param worklistGate the model gate behind the worklist's probabilities, as its manifest records it; null without
 *                     a worklist or when the manifest does not say
 * @param invoicingCutOff the metrics run's warning that the latest month's invoices stop early, or null
 * @param currencySetByMapping the invoices' currency when the ingest's mapping set it, the export naming none; null
 *                     when the export named it
 * @param ingestRejects what ingest rejected of the export behind the figures, said in a sentence; null when nothing
 *                      was or the ingest does not record it
 * @param convertedFrom the ledger's currencies the metrics converted into {@code currency}; null when none, or when
 *                      the metrics run does not record them
 */
public record ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
        Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
        List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch,
        io.arscope.alerts.AlertList alerts, ModelGate worklistGate, String invoicingCutOff,
        String currencySetByMapping, String ingestRejects, List<String> convertedFrom) {

    /** Data with no word on the currencies converted. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch,
            io.arscope.alerts.AlertList alerts, ModelGate worklistGate, String invoicingCutOff,
            String currencySetByMapping, String ingestRejects) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, watch, alerts, worklistGate, invoicingCutOff, currencySetByMapping, ingestRejects, null);
    }

    /** Data with no word on what ingest rejected. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch,
            io.arscope.alerts.AlertList alerts, ModelGate worklistGate, String invoicingCutOff,
            String currencySetByMapping) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, watch, alerts, worklistGate, invoicingCutOff, currencySetByMapping, null);
    }

    /** Data with no caveat from the metrics run. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch,
            io.arscope.alerts.AlertList alerts, ModelGate worklistGate) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, watch, alerts, worklistGate, null, null);
    }

    /** Data with no word on the worklist's model gate. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch,
            io.arscope.alerts.AlertList alerts) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, watch, alerts, null);
    }

    /** Data with no alerts given. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity, Watch watch) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, watch, null);
    }

    /** Data with no customer scores given. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision, List<Activity> activity) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                activity, Watch.absent(Watch.NO_SCORES));
    }

    /** Data from a metrics run that predates the collection-activity metrics. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest, String currency, List<Slice> slices, List<Trend> trends,
            List<ProvisionLine> lastMonthProvision) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, currency, slices, trends, lastMonthProvision,
                null);
    }

    /** Data whose amounts are in the ledger's one currency, not named, with no slice and no trend. */
    public ReportData(LocalDate asOf, List<Month> months, List<String> bucketLabels, List<ProvisionLine> provision,
            Forecast forecast, List<RiskyCustomer> riskiest) {
        this(asOf, months, bucketLabels, provision, forecast, riskiest, null, List.of(), List.of(), List.of());
    }

    /** The credit-loss allowance: the ECL of every bucket of the provision matrix; null if one is missing. */
    public Double allowance() {
        return sum(provision.stream().map(ProvisionLine::ecl).toList());
    }

    /** Whether any month on record wrote money off: without one, no loss rate is measured. */
    public boolean writeOffsOnRecord() {
        return writeOffsIn(months);
    }

    static boolean writeOffsIn(List<Month> months) {
        return months.stream().anyMatch(m -> m.writeOffs() != null && m.writeOffs() != 0);
    }

    /** Why the allowance, or a line's loss rate, is unknown. */
    public String allowanceUnknown() {
        return ProvisionMatrix.unknownBecause(writeOffsOnRecord());
    }

    /** The allowance at the month-end before the as-of date; null when it could not be recomputed. */
    public Double lastMonthAllowance() {
        return lastMonthProvision.isEmpty() ? null : sum(lastMonthProvision.stream().map(ProvisionLine::ecl).toList());
    }

    /** The sum of {@code values}, or null when one of them is missing. */
    public static Double sum(List<Double> values) {
        return values.contains(null) ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * One month of the total portfolio, as the metrics job's period_metrics gives it; a figure is null where the
     * metrics left it empty (a ratio with nothing to divide by, or an older output with a value missing). Ending AR
     * is gross (the open invoices), net ending AR is less the on-account items.
     */
    public record Month(String month, Double endingAr, Double creditSales, Double collections, Double pastDueAr,
            List<Double> buckets, Double dsoStandard, Double dsoCountback, Double bpdsoCountback, Double ddsoCountback,
            Double cei, Double badDebtRatio, Double netEndingAr, Double disputedAr, Double writeOffs) {

        /** Past-due AR over ending AR; null when there is no AR, or a figure is missing. */
        public Double pastDueShare() {
            return endingAr == null || pastDueAr == null || endingAr == 0 ? null : pastDueAr / endingAr;
        }
    }

    /**
     * One slice's month, such as segment = Services: its figures as in {@link Month}, null where period_metrics has
     * them empty.
     */
    public record Slice(String dimension, String value, Month month) {
    }

    /**
     * One slice's collection-activity metrics in one month, as the metrics job's collection_activity gives them: null
     * where it has them empty (no activity of the kind recorded by then, or nothing to divide by).
     */
    public record Activity(String dimension, String value, LocalDate monthEnd, Long promisesClosed,
            Double keptRateCount, Double keptRateAmount, Long brokenOpenCount, Double brokenOpenUnpaid,
            Double overdueAr, Double contactCoverage, Long instalmentsClosed, Double planAdherenceCount,
            Double planAdherenceAmount, Long contactPaidInvoices, Double avgDaysContactToPay) {
    }

    /**
     * The trend of one metric of the total portfolio, as the metrics job's trends table gives it: the latest value and
     * the one a year before (null when there is none), the least-squares slope per month and its two-sided p-value
     * (null when there are too few points).
     */
    public record Trend(String metric, String latestMonth, Double latest, Double yearAgo, Double slopePerMonth,
            Double pValue, int points) {
    }

    /**
     * One aging bucket of the provision matrix: its average roll rate onwards, loss rate, balance and ECL; null
     * where the matrix has them empty.
     */
    public record ProvisionLine(String bucket, Double rollRate, Double lossRate, Double balance, Double ecl,
            double overlay) {
    }

    /**
     * The forecast run: weeks ahead, their total's interval, DSO at month-ends and the backtest accuracy.
     *
     * @param salesConcentration the one invoice that is most of the trailing sales whose mean the new sales are, in
     *                           words ({@link io.arscope.forecast.SalesConcentration}); null when none is
     */
    public record Forecast(LocalDate asOf, List<Week> weeks, List<MonthEnd> dso, List<Accuracy> accuracy,
            double intervalLevel, HorizonTotal total, String salesConcentration) {
    }

    /**
     * The interval of the cash expected over all the weeks (null bounds where too few past origins calibrate one), and
     * how often the same interval held that cash at the backtest's origins (null where none had one).
     */
    public record HorizonTotal(Double lower, Double upper, int withInterval, Double coverage) {
    }

    public record Week(int week, LocalDate start, LocalDate end, double fromOpen, double fromNewSales, Double lower,
            Double upper) {

        public double expected() {
            return fromOpen + fromNewSales;
        }
    }

    /**
     * A month-end of the DSO forecast, with the movements that close it: opening AR + expected sales - expected
     * collections - expected credit memos - expected write-offs = ending AR.
     */
    public record MonthEnd(LocalDate monthEnd, double openingAr, double expectedSales, double expectedCollections,
            double expectedCreditMemos, double expectedWriteOffs, double endingAr, double creditSales, Double dso) {
    }

    public record Accuracy(int week, int origins, Double wape, Double bias, int withInterval, Double coverage) {
    }

    /** A customer line of the worklist; the overdue amount is null where the worklist left it empty. */
    public record RiskyCustomer(String customerId, String name, String collector, String queue, double openAmount,
            Double overdueAmount, double probabilityLate, int maxDaysPastDue, String nextAction) {

        public double expectedLate() {
            return openAmount * probabilityLate;
        }
    }

    /**
     * The customers to watch: those with the most exposure times probability of going more than 60 days past due
     * within 90 days, as the score run's customer_scores has them; or, when there are none, why.
     */
    public record Watch(List<WatchCustomer> customers, String absent) {

        public static final String NO_SCORES = "no score run was given to this report";

        public static Watch absent(String why) {
            return new Watch(null, why);
        }
    }

    /**
     * One customer of customer_scores: null where the table has the figure empty (nothing open, no current limit,
     * no suggestion, no change), with the rule's basis saying why.
     */
    public record WatchCustomer(String customerId, String name, double exposure, double probability, String band,
            double exposureAtRisk, Integer maxDaysPastDue, String reason, Double creditLimit, Double suggestedLimit,
            Double limitChange, String limitBasis) {
    }
}
