package io.arscope.report;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.forecast.ForecastJob;
import io.arscope.metrics.MetricsJob;
import io.arscope.ledger.Slices;
import io.arscope.run.OutputFiles;
import io.arscope.worklist.WorklistJob;

/** Reads the Parquet outputs of the metrics, forecast and worklist jobs into {@link ReportData}. */
public final class ReportInputs {

    private static final String BUCKET_PREFIX = "aging_";

    private ReportInputs() {
    }

    /**
     * @param metrics  folder of an {@code arscope metrics} run (required)
     * @param forecast folder of an {@code arscope forecast} run, or null
     * @param worklist folder of an {@code arscope worklist} run, or null
     */
    public static ReportData read(SparkSession spark, String metrics, String forecast, String worklist) {
        var periods = spark.read().parquet(OutputFiles.child(metrics, MetricsJob.PERIOD_METRICS))
                .filter(col(Slices.DIMENSION).equalTo(Slices.TOTAL).and(col(Slices.VALUE).equalTo(Slices.ALL))
                        .and(col("period_type").equalTo("month")))
                .orderBy("period");
        List<String> bucketColumns = Arrays.stream(periods.columns()).filter(c -> c.startsWith(BUCKET_PREFIX))
                .toList();
        List<ReportData.Month> months = new ArrayList<>();
        for (Row r : periods.collectAsList()) {
            months.add(new ReportData.Month(r.getAs("period"), money(r, "ending_ar"), money(r, "credit_sales"),
                    money(r, "collections"), money(r, "past_due_ar"),
                    bucketColumns.stream().map(c -> money(r, c)).toList(), r.getAs("dso_standard"),
                    r.getAs("dso_countback"), r.getAs("bpdso_countback"), r.getAs("ddso_countback"), r.getAs("cei"),
                    r.getAs("bad_debt_ratio")));
        }
        List<String> labels = bucketColumns.stream().map(ReportInputs::bucketLabel).toList();
        List<ReportData.ProvisionLine> provision = new ArrayList<>();
        LocalDate asOf = null;
        // The matrix carries a 'total' line beside the buckets; the report adds up the buckets itself.
        for (Row r : spark.read().parquet(OutputFiles.child(metrics, MetricsJob.PROVISION_MATRIX))
                .filter(col("bucket").isin(labels.toArray())).collectAsList()) {
            asOf = r.getAs("as_of");
            provision.add(new ReportData.ProvisionLine(r.getAs("bucket"), r.getAs("roll_rate"), r.getAs("loss_rate"),
                    money(r, "balance"), money(r, "ecl"), r.getAs("overlay")));
        }
        provision.sort(java.util.Comparator.comparingInt(p -> labels.indexOf(p.bucket())));
        return new ReportData(asOf, months, labels, provision, forecast == null ? null : forecast(spark, forecast),
                worklist == null ? null : riskiest(spark, worklist));
    }

    /** aging_1_30 back to 1-30, aging_91_plus to 91+, as the metrics job named them. */
    static String bucketLabel(String column) {
        return column.substring(BUCKET_PREFIX.length()).replace("_plus", "+").replace('_', '-');
    }

    private static ReportData.Forecast forecast(SparkSession spark, String dir) {
        List<ReportData.Week> weeks = new ArrayList<>();
        LocalDate asOf = null;
        double level = 0;
        for (Row r : spark.read().parquet(OutputFiles.child(dir, ForecastJob.CASH_FORECAST)).orderBy("week")
                .collectAsList()) {
            asOf = r.getAs("as_of");
            level = r.getAs("interval_level");
            weeks.add(new ReportData.Week(r.getAs("week"), r.getAs("week_start"), r.getAs("week_end"),
                    money(r, "from_open_invoices"), money(r, "from_new_sales"), optionalMoney(r, "lower"),
                    optionalMoney(r, "upper")));
        }
        List<ReportData.MonthEnd> dso = new ArrayList<>();
        for (Row r : spark.read().parquet(OutputFiles.child(dir, ForecastJob.DSO_FORECAST)).orderBy("month_end")
                .collectAsList()) {
            dso.add(new ReportData.MonthEnd(r.getAs("month_end"), money(r, "ending_ar"), money(r, "credit_sales"),
                    r.getAs("dso")));
        }
        List<ReportData.Accuracy> accuracy = new ArrayList<>();
        for (Row r : spark.read().parquet(OutputFiles.child(dir, ForecastJob.ACCURACY)).orderBy("week")
                .collectAsList()) {
            accuracy.add(new ReportData.Accuracy(r.getAs("week"), r.getAs("origins"), r.getAs("wape"), r.getAs("bias"),
                    r.getAs("origins_with_interval"), r.getAs("coverage")));
        }
        return new ReportData.Forecast(asOf, weeks, dso, accuracy, level);
    }

    private static List<ReportData.RiskyCustomer> riskiest(SparkSession spark, String dir) {
        List<ReportData.RiskyCustomer> out = new ArrayList<>();
        var customers = spark.read().parquet(OutputFiles.child(dir, WorklistJob.CUSTOMERS))
                .orderBy(col("open_amount").multiply(col("probability_late")).desc(), col("customer_id"))
                .limit(CfoReport.RISKIEST);
        for (Row r : customers.collectAsList()) {
            out.add(new ReportData.RiskyCustomer(r.getAs("customer_id"), r.getAs("customer_name"), r.getAs("collector"),
                    r.getAs("queue"), money(r, "open_amount"), money(r, "overdue_amount"),
                    ((Number) r.getAs("probability_late")).doubleValue(),
                    ((Number) r.getAs("max_days_past_due")).intValue(), r.getAs("next_action")));
        }
        return out;
    }

    private static double money(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0 : ((BigDecimal) v).doubleValue();
    }

    private static Double optionalMoney(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? null : ((BigDecimal) v).doubleValue();
    }
}
