package io.arscope.metrics;

import static io.arscope.job.Column.count;
import static io.arscope.job.Column.date;
import static io.arscope.job.Column.flag;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.InputException;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Slices;
import io.arscope.model.CanonicalTable;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * The tables the metrics job writes, each declared once: the job builds its rows through these declarations and
 * the report and walk-throughs read them through the same. Columns are defined in notebooks-docs/metrics-outputs.md.
 */
public final class MetricsTables {

    public static final String MANIFEST = "metrics-run.json";

    // Shared by the sliced tables.
    public static final Column<String> DIMENSION = text(Slices.DIMENSION).required();
    public static final Column<String> VALUE = text(Slices.VALUE).required();
    public static final Column<LocalDate> AS_OF = date("as_of").required();

    // period_metrics
    public static final Column<String> PERIOD_TYPE = text("period_type").required();
    public static final Column<String> PERIOD = text("period").required();
    public static final Column<LocalDate> PERIOD_START = date("period_start").required();
    public static final Column<LocalDate> PERIOD_END = date("period_end").required();
    public static final Column<Integer> MONTHS = integer("months").required();
    public static final Column<Integer> DAYS = integer("days").required();
    public static final Column<BigDecimal> CREDIT_SALES = money("credit_sales").required();
    public static final Column<BigDecimal> COLLECTIONS = money("collections").required();
    public static final Column<BigDecimal> CREDIT_MEMOS = money("credit_memos").required();
    public static final Column<BigDecimal> WRITE_OFFS = money("write_offs").required();
    public static final Column<BigDecimal> BEGINNING_AR = money("beginning_ar").required();
    public static final Column<BigDecimal> ENDING_AR = money("ending_ar").required();
    /** On-account items (unapplied cash, unallocated credit) at the period end or as-of date: a credit, positive. */
    public static final Column<BigDecimal> ON_ACCOUNT = money("on_account").required();
    public static final Column<BigDecimal> NET_ENDING_AR = money("net_ending_ar").required();
    public static final Column<BigDecimal> CURRENT_AR = money("current_ar").required();
    public static final Column<BigDecimal> PAST_DUE_AR = money("past_due_ar").required();
    public static final Column<BigDecimal> DISPUTED_AR = money("disputed_ar").required();
    public static final Column<Double> DSO_STANDARD = number("dso_standard");
    public static final Column<Double> DSO_AVERAGE = number("dso_average");
    public static final Column<Double> DSO_COUNTBACK = number("dso_countback");
    public static final Column<Double> BPDSO_STANDARD = number("bpdso_standard");
    public static final Column<Double> BPDSO_COUNTBACK = number("bpdso_countback");
    public static final Column<Double> DDSO_STANDARD = number("ddso_standard");
    public static final Column<Double> DDSO_COUNTBACK = number("ddso_countback");
    public static final Column<Double> ADD_PAST_DUE = number("add_past_due");
    public static final Column<Double> ADD_ALL_AR = number("add_all_ar");
    public static final Column<Double> CEI = number("cei");
    public static final Column<Double> COLLECTION_RATIO = number("collection_ratio");
    public static final Column<Long> INVOICES_ISSUED = count("invoices_issued").required();
    public static final Column<Long> INVOICES_DISPUTED = count("invoices_disputed").required();
    public static final Column<Double> DISPUTE_RATE = share("dispute_rate");
    public static final Column<Double> BAD_DEBT_RATIO = number("bad_debt_ratio");
    public static final Column<Long> DUE_COUNT = count("due_count").required();
    public static final Column<Long> ON_TIME_COUNT = count("on_time_count").required();
    public static final Column<Double> ON_TIME_RATE_COUNT = share("on_time_rate_count");
    public static final Column<BigDecimal> DUE_AMOUNT = money("due_amount").required();
    public static final Column<BigDecimal> ON_TIME_AMOUNT = money("on_time_amount").required();
    public static final Column<Double> ON_TIME_RATE_AMOUNT = share("on_time_rate_amount");
    public static final Column<Double> AVG_DAYS_TO_PAY = number("avg_days_to_pay");
    public static final Column<Double> WADL = number("wadl");
    public static final Column<Double> COHORT_OPEN_SHARE = number("cohort_open_share");
    /** The reporting currency: every amount of the row is in it. */
    public static final Column<String> CURRENCY = text("currency").required();

