package io.arscope.metrics;

import static io.arscope.job.Column.MONEY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Slices;

/** Aging as of the as-of date per slice: the open items' amounts by bucket, summed for each dimension value. */
final class AgingBySlice {

    private AgingBySlice() {
    }

    /** Open, disputed and per-bucket amounts of the open items, summed per slice. */
    static Dataset<Row> of(Dataset<Row> openItems, AgingBuckets buckets, List<String> dims) {
        return Slices.sum(openItems.select(columns(buckets, dims)), dims, List.of("as_of"), measures(buckets));
    }

    private static List<String> measures(AgingBuckets buckets) {
        List<String> m = new ArrayList<>(List.of("open_amount", "disputed_amount"));
        buckets.labels().forEach(l -> m.add(AgingBuckets.column(l)));
        return m;
    }

    private static org.apache.spark.sql.Column[] columns(AgingBuckets buckets, List<String> dims) {
        List<org.apache.spark.sql.Column> c = new ArrayList<>(List.of(org.apache.spark.sql.functions.col("as_of"),
                org.apache.spark.sql.functions.col("open_amount"),
                org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("disputed"),
                        org.apache.spark.sql.functions.col("open_amount")).otherwise(BigDecimal.ZERO)
                        .cast(MONEY).as("disputed_amount")));
        for (String label : buckets.labels()) {
            c.add(org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("bucket").equalTo(label),
                    org.apache.spark.sql.functions.col("open_amount")).otherwise(BigDecimal.ZERO)
                    .cast(MONEY).as(AgingBuckets.column(label)));
        }
        dims.forEach(d -> c.add(org.apache.spark.sql.functions.col(d)));
        return c.toArray(org.apache.spark.sql.Column[]::new);
    }

    /** The whole portfolio's open amount in each bucket, current first. */
    static List<BigDecimal> totalBalances(Dataset<Row> agingBySlice, AgingBuckets buckets) {
        List<Row> total = agingBySlice.filter(org.apache.spark.sql.functions.col(Slices.DIMENSION).equalTo(Slices.TOTAL))
                .collectAsList();
        List<BigDecimal> balances = new ArrayList<>();
        for (String label : buckets.labels()) {
            balances.add(total.isEmpty() ? BigDecimal.ZERO : SliceMonths.money(total.get(0), AgingBuckets.column(label)));
        }
        return balances;
    }
}
