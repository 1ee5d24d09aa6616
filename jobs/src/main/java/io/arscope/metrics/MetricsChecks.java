package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.job.Column;
import io.arscope.job.OutputChecks;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Slices;

/**
 * The metrics outputs' own checks, run before they are published beside those each table's declaration implies: a
 * balance equals the sum of its aging buckets (period_metrics' ending AR, the aging tables' open amount), the net
 * balance is that gross balance less the on-account items, and every dimension's slices add up to the total, since
 * each invoice and each on-account item has exactly one value of each dimension.
 */
final class MetricsChecks {

    /** The figures of period_metrics that each dimension's slices add up to. */
    static final List<Column<?>> ADDED_UP = List.of(MetricsTables.INVOICES_ISSUED, MetricsTables.INVOICES_DISPUTED,
            MetricsTables.DUE_COUNT, MetricsTables.ON_TIME_COUNT, MetricsTables.CREDIT_SALES, MetricsTables.ENDING_AR,
            MetricsTables.ON_ACCOUNT, MetricsTables.NET_ENDING_AR);

    private static final String TOTAL = "total_";

    private MetricsChecks() {
    }

    /** period_metrics: ending AR equals the sum of its aging buckets. */
    static OutputChecks.Check endingArAged(AgingBuckets buckets) {
        return OutputChecks.sumOf(MetricsTables.ENDING_AR, MetricsTables.bucketColumns(buckets), "its aging buckets");
    }

    /** period_metrics: the net ending AR is the (gross) ending AR less the on-account items. */
    static OutputChecks.Check netEndingAr() {
        return OutputChecks.equal("net_ending_ar equals ending_ar less on_account", MetricsTables.NET_ENDING_AR.col(),
                MetricsTables.ENDING_AR.col().minus(MetricsTables.ON_ACCOUNT.col()));
    }

    /** aging_by_slice and aging_by_customer: the net amount is the open amount less the on-account items. */
    static OutputChecks.Check netAmount() {
        return OutputChecks.equal("net_amount equals open_amount less on_account", MetricsTables.NET_AMOUNT.col(),
                MetricsTables.OPEN_AMOUNT.col().minus(MetricsTables.ON_ACCOUNT.col()));
    }

    /** aging_by_slice and aging_by_customer: the open amount equals the sum of its aging buckets. */
    static OutputChecks.Check openAmountAged(AgingBuckets buckets) {
        return OutputChecks.sumOf(MetricsTables.OPEN_AMOUNT, MetricsTables.bucketColumns(buckets),
                "its aging buckets");
    }

    /**
     * For every dimension and period of period_metrics, the figures of {@link #ADDED_UP} summed over the dimension's
     * values equal the total's.
     *
     * @throws io.arscope.job.OutputCheckException naming the dimension and period where they do not
     */
    static void slicesAddUp(Dataset<Row> periodMetrics) {
        List<org.apache.spark.sql.Column> totals = new ArrayList<>(List.of(MetricsTables.PERIOD_TYPE.col(),
                MetricsTables.PERIOD.col()));
        List<org.apache.spark.sql.Column> sums = new ArrayList<>();
        List<OutputChecks.Check> checks = new ArrayList<>();
        for (Column<?> figure : ADDED_UP) {
            totals.add(figure.col().as(TOTAL + figure.name()));
            sums.add(sum(figure.col()).as(figure.name()));
            checks.add(OutputChecks.equal(figure.name() + " of each dimension's slices adds up to the total",
                    col(figure.name()), col(TOTAL + figure.name())));
        }
        Dataset<Row> total = periodMetrics.filter(MetricsTables.DIMENSION.col().equalTo(Slices.TOTAL))
                .select(totals.toArray(org.apache.spark.sql.Column[]::new));
        Dataset<Row> bySlices = periodMetrics.filter(MetricsTables.DIMENSION.col().notEqual(Slices.TOTAL))
                .groupBy(MetricsTables.DIMENSION.col(), MetricsTables.PERIOD_TYPE.col(), MetricsTables.PERIOD.col())
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(org.apache.spark.sql.Column[]::new));
        OutputChecks.verify(MetricsTables.PERIOD_METRICS.name(), List.of(MetricsTables.DIMENSION.name(),
                MetricsTables.PERIOD_TYPE.name(), MetricsTables.PERIOD.name()),
                bySlices.join(total, scala.collection.JavaConverters.asScalaBuffer(List.of(
                        MetricsTables.PERIOD_TYPE.name(), MetricsTables.PERIOD.name())).toSeq(), "left"), checks);
    }
}