    /**
     * Every metric per period and slice. A run's table also has a column per aging bucket after {@link #PAST_DUE_AR}
     * ({@link #periodMetrics}); readers find them with {@link AgingBuckets#isColumn}.
     */
    public static final OutputTable PERIOD_METRICS = OutputTable.of("period_metrics", DIMENSION, VALUE, PERIOD_TYPE,
            PERIOD, PERIOD_START, PERIOD_END, MONTHS, DAYS, CREDIT_SALES, COLLECTIONS, CREDIT_MEMOS, WRITE_OFFS,
            BEGINNING_AR, ENDING_AR, ON_ACCOUNT, NET_ENDING_AR, CURRENT_AR, PAST_DUE_AR, DISPUTED_AR, DSO_STANDARD, DSO_AVERAGE, DSO_COUNTBACK,
            BPDSO_STANDARD, BPDSO_COUNTBACK, DDSO_STANDARD, DDSO_COUNTBACK, ADD_PAST_DUE, ADD_ALL_AR, CEI,
            COLLECTION_RATIO, INVOICES_ISSUED, INVOICES_DISPUTED, DISPUTE_RATE, BAD_DEBT_RATIO, DUE_COUNT,
            ON_TIME_COUNT, ON_TIME_RATE_COUNT, DUE_AMOUNT, ON_TIME_AMOUNT, ON_TIME_RATE_AMOUNT, AVG_DAYS_TO_PAY, WADL,
            COHORT_OPEN_SHARE, CURRENCY).keyedBy(DIMENSION, VALUE, PERIOD_TYPE, PERIOD);

    // trends
    public static final Column<String> METRIC = text("metric");
    public static final Column<String> LATEST_MONTH = text("latest_month");
    public static final Column<Double> LATEST = number("latest");
    public static final Column<Double> PREVIOUS = number("previous");
    public static final Column<Double> CHANGE_VS_PREVIOUS = number("change_vs_previous");
    public static final Column<Double> YEAR_AGO = number("year_ago");
    public static final Column<Double> CHANGE_VS_YEAR_AGO = number("change_vs_year_ago");
    public static final Column<Integer> POINTS = integer("points");
    public static final Column<Double> SLOPE_PER_MONTH = number("slope_per_month");
    public static final Column<Double> SLOPE_LOW = number("slope_low");
    public static final Column<Double> SLOPE_HIGH = number("slope_high");
    public static final Column<Double> P_VALUE = number("p_value");
    public static final Column<Double> RANGE_LOW = number("range_low");
    public static final Column<Double> RANGE_HIGH = number("range_high");
    public static final Column<String> RANGE_FLAG = text("range_flag");
    public static final OutputTable TRENDS = OutputTable.of("trends", DIMENSION, VALUE, METRIC, LATEST_MONTH, LATEST,
            PREVIOUS, CHANGE_VS_PREVIOUS, YEAR_AGO, CHANGE_VS_YEAR_AGO, POINTS, SLOPE_PER_MONTH, SLOPE_LOW, SLOPE_HIGH,
            P_VALUE, RANGE_LOW, RANGE_HIGH, RANGE_FLAG).keyedBy(DIMENSION, VALUE, METRIC);

