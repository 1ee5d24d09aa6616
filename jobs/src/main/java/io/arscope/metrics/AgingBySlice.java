package io.arscope.metrics;

import static io.arscope.job.Column.MONEY;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.Slices;

/**
 * Aging as of the as-of date per slice: the open items' amounts by bucket, and the on-account items on a line of
 * their own, summed for each dimension value.
 */
final class AgingBySlice {

    private AgingBySlice() {
    }

    /**
     * Open, disputed and per-bucket amounts of the open items, and the on-account items dated by {@code asOf} on a
     * line of their own, summed per slice, with the net (open less on account).
     *
     * @param onAccount {@link OnAccountItems} with the dimensions {@code dims}
     */
    static Dataset<Row> of(Dataset<Row> openItems, Dataset<Row> onAccount, LocalDate asOf, AgingBuckets buckets,
            List<String> dims) {
        Dataset<Row> items = onAccount.filter(col(OnAccountItems.DATE).leq(lit(asOf))).select(columns(
                lit(asOf), lit(BigDecimal.ZERO), lit(false), lit(""), col(OnAccountItems.AMOUNT), buckets, dims));
        return Slices.sum(openItems.select(columns(col("as_of"), col("open_amount"), col("disputed"), col("bucket"),
                        lit(BigDecimal.ZERO), buckets, dims)).unionByName(items), dims, List.of("as_of"),
                        measures(buckets))
                .withColumn("net_amount", col("open_amount").minus(col(OnAccountItems.BALANCE)).cast(MONEY));
    }

    private static List<String> measures(AgingBuckets buckets) {
        List<String> m = new ArrayList<>(List.of("open_amount", OnAccountItems.BALANCE, "disputed_amount"));
        buckets.labels().forEach(l -> m.add(AgingBuckets.column(l)));
        return m;
    }

    private static Column[] columns(Column asOf, Column open, Column disputed, Column bucket, Column onAccount,
            AgingBuckets buckets, List<String> dims) {
        List<Column> c = new ArrayList<>(List.of(asOf.as("as_of"), open.cast(MONEY).as("open_amount"),
                onAccount.cast(MONEY).as(OnAccountItems.BALANCE),
                when(disputed, open).otherwise(BigDecimal.ZERO).cast(MONEY).as("disputed_amount")));
        for (String label : buckets.labels()) {
            c.add(when(bucket.equalTo(label), open).otherwise(BigDecimal.ZERO).cast(MONEY)
                    .as(AgingBuckets.column(label)));
        }
        dims.forEach(d -> c.add(col(d)));
        return c.toArray(Column[]::new);
    }

    /** The whole portfolio's open amount in each bucket, current first. */
    static List<BigDecimal> totalBalances(Dataset<Row> agingBySlice, AgingBuckets buckets) {
        List<Row> total = agingBySlice.filter(col(Slices.DIMENSION).equalTo(Slices.TOTAL))
                .collectAsList();
        List<BigDecimal> balances = new ArrayList<>();
        for (String label : buckets.labels()) {
            balances.add(total.isEmpty() ? BigDecimal.ZERO : SliceMonths.money(total.get(0), AgingBuckets.column(label)));
        }
        return balances;
    }
}