    // amount_trends: the money series' trends, in money
    public static final Column<BigDecimal> LATEST_AMOUNT = money("latest");
    public static final Column<BigDecimal> PREVIOUS_AMOUNT = money("previous");
    public static final Column<BigDecimal> CHANGE_VS_PREVIOUS_AMOUNT = money("change_vs_previous");
    public static final Column<BigDecimal> YEAR_AGO_AMOUNT = money("year_ago");
    public static final Column<BigDecimal> CHANGE_VS_YEAR_AGO_AMOUNT = money("change_vs_year_ago");
    public static final Column<BigDecimal> SLOPE_PER_MONTH_AMOUNT = money("slope_per_month");
    public static final Column<BigDecimal> SLOPE_LOW_AMOUNT = money("slope_low");
    public static final Column<BigDecimal> SLOPE_HIGH_AMOUNT = money("slope_high");
    public static final Column<BigDecimal> RANGE_LOW_AMOUNT = money("range_low");
    public static final Column<BigDecimal> RANGE_HIGH_AMOUNT = money("range_high");
    /** The trends of credit sales, collections and ending AR: as {@link #TRENDS}, every amount DECIMAL. */
    public static final OutputTable AMOUNT_TRENDS = OutputTable.of("amount_trends", DIMENSION, VALUE, METRIC,
            LATEST_MONTH, LATEST_AMOUNT, PREVIOUS_AMOUNT, CHANGE_VS_PREVIOUS_AMOUNT, YEAR_AGO_AMOUNT,
            CHANGE_VS_YEAR_AGO_AMOUNT, POINTS, SLOPE_PER_MONTH_AMOUNT, SLOPE_LOW_AMOUNT, SLOPE_HIGH_AMOUNT, P_VALUE,
            RANGE_LOW_AMOUNT, RANGE_HIGH_AMOUNT, RANGE_FLAG).keyedBy(DIMENSION, VALUE, METRIC);

    // cohort_curves
    public static final Column<String> COHORT_MONTH = text("cohort_month");
    public static final Column<Integer> MONTHS_AFTER = integer("months_after");
    public static final Column<BigDecimal> BILLED = money("billed");
    public static final Column<BigDecimal> COLLECTED_TO_DATE = money("collected_to_date");
    public static final Column<Double> COLLECTED_SHARE = number("collected_share");
    public static final OutputTable COHORT_CURVES = OutputTable.of("cohort_curves", DIMENSION, VALUE, COHORT_MONTH,
            MONTHS_AFTER, BILLED, COLLECTED_TO_DATE, COLLECTED_SHARE)
            .keyedBy(DIMENSION, VALUE, COHORT_MONTH, MONTHS_AFTER);

    // roll_rates
    public static final Column<LocalDate> MONTH_END = date("month_end");
    public static final Column<Integer> BUCKET_INDEX = integer("bucket_index");
    public static final Column<String> FROM_BUCKET = text("from_bucket");
    public static final Column<String> TO = text("to");
    public static final Column<BigDecimal> FROM_AMOUNT = money("from_amount");
    public static final Column<BigDecimal> ROLLED_AMOUNT = money("rolled_amount");
    /** For the last bucket, the amount still open in it at the next month-end; empty for the others. */
    public static final Column<BigDecimal> STAYED_AMOUNT = money("stayed_amount");
    public static final Column<Double> ROLL_RATE = number("roll_rate");
    public static final Column<Boolean> ABOVE_ONE = flag("above_one");
    public static final OutputTable ROLL_RATES = OutputTable.of("roll_rates", MONTH_END, BUCKET_INDEX, FROM_BUCKET,
            TO, FROM_AMOUNT, ROLLED_AMOUNT, STAYED_AMOUNT, ROLL_RATE, ABOVE_ONE).keyedBy(MONTH_END, FROM_BUCKET);

    // provision_matrix
    public static final Column<String> BUCKET = text("bucket");
    public static final Column<Integer> MONTHS_AVERAGED = integer("months_averaged");
    public static final Column<Double> LOSS_RATE = number("loss_rate");
    public static final Column<Double> OVERLAY = number("overlay");
    public static final Column<BigDecimal> BALANCE = money("balance");
    public static final Column<BigDecimal> ECL = money("ecl");
    /** The line of the provision matrix that adds up its buckets. */
    public static final String TOTAL_LINE = "total";
    public static final OutputTable PROVISION_MATRIX = OutputTable.of("provision_matrix", AS_OF, BUCKET,
            MONTHS_AVERAGED, ROLL_RATE, LOSS_RATE, OVERLAY, BALANCE, ECL).keyedBy(BUCKET);

    // open_items, aging_by_customer, aging_by_slice: their slicing columns follow the run's dimensions
    public static final Column<String> INVOICE_ID = text("invoice_id");
    public static final Column<String> CUSTOMER_ID = text("customer_id");
    public static final Column<LocalDate> INVOICE_DATE = date("invoice_date");
    public static final Column<LocalDate> DUE_DATE = date("due_date");
    public static final Column<BigDecimal> INVOICE_AMOUNT = money("invoice_amount");
    public static final Column<BigDecimal> OPEN_AMOUNT = money("open_amount").required();
    /** The open amount less the on-account items. */
    public static final Column<BigDecimal> NET_AMOUNT = money("net_amount").required();
    public static final Column<Integer> DAYS_PAST_DUE = integer("days_past_due");
    public static final Column<Boolean> DISPUTED = flag("disputed");
    public static final Column<Long> OPEN_INVOICES = count("open_invoices");
    public static final Column<BigDecimal> DISPUTED_AMOUNT = money("disputed_amount").required();
    public static final Column<Integer> MAX_DAYS_PAST_DUE = integer("max_days_past_due");

    // collection_activity: each metric's definition in notebooks-docs/metrics-outputs.md
    public static final Column<Long> PROMISES_CLOSED = count("promises_closed");
    public static final Column<Long> PROMISES_KEPT = count("promises_kept");
    public static final Column<Long> PROMISES_PARTLY_KEPT = count("promises_partly_kept");
    public static final Column<Long> PROMISES_BROKEN = count("promises_broken");
    public static final Column<BigDecimal> PROMISED_AMOUNT = money("promised_amount");
    public static final Column<BigDecimal> KEPT_AMOUNT = money("kept_amount");
    public static final Column<Double> PROMISE_KEPT_RATE_COUNT = share("promise_kept_rate_count");
    public static final Column<Double> PROMISE_KEPT_RATE_AMOUNT = share("promise_kept_rate_amount");
    public static final Column<Long> BROKEN_OPEN_COUNT = count("broken_open_count");
    public static final Column<BigDecimal> BROKEN_OPEN_UNPAID = money("broken_open_unpaid");
    public static final Column<BigDecimal> OVERDUE_AR = money("overdue_ar").required();
    public static final Column<BigDecimal> CONTACTED_OVERDUE_AR = money("contacted_overdue_ar");
    public static final Column<Double> CONTACT_COVERAGE = share("contact_coverage");
    public static final Column<Long> INSTALMENTS_CLOSED = count("instalments_closed");
    public static final Column<Long> INSTALMENTS_MET = count("instalments_met");
    public static final Column<BigDecimal> INSTALMENT_AMOUNT = money("instalment_amount");
    public static final Column<BigDecimal> MET_AMOUNT = money("met_amount");
    public static final Column<Double> PLAN_ADHERENCE_COUNT = share("plan_adherence_count");
    public static final Column<Double> PLAN_ADHERENCE_AMOUNT = share("plan_adherence_amount");
    public static final Column<Long> CONTACT_PAID_INVOICES = count("contact_paid_invoices");
    public static final Column<Double> AVG_DAYS_CONTACT_TO_PAY = number("avg_days_contact_to_pay");
    /**
     * Collection-activity metrics per month-end and slice: promises kept, broken promises still open, contact
     * coverage of the overdue balance, plan adherence, days from first contact to payment. A figure is empty where
     * the input holds no activity of its kind for the month; a rate is empty where it has nothing to divide by.
     */
    public static final OutputTable COLLECTION_ACTIVITY = OutputTable.of("collection_activity", DIMENSION, VALUE,
            MONTH_END, PROMISES_CLOSED, PROMISES_KEPT, PROMISES_PARTLY_KEPT, PROMISES_BROKEN, PROMISED_AMOUNT,
            KEPT_AMOUNT, PROMISE_KEPT_RATE_COUNT, PROMISE_KEPT_RATE_AMOUNT, BROKEN_OPEN_COUNT, BROKEN_OPEN_UNPAID,
            OVERDUE_AR, CONTACTED_OVERDUE_AR, CONTACT_COVERAGE, INSTALMENTS_CLOSED, INSTALMENTS_MET, INSTALMENT_AMOUNT,
            MET_AMOUNT, PLAN_ADHERENCE_COUNT, PLAN_ADHERENCE_AMOUNT, CONTACT_PAID_INVOICES, AVG_DAYS_CONTACT_TO_PAY,
            CURRENCY).keyedBy(DIMENSION, VALUE, MONTH_END);

    /** The options of a metrics run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String output, String asOf, String lastMonthEnd, List<String> agingBuckets,
            List<String> dimensions, String dayCount, int graceDays, int rollMonths, double eclOverlay,
            String reportingCurrency) {
    }

    /**
     * Rows written per table, the allowance, and what deserves a look: the roll rates above 1, the latest month's
     * invoicing stopping early ({@link InvoicingCutOff}, absent when it did not), and the invoices' currency when the
     * ingest's mapping set it, the export naming none (absent when the export named it).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOutputs(long periodMetrics, long trends, long amountTrends, long cohortCurves, long rollRates,
            long collectionActivity, String ecl, long rollRatesAboveOne,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String invoicingCutOff,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String invoiceCurrencySetByMapping,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<String> convertedFrom) {
    }

    /**
     * What a metrics run recorded of its outputs in its manifest, among them the invoicing cut-off warning and the
     * currency the mapping set; null when the manifest does not record them.
     */
    public static RunOutputs runOutputs(SparkSession spark, String metrics) throws InputException {
        return RunManifest.outputsIfRecorded(spark, OutputFiles.child(metrics, MANIFEST), "metrics",
                new TypeReference<>() { });
    }

    private MetricsTables() {
    }

    /** period_metrics with a column per aging bucket. */
    public static OutputTable periodMetrics(AgingBuckets buckets) {
        return PERIOD_METRICS.withColumnsAfter(PAST_DUE_AR, bucketColumns(buckets));
    }

    /**
     * A row of period_metrics: one period of one slice, with its aging buckets.
     *
     * @param table {@link #periodMetrics} of the same buckets
     */
    public static Row periodRow(OutputTable table, List<String> slice, PeriodMetrics.Period p,
            AgingBuckets buckets, String currency) {
        OutputTable.RowBuilder row = table.row()
                .set(DIMENSION, slice.get(0)).set(VALUE, slice.get(1))
                .set(PERIOD_TYPE, p.periodType()).set(PERIOD, p.period())
                .set(PERIOD_START, p.start()).set(PERIOD_END, p.end())
                .set(MONTHS, p.months()).set(DAYS, p.days())
                .set(CREDIT_SALES, p.creditSales()).set(COLLECTIONS, p.collections())
                .set(CREDIT_MEMOS, p.creditMemos()).set(WRITE_OFFS, p.writeOffs())
                .set(BEGINNING_AR, p.beginningAr()).set(ENDING_AR, p.endingAr())
                .set(ON_ACCOUNT, p.onAccount()).set(NET_ENDING_AR, p.netEndingAr())
                .set(CURRENT_AR, p.currentAr()).set(PAST_DUE_AR, p.pastDueAr())
                .set(DISPUTED_AR, p.disputedAr())
                .set(DSO_STANDARD, p.dsoStandard()).set(DSO_AVERAGE, p.dsoAverage())
                .set(DSO_COUNTBACK, p.dsoCountback())
                .set(BPDSO_STANDARD, p.bpdsoStandard())
                .set(BPDSO_COUNTBACK, p.bpdsoCountback())
                .set(DDSO_STANDARD, p.ddsoStandard())
                .set(DDSO_COUNTBACK, p.ddsoCountback())
                .set(ADD_PAST_DUE, p.addPastDue()).set(ADD_ALL_AR, p.addAllAr())
                .set(CEI, p.cei()).set(COLLECTION_RATIO, p.collectionRatio())
                .set(INVOICES_ISSUED, p.invoicesIssued())
                .set(INVOICES_DISPUTED, p.invoicesDisputed())
                .set(DISPUTE_RATE, p.disputeRate()).set(BAD_DEBT_RATIO, p.badDebtRatio())
                .set(DUE_COUNT, p.dueCount()).set(ON_TIME_COUNT, p.onTimeCount())
                .set(ON_TIME_RATE_COUNT, p.onTimeRateCount())
                .set(DUE_AMOUNT, p.dueAmount()).set(ON_TIME_AMOUNT, p.onTimeAmount())
                .set(ON_TIME_RATE_AMOUNT, p.onTimeRateAmount())
                .set(AVG_DAYS_TO_PAY, p.avgDaysToPay()).set(WADL, p.wadl())
                .set(COHORT_OPEN_SHARE, p.cohortOpenShare())
                .set(CURRENCY, currency);
        List<Column<BigDecimal>> bucketColumns = bucketColumns(buckets);
        for (int b = 0; b < bucketColumns.size(); b++) {
            row.set(bucketColumns.get(b), p.buckets().get(b));
        }
        return row.build();
    }

    /** Every invoice open at the as-of date, with the columns it is sliced by. */
    public static OutputTable openItems(List<String> dimensions) {
        List<Column<?>> c = new ArrayList<>(List.of(AS_OF, INVOICE_ID, CUSTOMER_ID));
        c.addAll(sliceColumns(dimensions));
        c.addAll(List.of(INVOICE_DATE, DUE_DATE, INVOICE_AMOUNT, OPEN_AMOUNT, DAYS_PAST_DUE, BUCKET, DISPUTED));
        return OutputTable.of("open_items", c).keyedBy(INVOICE_ID);
    }

    /**
     * Aging per customer, with the customer's own slicing columns: the open invoices by bucket, and the customer's
     * on-account items on a line of their own, so that the buckets add up to the open amount and the open amount
     * less the on-account items is the net. A customer with on-account items and no open invoice has a row too.
     */
    public static OutputTable agingByCustomer(List<String> customerDimensions, AgingBuckets buckets) {
        List<Column<?>> c = new ArrayList<>(List.of(AS_OF, CUSTOMER_ID));
        c.addAll(sliceColumns(customerDimensions));
        c.addAll(List.of(OPEN_AMOUNT, ON_ACCOUNT, NET_AMOUNT, OPEN_INVOICES, DISPUTED_AMOUNT, MAX_DAYS_PAST_DUE));
        c.addAll(bucketColumns(buckets));
        return OutputTable.of("aging_by_customer", c).keyedBy(CUSTOMER_ID);
    }

    /** Aging per slice, the on-account items on a line of their own as in {@link #agingByCustomer}. */
    public static OutputTable agingBySlice(AgingBuckets buckets) {
        List<Column<?>> c = new ArrayList<>(List.of(DIMENSION, VALUE, AS_OF, OPEN_AMOUNT, ON_ACCOUNT, NET_AMOUNT,
                DISPUTED_AMOUNT));
        c.addAll(bucketColumns(buckets));
        return OutputTable.of("aging_by_slice", c).keyedBy(DIMENSION, VALUE);
    }

    /** The money column of each aging bucket, current first. */
    public static List<Column<BigDecimal>> bucketColumns(AgingBuckets buckets) {
        return buckets.labels().stream().map(l -> money(AgingBuckets.column(l)).required()).toList();
    }

    /** A canonical invoice or customer column a table is sliced by, with its canonical type. */
    private static List<Column<?>> sliceColumns(List<String> dimensions) {
        return dimensions.stream().<Column<?>>map(d -> Column.typed(d, CanonicalTable.INVOICES.field(d)
                .or(() -> CanonicalTable.CUSTOMERS.field(d)).map(f -> f.type().sparkType())
                .orElseThrow(() -> new IllegalArgumentException("no invoice or customer column '" + d + "'"))))
                .toList();
    }
}
